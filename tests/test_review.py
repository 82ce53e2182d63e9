"""Analyst review (issue 8): corrections stored beside the machine record, winning over it in pages and
exports, checked field by field, and following their event through re-extraction and re-fusion."""

from __future__ import annotations

import datetime as dt
import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogmap
from fogmap import cli
from fogmap.cli import app
from fogmap.records import FusionUpdate
from fogmap.review import CorrectionError
from fogmap.store.schema import SCHEMA_VERSION
from fogmap.store.writes import write_fusion

FIXTURE = Path(__file__).parent / "fixtures" / "fusion_articles.jsonl"
SHELLING = "Shelling/artillery/missile attack"


@pytest.fixture
def ws(tmp_path, settings):
    with fogmap.open(tmp_path / "store.duckdb", settings) as workspace:
        workspace.ingest([FIXTURE])
        yield workspace


def _strike(ws, **options) -> dict:
    (strike,) = [e for e in ws.event_page(**options)[0] if e["reports"] == 2]
    return strike


def test_a_correction_wins_over_the_machine_record_which_stays_as_fusion_wrote_it(ws):
    strike = _strike(ws)
    assert strike["review"] is None and strike["fatalities"] == 9 and strike["subtype"] == "Air/drone strike"
    machine_row = ws.store.query("SELECT * FROM canonical_events WHERE id = ?", [strike["id"]])
    event = ws.review(strike["id"][:8], "correct", "ana", note="hospital list",
                      changes={"fatalities": 12, "subtype": SHELLING, "actor2": {"name": "market shoppers", "free_text": True}})
    assert (event["fatalities"], event["subtype"], event["code"]) == (12, SHELLING, "ART_MISS_ATTACK")
    assert (event["actor2_id"], event["actor2_acled"]) == (None, "market shoppers")
    review = event["review"]
    assert review["status"] == "corrected" and review["by"] == "ana" and review["at"] is not None
    assert review["machine"]["fatalities"] == 9 and review["machine"]["subtype"] == "Air/drone strike"
    assert review["machine"]["actor2_id"] == "civilians:SY" and "place_name" not in review["machine"]
    assert ws.store.query("SELECT * FROM canonical_events WHERE id = ?", [strike["id"]]) == machine_row
    (history,), total = ws.reviews(strike["id"])
    assert total == 1 and history["reviewer"] == "ana" and history["note"] == "hospital list"
    assert history["changes"]["fatalities"] == {"before": 9, "after": 12}
    assert history["anchor_docs"] == sorted({r["doc_id"] for r in strike["report_events"]})
    # a later correction of the same field wins; the others stay; a revert puts the machine record back
    again = ws.review(strike["id"], "correct", "bo", changes={"fatalities": 10})
    assert again["fatalities"] == 10 and again["subtype"] == SHELLING and again["review"]["by"] == "bo"
    assert ws.reviews(strike["id"])[0][0]["changes"]["fatalities"] == {"before": 12, "after": 10}
    back = ws.review(strike["id"], "revert", "bo")
    assert back["review"] is None and back["fatalities"] == 9 and back["subtype"] == "Air/drone strike"
    assert ws.reviews(strike["id"])[1] == 3  # never deleted


def test_filters_read_the_corrected_values(ws):
    strike = _strike(ws)
    ws.review(strike["id"], "correct", "ana", changes={"subtype": SHELLING, "place": "Aleppo", "date_start": "2019-09-08"})
    assert ws.event_page(type="Air/drone strike")[1] == 0
    (found,), total = ws.event_page(type=SHELLING)
    assert total == 1 and found["id"] == strike["id"] and found["place_name"] == "Aleppo" and found["admin1"] == "Aleppo"
    assert ws.event_page(bbox=(36.9, 36.0, 37.4, 36.4))[1] == 1  # Aleppo, not Maarat al-Numan
    assert ws.event_page(bbox=(36.5, 35.5, 36.8, 35.8))[1] == 0
    assert ws.event_page(since=dt.date(2019, 9, 8), until=dt.date(2019, 9, 8))[1] == 1


def test_a_rejected_event_leaves_the_pages_but_not_its_detail(ws):
    strike = _strike(ws)
    everything = ws.event_page()[1]
    ws.review(strike["id"], "reject", "ana", note="a repeat of last week's report")
    assert ws.event_page()[1] == everything - 1
    assert strike["id"] in {e["id"] for e in ws.event_page(include_rejected=True)[0]}
    detail = ws.event_detail(strike["id"])
    assert detail["event"]["review"]["status"] == "rejected" and detail["event"]["review"]["machine"] == {}
    assert ws.review(strike["id"], "accept", "bo")["review"]["status"] == "accepted"
    assert ws.event_page()[1] == everything


def test_every_bad_field_is_named_with_what_would_be_valid(ws):
    strike = _strike(ws)
    with pytest.raises(CorrectionError) as caught:
        ws.review(strike["id"], "correct", "ana", changes={
            "subtype": "Picnic", "fatalities": -1, "date_start": "2019-13-01", "actor1": "Nobody Xyzzy Brigade",
            "place": "Nowhereville Qqq", "weapon": "rifle"})
    assert set(caught.value.problems) == {"subtype", "fatalities", "date_start", "actor1", "place", "weapon"}
    assert "free_text" in caught.value.problems["actor1"] and "latitude" in caught.value.problems["place"]
    with pytest.raises(CorrectionError) as caught:
        ws.review(strike["id"], "correct", "ana", changes={"date_end": "2019-09-01"})
    assert "before it starts" in caught.value.problems["date_end"]
    with pytest.raises(CorrectionError) as caught:
        ws.review(strike["id"], "correct", "ana", changes={"type": "Battles"})
    assert "Armed clash" in caught.value.problems["subtype"]
    with pytest.raises(CorrectionError) as caught:
        ws.review(strike["id"], "correct", " ", changes={"place": "Somewhere", "latitude": 95, "longitude": 36})
    assert set(caught.value.problems) == {"reviewer"}
    with pytest.raises(CorrectionError, match="latitude"):
        ws.review(strike["id"], "correct", "ana", changes={"place": "Somewhere", "latitude": 95, "longitude": 36})
    assert ws.reviews()[1] == 0  # nothing written by a refused review


def test_known_actors_places_and_points_of_ones_own(ws):
    strike = _strike(ws)
    event = ws.review(strike["id"], "correct", "ana", changes={
        "actor1": "Islamic State",  # a name, resolved in the event's country on its day
        "actor2": None, "place": "Kafr Nabl field hospital", "latitude": 35.61, "longitude": 36.56})
    assert event["actor1_id"] == "sy-islamic-state" and event["actor2_id"] is None and event["actor2_acled"] is None
    assert (event["place_name"], event["place_id"], event["latitude"], event["admin1"]) == (
        "Kafr Nabl field hospital", None, 35.61, "Idlib")
    # a gazetteer name with a point near that place is the place, at the analyst's point
    event = ws.review(strike["id"], "correct", "ana", changes={"place": "Aleppo", "latitude": 36.21, "longitude": 37.15})
    assert (event["place_name"], event["place_id"], event["latitude"], event["admin1"]) == (
        "Aleppo", "geonames:170063", 36.21, "Aleppo")


def test_a_review_follows_its_event_through_re_extraction_under_a_new_stage(ws, monkeypatch):
    strike = _strike(ws)
    ws.review(strike["id"], "correct", "ana", changes={"fatalities": 12})
    monkeypatch.setattr("fogmap.events.assemble.EVENTS_STAGE", "fogmap_events_v99")  # new event ids, new canonical ids
    ws.reextract(every=True)
    moved = _strike(ws)
    assert moved["id"] != strike["id"] and ws.store.scalar("SELECT count(*) FROM canonical_events WHERE id = ?",
                                                           [strike["id"]]) == 0
    assert moved["fatalities"] == 12 and moved["review"]["machine"] == {"fatalities": 9, "fatalities_low": 9,
                                                                         "fatalities_best": 9, "fatalities_high": 11}
    (review,), _ = ws.reviews(moved["id"])
    assert review["reviewed_id"] == strike["id"] and review["event_id"] == moved["id"] and not review["orphaned"]
    assert ws.reviews(strike["id"])[1] == 1  # the id the analyst saw still finds it


def test_a_review_follows_its_event_when_a_new_report_founds_the_cluster(tmp_path, settings):
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    wire, rest = tmp_path / "wire.jsonl", tmp_path / "rest.jsonl"
    wire.write_text(json.dumps(rows[0]) + "\n")
    rest.write_text("".join(json.dumps(r) + "\n" for r in rows[1:]))
    with fogmap.open(tmp_path / "store.duckdb", settings) as ws:
        ws.ingest([wire])
        (alone,) = [e for e in ws.event_page()[0] if e["type"] != "Protests"]
        ws.review(alone["id"], "reject", "ana")
        ws.ingest([rest])
        joined = _strike(ws, include_rejected=True)
        assert joined["id"] != alone["id"]  # the agency's report founds the cluster now: a new id
        assert joined["review"]["status"] == "rejected" and joined["id"] not in {e["id"] for e in ws.event_page()[0]}


def test_a_review_whose_event_is_gone_is_kept_orphaned(ws):
    strike = _strike(ws)
    ws.review(strike["id"], "correct", "ana", changes={"fatalities": 12})
    with ws.store.transaction():  # fusion drops the event and nothing inherits its documents
        ws.store.con.execute("DELETE FROM canonical_reports WHERE canonical_id = ?", [strike["id"]])
        write_fusion(ws.store, FusionUpdate(removed=(strike["id"],), canonicals=(), reports=()))
    (orphan,), total = ws.reviews(orphaned=True)
    assert total == 1 and orphan["event_id"] == strike["id"] and orphan["changes"]["fatalities"]["after"] == 12


def test_canonical_export_writes_corrected_values_and_leaves_rejected_out_unless_asked(ws, tmp_path):
    strike = _strike(ws)
    protest = next(e for e in ws.event_page()[0] if e["type"] == "Protests")
    ws.review(strike["id"], "correct", "ana", changes={"fatalities": 12})
    ws.review(protest["id"], "reject", "ana")
    assert ws.export(tmp_path / "c.jsonl", level="canonical") == 1
    (row,) = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert row["id"] == strike["id"] and row["fatalities"] == 12 and row["review_status"] == "corrected"
    assert set(row["corrected_fields"]) == {"fatalities", "fatalities_low", "fatalities_best", "fatalities_high"}
    assert ws.export(tmp_path / "all.csv", format="csv", level="canonical", include_rejected=True) == 2
    assert "rejected" in (tmp_path / "all.csv").read_text()
    # the report level keeps what each document said, with its canonical event's review beside it
    ws.export(tmp_path / "r.jsonl")
    reports = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    of_strike = [r for r in reports if r["canonical_id"] == strike["id"]]
    assert of_strike and {r["canonical_review_status"] for r in of_strike} == {"corrected"}
    assert all(r["fatalities"] != 12 for r in of_strike)


def test_the_store_is_migrated_to_the_reviews_schema(ws):
    assert ws.store.schema_version() == SCHEMA_VERSION >= 8
    assert ws.store.scalar("SELECT count(*) FROM reviews") == 0


def test_cli_review(ws):
    strike = _strike(ws)
    db = str(ws.path)
    ws.close()
    runner = CliRunner()
    done = runner.invoke(app, ["review", strike["id"][:8], "--set", "fatalities=12", "--set", "actor2=text:shoppers",
                               "--reviewer", "ana", "--note", "hospital list", "--json", "--db", db])
    assert done.exit_code == 0, done.output
    answer = json.loads(done.stdout)
    assert answer["fatalities"] == 12 and answer["actor2_acled"] == "shoppers" and answer["review"]["by"] == "ana"
    bad = runner.invoke(app, ["review", strike["id"], "--set", "fatalities=-3", "--set", "subtype=Picnic", "--db", db])
    assert bad.exit_code == 2 and "fatalities" in bad.output and "subtype" in bad.output
    assert runner.invoke(app, ["review", strike["id"], "--reject", "--db", db]).exit_code == 0  # reviewer: OS user
    history = json.loads(runner.invoke(app, ["review", strike["id"], "--history", "--json", "--db", db]).stdout)
    assert [r["action"] for r in history["items"]] == ["reject", "correct"] and history["items"][0]["reviewer"]
    listed = json.loads(runner.invoke(app, ["review", "--list", "--json", "--db", db]).stdout)
    assert listed["total"] == 2
    orphans = runner.invoke(app, ["review", "--orphans", "--json", "--db", db])
    assert orphans.exit_code == 0 and json.loads(orphans.stdout)["total"] == 0
    assert runner.invoke(app, ["review", "nosuchevent", "--accept", "--db", db]).exit_code == 1
    assert runner.invoke(app, ["review", strike["id"], "--db", db]).exit_code == 2  # nothing to do
    assert runner.invoke(app, ["review", strike["id"], "--accept", "--reject", "--db", db]).exit_code == 2


@pytest.mark.skipif("include_rejected" not in inspect.signature(cli.export).parameters,
                    reason="cli.py: export has no --include-rejected yet")
def test_cli_export_leaves_rejected_events_out_unless_asked(ws, tmp_path):
    protest = next(e for e in ws.event_page()[0] if e["type"] == "Protests")
    ws.review(protest["id"], "reject", "ana")
    db = str(ws.path)
    ws.close()
    runner = CliRunner()
    kept = runner.invoke(app, ["export", "--level", "canonical", "-o", str(tmp_path / "c.jsonl"), "--json", "--db", db])
    every = runner.invoke(app, ["export", "--level", "canonical", "--include-rejected", "-o", str(tmp_path / "a.jsonl"),
                                "--json", "--db", db])
    assert json.loads(kept.stdout)["rows"] + 1 == json.loads(every.stdout)["rows"] == 2


def test_a_review_of_one_strike_in_a_release_listing_many_stays_on_that_strike(tmp_path, settings, monkeypatch):
    """One release lists many strikes of one day and type: the document, day and type are the same for
    all of them, so the review must follow the strike's own place through a new events stage."""
    release = Path(__file__).parents[1] / "corpus" / "centcom" / "release_20151102-01.txt"
    with fogmap.open(tmp_path / "release.duckdb", settings) as ws:
        assert not ws.ingest([release]).failures
        strikes = [e for e in ws.event_page(limit=None)[0] if e["latitude"] is not None]
        by_kind: dict = {}
        for e in strikes:
            by_kind.setdefault((e["code"], e["date_start"]), []).append(e)
        alike = max(by_kind.values(), key=len)
        assert len({e["place_id"] for e in alike}) >= 3  # strikes alike but for their place
        chosen = sorted(alike, key=lambda e: e["id"])[-1]  # not the one the id would pick
        ws.review(chosen["id"], "correct", "ana", changes={"fatalities": 3})
        monkeypatch.setattr("fogmap.events.assemble.EVENTS_STAGE", "fogmap_events_v99")  # every report renamed
        ws.reextract(every=True)
        (review,), _ = ws.reviews(chosen["id"])
        assert review["event_id"] != chosen["id"] and not review["orphaned"]
        heir = ws.event_detail(review["event_id"])["event"]
        assert heir["place_id"] == chosen["place_id"] and heir["fatalities"] == 3
