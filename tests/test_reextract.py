"""fogmap.reextract: stored documents extracted again, through the real pipeline and the CLI."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.cli import app
from fogmap.pipeline import stage_names

FIXTURE = Path(__file__).parent / "fixtures" / "fusion_articles.jsonl"
TABLES = ("events", "event_spans", "place_mentions", "canonical_events", "canonical_reports", "stage_runs")


@pytest.fixture
def ws(tmp_path, settings):
    with fogmap.open(tmp_path / "store.duckdb", settings) as workspace:
        workspace.ingest([FIXTURE])
        yield workspace


def _snapshot(ws):
    return {t: sorted(map(repr, ws.store.query(f"SELECT * FROM {t}"))) for t in TABLES}


def test_re_extracting_everything_with_the_same_stages_changes_nothing(ws):
    before = _snapshot(ws)
    report = ws.reextract(every=True)
    assert report.documents == ws.store.scalar("SELECT count(*) FROM documents WHERE duplicate_of IS NULL") == 3
    assert report.events == ws.store.scalar("SELECT count(*) FROM events")
    assert _snapshot(ws) == before


def test_re_extracting_one_document_leaves_other_canonical_events_alone(ws):
    (strike,) = ws.canonical_events(type="Air/drone strike")
    (protest,) = ws.canonical_events(type="Protests")
    agency = next(r["doc_id"] for r in strike["report_events"] if r["outlet"] == "Example Agency")
    # mark the protest's row so a rewrite of it would show; the agency's document does not report it
    ws.store.con.execute("UPDATE canonical_events SET sources = 99 WHERE id = ?", [protest["id"]])
    report = ws.reextract([agency[:8]])
    assert report.documents == 1
    assert ws.store.scalar("SELECT sources FROM canonical_events WHERE id = ?", [protest["id"]]) == 99
    (again,) = ws.canonical_events(type="Air/drone strike")
    assert again["id"] == strike["id"] and again["reports"] == strike["reports"]


def test_a_copy_names_its_original(ws):
    copy = ws.store.scalar("SELECT id FROM documents WHERE duplicate_of IS NOT NULL")
    original = ws.store.scalar("SELECT duplicate_of FROM documents WHERE id = ?", [copy])
    before = ws.store.scalar("SELECT count(*) FROM stage_runs WHERE doc_id = ?", [copy])
    ws.store.con.execute("DELETE FROM stage_runs WHERE doc_id = ?", [original])
    assert ws.reextract([copy]).documents == 1
    assert ws.store.scalar("SELECT count(*) FROM stage_runs WHERE doc_id = ?", [original]) == len(stage_names(ws.settings))
    assert ws.store.scalar("SELECT count(*) FROM stage_runs WHERE doc_id = ?", [copy]) == before == 0


def test_stale_picks_documents_an_older_fogmap_extracted_and_fuses_them(ws):
    """A store from before fusion: one document went through the old stages and has no canonical links."""
    old = ws.store.scalar("SELECT doc_id FROM canonical_reports ORDER BY doc_id LIMIT 1")
    ws.store.con.execute("UPDATE stage_runs SET stage = 'fogmap_fusion_v0' WHERE doc_id = ? AND stage LIKE 'fogmap_fusion%'",
                         [old])
    ws.store.con.execute("DELETE FROM canonical_reports WHERE doc_id = ?", [old])
    report = ws.reextract(stale=True)
    assert report.documents == 1 and report.canonical_written >= 1
    assert ws.store.scalar("SELECT count(*) FROM canonical_reports WHERE doc_id = ?", [old]) > 0
    assert ws.reextract(stale=True).documents == 0


def test_cli_reextract(ws, tmp_path):
    runner = CliRunner()
    db = str(ws.path)
    ws.close()
    result = runner.invoke(app, ["reextract", "--all", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 3
    assert runner.invoke(app, ["reextract", "--db", db]).exit_code == 2  # nothing named
    missing = runner.invoke(app, ["reextract", "nosuchdoc", "--db", db])
    assert missing.exit_code == 1 and "no document" in missing.output
