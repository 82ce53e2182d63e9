"""An event's actors as ACLED codes them: who acted when the reading by position got it wrong, fronts,
theatres, and the sentence before."""

import datetime as dt

import pytest

from fogmap.actors.resolve import default_resolver
from fogmap.events.actors import resolve_event_actors
from fogmap.geo.fronts import load_front_lines

D = dt.date(2020, 5, 7)


def _coded(event_type, subtype, sentence, trigger_word, initiator=None, target=None, country=None, **kw):
    at = sentence.index(trigger_word)
    found = resolve_event_actors(event_type, subtype, initiator, target, country, D, default_resolver(),
                                 sentence=sentence, trigger=(at, at + len(trigger_word)), **kw)
    return (found.actor1.acled_name if found.actor1 else None, found.actor2.acled_name if found.actor2 else None)


def test_fire_no_one_is_named_for_comes_from_across_a_standing_front():
    sentence = "The OSCE SMM observed 61 explosions near Kalynove-Borshchuvate."
    front = load_front_lines().side_in_text(sentence, None, D)
    assert _coded("Battles", "Armed clash", sentence, "explosions", front=front, country="UA") == \
        ("Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya")
    # shelling: ACLED leaves the target blank
    assert _coded("Explosions/Remote violence", "Shelling/artillery/missile attack", sentence, "explosions",
                  front=front, country="UA") == ("Military Forces of Ukraine (2019-)", None)
    # a named attacker is not overridden by where it happened
    named = "Russian-backed separatists shelled positions near Kalynove-Borshchuvate."
    assert _coded("Explosions/Remote violence", "Shelling/artillery/missile attack", named, "shelled",
                  initiator="Russian-backed separatists", front=front, country="UA")[0] == \
        "NAF: United Armed Forces of Novorossiya"


def test_the_agent_of_a_passive_is_the_attacker():
    sentence = "Indiscriminate shells fired by presumed LNA forces injured two health workers in Abu Salim."
    assert _coded("Explosions/Remote violence", "Shelling/artillery/missile attack", sentence, "shells",
                  target="LNA forces")[0] == "Military Forces of Libya (2014-) Haftar Faction"
    killed = ("3 PKK militants were killed during the security operations carried out by the Gendarmerie "
              "forces in Adiyaman.")
    assert _coded("Battles", "Armed clash", killed, "killed", target="3 PKK militants", country="TR") == \
        ("Military Forces of Turkey (2016-) Gendarmerie", "PKK: Kurdistan Workers Party")


def test_civilians_are_never_the_attackers_and_armed_actors_say_the_country():
    sentence = "GNA air force killed six civilians in an airstrike at the entry to Ar Rajban."
    assert _coded("Explosions/Remote violence", "Air/drone strike", sentence, "airstrike",
                  initiator="six civilians") == \
        ("Military Forces of Libya (2016-) Government of National Accord", "Civilians (Libya)")


def test_the_first_of_two_coordinated_sides_leads():
    sentence = "Military forces of India and Pakistan exchanged fire across the LoC."
    assert _coded("Battles", "Armed clash", sentence, "exchanged fire", initiator="Pakistan", country="IN") == \
        ("Military Forces of India (2014-)", "Military Forces of Pakistan (2018-2022)")


def test_a_sentence_naming_no_one_takes_the_actor_of_the_sentence_before():
    before = "Federal police forces seized about 3 tons of marijuana hidden in a farm."
    assert _coded("Strategic developments", "Arrests", "Three people were arrested.", "arrested",
                  country="BR", before=before)[0] == "Police Forces of Brazil (2019-2023) Federal Police"
    before = "The NAF rebel forces fired heavy machine guns at the governmental positions near Avdiivka."
    wounded = "During the day, four Ukrainian soldiers were wounded at unspecified locations."
    assert _coded("Violence against civilians", "Attack", wounded, "wounded", target="four Ukrainian soldiers",
                  country="UA", before=before)[0] == "NAF: United Armed Forces of Novorossiya"


def test_a_named_group_behind_a_generic_word_and_coalition_theatres():
    sentence = "Two Al shabaab militants attacked a police officer in Mogadishu."
    assert _coded("Battles", "Armed clash", sentence, "attacked", initiator="militants", country="SO")[0] == \
        "Al Shabaab"
    strikes = "Saudi forces fired artillery at villages in Razih district."
    assert _coded("Explosions/Remote violence", "Shelling/artillery/missile attack", strikes, "fired",
                  initiator="Saudi forces", country="YE")[0] == "Operation Restoring Hope"


@pytest.mark.parametrize("sentence, trigger", [
    ("Heavy artillery fire by an unknown party was reported in As Sabaa.", "fire"),
])
def test_unnamed_shelling_is_by_an_unidentified_armed_group(sentence, trigger):
    assert _coded("Explosions/Remote violence", "Shelling/artillery/missile attack", sentence, trigger,
                  country="LY")[0] == "Unidentified Armed Group (Libya)"


def test_only_a_named_subject_that_opens_the_sentence_before_carries_over():
    strike = "One strike east of Fallujah destroyed an ISIL vehicle."
    # the actor before is named after its verb: it was the target there, not who acts here
    assert _coded("Explosions/Remote violence", "Air/drone strike", strike, "strike", country="IQ",
                  before="Two strikes near Mosul destroyed an ISIL Humvee.")[0] is None
    # a generic word names no one in particular
    assert _coded("Explosions/Remote violence", "Air/drone strike", strike, "strike", country="IQ",
                  before="All aircraft exited the strike areas safely.")[0] is None
