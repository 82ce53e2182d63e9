"""fogmap.fusion.reconcile: a canonical event's fields from its reports, by the stated rules."""

import datetime as dt

from fogmap.fusion import canonical_event
from fogmap.fusion.reports import source_key
from fusion_reports import DAY, IDLIB_PROVINCE, report


def test_fatalities_low_best_high_and_acleds_lowest_figure():
    event = canonical_event("c", [
        report("a", "d1", outlet="Reuters", fatalities_low=9, fatalities_best=9, fatalities_high=9),
        report("b", "d2", outlet="AFP", fatalities_low=10, fatalities_best=12, fatalities_high=15),
        report("c", "d3", outlet="SANA"),  # gives no figure: takes no part
    ])
    assert (event.fatalities, event.fatalities_low, event.fatalities_best, event.fatalities_high) == (9, 9, 9, 15)
    assert not event.disputed


def test_no_figure_anywhere_is_zero_for_acled_and_none_for_the_range():
    event = canonical_event("c", [report("a", "d1"), report("b", "d2", outlet="AFP")])
    assert event.fatalities == 0 and event.fatalities_low is event.fatalities_best is event.fatalities_high is None


def test_date_is_the_intersection_of_the_reports_ranges():
    week = report("a", "d1", outlet="Reuters", window_start=DAY - dt.timedelta(days=6), window_end=DAY, dated=False)
    day = report("b", "d2", outlet="AFP", day=DAY - dt.timedelta(days=2))
    event = canonical_event("c", [week, day])
    assert (event.date_start, event.date_end, event.time_precision) == (day.window_start, day.window_start, 1)
    assert (event.window_start, event.window_end) == (week.window_start, DAY)


def test_place_is_the_most_precise_one():
    event = canonical_event("c", [report("a", "d1", place=IDLIB_PROVINCE), report("b", "d2", outlet="AFP")])
    assert (event.place_name, event.geo_precision, event.admin1) == ("Maarat al-Numan", 1, "Idlib")


def test_disputes_keep_both_sides():
    event = canonical_event("c", [
        report("a", "d1", outlet="Reuters", actor1_id="sy-military", fatalities_best=9),
        report("b", "d2", outlet="SANA", actor1_id="hts", fatalities_best=40),
    ])
    disputes = {d.field: d.values for d in event.disputes}
    assert event.disputed and set(disputes) == {"fatalities", "actor1"}
    assert disputes["fatalities"] == (("40", "d2"), ("9", "d1"))
    assert disputes["actor1"] == (("hts", "d2"), ("sy-military", "d1"))
    assert event.fatalities == 9  # the lowest figure, while the dispute stays visible


def test_independent_sources_count_an_outlets_reposts_once():
    event = canonical_event("c", [
        report("a", "d1", outlet="Reuters"), report("b", "d2", outlet="reuters "), report("c", "d3", outlet="AFP"),
    ])
    assert len(event.doc_ids) == 3 and event.sources == 2


def test_repeated_mentions_in_one_article_are_one_report():
    event = canonical_event("c", [report("a", "d1", seq=0), report("b", "d1", seq=300), report("c", "d2", outlet="AFP")])
    assert event.doc_ids == ("d1", "d2") and event.report_ids == ("a", "b", "c") and event.sources == 2


def test_source_key_prefers_the_outlet_then_the_host_then_the_document():
    assert source_key(" Reuters ", "https://www.reuters.com/x", "d1") == "outlet:reuters"
    assert source_key(None, "https://www.reuters.com/x", "d1") == "host:reuters.com"
    assert source_key(None, None, "d1") == "doc:d1"
