import datetime as dt

import pytest

from fogmap.events.assemble import code_text, events_for
from fogmap.extract.extractor import TextToExtract

THURSDAY = dt.date(2020, 5, 7)


@pytest.fixture
def events_of(extractor):
    def run(text, published=THURSDAY):
        ex = extractor([TextToExtract("d", text)])[0]
        return events_for("d", text, published, ex)
    return run


def test_denied_and_conditional_attacks_are_not_asserted(events_of):
    text = ("The Taliban denied that its fighters attacked the checkpoint. If the militia was behind the blast, "
            "the government would respond.")
    events = events_of(text)
    assert events and not any(e.happened for e in events)
    assert {e.status for e in events} <= {"negated", "hypothetical"}


@pytest.mark.parametrize("text", [
    "Obama wants Putin to attack Switzerland.",
    "The rebels said they will attack the capital.",
    "Police denied that officers had fired on the protesters.",
    "Whether the army shelled the village could not be confirmed.",
])
def test_wishes_plans_and_denials_are_never_happened_events(events_of, text):
    assert not any(e.happened for e in events_of(text))


def test_claiming_responsibility_in_the_present_is_a_claim(events_of):
    (event,) = events_of("Al-Shabab is claiming responsibility for a deadly attack on a mall in Nairobi.")
    assert event.status == "claimed" and event.actor1 == "Al-Shabab"


def test_who_condemns_an_attack_is_not_its_target(events_of):
    (event,) = events_of("The government condemned an attack by militia fighters in the south on Thursday.")
    assert event.actor1 == "militia fighters" and event.actor2 is None
    (event,) = events_of("The government condemned an attack by militia fighters on a police station.")
    assert event.actor2 == "police"  # ACLED codes an attack on a police station against the police


def test_fields_come_with_the_words_they_were_read_from(events_of):
    text = ("Houthi forces shelled a market in Taiz on Tuesday, killing five civilians and wounding 12 others, "
            "local officials said.")
    (event,) = events_of(text)
    assert event.code == "ART_MISS_ATTACK" and event.status == "reported"
    assert (event.date_start, event.time_precision) == (dt.date(2020, 5, 5), 1)
    assert (event.fatalities_best, event.injured) == (5, 12)
    assert event.actor1 == "Houthi forces" and event.actor2 == "five civilians" and event.weapon == "artillery"
    for arg in event.arguments:
        if arg.role != "weapon":
            assert text[arg.span.start:arg.span.end] == arg.text


def test_claimed_attacks_and_follow_up_sentences(events_of):
    text = ("Islamic State claimed responsibility for a suicide bombing in Kabul last week. "
            "The attack killed 23 people and wounded dozens.")
    (event,) = events_of(text)
    assert event.status == "claimed" and event.code == "SUIC_BOMB"
    assert len(event.spans) == 2 and event.fatalities_best == 23 and event.injured == 12
    assert (event.date_start, event.date_end, event.time_precision) == (dt.date(2020, 4, 27), dt.date(2020, 5, 3), 2)


def test_one_sentence_can_hold_two_events(events_of):
    text = ("An airstrike hit a fuel depot outside Idlib on Monday, while in the south armed men "
            "kidnapped four aid workers from their vehicle.")
    codes = {e.code for e in events_of(text)}
    assert {"AIR_STRIKE", "ABDUCT_DISSAP"} <= codes


def test_history_recalled_by_a_report_is_not_a_new_event(events_of):
    assert events_of("His father was killed in combat in 1943.") == ()


def test_a_summary_is_coded_as_one_acled_style_event():
    coded = code_text("On 6 May 2020, unidentified gunmen shot and killed a farmer in his field near the village.")
    assert coded.code == "ATTACK" and coded.fatalities == 1
    assert (coded.date_start, coded.time_precision) == (dt.date(2020, 5, 6), 1)


def test_a_sentence_no_rule_recognises_adds_to_the_event_before_it(events_of):
    text = ("Government forces shelled the town of Saraqeb on Monday, killing nine civilians. "
            "Rescue workers pulled bodies from the rubble of a market as warplanes circled overhead.")
    (event,) = events_of(text)
    assert event.code == "ART_MISS_ATTACK" and len(event.spans) == 2


def test_an_air_raid_on_fighters_is_an_air_strike_not_a_battle(events_of):
    (event,) = events_of("Israeli aircraft bombed a Hamas training camp in Gaza overnight, killing 5 militants.")
    assert event.code == "AIR_STRIKE" and event.fatalities_best == 5
    closing = events_of("Coalition aircraft struck ISIS targets near Raqqa. All aircraft exited the strike areas safely.")
    assert len(closing) == 1


@pytest.mark.parametrize("text", [
    "A magnitude 6.1 earthquake killed 30 people in the province on Tuesday.",
    "A bus crash killed 14 passengers on the highway.",
    "Police seized two tonnes of cocaine and arrested the smugglers.",
])
def test_deaths_and_arrests_from_other_causes_are_not_conflict_events(events_of, text):
    assert events_of(text) == ()


def test_a_condemnation_or_a_claim_still_carries_its_event(events_of):
    (event,) = events_of("The United Nations condemned the bombing of a hospital in Aleppo that killed 12 people.")
    assert event.happened and event.fatalities_best == 12


def test_sentences_about_these_strikes_belong_to_the_strikes(events_of):
    text = ("Coalition aircraft struck ISIS targets near Raqqa on Tuesday. To conduct these strikes, the U.S. "
            "employed Air Force aircraft. In addition, the United Kingdom also participated in these airstrikes.")
    (event,) = events_of(text)
    assert len(event.spans) == 3


def test_what_a_strike_destroyed_is_not_a_second_event(events_of):
    (event,) = events_of("Near Kisik, one strike struck an ISIL tactical unit and destroyed an ISIL fighting position.")
    assert event.code == "AIR_STRIKE"


def test_event_actors_resolve_to_acled_names(events_of):
    text = "Houthi forces shelled a market in Taiz on Tuesday, killing five civilians."
    (event,) = events_of(text)
    assert event.actor1 == "Houthi forces"  # the mention text stays
    assert event.actor1_id == "ye-spc-forces"
    assert event.actor1_acled == "Military Forces of Yemen (2016-) Supreme Political Council"
    assert event.actor2_acled == "Civilians (Yemen)"


def test_acled_conventions_for_protests_civilians_and_unnamed_attackers(events_of):
    (protest,) = events_of("Hundreds of farmers protested in Lahore, Pakistan on Tuesday against fuel prices.")
    assert protest.type == "Protests" and protest.actor1_acled == "Protesters (Pakistan)"
    assert protest.actor2_acled is None
    (attack,) = events_of("Gunmen shot dead a shopkeeper in Culiacan, Mexico on Tuesday.")
    assert attack.type == "Violence against civilians"
    assert attack.actor1_acled == "Unidentified Armed Group (Mexico)" and attack.actor2_acled == "Civilians (Mexico)"


def test_an_observer_is_not_a_party_and_clashes_between_name_both_sides(events_of):
    (clash,) = events_of("On 9 May 2020, clashes erupted between Syrian army troops and HTS fighters in Idlib, Syria.")
    assert clash.actor1_id == "sy-military" and clash.actor2_id == "sy-hts"
    events = events_of("On 9 May 2020, the OSCE SMM observed 12 explosions near Avdiivka, Ukraine.")
    assert events and all(e.actor1_id != "osce" for e in events)


def test_an_undated_sentence_tells_the_day_and_actor_of_the_one_before_within_its_paragraph(events_of):
    text = "On 8 May 2020, in Petrolina, federal police forces dismantled a cocaine lab. Three men were arrested."
    arrest = [e for e in events_of(text, published=None) if e.subtype == "Arrests"]
    assert arrest and arrest[0].date_start == dt.date(2020, 5, 8)
    assert arrest[0].actor1_id == "br-federal-police"
    new_story = "On 8 May 2020, in Petrolina, federal police forces dismantled a cocaine lab.\n\nThree men were arrested."
    apart = [e for e in events_of(new_story, published=None) if e.subtype == "Arrests"]
    # the day carries on, but who acted is the new paragraph's to say
    assert apart and apart[0].date_start == dt.date(2020, 5, 8) and apart[0].actor1_id != "br-federal-police"
