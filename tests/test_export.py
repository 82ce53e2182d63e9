"""Exports of events and their arguments: columns, PLOVER mapping, statuses, provenance, every format."""

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.cli import app
from helpers import write_jsonl

# An airstrike reported as fact with a death toll, and a shelling the army denied (negated).
EVENT_REPORT = ("Russian warplanes carried out an airstrike on the town of Kafr Nabl in Idlib province on Monday, "
                "killing 12 civilians. The Syrian army denied that it had shelled the village of Hass.")
EVENT_COLUMNS = [
    "id", "doc_id", "outlet", "url", "published", "event_date", "date_end", "time_precision", "event_type",
    "sub_event_type", "code", "plover_event", "plover_mode", "status", "happened", "actor1", "actor2", "assoc_actors",
    "actor1_id", "actor2_id", "actor1_words", "actor2_words", "weapon",
    "location", "admin1", "country", "latitude", "longitude", "geo_precision", "place_id", "place_words", "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "injured",
    "confidence", "stage", "sentence", "sentence_start", "sentence_end", "canonical_id", "canonical_review_status",
]

runner = CliRunner()


@pytest.fixture(scope="module")
def event_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    db = folder / "events.duckdb"
    with fogmap.open(db) as ws:
        report = ws.ingest([write_jsonl(folder / "c.jsonl", [EVENT_REPORT])])
        assert report.ingested == 1 and report.failed == 0
        text = ws.document(ws.events(limit=1)[0]["doc_id"]).text
    return db, text


def _read(path, fmt):
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    return pq.read_table(path).to_pylist()


def _export(db, path, **options):
    with fogmap.open(db, read_only=True) as ws:
        written = ws.export(path, **options)
    rows = _read(path, options.get("format", "jsonl"))
    assert written == len(rows)
    assert not list(path.parent.glob(".*.partial"))  # written beside the target, then renamed
    return rows


def test_events_export_is_one_acled_row_per_event_with_plover_and_provenance(event_store, tmp_path):
    db, text = event_store
    rows = _export(db, tmp_path / "events.jsonl")
    assert list(rows[0]) == EVENT_COLUMNS
    strikes = [r for r in rows if r["code"] == "AIR_STRIKE"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["event_type"] == "Explosions/Remote violence" and strike["sub_event_type"] == "Air/drone strike"
    assert (strike["plover_event"], strike["plover_mode"]) == ("ASSAULT", "aerial")
    assert strike["status"] == "asserted" and strike["happened"] is True
    assert strike["fatalities"] == strike["fatalities_low"] == 12
    # actor1 is the resolved actor's ACLED name; the words it was read from sit beside it
    assert strike["actor1_words"] == "Russian warplanes" and strike["weapon"] == "airstrike"
    assert strike["actor1"] == "Military Forces of Russia (2000-)" and strike["actor1_id"] == "ru-military"
    # the place the event's own words give, resolved: Kafr Nabl (GeoNames: Kafranbel; the town, not its
    # province), in Idlib
    assert strike["location"] == "Kafranbel" and strike["country"] == "SY" and strike["admin1"] == "Idlib"
    assert strike["place_words"] == "the town of Kafr Nabl" and strike["geo_precision"] == 1
    assert abs(strike["latitude"] - 35.61) < 0.1 and abs(strike["longitude"] - 36.56) < 0.1
    assert strike["event_date"] == strike["date_end"] == "2019-09-09" and strike["time_precision"] == 1
    assert strike["outlet"] == "Example News" and strike["url"] == "https://example.org/0/0"
    assert text[strike["sentence_start"]:strike["sentence_end"]] == strike["sentence"]
    assert strike["sentence"].startswith("Russian warplanes carried out an airstrike")
    # the denied shelling did not happen, so it is not exported by default
    assert all(r["happened"] for r in rows) and not any("Hass" in r["sentence"] for r in rows)


def test_all_statuses_adds_the_negated_event(event_store, tmp_path):
    db, _ = event_store
    happened = _export(db, tmp_path / "happened.jsonl")
    every = _export(db, tmp_path / "all.jsonl", all_statuses=True)
    added = [r for r in every if r["id"] not in {h["id"] for h in happened}]
    assert len(added) == 1
    negated = added[0]
    assert negated["status"] == "negated" and negated["happened"] is False
    assert negated["code"] == "ART_MISS_ATTACK" and (negated["plover_event"], negated["plover_mode"]) == ("ASSAULT", "artillery")
    assert negated["actor1_words"] == "Syrian army" and negated["actor1"] == "Military Forces of Syria (2000-)"
    assert "Hass" in negated["sentence"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_events_export_is_the_same_in_every_format(event_store, tmp_path, fmt):
    db, _ = event_store
    reference = _export(db, tmp_path / "events.jsonl", all_statuses=True)
    rows = _export(db, tmp_path / f"events.{fmt}", format=fmt, all_statuses=True)
    assert list(rows[0]) == EVENT_COLUMNS
    assert [r["id"] for r in rows] == [r["id"] for r in reference]
    for row, ref in zip(rows, reference):
        for column in ("code", "plover_event", "plover_mode", "status", "actor1", "sentence"):
            assert row[column] == ref[column]
        assert str(row["fatalities"]) == str(ref["fatalities"]) and str(row["sentence_start"]) == str(ref["sentence_start"])
        assert str(row["happened"]).lower() == str(ref["happened"]).lower()


def test_event_arguments_export_keeps_every_span(event_store, tmp_path):
    db, text = event_store
    events = {r["id"]: r for r in _export(db, tmp_path / "events.jsonl", all_statuses=True)}
    happened = {i for i, r in events.items() if r["happened"]}
    rows = _export(db, tmp_path / "args.parquet", what="event_arguments", format="parquet")
    assert list(rows[0]) == ["event_id", "role", "doc_id", "start_char", "end_char", "text", "source_text"]
    assert {r["event_id"] for r in rows} == happened
    assert all(text[r["start_char"]:r["end_char"]] == r["source_text"] for r in rows)
    strike = next(i for i in happened if events[i]["code"] == "AIR_STRIKE")
    roles = {r["role"]: r for r in rows if r["event_id"] == strike}
    assert {"sentence", "trigger", "actor1", "weapon", "time", "fatalities"} <= set(roles)
    assert roles["actor1"]["source_text"] == "Russian warplanes" and roles["fatalities"]["source_text"] == "killing 12 civilians"
    every = _export(db, tmp_path / "all_args.csv", what="event_arguments", format="csv", all_statuses=True)
    assert {r["event_id"] for r in every} == set(events)


def test_cli_exports_events_by_default(event_store, tmp_path):
    db, _ = event_store
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(target), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["what"] == "events" and data["all_statuses"] is False
    rows = _read(target, "csv")
    assert data["rows"] == len(rows) and {r["status"] for r in rows} == {"asserted"}
    result = runner.invoke(app, ["export", "--db", str(db), "--all-statuses", "-o", str(tmp_path / "all.jsonl")])
    assert result.exit_code == 0 and f"wrote {len(rows) + 1} events" in result.stdout
    bad = runner.invoke(app, ["export", "--db", str(db), "--what", "hypotheses"])  # claims are exportable now
    assert bad.exit_code == 2 and "events, event_arguments, places, candidates" in bad.output


ACTOR_EXPORT_COLUMNS = [
    "id", "name", "kind", "country", "acled_name", "aliases", "parent", "affiliations", "wikidata", "valid_from",
    "valid_to", "kb_source", "events_as_actor1", "events_as_actor2", "first_event", "last_event",
]


def test_actors_export_is_one_row_per_actor_the_events_name_with_kb_fields_and_counts(event_store, tmp_path):
    db, _ = event_store
    rows = _export(db, tmp_path / "actors.csv", what="actors", format="csv")
    assert list(rows[0]) == ACTOR_EXPORT_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {"ru-military", "civilians:SY"}  # the denied shelling's Syrian army did not happen
    russia = by_id["ru-military"]
    assert (russia["name"], russia["kind"], russia["country"]) == ("Military Forces of Russia", "state_forces", "RU")
    assert russia["acled_name"] == "Military Forces of Russia (2000-)" and "Russian Aerospace Forces; " in russia["aliases"]
    assert russia["parent"] == "ru-state" and "part_of ru-state" in russia["affiliations"]
    assert russia["kb_source"].startswith("states.tsv:") and russia["valid_to"] == ""
    assert (russia["events_as_actor1"], russia["events_as_actor2"]) == ("1", "0")
    assert russia["first_event"] == russia["last_event"] == "2019-09-09"
    civilians = by_id["civilians:SY"]  # a generic actor: named by the events, not a KB row
    assert (civilians["name"], civilians["country"], civilians["kb_source"]) == ("Civilians (Syria)", "SY", "")
    assert (civilians["events_as_actor1"], civilians["events_as_actor2"]) == ("0", "1")
    every = {r["id"]: r for r in _export(db, tmp_path / "all.parquet", what="actors", format="parquet", all_statuses=True)}
    assert every["sy-military"]["events_as_actor1"] == 1 and every["ru-military"]["events_as_actor1"] == 1
    assert str(every["sy-military"]["first_event"]) == "2019-09-09"


def test_actors_export_takes_user_files_and_can_dump_the_whole_kb(event_store, tmp_path):
    from fogmap.actors.kb import load_actor_kb
    from helpers import write_actor_file

    db, _ = event_store
    mine = write_actor_file(tmp_path / "mine.tsv", [
        ["ru-military", "Russian Armed Forces", "state_forces", "RU", "VKS", "Q1", "Russia (my coding)", "2000", "", ""],
        ["zz-unused", "Unused Militia", "militia", "SY", "", "", "", "2020", "", ""],
    ])
    target = tmp_path / "actors.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--what", "actors", "-o", str(target), "--actors", str(mine), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in _read(target, "jsonl")}
    assert json.loads(result.stdout)["rows"] == len(rows) == 2 and "zz-unused" not in rows
    russia = rows["ru-military"]
    assert (russia["name"], russia["acled_name"], russia["aliases"], russia["wikidata"]) == (
        "Russian Armed Forces", "Russia (my coding)", "VKS", "Q1")
    assert russia["kb_source"] == f"{mine}:2"
    result = runner.invoke(app, ["export", "--db", str(db), "--what", "actors", "--all-kb", "-o", str(target),
                                 "--actors", str(mine)])
    assert result.exit_code == 0, result.output
    every = {r["id"]: r for r in _read(target, "jsonl")}
    assert set(every) == set(load_actor_kb([mine]).actors) | {"civilians:SY"}
    assert every["zz-unused"]["events_as_actor1"] == 0 and every["zz-unused"]["first_event"] is None
