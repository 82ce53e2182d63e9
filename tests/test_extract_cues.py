"""The cue matcher and the event candidates built from it."""

from fogmap.extract.extractor import TextToExtract, candidate_id
from fogmap.extract.lexicon import load_lexicon


def _one(extractor, text):
    [result] = extractor([TextToExtract("doc1", text)])
    return result


def test_candidates_carry_exact_spans_and_classes(extractor):
    text = "On Monday an air strike hit a market in Idlib, Syria, killing nine people."
    result = _one(extractor, text)
    by_text = {c.trigger_text: c for c in result.candidates}
    assert set(by_text) == {"air strike", "killing"}
    strike = by_text["air strike"]
    assert text[strike.trigger.start:strike.trigger.end] == "air strike"
    assert (strike.sentence.start, strike.sentence.end) == (0, len(text))
    assert strike.cue_class == "air_strike" and strike.acled_type == "Explosions/Remote violence"
    assert strike.country == "SY"
    assert strike.id == candidate_id("doc1", strike.trigger.start, strike.trigger.end)


def test_longest_cue_wins(extractor):
    result = _one(extractor, "A car bomb exploded.")
    assert [(c.trigger_text, c.cue) for c in result.candidates] == [("car bomb", "bomb"), ("exploded", "explosion")]


def test_phrases_that_are_not_political_violence_are_excluded(extractor):
    text = "The minister died of a heart attack. Dockers went on a hunger strike. They struck a deal."
    cues = {c.trigger_text for c in _one(extractor, text).candidates}
    assert "attack" not in cues and "strike" not in cues and "struck" not in cues
    assert "died" in cues  # a death is still a cue; the events stage decides whether it is political


def test_text_without_conflict_yields_no_candidates(extractor):
    result = _one(extractor, "The central bank raised interest rates. The football season opens in August.")
    assert result.candidates == ()
    assert len(result.sentences) == 2


def test_entities_are_character_spans_into_the_text(extractor):
    text = "Turkish troops entered northern Syria near Tal Abyad."
    result = _one(extractor, text)
    assert result.entities
    for entity in result.entities:
        assert text[entity.span.start:entity.span.end] == entity.text
    assert result.country_focus == "SY"


def test_lexicon_forms_map_to_known_classes():
    lexicon = load_lexicon()
    assert lexicon.forms["airstrikes"].cue_class == "air_strike"
    assert lexicon.forms["kidnapped"].acled_type == "Violence against civilians"
    assert "heart attack" in lexicon.exclusions
    assert lexicon.markers["denied"] == "denial"
    assert {c.acled_type for c in lexicon.forms.values()} <= {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments", "Unspecified violence"}
