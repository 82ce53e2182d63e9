"""The command line in-process (Typer's CliRunner) on stores built in tmp_path."""

import json

import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from helpers import REPORTS, write_actor_file, write_jsonl

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


def test_show_marks_event_arguments_and_lists_the_events(store):
    from rich.console import Console

    import fogmap
    from fogmap.render import ARGUMENT_MARKS, marked_text, print_document

    doc = json.loads(runner.invoke(app, ["events", "--db", str(store), "--json", "--country", "AF"]).stdout)[0]["doc_id"]
    data = json.loads(runner.invoke(app, ["show", doc, "--db", str(store), "--json"]).stdout)
    text, events = data["document"]["text"], data["events"]
    assert {e["status"] for e in events} >= {"reported", "negated"}  # the denied attack is shown too
    clash = next(e for e in events if e["actor1"] == "Gunmen")
    args = {a["role"]: a for a in clash["arguments"]}
    assert text[args["actor1"]["start_char"]:args["actor1"]["end_char"]] == "Gunmen"
    assert args["weapon"]["text"] == clash["weapon"] == "small arms" and "fatalities" in args
    with fogmap.open(store, read_only=True) as ws:
        document, marks = ws.document(doc), ws.marks(doc)
    body = marked_text(document, marks)
    styled = {(span.start, span.end, str(span.style)) for span in body.spans}
    for role in ("trigger", "actor1", "actor2", "weapon", "place", "time", "fatalities"):
        assert (args[role]["start_char"], args[role]["end_char"], ARGUMENT_MARKS[role][1]) in styled, role
    console = Console(width=200, record=True)
    # "Gunmen" is both actor1 and the weapon's words: the actor's mark is the one seen
    assert body.get_style_at_offset(console, 0).color.name == "bright_cyan" == ARGUMENT_MARKS["actor1"][1].split()[-1]
    print_document(console, document, marks)
    # the event table names the actors by their resolved ACLED names
    assert clash["actor1_acled"] == "Unidentified Armed Group (Afghanistan)"
    rows = [line for line in console.export_text().splitlines() if "Unidentified Armed Group (Afghanistan) -> Police Forces" in line]
    assert len(rows) == 1 and all(word in rows[0] for word in ("Armed clash", "reported", "Kabul", " 4 "))
    shown = runner.invoke(app, ["show", doc[:8], "--db", str(store)]).stdout
    assert "event: what who whom weapon" in shown and "2 event(s) in this document" in shown
    assert "reported" in shown and "negated" in shown


def test_show_unknown_document(store):
    result = runner.invoke(app, ["show", "zzzz", "--db", str(store)])
    assert result.exit_code == 1 and "no document" in result.output


def test_export_every_format(store, tmp_path):
    import pyarrow.parquet as pq
    for fmt in ("jsonl", "csv", "parquet"):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(store), "--what", "candidates", "--format", fmt,
                                     "-o", str(target), "--json"])
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
    every = json.loads(runner.invoke(app, ["events", "--db", str(store), "--json", "--limit", "0"]).stdout)
    assert data["events_happened"] == len(every) == sum(data["events_by_type"].values())
    assert data["events_by_type"]["Battles"] == sum(r["type"] == "Battles" for r in every)
    assert data["events"] == sum(data["events_by_status"].values()) > data["events_happened"]
    negated = json.loads(runner.invoke(app, ["events", "--db", str(store), "--json", "--status", "negated"]).stdout)
    assert data["events_by_status"]["negated"] == len(negated) > 0
    text = runner.invoke(app, ["stats", "--db", str(store)]).stdout
    assert "event candidates" in text and "top places" in text
    assert f"events: {data['events']} ({data['events_happened']} happened)" in text
    assert f"negated {len(negated)}" in text and f"Battles {data['events_by_type']['Battles']}" in text


def test_reading_a_missing_store_says_how_to_make_one(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "fogmap ingest" in result.output


@pytest.mark.parametrize("command", ["ingest", "events", "show", "export", "stats", "bench", "actors"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "Example: fogmap " + command in result.output


def test_events_print_as_blocks_in_a_narrow_terminal_and_as_a_table_in_a_wide_one():
    import datetime as dt
    import io

    from rich.console import Console

    from fogmap.render import print_events

    row = {"date_start": dt.date(2020, 5, 5), "time_precision": 1, "country": "YE", "subtype": "Air/drone strike",
           "status": "reported", "actor1": "coalition jets", "actor2": None, "place": "Sanaa",
           "fatalities_low": 5, "fatalities_best": 5, "fatalities_high": 5,
           "sentence": "Coalition jets struck a market in Sanaa, killing five, residents said.", "doc_id": "abcdef123456"}
    for width, expect in ((80, "Air/drone strike  reported"), (160, "│")):
        buffer = io.StringIO()
        print_events(Console(file=buffer, width=width), [row])
        shown = buffer.getvalue()
        assert expect in shown
        assert "Coalition jets struck a market in Sanaa" in shown
        assert ("killed 5" in shown) == (width == 80)  # the table has a "killed" column instead


# --- the user's own actor files (--actors FILE) -------------------------------------------------

GOLDEN_LIONS = ("Fighters of the Brigade of the Golden Lions attacked a Syrian army checkpoint near Idlib on Monday, "
                "killing three soldiers. The Golden Lions captured the town of Saraqib on Tuesday.")
# a militia the shipped KB does not know, and the shipped Syrian army under the user's own ACLED name
USER_ACTORS = [
    ["sy-golden-lions", "Brigade of the Golden Lions", "militia", "SY", "Golden Lions", "", "Golden Lions Brigade", "2015", "", ""],
    ["sy-military", "Syrian Arab Army", "state_forces", "SY", "Syrian army|SAA", "", "SAA (my coding)", "2000", "", ""],
]


def test_a_user_actor_file_names_new_actors_and_overrides_shipped_ones(tmp_path):
    import duckdb

    corpus = write_jsonl(tmp_path / "c.jsonl", [GOLDEN_LIONS])
    mine = write_actor_file(tmp_path / "mine.tsv", USER_ACTORS)
    plain = tmp_path / "plain.duckdb"
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(plain), "-q"]).exit_code == 0
    event = _attack(plain)
    assert event["actor1_id"] is None and event["actor2_acled"] == "Military Forces of Syria (2000-)"
    unknown = runner.invoke(app, ["actors", "--unknown", "--db", str(plain), "--json"])
    assert "Brigade of the Golden Lions" in {r["words"] for r in json.loads(unknown.stdout)["actors"]}
    # with the file, the name is known: no longer a candidate for review
    known = runner.invoke(app, ["actors", "--unknown", "--db", str(plain), "--json", "--actors", str(mine)])
    assert "Brigade of the Golden Lions" not in {r["words"] for r in json.loads(known.stdout)["actors"]}

    db = tmp_path / "mine.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "-q", "--actors", str(mine)])
    assert result.exit_code == 0, result.output
    event = _attack(db)
    assert (event["actor1_id"], event["actor1_acled"]) == ("sy-golden-lions", "Golden Lions Brigade")
    assert (event["actor2_id"], event["actor2_acled"]) == ("sy-military", "SAA (my coding)")
    with duckdb.connect(str(db), read_only=True) as con:
        stamps = [s for (s,) in con.execute("SELECT DISTINCT stage FROM stage_runs WHERE stage LIKE 'actors:%'").fetchall()]
        held_by = con.execute("SELECT actor_id FROM control_assertions WHERE place_text LIKE '%Saraqib'").fetchall()
    assert len(stamps) == 1 and stamps[0].startswith("actors:mine.tsv@")  # the store says which coding was used
    assert held_by == [("sy-golden-lions",)]  # control statements resolve with the same file


def _attack(db) -> dict:
    events = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)
    return next(e for e in events if e["actor2"] == "Syrian army")


@pytest.mark.parametrize("rows, line, problem", [
    ([["zz-dup", "Dup", "militia", "SY", "", "", "", "2020", "", ""]] * 2, 3, "zz-dup 2020: duplicate (id, valid_from)"),
    ([["zz-short", "Short", "militia"]], 2, "'zz-short' has 3 columns, not 10"),
    ([["zz-odd", "Odd", "warlord", "SY", "", "", "", "2020", "", ""]], 2, "zz-odd 2020: unknown kind 'warlord'"),
])
def test_a_bad_actor_file_is_a_one_line_usage_error_before_any_work(tmp_path, rows, line, problem):
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS[:1])
    bad = write_actor_file(tmp_path / "bad.tsv", rows)
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--actors", str(bad)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: actor file {bad}:{line}: {problem}"), lines
    assert not db.exists()  # nothing was started, not even a store
    for command in (["actors", "--unknown"], ["export", "--what", "actors"]):
        other = runner.invoke(app, [*command, "--db", str(db), "--actors", str(bad)])
        assert other.exit_code == 2 and f"{bad}:{line}" in other.output
    scored = runner.invoke(app, ["eval", "acled", str(tmp_path / "gold.csv"), "--actor-file", str(bad)])
    assert scored.exit_code == 2 and f"{bad}:{line}" in scored.output


def test_binary_or_missing_actor_files_name_the_file(tmp_path):
    binary = tmp_path / "actors.xlsx"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")
    for path, says in ((binary, "a binary file"), (tmp_path / "none.tsv", "cannot read")):
        result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.duckdb"), "--actors", str(path)])
        assert result.exit_code == 2 and result.output.startswith(f"error: actor file {path}: {says}")
