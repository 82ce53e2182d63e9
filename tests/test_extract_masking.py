"""The masked sentence that control and relation patterns read, and place names that are no actors."""

from fogmap.extract.masking import ACTOR, PLACE, compile_pattern, is_place_name, mask, names_of_places
from fogmap.records import DocumentExtraction, Place, PlaceMention, Span


def test_places_win_over_overlapping_actor_phrases_and_slots_map_back():
    sentence = "Kurdish forces took Manbij; the attack took place at dawn."
    town = (sentence.index("Manbij"), sentence.index("Manbij") + len("Manbij"))
    masked = mask(sentence, [(0, 14), town], [town])
    assert masked.text == f"{ACTOR} took {PLACE}; the attack took place at dawn."
    assert masked.spans(ACTOR, 0, len(masked.text)) == [(0, 14)]
    assert masked.spans(PLACE, 0, len(masked.text)) == [town]
    # "took place" is words, never the token
    assert len(compile_pattern("took PLACE").findall(masked.text)) == 1


def test_a_town_named_as_a_place_is_no_actor_but_a_country_is():
    def mention(name, place_id, relation="at"):
        return PlaceMention(Span("d", 0, len(name)), place_id, 1, 1.0, "", name, name, relation)

    ex = DocumentExtraction("d", (), (), (), place_mentions=(
        mention("Sinjar", "g:1"), mention("Iran", "g:2"), mention("Syrian", "g:3", "demonym"), mention("Qzx", None)),
        places=(Place("g:1", "Sinjar", 36.3, 41.9, "P", None, None, "IQ"),
                Place("g:2", "Iran", 32.0, 53.0, "A.PCLI", None, None, "IR"),
                Place("g:3", "Syria", 35.0, 38.5, "A.PCLI", None, None, "SY")))
    names = names_of_places(ex)
    assert names == {"sinjar"}
    assert is_place_name("Sinjar", names) and is_place_name("the Sinjar", names)
    assert not is_place_name("Iran", names) and not is_place_name("Sinjar Resistance Units", names)


def test_an_actor_phrase_holding_a_place_and_more_is_the_actor():
    sentence = "Turkey's troops took Tal Abyad."
    country, town = (0, 6), (21, 30)
    masked = mask(sentence, [(0, 15)], [country, town])
    assert masked.text == f"{ACTOR} took {PLACE}."
    assert masked.spans(ACTOR, 0, len(masked.text)) == [(0, 15)]


def test_subject_and_where_shorthands():
    pattern = compile_pattern("SUBJECT captured WHERE")
    sentence = "The army, backed by allied militias, captured the strategic town of Saraqib."
    masked = mask(sentence, [(4, 8), (20, 35)], [(68, 75)])
    match = pattern.search(masked.text)
    assert match and masked.spans(ACTOR, match.start(), match.end())[0] == (4, 8)
