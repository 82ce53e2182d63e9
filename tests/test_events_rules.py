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
