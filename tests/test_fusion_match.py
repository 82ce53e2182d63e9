"""fogmap.fusion.match: which reports may be one event, feature by feature."""

import datetime as dt

from fogmap.fusion import compatible, why_merged
from fogmap.fusion.match import compatible_types
from fusion_reports import ALEPPO, DAY, IDLIB_PROVINCE, KAFRANBEL, SYRIA, report


def _feature(a, b, name):
    return next(f for f in why_merged(a, b) if f.name == name)


def test_the_compatible_types_table_loads_and_uses_taxonomy_codes():
    from fogmap.events.taxonomy import load_taxonomy

    codes = set(load_taxonomy().event_codes) | {"ARREST", "PROPERTY_DISTRUCT"}
    pairs = compatible_types()
    assert frozenset(("ART_MISS_ATTACK", "ATTACK")) in pairs
    assert all(code in codes for pair in pairs for code in pair)


def test_shelling_and_an_attack_on_one_town_that_day_are_one_event():
    a = report("a", "d1", code="ART_MISS_ATTACK", outlet="Reuters")
    b = report("b", "d2", code="ATTACK", outlet="AFP")
    assert compatible(a, b)
    assert _feature(a, b, "type").detail.startswith("compatible types")


def test_an_airstrike_and_a_protest_never_are():
    a = report("a", "d1", code="AIR_STRIKE", outlet="Reuters")
    b = report("b", "d2", code="PEACE_PROTEST", outlet="AFP")
    assert not compatible(a, b)
    assert _feature(a, b, "type").matched is False


def test_dates_must_overlap_within_their_precision():
    a = report("a", "d1", outlet="Reuters")
    week = report("b", "d2", outlet="AFP", window_start=DAY - dt.timedelta(days=6), window_end=DAY + dt.timedelta(days=1))
    next_day = report("c", "d3", outlet="AFP", day=DAY + dt.timedelta(days=1))
    assert compatible(a, week)
    assert not compatible(a, next_day) and _feature(a, next_day, "date").matched is False


def test_distance_allowed_depends_on_geo_precision():
    town = report("a", "d1", outlet="Reuters")
    other_town = report("b", "d2", outlet="AFP", place=KAFRANBEL)  # ~10.5 km: not the same town
    near_other_town = report("c", "d2", outlet="AFP", place={**KAFRANBEL, "geo_precision": 2})
    province = report("d", "d3", outlet="AFP", place=IDLIB_PROVINCE)
    aleppo = report("e", "d4", outlet="AFP", place=ALEPPO)
    assert not compatible(town, other_town)
    assert "allowed at precision 1" in _feature(town, other_town, "place").detail
    assert compatible(town, near_other_town)  # "near Kafranbel" may be Maarat's outskirts
    assert compatible(town, province)  # a province-level report may join a town-level one
    assert not compatible(province, aleppo)  # ... but not a town of another province


def test_a_country_level_report_may_be_any_place_in_its_country():
    town = report("a", "d1", outlet="Reuters", fatalities_best=9)
    same_type = report("b", "d2", outlet="AFP", place=SYRIA)
    compatible_type = report("c", "d3", outlet="AFP", place=SYRIA, code="ATTACK")
    protest = report("d", "d4", outlet="AFP", place=SYRIA, code="PEACE_PROTEST")
    abroad = report("e", "d5", outlet="AFP", place=dict(SYRIA, country="IQ", place_id="iq", place_name="Iraq"))
    assert compatible(town, same_type) and compatible(town, compatible_type)
    assert "holds the other's place" in _feature(town, compatible_type, "place").detail
    assert not compatible(town, protest)  # the type still decides
    assert not compatible(town, abroad) and _feature(town, abroad, "place").detail == "different countries"


def test_unknown_and_named_perpetrators_are_compatible_two_named_ones_a_dispute():
    named = report("a", "d1", outlet="Reuters", actor1_id="sy-military")
    unknown = report("b", "d2", outlet="AFP", actor1_id="unidentified-armed-group:SY")
    other = report("c", "d3", outlet="SANA", actor1_id="ru-military")
    assert compatible(named, unknown) and _feature(named, unknown, "actor1").matched
    feature = _feature(named, other, "actor1")
    assert compatible(named, other) and not feature.matched and not feature.blocking
    assert "dispute" in feature.detail


def test_tolls_far_apart_are_a_dispute_unless_the_types_differ_too():
    a = report("a", "d1", outlet="Reuters", fatalities_best=9)
    b = report("b", "d2", outlet="SANA", fatalities_best=40)
    c = report("c", "d3", outlet="SANA", fatalities_best=40, code="ATTACK")
    assert compatible(a, b) and not _feature(a, b, "fatalities").blocking
    assert not compatible(a, c) and _feature(a, c, "fatalities").blocking


def test_in_one_document_a_listed_strike_is_never_a_repeated_mention():
    first = report("a", "d1", seq=10, listed=True)
    repeated = report("b", "d1", seq=200)
    listed = report("c", "d1", seq=300, listed=True)
    assert compatible(first, repeated)
    assert not compatible(first, listed) and _feature(first, listed, "document").matched is False


def test_one_outlets_later_summary_repeats_an_event_only_when_both_state_the_day():
    day_one = report("a", "d1", outlet="CENTCOM")
    undated_next = report("b", "d2", outlet="CENTCOM", dated=False, published=DAY + dt.timedelta(days=1),
                          window_start=DAY, window_end=DAY + dt.timedelta(days=1))
    assert not compatible(day_one, undated_next)
    assert "not both dated" in _feature(day_one, undated_next, "outlet").detail
    assert compatible(day_one, report("c", "d2", outlet="CENTCOM"))


def test_why_merged_gives_every_feature_with_both_values():
    a = report("a", "d1", outlet="Reuters", fatalities_best=9)
    b = report("b", "d2", outlet="AFP", code="ATTACK", place=KAFRANBEL)
    features = {f.name: f for f in why_merged(a, b)}
    assert list(features) == ["type", "date", "place", "document", "outlet", "actor1", "actor2", "fatalities"]
    assert (features["type"].a, features["type"].b) == ("ART_MISS_ATTACK", "ATTACK")
    assert (features["place"].a, features["place"].b) == ("Maarat al-Numan", "Kafr Nabl")
    assert "km apart" in features["place"].detail and features["place"].matched is False
