"""Actor mentions resolve to canonical actors and ACLED names, by alias, people, country words and roles."""

from datetime import date

import pytest

from fogmap.actors.resolve import ActorResolver, default_resolver

D2020 = date(2020, 5, 9)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return default_resolver()


def _acled(resolver: ActorResolver, text: str, country: str | None = None, day: date | None = D2020) -> str | None:
    found = resolver.resolve(text, country, day)
    return found.acled_name if found else None


def test_aliases_and_country_words_name_the_state_forces(resolver):
    syrian = resolver.resolve("Syrian army", None, D2020)
    assert syrian is not None and syrian.actor_id == "sy-military" and syrian.how == "alias"
    assert syrian.acled_name == "Military Forces of Syria (2000-)"
    assert resolver.resolve("Syrian regime forces", None, D2020).actor_id == "sy-military"
    israeli = resolver.resolve("Israeli jets", None, D2020)
    assert israeli.actor_id == "il-military" and israeli.how == "demonym+description"
    assert resolver.resolve("Russian forces", None, date(2022, 5, 1)).actor_id == "ru-military"


def test_possessives_name_the_owner_and_its_role(resolver):
    turkey = resolver.resolve("Turkey's troops", None, D2020)
    assert turkey.actor_id == "tr-military" and turkey.how == "possessive"
    regime = resolver.resolve("the regime's airbase", "SY", D2020)
    assert regime is not None and regime.actor_id == "sy-military"


def test_generic_state_phrases_need_the_country(resolver):
    assert resolver.resolve("government troops", "SY", D2020).actor_id == "sy-military"
    assert resolver.resolve("government troops", None, D2020) is None
    # a country the KB has no state rows for still gets ACLED's form of the name
    assert _acled(resolver, "riot police", "IS") == "Police Forces of Iceland"


def test_people_resolve_to_the_actor_they_act_for_on_the_day(resolver):
    peskov = resolver.resolve("Kremlin spokesman Dmitry Peskov", None, date(2022, 1, 1))
    assert peskov.actor_id == "ru-state" and peskov.how == "person" and peskov.matched == "Dmitry Peskov"
    # the same man led a jihadist group in 2018 and the Syrian state in 2025
    assert resolver.resolve("Abu Mohammad al-Jolani", None, date(2018, 6, 1)).actor_id == "sy-hts"
    assert resolver.resolve("Ahmed al-Sharaa", None, date(2025, 6, 1)).actor_id == "sy-state"


def test_generic_roles_take_acled_names_with_the_country(resolver):
    assert _acled(resolver, "two unknown gunmen", "MX") == "Unidentified Armed Group (Mexico)"
    assert _acled(resolver, "protesters", "PK") == "Protesters (Pakistan)"
    assert _acled(resolver, "villagers", "CD") == "Civilians (Democratic Republic of Congo)"
    assert _acled(resolver, "civilians", "PS") == "Civilians (Palestine)"
    assert resolver.resolve("rioters", "IN", None).actor_id == "rioters:IN"
    assert _acled(resolver, "Pakistani protesters") == "Protesters (Pakistan)"


def test_short_acronyms_match_only_in_capitals_and_shared_ones_by_country(resolver):
    assert resolver.resolve("IS", "IQ", D2020).actor_id == "iq-islamic-state"
    assert resolver.resolve("is", None, D2020) is None
    assert resolver.resolve("AA", "MM", D2020).actor_id == "mm-aa"
    assert resolver.resolve("SNA", "SO", D2020).actor_id == "so-military"
    assert resolver.resolve("SNA", "SY", D2020).actor_id == "sy-sna"


def test_the_acled_name_follows_the_regime_period(resolver):
    assert _acled(resolver, "Ukrainian army", day=date(2016, 1, 1)) == "Military Forces of Ukraine (2014-2019)"
    assert _acled(resolver, "Ukrainian army", day=date(2020, 1, 1)) == "Military Forces of Ukraine (2019-)"


def test_transnational_groups_resolve_to_the_national_branch_or_acled_country_form(resolver):
    assert resolver.resolve("ISIS", "LY", D2020).actor_id == "ly-islamic-state"
    assert _acled(resolver, "Islamic State militants", "EG") == "Islamic State (Egypt)"


def test_side_words_pro_and_anti(resolver):
    assert resolver.resolve("pro-Houthi elements", "YE", D2020).actor_id == "ye-houthis"
    assert resolver.resolve("pro-Houthi forces", "YE", D2020).actor_id == "ye-spc-forces"
    assert _acled(resolver, "Houthi fighters", "YE") == "Military Forces of Yemen (2016-) Supreme Political Council"
    assert resolver.resolve("anti-Houthi forces", "YE", D2020).actor_id == "ye-military"


def test_coordinated_phrases_name_every_actor(resolver):
    both = resolver.resolve_all("ISIS and Al-Qaeda fighters", None, D2020)
    assert [a.actor_id for a in both] == ["islamic-state", "al-qaeda"]
    shared_head = resolver.resolve_all("Syrian and Russian forces", None, D2020)
    assert [a.actor_id for a in shared_head] == ["sy-military", "ru-military"]
    assert [a.actor_id for a in resolver.resolve_all("Houthis", "YE", D2020)] == ["ye-houthis"]


def test_units_without_their_own_acled_name_take_their_parents(resolver):
    assert _acled(resolver, "Azov Brigade", "UA") == "Military Forces of Ukraine (2019-)"


def test_actors_named_in_a_sentence_with_offsets(resolver):
    text = "On 8 May 2020, military forces of Armenia fired on the positions of the military forces of Azerbaijan."
    found = resolver.find_in_text(text, None, D2020)
    assert [a.actor_id for _, _, a in found] == ["am-military", "az-military"]
    assert text[found[0][0]:found[0][1]] == "military forces of Armenia"
    # a monitor that observed the fighting is not a party to it
    assert resolver.find_in_text("The OSCE SMM observed 12 explosions near Avdiivka.", "UA", D2020) == []


def test_unknown_organisation_names_are_candidates_not_actors(resolver):
    mentions = ["Brigade of the Golden Lions", "Syria", "the police", "Houthis", "unknown gunmen"]
    assert resolver.resolve("Brigade of the Golden Lions", "SY", D2020) is None
    assert resolver.unknown_candidates(mentions, "SY", D2020) == ["Brigade of the Golden Lions"]


def test_resolution_is_cheap(resolver):
    import time

    started = time.perf_counter()
    for _ in range(200):
        resolver.resolve("two unidentified gunmen on motorbikes", "NG", D2020)
        resolver.resolve("Kremlin spokesman Dmitry Peskov", None, D2020)
    assert (time.perf_counter() - started) / 400 < 0.002  # seconds per mention: dictionary look-ups only


def test_a_named_qualifier_makes_forces_someone_elses_not_the_countrys():
    from fogmap.actors.resolve import default_resolver

    r = default_resolver()
    assert r.resolve("Kurdish forces", "SY").actor_id == "sy-sdf"  # an alias, in Syria
    assert r.resolve("Kurdish forces", "IQ").actor_id == "iq-peshmerga"  # the same words in Iraq
    assert r.resolve("Several soldiers", "SY").actor_id == "sy-military"  # capitalised only as the opener
    assert r.resolve("Tribal forces", "SY") is None  # someone's forces, not Syria's army: left for review
    assert r.resolve("US", "SY").actor_id == "us-state" and r.resolve("us", "SY") is None


def test_units_take_the_acled_name_of_their_force_in_the_period(resolver):
    # "{military} Military Police": the Brazilian military's ACLED name on the day, then the unit
    assert _acled(resolver, "military police forces", "BR", D2020) == \
        "Military Forces of Brazil (2019-2023) Military Police"
    assert _acled(resolver, "Military Police", "BR", date(2024, 3, 1)) == "Military Forces of Brazil (2023-) Military Police"
    assert _acled(resolver, "the PMF", "IQ", D2020).endswith(") Popular Mobilization Forces")


def test_local_aliases_name_their_actor_only_at_home(resolver):
    assert resolver.resolve("military police", "BR", D2020).actor_id == "br-military-police"
    egypt = resolver.resolve("military police", "EG", D2020)
    assert egypt is not None and egypt.actor_id != "br-military-police"
    assert resolver.resolve("separatists", "YE", date(2019, 8, 10)).actor_id == "ye-stc"
    assert resolver.resolve("separatists", "UA", date(2019, 8, 10)).actor_id == "ua-naf"


def test_a_generic_phrase_is_not_an_owner_and_a_role(resolver):
    # "police forces" is one description, not the police's "forces" (the military)
    assert resolver.resolve("police forces", "BR", D2020).kind == "police"
    assert resolver.resolve("Turkey's troops", None, D2020).actor_id == "tr-military"


def test_theatres_code_a_force_as_the_coalition_it_fights_in(resolver):
    saudi = resolver.resolve("Saudi forces", "YE", D2020)
    assert resolver.in_theatre(saudi, "YE", D2020).acled_name == "Operation Restoring Hope"
    assert resolver.in_theatre(saudi, "SA", D2020).actor_id == "sa-military"
    assert resolver.in_theatre(saudi, "YE", date(2014, 1, 1)).actor_id == "sa-military"  # before the war
    # a transnational name in a country whose branch has no country of its own
    assert resolver.resolve("ISIS", "ML", date(2023, 11, 6)).actor_id == "is-sahel"
    assert resolver.resolve("Al-Qaeda fighters", "ML", date(2023, 11, 6)).actor_id == "jnim"
    assert resolver.resolve("Al-Qaeda fighters", "ML", date(2015, 1, 1)).actor_id == "aqim"


def test_generic_roles_name_the_one_party_a_country_means(resolver):
    assert resolver.resolve("insurgents", "MZ", D2020).acled_name == "Islamist Militia (Mozambique)"
    assert resolver.resolve("Islamist militants", "SO", D2020).actor_id == "so-al-shabaab"
    assert resolver.resolve("rebels", "UA", date(2023, 1, 1)) is None  # no separatists after the annexation
    assert resolver.resolve("jihadists", "NG", D2020) is None  # Boko Haram or ISWAP: the text must say


def test_a_peoples_armed_men_are_its_ethnic_militia_in_the_events_country(resolver):
    assert _acled(resolver, "suspected Fulani militiamen", "ML") == "Fulani Ethnic Militia (Mali)"
    assert _acled(resolver, "Fulani herders", "GH") == "Fulani Ethnic Militia (Ghana)"
    assert _acled(resolver, "Murle raiders", None) == "Murle Ethnic Militia (South Sudan)"  # its only home
    assert [a.acled_name for a in resolver.resolve_all("Fellata and Rizeigat communal militias", "SD", D2020)] == \
        ["Fellata Ethnic Militia (Sudan)", "Rizeigat Ethnic Militia (Sudan)"]
    assert resolver.resolve("the Fulani", "NG", D2020) is None  # a people is not an armed group


def test_a_name_and_its_head_noun_are_one_mention(resolver):
    found = resolver.find_in_text("LNA forces shelled Tripoli", "LY", D2020)
    assert [(s, e, a.actor_id) for s, e, a in found] == [(0, 10, "ly-lna")]
    found = resolver.find_in_text("pro-Houthi forces attacked", "YE", D2020)
    assert [a.actor_id for _, _, a in found] == ["ye-spc-forces"]


def test_a_country_named_alone_is_its_state(resolver):
    assert resolver.resolve("Turkish", "SY", date(2020, 2, 27)).actor_id == "tr-state"
