"""`fogmap generate-events` (issue 8): a small synthetic store is a valid store the API reads, the same
seed makes the same events, and every row says it is synthetic."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import warnings

import duckdb
import pytest
from typer.testing import CliRunner

from fogmap import synthetic
from fogmap.cli import app as cli_app
from fogmap.errors import StoreError
from fogmap.store.db import Store
from fogmap.store.schema import SCHEMA_VERSION
from fogmap.web import create_app

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

PLAN = synthetic.Plan(events=2000, seed=7, start=dt.date(2016, 1, 1), days=365)
EVENT_COLUMNS = ("id, date_start, country, type, subtype, code, latitude, longitude, actor1_id, actor2_id, "
                 "fatalities, place_id")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "syn.duckdb"
    made = synthetic.generate(path, PLAN)
    assert made.events == 2000 and made.documents > 0 and made.places > 0
    return path


def _rows(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_store_is_a_real_migrated_store_with_every_table_filled(store):
    with Store(store, read_only=True) as s:  # a read-only open checks the schema version
        assert s.schema_version() == SCHEMA_VERSION
        counts = {t: s.scalar(f"SELECT count(*) FROM {t}") for t in
                  ("canonical_events", "canonical_reports", "events", "event_spans", "documents", "places")}
    assert counts["canonical_events"] == counts["canonical_reports"] == counts["events"] == 2000
    assert counts["event_spans"] == 2000 and counts["documents"] > 100 and counts["places"] > 50


def test_the_same_seed_makes_the_same_events(store, tmp_path):
    again = tmp_path / "again.duckdb"
    synthetic.generate(again, PLAN)
    query = f"SELECT {EVENT_COLUMNS} FROM canonical_events ORDER BY id"
    assert _rows(store, query) == _rows(again, query)
    other = tmp_path / "other.duckdb"
    synthetic.generate(other, dataclasses.replace(PLAN, seed=8))
    assert _rows(store, query) != _rows(other, query)


def test_events_are_plausible_and_in_date_order(store):
    (first, last, types, countries, in_order, killed, zero) = _rows(store, """
        SELECT min(date_start), max(date_start), count(DISTINCT type), count(DISTINCT country),
               bool_and(date_start >= prev), max(fatalities), avg((fatalities = 0)::INT)
        FROM (SELECT *, lag(date_start, 1, date_start) OVER (ORDER BY rowid) AS prev FROM canonical_events)""")[0]
    assert dt.date(2016, 1, 1) <= first and last <= dt.date(2016, 12, 31)
    assert types == 6 and countries >= 10
    assert in_order  # the physical order is the date order: zonemaps skip the rest of a one-month query
    assert killed >= 10 and zero > 0.3  # skewed: mostly none, now and then many
    shares = dict(_rows(store, "SELECT type, count(*) / 2000 FROM canonical_events GROUP BY type"))
    for kind, share in synthetic.TYPE_SHARES.items():
        assert abs(shares[kind] - share) < 0.05, kind
    # every event lies within a few km of a real place of its country
    assert _rows(store, """SELECT count(*) FROM canonical_events c JOIN places p ON p.id = c.place_id
                           WHERE abs(c.latitude - p.lat) > 0.2 OR abs(c.longitude - p.lon) > 0.2
                              OR p.country <> c.country""")[0][0] == 0


def test_every_row_says_it_is_synthetic(store):
    assert _rows(store, "SELECT DISTINCT outlet FROM documents") == [(synthetic.OUTLET,)]
    assert _rows(store, "SELECT count(*) FROM documents WHERE NOT (url LIKE 'synthetic://%' "
                        "AND title LIKE '[SYNTHETIC]%' AND text LIKE '[SYNTHETIC]%')")[0][0] == 0
    for table in ("canonical_events", "events"):
        assert _rows(store, f"SELECT DISTINCT stage FROM {table}") == [(synthetic.STAGE,)]


def test_each_report_span_is_its_sentence_in_its_document(store):
    assert _rows(store, """SELECT count(*) FROM event_spans s JOIN documents d ON d.id = s.doc_id
                           WHERE substring(d.text, s.start_char + 1, s.end_char - s.start_char) <> s.text""")[0][0] == 0


def test_the_api_reads_it(store):
    with TestClient(create_app(store)) as client:
        page = client.get("/api/events", params={"country": "SY", "limit": 5}).json()
        assert page["total"] > 0 and len(page["items"]) == 5
        event = page["items"][0]
        assert event["report_events"][0]["outlet"] == synthetic.OUTLET
        detail = client.get(f"/api/events/{event['id']}").json()
        (report,) = detail["reports"]
        assert report["sentence"].startswith("[SYNTHETIC]") and report["place_name"] == event["place_name"]
        assert client.get("/api/actors").json()["total"] > 10
        assert client.get("/api/stats").json()["events"] == 2000


def test_an_existing_file_is_refused_unless_forced(store, tmp_path):
    with pytest.raises(StoreError, match="--force"):
        synthetic.generate(store, PLAN)
    path = tmp_path / "small.duckdb"
    path.write_text("not a store")
    made = synthetic.generate(path, dataclasses.replace(PLAN, events=50), force=True)
    assert made.events == 50


def test_the_command(tmp_path):
    runner = CliRunner()
    path = tmp_path / "cli.duckdb"
    argv = ["generate-events", "--events", "300", "--db", str(path), "--seed", "2", "--start", "2015-01-01",
            "--days", "30", "--json"]
    result = runner.invoke(cli_app, argv)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events"] == 300
    again = runner.invoke(cli_app, argv)
    assert again.exit_code == 1 and "--force" in again.output
    assert runner.invoke(cli_app, [*argv, "--start", "2015-02-30", "--force"]).exit_code == 2
    before_wars = runner.invoke(cli_app, [*argv, "--start", "1900-01-01", "--force"])
    assert before_wars.exit_code == 2 and "no war zone" in before_wars.output
    assert path.is_file()  # a refused plan leaves the store it would have replaced
