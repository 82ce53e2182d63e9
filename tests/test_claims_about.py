"""What a claim is about (fogmap.claims.about): the doer or backer its content names, and the event,
control statement or relation of the document it points at; hand-built sentences and records."""

from __future__ import annotations

import datetime as dt

import pytest

from fogmap.claims.about import (acts, linked_controls, linked_event, linked_relations, own_side_phrases,
                                 pointed_kinds, refers_to_event)
from fogmap.records import ControlAssertion, Event, EventArgument, Relation, Span

DOC = "d"


def spans_of(sentence: str, *words: str) -> list[tuple[int, int]]:
    return [(sentence.index(w), sentence.index(w) + len(w)) for w in words]


def doers(sentence: str, content: str, actors: list[str], pronouns: bool = True, it: bool = True
          ) -> list[tuple[str, str, bool]]:
    start = sentence.index(content)
    own = own_side_phrases(sentence, start, start + len(content), pronouns, it)
    found = acts(sentence, (start, start + len(content)), spans_of(sentence, *actors), own)
    return [(a.role, sentence[a.actor[0]:a.actor[1]], a.own_side) for a in found]


@pytest.mark.parametrize("sentence, content, actors, expected", [
    ("Rescue workers said Russian jets had carried out the raid.", "Russian jets had carried out the raid",
     ["Rescue workers", "Russian jets"], [("perpetrator", "Russian jets", False)]),
    ("Officials said the bomb was possibly planted by al-Shabaab militants.", "the bomb was possibly planted by al-Shabaab militants",
     ["Officials", "al-Shabaab militants"], [("perpetrator", "al-Shabaab militants", False)]),
    ("Amaq said its fighters had carried out the bombing.", "its fighters had carried out the bombing",
     ["Amaq"], [("perpetrator", "its fighters", True)]),
    ("The army said it had shelled the rebels.", "it had shelled the rebels",
     ["army", "rebels"], [("perpetrator", "it", True)]),
    ("A spokesman denied that the group's fighters were involved.", "the group's fighters were involved",
     ["spokesman"], [("perpetrator", "the group's fighters", True)]),
    ("Officials hinted that the drones had come from Iran.", "the drones had come from Iran",
     ["Officials", "drones", "Iran"], [("backer", "Iran", False)]),
    ("Officials said Iran had supplied the rockets.", "Iran had supplied the rockets",
     ["Officials", "Iran"], [("backer", "Iran", False)]),
    ("The Pentagon confirmed that US forces had carried out the strike.", "US forces had carried out the strike",
     ["Pentagon", "US", "US forces"], [("perpetrator", "US forces", False)]),  # the longer phrase wins
    # an appositive between the party and its verb: the party is still the first phrase, not the one inside
    ("The Islamic Resistance in Iraq, an umbrella of Iran-backed militias, possibly carried out the attack, "
     "sources said.", "The Islamic Resistance in Iraq, an umbrella of Iran-backed militias, possibly carried out "
     "the attack", ["The Islamic Resistance in Iraq", "Iran-backed militias"],
     [("perpetrator", "The Islamic Resistance in Iraq", False)]),
    ("The attack might have been the work of Islamic State cells.", "the work of Islamic State cells",
     ["Islamic State cells"], [("perpetrator", "Islamic State cells", False)]),
])
def test_the_doer_the_content_names(sentence, content, actors, expected):
    assert doers(sentence, content, actors) == expected


@pytest.mark.parametrize("sentence, content, actors", [
    ("The army said rebels had not attacked the post.", "rebels had not attacked the post", ["army", "rebels"]),
    ("Officials said if Iran was behind the attack there would be a response.",
     "if Iran was behind the attack there would be a response", ["Officials", "Iran"]),
    ("Rebels attacked the post, officials said.", "officials said", ["Rebels", "officials"]),  # the doer is outside
    ("The ministry said the situation was calm.", "the situation was calm", ["ministry"]),
])
def test_no_doer(sentence, content, actors):
    assert doers(sentence, content, actors) == []


def test_a_pronoun_is_the_speakers_own_side_only_when_asked():
    sentence = "It is likely that they fired the rockets."
    assert doers(sentence, "they fired the rockets", [], pronouns=False) == []
    assert doers(sentence, "they fired the rockets", [], pronouns=True) == [("perpetrator", "they", True)]
    # "it" is a named speaker's own side, not unnamed officials' ("it" is then the blast)
    sentence = "Officials said it killed nine people."
    assert doers(sentence, "it killed nine people", ["Officials"], it=False) == []


def test_the_dead_are_not_the_doers():
    """"hundreds of Taliban killed", "soldiers were killed in the strike": a verb with nothing after it,
    or followed by "in", tells who died."""
    sentence = "Officials reported 150 soldiers and hundreds of Taliban killed."
    assert doers(sentence, "150 soldiers and hundreds of Taliban killed", ["Officials", "soldiers", "Taliban"]) == []
    sentence = "The army said militants were killed in the strike."
    assert doers(sentence, "militants were killed in the strike", ["army", "militants"]) == []


def test_a_named_culprit_is_the_doer():
    sentence = "The army said the Abu Sayyaf Group are the suspected perpetrators."
    assert doers(sentence, "the Abu Sayyaf Group are the suspected perpetrators", ["army", "Abu Sayyaf Group"]) == [
        ("perpetrator", "Abu Sayyaf Group", False)]


TEXT = ("A car bomb exploded in a market on Thursday. The health ministry said 12 people were killed. "
        "No group has claimed responsibility for the bombing. The bombing was probably the work of rebels. "
        "Gunmen attacked a checkpoint on Friday. The army said the attackers fled.")


def sentence(words: str) -> Span:
    start = TEXT.index(words)
    end = TEXT.index(".", start) + 1
    return Span(DOC, start, end)


def event(event_id: str, type_: str, *sentences: str, trigger: str | None = None) -> Event:
    spans = tuple(sentence(s) for s in sentences)
    args = tuple(EventArgument("sentence", s, TEXT[s.start:s.end]) for s in spans)
    if trigger:
        t = TEXT.index(trigger, spans[0].start)
        args += (EventArgument("trigger", Span(DOC, t, t + len(trigger)), trigger),)
    return Event(event_id, type_, "", dt.date(2020, 1, 2), dt.date(2020, 1, 2), 1, "asserted", spans, 0.5,
                 arguments=args)


BOMB = event("bomb", "Explosions/Remote violence", "A car bomb", trigger="exploded")
TOLL = event("toll", "Violence against civilians", "The health ministry", trigger="killed")
RETOLD = event("retold", "Explosions/Remote violence", "No group", "The bombing was")
RAID = event("raid", "Violence against civilians", "Gunmen attacked", trigger="attacked")
EVENTS = (BOMB, TOLL, RETOLD, RAID)


def test_a_claim_is_about_its_own_sentences_event_when_that_tells_one_afresh():
    assert linked_event(EVENTS, sentence("The health ministry"), TEXT) is TOLL


def test_pointing_back_finds_the_last_fresh_event_of_the_kind_named():
    """"The bombing" is the car bomb, not the casualty count told in between nor the retelling."""
    assert linked_event(EVENTS, sentence("The bombing was"), TEXT) is BOMB
    assert linked_event(EVENTS, sentence("No group"), TEXT) is BOMB
    assert linked_event(EVENTS, sentence("The army said"), TEXT) is RAID  # "the attackers": any kind, the last


def test_with_nothing_before_the_first_fresh_event_after_is_taken():
    assert linked_event((RAID,), sentence("The health ministry"), TEXT) is RAID
    assert linked_event((), sentence("The health ministry"), TEXT) is None


def test_what_points_back_and_at_which_kinds():
    bombing = sentence("The bombing was")
    assert pointed_kinds(TEXT, bombing.start, bombing.end) == {"Explosions/Remote violence"}
    attackers = sentence("The army said")
    assert pointed_kinds(TEXT, attackers.start, attackers.end) == frozenset()  # any kind
    toll = sentence("The health ministry")
    assert pointed_kinds(TEXT, toll.start, toll.end) is None


def test_a_content_refers_to_an_event_by_pointing_back_or_holding_a_trigger():
    toll = sentence("The health ministry")
    content = Span(DOC, TEXT.index("12 people"), toll.end - 1)
    assert refers_to_event(EVENTS, toll, content, TEXT)
    calm = Span(DOC, toll.start, toll.start + 10)  # "The health": no trigger, nothing pointed at
    assert not refers_to_event(EVENTS, toll, calm, TEXT)


def test_control_and_relations_are_those_read_from_the_claims_own_words():
    text = "Government forces recaptured Saraqib, the army said. Rebels held talks with the government."
    first, second = Span(DOC, 0, 51), Span(DOC, 52, len(text))
    control = ControlAssertion("c", "Government forces", "Saraqib", "captured",
                               (first, Span(DOC, 0, 17), Span(DOC, 29, 36)), 0.6)
    content = Span(DOC, 0, 36)
    assert linked_controls([control], first, content) == [control]
    assert linked_controls([control], first, Span(DOC, 0, 20)) == []  # its place is not in the content
    assert linked_controls([control], second, content) == []
    stated = Relation("Rebels", "negotiates", "government", (second, Span(DOC, 52, 58), Span(DOC, 79, 89)), id="r")
    battle = Relation("Rebels", "hostile", "government", stated.spans, id="b", source="event")
    assert linked_relations([stated, battle], second, Span(DOC, 52, 89)) == [stated]
