"""Fusion in the ingest, end to end: canonical events in the store, independent sources, incremental
joining, re-extraction touching only its clusters, and the CENTCOM strike lists."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

import fogmap
from fogmap.fusion import plan_update, report_from_row
from fogmap.store.writes import write_fusion

FIXTURE = Path(__file__).parent / "fixtures" / "fusion_articles.jsonl"
CENTCOM = Path(__file__).parent.parent / "corpus" / "centcom" / "releases.jsonl"


@pytest.fixture
def ws(tmp_path, settings):
    with fogmap.open(tmp_path / "store.duckdb", settings) as workspace:
        yield workspace


def _strike(ws):
    (strike,) = ws.canonical_events(type="Air/drone strike")
    return strike


def test_two_outlets_reports_of_one_strike_are_one_event_and_a_copy_counts_once(ws):
    report = ws.ingest([FIXTURE])
    assert report.near_duplicates == 1
    strike = _strike(ws)
    assert strike["reports"] == 2 and strike["sources"] == 2 and strike["copies"] == 1
    assert strike["place_name"].startswith("Ma") and strike["admin1"] == "Idlib" and str(strike["date_start"]) == "2019-09-09"
    assert (strike["fatalities"], strike["fatalities_low"], strike["fatalities_high"]) == (9, 9, 11)
    assert not strike["disputed"]
    outlets = {r["outlet"] for r in strike["report_events"]}
    assert outlets == {"Example Wire", "Example Agency"}
    # the agency's second sentence about the same strike is the same report, not a second event
    agency_events = [e for e in ws.events(limit=None) if e["outlet"] == "Example Agency" and e["country"] == "SY"]
    assert len(agency_events) == 2 and {e["id"] for e in agency_events} <= {r["event_id"] for r in strike["report_events"]}
    # the protest in Baghdad is an event of its own
    assert [e["reports"] for e in ws.canonical_events(type="Protests")] == [1]


def test_a_new_document_joins_the_existing_cluster_as_if_ingested_together(ws, tmp_path, settings):
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(json.dumps(rows[0]) + "\n")
    later.write_text("".join(json.dumps(r) + "\n" for r in rows[1:]))
    ws.ingest([first])
    assert _strike(ws)["reports"] == 1
    ws.ingest([later])
    after = _strike(ws)
    assert after["reports"] == 2 and after["sources"] == 2
    assert ws.store.scalar("SELECT count(*) FROM canonical_events") == 2
    # the same documents in one run give the same canonical events, ids and all
    with fogmap.open(tmp_path / "other.duckdb", settings) as other:
        other.ingest([FIXTURE])
        query = "SELECT canonical_id, event_id FROM canonical_reports ORDER BY 1, 2"
        assert other.store.query(query) == ws.store.query(query)


def test_reingesting_adds_nothing(ws):
    ws.ingest([FIXTURE])
    before = ws.store.query("SELECT * FROM canonical_events ORDER BY id")
    ws.ingest([FIXTURE])
    assert ws.store.query("SELECT * FROM canonical_events ORDER BY id") == before


def test_re_extracting_a_document_updates_only_its_reports_and_their_clusters(ws):
    ws.ingest([FIXTURE])
    strike = _strike(ws)
    protest = ws.canonical_events(type="Protests")[0]
    agency = next(r["doc_id"] for r in strike["report_events"] if r["outlet"] == "Example Agency")
    rows = ws.store.query("SELECT * FROM canonical_reports WHERE doc_id = ?", [agency])
    # the agency's document, extracted again, now places its strike in Aleppo
    moved = [replace(report_from_row(r), place_id="aleppo", place_name="Aleppo", place_feature="P.PPLA", lat=36.2,
                     lon=37.16, admin1="Aleppo", geo_precision=1) for r in rows]
    update = plan_update(ws.store, moved, [agency])
    assert protest["id"] not in update.removed
    with ws.store.transaction():
        write_fusion(ws.store, update)
    strikes = ws.canonical_events(type="Air/drone strike")
    assert sorted(s["reports"] for s in strikes) == [1, 1]
    assert strike["id"] in {s["id"] for s in strikes}  # the wire report still founds its cluster
    assert ws.canonical_events(type="Protests") == [protest]
    assert ws.store.scalar("SELECT count(*) FROM canonical_reports WHERE doc_id = ?", [agency]) == len(rows)


def test_why_merged_explains_a_merge_with_values(ws):
    ws.ingest([FIXTURE])
    events = [r["event_id"] for r in _strike(ws)["report_events"]]
    answer = ws.why_merged(events[0][:10], events[-1])
    assert answer["same_canonical"] and answer["compatible"]
    features = {f["name"]: f for f in answer["features"]}
    assert features["type"]["a"] == "AIR_STRIKE" and features["date"]["matched"]
    assert "km apart" in features["place"]["detail"] or "same" in features["place"]["detail"]


def test_export_level_canonical_and_report(ws, tmp_path):
    ws.ingest([FIXTURE])
    n = ws.export(tmp_path / "canonical.jsonl", level="canonical")
    rows = [json.loads(line) for line in (tmp_path / "canonical.jsonl").read_text().splitlines()]
    assert n == len(rows) == 2
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["reports"] == 2 and strike["sources"] == 2 and len(strike["doc_ids"]) == 2
    assert strike["fatalities"] == 9 and strike["plover_event"] == "ASSAULT"
    assert ws.export(tmp_path / "reports.jsonl") == len(ws.events(limit=None))
    with pytest.raises(fogmap.errors.ConfigError):
        ws.export(tmp_path / "x.jsonl", level="canonical", all_statuses=True)


@pytest.fixture(scope="module")
def centcom(tmp_path_factory, settings):
    """Three weeks of CENTCOM strike summaries: one release a day, from one outlet."""
    lines = CENTCOM.read_text(encoding="utf-8").splitlines()[:21]
    path = tmp_path_factory.mktemp("centcom") / "releases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with fogmap.open(path.with_suffix(".duckdb"), settings) as workspace:
        workspace.ingest([path])
        yield workspace


def test_centcom_strikes_listed_separately_near_one_town_stay_separate(centcom):
    rows = centcom.store.query("""
        SELECT m.doc_id, m.place_id, m.window_start, count(DISTINCT m.canonical_id) AS canonical, count(*) AS reports
        FROM canonical_reports m WHERE m.listed GROUP BY 1, 2, 3 HAVING count(*) > 1""")
    assert rows, "the releases list several strikes near one town on one day"
    assert all(r["canonical"] == r["reports"] for r in rows)


def test_centcom_daily_summaries_never_merge_different_days(centcom):
    rows = centcom.store.query("""
        SELECT canonical_id, count(DISTINCT m.doc_id) AS documents, count(DISTINCT d.published) AS days
        FROM canonical_reports m JOIN documents d ON d.id = m.doc_id GROUP BY 1 HAVING count(DISTINCT d.published) > 1""")
    assert rows == []
    # and the towns do recur from day to day (Kobani, Bayji, Fallujah, ...)
    recurring = centcom.store.scalar("""SELECT count(*) FROM (SELECT place_id FROM canonical_reports
        WHERE place_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT published) > 3)""")
    assert recurring >= 3
