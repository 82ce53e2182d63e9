import pytest

from fogmap.events.rules import NO_EVENT, classify
from fogmap.events.taxonomy import load_taxonomy

EVENTS = frozenset(load_taxonomy().event_codes)


@pytest.mark.parametrize("text, label", [
    ("Russian warplanes carried out airstrikes on the outskirts of the town, residents said.", "AIR_STRIKE"),
    ("The rebels fired mortar shells at the army's positions overnight.", "ART_MISS_ATTACK"),
    ("A suicide bomber blew himself up at the entrance of a mosque.", "SUIC_BOMB"),
    ("A roadside bomb exploded under a police pick-up truck.", "REM_EXPLOS"),
    ("Unknown assailants threw a hand grenade into a crowded bar.", "GRENADE"),
    ("Government troops and insurgents clashed for hours near the border crossing.", "ARMED_CLASH"),
    ("Gunmen shot dead a village chief and his two sons on their farm.", "ATTACK"),
    ("Armed men kidnapped eleven passengers from a bus on the highway.", "ABDUCT_DISSAP"),
    ("Hundreds of teachers marched peacefully to the ministry to demand unpaid wages.", "PEACE_PROTEST"),
    ("Police fired tear gas to disperse students who had gathered for a sit-in.", "PROTEST_WITH_INTER"),
    ("Protesters hurled stones at police and torched two cars during the rally.", "VIOL_DEMONSTR"),
    ("An angry mob lynched a man accused of stealing a goat.", "MOB_VIOL"),
    ("The two sides agreed a ceasefire to take effect at midnight.", "AGREEMENT"),
    ("Soldiers recaptured the town from the rebels after a week-long siege, the army said.", "GOV_REGAINS_TERIT"),
    ("Army engineers defused an improvised explosive device found near the market.", "DISR_WEAP"),
])
def test_event_sentences_get_their_acled_sub_type(text, label):
    assert classify(text, labels=EVENTS).label == label


@pytest.mark.parametrize("text, label", [
    ("A magnitude 6.1 earthquake struck the coast, destroying hundreds of homes.", "NATURAL_DISASTER"),
    ("The foreign ministry summoned the ambassador over the remarks.", "DIPLO"),
    ("Police seized two tonnes of cocaine hidden in a shipment of bananas.", "ORG_CRIME"),
])
def test_text_that_reports_no_conflict_event_is_labelled_as_such(text, label):
    assert classify(text).label == label
    assert not load_taxonomy().by_code(classify(text).label).is_event


def test_nothing_fires_on_ordinary_news_and_hits_are_the_evidence():
    assert classify("The central bank kept interest rates unchanged on Thursday.").label == NO_EVENT
    text = "Israeli jets struck a weapons depot, and an air strike hit a second site."
    found = classify(text, labels=EVENTS)
    assert found.label == "AIR_STRIKE" and found.confidence > 0
    assert any(text[h.start:h.end].lower().startswith("air strike") for h in found.hits)


def test_restricting_labels_keeps_an_event_reading():
    text = "Protesters rallied against the coronavirus lockdown in the capital."
    assert classify(text, labels=EVENTS).label == "PEACE_PROTEST"


@pytest.mark.parametrize("text, label", [
    # who takes ground decides between the two territory sub-types
    ("Government forces took full control of the district after two days of fighting.", "GOV_REGAINS_TERIT"),
    ("Islamist militants seized control of three villages near the border on Sunday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The town was captured by rebel fighters late on Friday, residents said.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("The militants were pushed back from their positions by the army.", "GOV_REGAINS_TERIT"),
    # ... and ground taken after the other side left is a non-violent transfer
    ("The militia took over the base after government troops withdrew overnight.", "NON_VIOL_TERRIT_TRANSFER"),
    # people or weapons captured are not ground
    ("Security forces killed or captured five militants in the operation.", "ARMED_CLASH"),
    # an attack on an armed party is a battle, not violence against civilians
    ("Gunmen ambushed a police patrol on the highway, killing two officers.", "ARMED_CLASH"),
    ("Gunmen shot dead a farmer on the highway.", "ATTACK"),
    ("Troops dispatched reinforcements and tanks to the frontier region.", "CHANGE_TO_GROUP_ACT"),
    ("Jets bombed militant hideouts in the mountains overnight.", "AIR_STRIKE"),
])
def test_codebook_distinctions(text, label):
    assert classify(text, labels=EVENTS).label == label


def test_named_terms_expand_and_an_unknown_term_is_an_error():
    from fogmap.events.rules import expand_terms

    assert expand_terms(r"{A} x{0,3}", {"A": "a|b"}) == r"(?:a|b) x{0,3}"
    with pytest.raises(ValueError, match="unknown term"):
        expand_terms("{NOPE}", {})


def test_rules_must_be_lower_case_because_text_is_lowered():
    from fogmap.events.rules import _compile

    with pytest.raises(ValueError, match="lower case"):
        _compile(r"\bTaliban\b")
    assert _compile(r"\btaliban\b\S")  # escapes are not letters


@pytest.mark.parametrize("pattern, starts", [
    (r"\b(shell(ing|ed)?|artillery)\b", {"she", "art"}),
    (r"\b(multiple )?rockets?\b", {"mul", "roc"}),
    (r"\bal[- ]shabaab\b", {"al"}),
    (r"shelling", None),  # no word boundary: a match may start inside a word
    (r"\b(\w+ )?attack", None),
])
def test_word_starts_are_a_promise_or_nothing(pattern, starts):
    from fogmap.events.rules import word_starts

    found = word_starts(pattern)
    assert (set(found) if found is not None else None) == starts


def test_the_word_start_gate_never_changes_a_result():
    import dataclasses

    from fogmap.events.rules import load_rules, rule_hits

    gated = load_rules()
    assert sum(r.starts is not None for r in gated) > len(gated) * 0.8  # the gate is used
    ungated = tuple(dataclasses.replace(r, starts=None) for r in gated)
    texts = ["Militants ambushed an army convoy near Kidal.", "F-16s struck targets; al-Shabaab denied it.",
             "İstanbul police dispersed protesters with tear gas.", "Nothing happened today."]
    for text in texts:
        assert rule_hits(text, gated) == rule_hits(text, ungated)


def test_a_group_occupied_building_is_a_target_not_a_capture():
    from fogmap.events.rules import classify

    assert classify("Four airstrikes near Sinjar destroyed four ISIL-occupied buildings.").label == "AIR_STRIKE"
    assert classify("ISIL occupied the town of Hit.").label == "NON_STATE_ACTOR_OVERTAKES_TER"
