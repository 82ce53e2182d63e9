"""`fogmap eval geo` and the geo commands, on small XML files in the LGL and GeoWebNews layouts written
here (the corpora themselves are not shipped), in-process with Typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from fogmap.evaluation.geo import _recognition_counts, evaluate_geo

runner = CliRunner()

LGL_TEXT = "Shelling hit Aleppo and the town of Manbij, while Raqqa was calm."
GWN_TEXT = "Damascus said the capital's north was calm; Homs and Hama reported strikes."


def _lgl_toponym(text: str, phrase: str, geonameid: str, lat: float, lon: float) -> str:
    start = text.index(phrase)
    return (f"<toponym><start>{start}</start><end>{start + len(phrase)}</end><phrase>{phrase}</phrase>"
            f'<gaztag geonameid="{geonameid}"><name>{phrase}</name><lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>')


def _gwn_toponym(text: str, phrase: str, kind: str, geonameid: str = "", lat: float | None = None,
                 lon: float | None = None) -> str:
    start = text.index(phrase)
    coords = f"<latitude>{lat}</latitude><longitude>{lon}</longitude>" if lat is not None else ""
    return (f"<toponym><extractedName>{phrase}</extractedName><type>{kind}</type><start>{start}</start>"
            f"<end>{start + len(phrase)}</end><geonamesID>{geonameid}</geonamesID>{coords}</toponym>")


@pytest.fixture
def lgl(tmp_path):
    toponyms = "".join([
        _lgl_toponym(LGL_TEXT, "Aleppo", "170063", 36.20, 37.16),
        _lgl_toponym(LGL_TEXT, "Manbij", "167357", 36.53, 37.96),
        _lgl_toponym(LGL_TEXT, "Raqqa", "172955", 35.95, 39.01),
    ])
    path = tmp_path / "lgl.xml"
    path.write_text(f'<?xml version="1.0"?><articles><article docid="1"><text>{LGL_TEXT}</text>'
                    f"<toponyms>{toponyms}</toponyms></article></articles>", encoding="utf-8")
    return path


@pytest.fixture
def gwn(tmp_path):
    toponyms = "".join([
        _gwn_toponym(GWN_TEXT, "Damascus", "Metonymic", "170654", 33.51, 36.29),
        _gwn_toponym(GWN_TEXT, "the capital's north", "Literal_Expression"),
        _gwn_toponym(GWN_TEXT, "Homs", "Literal", "169577", 34.73, 36.72),
        _gwn_toponym(GWN_TEXT, "Hama", "Literal", "170017", 35.13, 36.76),
    ])
    path = tmp_path / "gwn.xml"
    path.write_text(f'<?xml version="1.0"?><articles><article file="0"><title>t</title><text>{GWN_TEXT}</text>'
                    f"<toponyms>{toponyms}</toponyms></article></articles>", encoding="utf-8")
    return path


def test_recognition_counts_match_each_gold_span_once():
    gold = [(0, 6), (10, 20)]
    assert _recognition_counts(gold, [(0, 6), (12, 15), (14, 18)]) == (1, 2)
    assert _recognition_counts(gold, []) == (0, 0)


def test_lgl_layout_scores(lgl, extractor):
    report = evaluate_geo(lgl, extractor)
    assert report["corpus"] == "LGL" and report["articles"] == 1 and report["gold_spans"] == 3
    assert report["recognition_exact"]["recall"] == 1.0 and report["recognition_overlap"]["f1"] == 1.0
    res = report["resolution"]
    assert (res["n"], res["accuracy_161km"], res["unresolved"], res["geonames_id_match"]) == (3, 1.0, 0, 1.0)
    assert res["median_km"] < 10


def test_geowebnews_layout_counts_only_place_names(gwn, extractor):
    report = evaluate_geo(gwn, extractor, approach="prior")
    assert report["corpus"] == "GeoWebNews" and report["approach"] == "prior"
    assert report["gold_spans"] == 3  # "the capital's north" is an expression, not a toponym
    assert report["resolution"]["n"] == 3 and report["resolution"]["accuracy_161km"] == 1.0


def test_eval_geo_command(lgl):
    result = runner.invoke(app, ["eval", "geo", str(lgl), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["resolution"]["accuracy_161km"] == 1.0
    table = runner.invoke(app, ["eval", "geo", str(lgl)])
    assert table.exit_code == 0 and "accuracy within 161 km" in table.stdout
    missing = runner.invoke(app, ["eval", "geo", str(lgl.parent / "absent.xml")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad = runner.invoke(app, ["eval", "geo", str(lgl), "--approach", "oracle"])
    assert bad.exit_code == 2 and "choose one of" in bad.output


def test_geocode_command():
    result = runner.invoke(app, ["geocode", "Raqqa", "--country", "SY", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["candidates"][0]["id"] == "geonames:172955" and data["country"] == "SY"
    assert runner.invoke(app, ["geocode", "Raqqa"]).exit_code == 0
    assert runner.invoke(app, ["geocode", "Xqzzyvillemore"]).exit_code == 1
    assert runner.invoke(app, ["geocode", "Raqqa", "--country", "Syria"]).exit_code == 2
    assert runner.invoke(app, ["geocode", "Raqqa", "--country", "FR"]).exit_code == 1


def test_geocode_prints_one_line_per_candidate_in_a_narrow_terminal(monkeypatch):
    import io

    from rich.console import Console

    import fogmap.cli_geo as cli_geo

    screen = io.StringIO()
    monkeypatch.setattr(cli_geo, "out", Console(file=screen, width=80, highlight=False))
    assert runner.invoke(app, ["geocode", "Raqqa", "--country", "SY"]).exit_code == 0
    lines = screen.getvalue().splitlines()
    assert lines[0] == "places named 'Raqqa' in SY"
    assert lines[1].startswith(" 1. ") and lines[1].endswith("geonames:172955") and "┃" not in screen.getvalue()
    assert "SY.04" in lines[2] and "score" in lines[2]
    assert all(len(line) <= 80 for line in lines)


def test_places_command():
    text = "Jets struck Khmeimim air base and villages south of the city of Mayadin."
    result = runner.invoke(app, ["places", text, "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["text"]: r for r in json.loads(result.stdout)["places"]}
    assert rows["Khmeimim"]["id"] == "fogmap:khmeimim-air-base"
    assert rows["Mayadin"]["relation"] == "near" and rows["Mayadin"]["precision"] == 2
    assert "candidates" in rows["Mayadin"]
    shown = runner.invoke(app, ["places", text])  # an 80-column terminal: one block per mention
    assert shown.exit_code == 0 and "Khmeimim  -> Khmeimim air base  fogmap:khmeimim-air-base" in shown.output
    assert runner.invoke(app, ["places", "The central bank kept rates unchanged."]).exit_code == 1
    assert runner.invoke(app, ["places"]).exit_code == 2
    assert runner.invoke(app, ["places", text, "--doc", "abc"]).exit_code == 2


def test_every_geo_command_has_help_with_an_example():
    for args in (["geocode", "--help"], ["places", "--help"], ["eval", "geo", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Example" in result.output, args


def test_places_of_a_stored_document(tmp_path):
    from helpers import REPORTS, write_jsonl

    db = tmp_path / "geo.duckdb"
    corpus = write_jsonl(tmp_path / "c.jsonl", REPORTS[:1])  # shelling in Maarat al-Numan, Idlib province
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--quiet"]).exit_code == 0
    doc = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)[0]["doc_id"]
    result = runner.invoke(app, ["places", "--doc", doc[:8], "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["doc_id"] == doc
    idlib = next(p for p in data["places"] if p["text"] == "Idlib")
    assert idlib["kind"] == "admin1" and idlib["country"] == "SY"
    missing = runner.invoke(app, ["places", "--doc", "ffffffffff", "--db", str(db)])
    assert missing.exit_code == 1
