"""`fogmap why-merged`, `fogmap events --level canonical`, `export --level` and `eval fusion` in-process."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from fogmap.evaluation.fusion import bcubed, f1_difference_interval, score_fusion

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "fusion_articles.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("fusion") / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(FIXTURE), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_events_level_canonical_shows_reports_and_sources(store):
    result = runner.invoke(app, ["events", "--db", str(store), "--level", "canonical", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    strike = next(r for r in rows if r["code"] == "AIR_STRIKE")
    assert (strike["reports"], strike["sources"], strike["copies"]) == (2, 2, 1)
    table = runner.invoke(app, ["events", "--db", str(store), "--level", "canonical"])
    assert table.exit_code == 0 and "2 canonical event(s)" in table.output
    bad = runner.invoke(app, ["events", "--db", str(store), "--level", "canonical", "--status", "negated"])
    assert bad.exit_code == 2


def test_why_merged_json_and_table(store):
    rows = json.loads(runner.invoke(app, ["events", "--db", str(store), "--level", "canonical", "--json"]).stdout)
    strike = next(r for r in rows if r["code"] == "AIR_STRIKE")
    protest = next(r for r in rows if r["type"] == "Protests")
    a, b = strike["report_events"][0]["event_id"], protest["report_events"][0]["event_id"]
    result = runner.invoke(app, ["why-merged", a, b, "--db", str(store), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert not answer["same_canonical"] and not answer["compatible"]
    failed = {f["name"] for f in answer["features"] if f["blocking"] and not f["matched"]}
    assert {"type", "place"} <= failed
    table = runner.invoke(app, ["why-merged", a, strike["report_events"][-1]["event_id"], "--db", str(store)])
    assert table.exit_code == 0 and "one canonical event" in table.output
    missing = runner.invoke(app, ["why-merged", "ffffffff", b, "--db", str(store)])
    assert missing.exit_code == 1 and "not a fused report" in missing.output


def test_export_level_option(store, tmp_path):
    target = tmp_path / "canonical.csv"
    result = runner.invoke(app, ["export", "--db", str(store), "--level", "canonical", "--format", "csv", "-o", str(target),
                                 "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == 2 and "sources" in target.read_text().splitlines()[0]
    wrong = runner.invoke(app, ["export", "--db", str(store), "--level", "canonical", "--what", "places"])
    assert wrong.exit_code == 2 and "events only" in wrong.output


def test_eval_fusion_says_plainly_when_the_file_is_missing(tmp_path):
    result = runner.invoke(app, ["eval", "fusion", str(tmp_path / "fakes.jsonl")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_eval_fusion_on_a_small_file_of_our_own(tmp_path):
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    path = tmp_path / "incidents.jsonl"
    path.write_text("".join(json.dumps({"article_content": r["text"], "article_title": r["title"], "source": r["outlet"],
                                        "date_iso": r["published"], "location": "iraq" if "Baghdad" in r["text"] else "idlib"})
                            + "\n" for r in rows))
    result = runner.invoke(app, ["eval", "fusion", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 4 and report["incident_groups"] == 2
    assert report["fogmap"]["f1"] == 1.0 and report["canonical_events_per_group"] == 1.0


def test_bcubed_by_hand():
    assert bcubed([1, 1, 2], [1, 1, 2]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # everything in one cluster: precision (2/3 * 2 + 1/3) / 3 = 5/9, recall 1
    assert bcubed([0, 0, 0], ["a", "a", "b"]) == {"precision": 0.5556, "recall": 1.0, "f1": 0.7143}


def test_the_bootstrap_interval_of_an_f1_difference():
    gold = [g for g in range(40) for _ in range(3)]  # forty incidents of three articles
    perfect = list(gold)
    alone = list(range(len(gold)))
    assert f1_difference_interval(perfect, perfect, gold) == (0.0, 0.0)
    low, high = f1_difference_interval(perfect, alone, gold)
    assert 0 < low <= high  # keeping incidents together is clearly better than leaving every article alone
    assert f1_difference_interval(perfect, alone, gold) == (low, high)  # seeded: the same every run


def test_score_fusion_uses_the_lead_event_and_maps_copies_to_their_original():
    gold = [("d1", ("x",)), ("d2", ("x",)), ("d3", ("x",))]
    day = dt.date(2019, 9, 9)
    reports = [
        {"doc_id": "d1", "duplicate_of": None, "canonical_id": "c1", "window_start": day, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Battles"},
        {"doc_id": "d1", "duplicate_of": None, "canonical_id": "c9", "window_start": day, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Protests"},
        {"doc_id": "d2", "duplicate_of": None, "canonical_id": "c1", "window_start": day, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Explosions/Remote violence"},
        {"doc_id": "d3", "duplicate_of": "d2", "canonical_id": None},
    ]
    report = score_fusion(gold, reports)
    assert report["fogmap"]["f1"] == 1.0 and report["one_a_day"]["recall"] < 1.0
    assert report["all_canonical_events_per_group"] == 2


def test_an_articles_lead_is_its_first_event_of_the_publication_day():
    """A story that opens by recalling last week's attack is news of today's event."""
    gold = [("d1", ("x",)), ("d2", ("x",))]
    day, before = dt.date(2017, 4, 17), dt.date(2017, 4, 4)
    reports = [
        {"doc_id": "d1", "duplicate_of": None, "canonical_id": "old", "window_start": before, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Explosions/Remote violence"},
        {"doc_id": "d1", "duplicate_of": None, "canonical_id": "new", "window_start": day, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Explosions/Remote violence"},
        {"doc_id": "d2", "duplicate_of": None, "canonical_id": "new", "window_start": day, "published": day,
         "admin1": "Idlib", "country": "SY", "type": "Explosions/Remote violence"},
    ]
    assert score_fusion(gold, reports)["fogmap"]["f1"] == 1.0
    # with no event of its own day an article's lead is its first event
    undated = [dict(r, published=None) for r in reports]
    assert score_fusion(gold, undated)["fogmap"]["f1"] < 1.0
