"""Control statements read from one sentence, with actor and place spans given as a tagger would."""

import pytest

from fogmap.control.statements import sentence_statements


def spans(sentence: str, *words: str) -> list[tuple[int, int]]:
    return [(sentence.index(w), sentence.index(w) + len(w)) for w in words]


@pytest.mark.parametrize("sentence, actor, place, status", [
    ("Kurdish-led forces captured the town of Manbij from Islamic State.", "Kurdish-led forces", "the town of Manbij", "captured"),
    ("Government troops retook Palmyra on Sunday.", "Government troops", "Palmyra", "captured"),
    ("Saraqib fell to government forces overnight.", "government forces", "Saraqib", "captured"),
    ("Idlib remains under the control of Hayat Tahrir al-Sham.", "Hayat Tahrir al-Sham", "Idlib", "controls"),
    ("Houthi rebels still control Sanaa.", "Houthi rebels", "Sanaa", "controls"),
    ("Shells hit rebel-held Douma.", "rebel", "Douma", "controls"),
    ("Islamic State fighters were driven out of Palmyra in March.", "Islamic State fighters", "Palmyra", "lost"),
    ("Russian troops withdrew from Kherson.", "Russian troops", "Kherson", "lost"),
    ("Pockets of ISIL fighters remain in Rawa, near the border.", "ISIL fighters", "Rawa", "contested"),
])
def test_statements_of_control(sentence, actor, place, status):
    found = sentence_statements(sentence, spans(sentence, actor), spans(sentence, place))
    assert [(s, a, p) for s, _, a, p in found] == [(status, spans(sentence, actor)[0], spans(sentence, place)[0])]


def test_fighting_for_a_place_is_contested_without_an_actor():
    sentence = "Fighting for control of Marib intensified."
    assert sentence_statements(sentence, [], spans(sentence, "Marib")) == [("contested", 0.6, None, (24, 29))]


@pytest.mark.parametrize("sentence", [
    "The army failed to capture Saraqib.",
    "The army aims to retake Saraqib before winter.",
    "If the army captured Saraqib, the road would open.",
    "The army did not capture Saraqib.",
])
def test_wishes_failures_and_negations_say_nothing_about_control(sentence):
    assert sentence_statements(sentence, spans(sentence, "The army" if "The army" in sentence else "the army"),
                               spans(sentence, "Saraqib")) == []


def test_an_attributed_statement_is_less_certain_and_took_place_is_not_a_place():
    plain = "Rebels captured Kafr Nabl."
    said = "Rebels captured Kafr Nabl, activists said."
    (_, sure, _, _), = sentence_statements(plain, spans(plain, "Rebels"), spans(plain, "Kafr Nabl"))
    (_, hedged, _, _), = sentence_statements(said, spans(said, "Rebels"), spans(said, "Kafr Nabl"))
    assert hedged < sure
    odd = "The handover took place in Kafr Nabl after talks."
    assert sentence_statements(odd, [], spans(odd, "Kafr Nabl")) == []


def test_a_sentence_without_a_control_word_is_skipped():
    sentence = "Jets bombed Idlib."
    assert sentence_statements(sentence, spans(sentence, "Jets"), spans(sentence, "Idlib")) == []


@pytest.mark.parametrize("sentence, subject, backer, place", [
    ("The Malian army, backed by Wagner mercenaries, captured Kidal on Tuesday.",
     "Malian army", "Wagner mercenaries", "Kidal"),
    ("Syrian forces backed by Russian jets recaptured the ancient city of Palmyra.",
     "Syrian forces", "Russian jets", "Palmyra"),
])
def test_the_subject_takes_the_place_not_those_said_to_back_it(sentence, subject, backer, place):
    found = sentence_statements(sentence, spans(sentence, subject, backer), spans(sentence, place))
    assert [(s, a, p) for s, _, a, p in found] == [("captured", *spans(sentence, subject, place))]


def test_a_country_inside_an_actor_phrase_is_the_actor_s_not_the_place():
    sentence = "Turkey's troops now control Tal Abyad."
    actor, place = spans(sentence, "Turkey's troops", "Tal Abyad")
    found = sentence_statements(sentence, [actor], [spans(sentence, "Turkey")[0], place])
    assert [(s, a, p) for s, _, a, p in found] == [("controls", actor, place)]
