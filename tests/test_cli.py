"""The command line in-process (Typer's CliRunner) on stores built in tmp_path."""

import json

import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from helpers import REPORTS, write_jsonl

runner = CliRunner()


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "cli.duckdb"
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_summary_and_json(tmp_path, store):
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(store), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ingested"] == 0 and data["already_stored"] == len(REPORTS) and data["failed"] == 0


def test_ingest_exit_code_is_1_when_an_input_fails(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    good = write_jsonl(tmp_path / "good.jsonl", REPORTS[:1])
    result = runner.invoke(app, ["ingest", str(good), str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "bad.jsonl:line 1: not JSON" in result.output
    assert "ingested 1" in result.output and "failed 1" in result.output


def test_bad_field_option_is_a_usage_error(tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", REPORTS[:1])
    result = runner.invoke(app, ["ingest", str(good), "--field", "body=x", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2 and "valid keys" in result.output


def test_events_filters_and_json(store):
    result = runner.invoke(app, ["events", "--db", str(store), "--country", "AF", "--json", "--candidates"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows and all(r["country"] == "AF" for r in rows)
    assert any(r["modality"] == "negated" for r in rows)
    table = runner.invoke(app, ["events", "--db", str(store), "--type", "Protests"])
    assert table.exit_code == 0 and "protesters" in table.stdout
    events = json.loads(runner.invoke(app, ["events", "--db", str(store), "--country", "AF", "--json"]).stdout)
    assert events and all(r["country"] == "AF" and r["status"] != "negated" for r in events)
    assert any(r["fatalities_best"] == 4 for r in events)


def test_events_bad_date_is_a_usage_error(store):
    result = runner.invoke(app, ["events", "--db", str(store), "--since", "last week"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_show_marks_the_document_and_accepts_a_prefix(store):
    rows = json.loads(runner.invoke(app, ["events", "--db", str(store), "--json", "--country", "SO", "--candidates"]).stdout)
    doc = rows[0]["doc_id"]
    result = runner.invoke(app, ["show", doc[:8], "--db", str(store)])
    assert result.exit_code == 0 and "roadside bomb" in result.stdout and doc in result.stdout
    data = json.loads(runner.invoke(app, ["show", doc, "--db", str(store), "--json"]).stdout)
    text = data["document"]["text"]
    assert all(text[c["trigger_start"]:c["trigger_end"]] == c["trigger_text"] for c in data["candidates"])


def test_show_unknown_document(store):
    result = runner.invoke(app, ["show", "zzzz", "--db", str(store)])
    assert result.exit_code == 1 and "no document" in result.output


def test_export_every_format(store, tmp_path):
    import pyarrow.parquet as pq
    for fmt in ("jsonl", "csv", "parquet"):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(store), "--format", fmt, "-o", str(target), "--json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)["rows"]
        assert rows > 0 and target.exists()
    assert pq.read_table(tmp_path / "out.parquet").num_rows == rows
    first = json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])
    assert {"doc_id", "trigger_start", "sentence", "modality"} <= set(first)
    bad = runner.invoke(app, ["export", "--db", str(store), "--format", "xlsx"])
    assert bad.exit_code == 2 and "jsonl, csv, parquet" in bad.output


def test_stats(store):
    data = json.loads(runner.invoke(app, ["stats", "--db", str(store), "--json"]).stdout)
    assert data["documents"] == len(REPORTS) and data["event_candidates"] > 0
    assert any(p["name"] == "Kabul" for p in data["top_places"])
    text = runner.invoke(app, ["stats", "--db", str(store)]).stdout
    assert "event candidates" in text and "top places" in text


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "fogmap ingest" in result.output


@pytest.mark.parametrize("command", ["ingest", "events", "show", "export", "stats", "bench"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: fogmap " + command in result.output
