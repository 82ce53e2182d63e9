"""Modality of a conflict cue from its parse: what never becomes an asserted event."""

import pytest

from fogmap.extract.extractor import TextToExtract


def _modalities(extractor, text):
    [result] = extractor([TextToExtract("d", text)])
    return {c.trigger_text: c.modality for c in result.candidates}


@pytest.mark.parametrize("text, cue, expected", [
    ("The army denied that rebels attacked the town.", "attacked", "negated"),
    ("Rebels never attacked the base.", "attacked", "negated"),
    ("The militia did not attack the convoy.", "attack", "negated"),
    ("There was no attack on the camp, the ministry said.", "attack", "negated"),
    ("The group rejected reports that it had bombed the market.", "bombed", "negated"),
    ("If the militia was behind the blast, it would be its first in the city.", "blast", "hypothetical"),
    ("Officials said the strike could kill hundreds.", "kill", "hypothetical"),
    ("The group threatened to attack the convoy.", "attack", "planned"),
    ("Insurgents plan to attack the city next week.", "attack", "planned"),
    ("A storm hit the coast.", "storm", None),
    ("ISIS will attack again, the minister said.", "attack", "planned"),
    ("Syrian warplanes struck Idlib on Tuesday, killing 12 civilians.", "killing", "asserted"),
    ("Gunmen attacked a checkpoint near Kabul, police said.", "attacked", "asserted"),
    # a verb reached through the cue as its subject says something about the event, not that it failed to happen
    ("Near Tal Afar, an airstrike denied ISIL key terrain.", "airstrike", "asserted"),
    ("One strike against an ISIL artillery piece was not successful.", "strike", "asserted"),
    ("The attack did not happen, the ministry said.", "attack", "negated"),
    # the parser can hang "not" on an adverb between it and the verb
    ("The minister most certainly did not even ever clash with the rebels.", "clash", "negated"),
    # a wish governs its complement only
    ("The president wants the army to attack the rebels.", "attack", "planned"),
    ("Militants urged followers to attack police stations.", "attack", "planned"),
    ("The family wants justice for the attack on the school.", "attack", "asserted"),
])
def test_modality(extractor, text, cue, expected):
    found = _modalities(extractor, text)
    if expected is None:  # not a cue at all ("storm" alone is weather)
        assert cue not in found
    else:
        assert found[cue] == expected


def test_embedded_negation_of_the_reporting_verb_does_not_negate_the_event(extractor):
    # "could not confirm" hedges the report; it does not say the killing did not happen
    found = _modalities(extractor, "Officials could not confirm that 12 people were killed in Aleppo.")
    assert found["killed"] == "asserted"


def test_sentences_without_markers_are_not_parsed_and_are_asserted(extractor):
    [result] = extractor([TextToExtract("d", "Rebels attacked the town. The army did not attack the camp.")])
    parsed = {s.seq: s.parsed for s in result.sentences}
    assert parsed == {0: False, 1: True}
    assert [c.modality for c in result.candidates] == ["asserted", "negated"]
