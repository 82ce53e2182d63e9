"""The situation report (issue 8): gathered from a store built in tmp_path from the project's own
articles plus one hostile pasted article (a <script> in its title and text, a javascript: url), drawn
as SVG and HTML, and served by `fogmap sitrep` and GET /api/sitrep."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.cli import app as cli_app
from fogmap.geo.areas import load_areas
from fogmap.sitrep import Window, gather, parse_window, render_html
from fogmap.geo.simplify import thin_ring
from fogmap.sitrep.geometry import nice_length
from fogmap.sitrep.mapsvg import map_svg, spots
from fogmap.web import create_app
from helpers import store_with

with warnings.catch_warnings():  # as in test_web_api: httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
SCRIPT = "<script>alert('fogmap')</script>"
HOSTILE = {"url": "javascript:alert('fogmap')", "outlet": "Paste <b>Desk</b>", "published": "2020-02-29",
           "title": f"Shelling kills four in Maarat al-Numan {SCRIPT}",
           "text": "Syrian government forces shelled the town of Maarat al-Numan in Idlib province on Saturday, "
                   f"killing four civilians. {SCRIPT} Residents said the shells hit a market at noon."}
WINDOW = Window(dt.date(2020, 2, 1), dt.date(2020, 3, 31))  # the Idlib offensive: Saraqib, the pasted shelling
NOW = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path, report = store_with(tmp_path_factory.mktemp("sitrep"), [
        ARTICLES / "attribution.jsonl", ARTICLES / "claims.jsonl", ARTICLES / "relations_control.jsonl"], HOSTILE)
    assert not report.failures
    return path


@pytest.fixture(scope="module")
def workspace(store):
    with fogmap.open(store, read_only=True) as ws:
        yield ws


@pytest.fixture(scope="module")
def report(workspace) -> dict:
    return gather(workspace, ["sy"], WINDOW, now=NOW)


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report)


def test_counts_add_up_to_the_events_in_the_window(workspace, report):
    rows, total = workspace.event_page(since=WINDOW.since, until=WINDOW.until, country="SY", limit=None)
    before, _ = workspace.event_page(since=dt.date(2019, 12, 3), until=dt.date(2020, 1, 31), country="SY", limit=None)
    t = report["totals"]
    assert t["events"] == total == len(rows) == len(report["events"]) >= 4
    assert sum(x["events"] for x in report["by_type"]) == sum(x["events"] for x in report["by_area"]) == total
    assert sum(x["previous"] for x in report["by_type"]) == t["previous_events"] == len(before)
    assert t["deaths"]["best"] == sum(r["fatalities_best"] or 0 for r in rows) == sum(x["deaths_best"] for x in report["by_area"])
    assert t["deaths"]["low"] <= t["deaths"]["best"] <= t["deaths"]["high"]
    assert t["documents"] == len({m["doc_id"] for r in rows for m in r["report_events"]})
    assert report["previous_window"] == {"since": dt.date(2019, 12, 3), "until": dt.date(2020, 1, 31)}


def test_notable_events_are_ranked_and_carry_their_sources(report):
    cards = report["notable"]["items"]
    assert cards and "deaths" in report["notable"]["rule"]
    deaths = [c["deaths"]["best"] or 0 for c in cards]
    assert deaths == sorted(deaths, reverse=True) and deaths[0] == 30  # Saraqib, 2 March
    for c in cards:
        assert c["sources"] and len({s["doc_id"] for s in c["sources"]}) == len(c["sources"]) == c["reports"]
        for s in c["sources"]:
            assert s["doc_id"] and s["outlet"] and s["published"] and s["status"] in ("asserted", "reported", "claimed", "denied")
    pasted = next(c for c in cards if any(s["title"] and SCRIPT in s["title"] for s in c["sources"]))
    assert pasted["civilians"] or pasted["deaths"]["best"] == 4


def test_control_lists_changes_and_contested_places_with_their_statements(report):
    control = report["control"]
    assert control["start"] == dt.date(2020, 1, 31) and control["end"] == WINDOW.until
    saraqib = next(x for x in control["contested"] if x["place"] == "Saraqib")
    assert len(saraqib["contenders"]) >= 2
    assert {s["outlet"] for s in saraqib["sources"]} >= {"Idlib Observer", "Damascus Daily"}
    assert all(s["url"].startswith("https://") and s["title"] for s in saraqib["sources"])
    assert any(x["place"] == "Saraqib" and x["before"] is None for x in control["changes"])


def test_open_attribution_questions_stay_inside_the_window(workspace):
    # Workspace.unattributed has no end date: for a past window it would weigh later events
    found = gather(workspace, ["IQ"], Window(dt.date(2023, 10, 1), dt.date(2023, 11, 30)), now=NOW)["attribution"]
    assert found["total"] >= 1 and found["shown"] == len(found["items"]) >= 1
    for q in found["items"]:
        assert "2023-10-01" <= str(q["event"]["date_start"]) <= "2023-11-30"
        assert q["hypotheses"] and 0 <= q["leader_posterior"] <= 1 and q["sensitivity"]
    assert gather(workspace, ["IQ"], Window(dt.date(2023, 12, 1), dt.date(2023, 12, 31)))["attribution"]["total"] == 0


def test_map_has_the_areas_and_one_dot_per_place_and_type(report):
    svg = map_svg(["SY"], report["events"], report["control"]["holdings_end"])
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "nan" not in svg.lower()
    assert svg.count("<title>") == len(load_areas().areas_of("SY")) >= 14  # each area with its count
    assert "Idlib: " in svg and "Homs (Hims): 0 events" in svg
    assert len(re.findall(r'<circle class="ev"', svg)) == len(spots(report["events"])) >= 2
    assert "km</text>" in svg and ">N</text>" in svg  # scale bar and north arrow
    assert len(svg) < 150_000


def test_rings_are_thinned_but_keep_their_shape():
    t = np.linspace(0, 2 * np.pi, 2001)
    ring = np.column_stack((100 + 50 * np.cos(t), 100 + 50 * np.sin(t)))
    thin = thin_ring(ring, 0.5)
    assert 10 < len(thin) < 100 and (thin[0] == ring[0]).all() and (thin[-1] == ring[-1]).all()
    assert np.abs(np.hypot(thin[:, 0] - 100, thin[:, 1] - 100) - 50).max() < 1e-9  # kept points are on the ring
    assert [nice_length(km) for km in (0.3, 7, 140, 260)] == [1, 5, 100, 200]


def test_page_escapes_store_text_and_runs_nothing(page):
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;fogmap&#x27;)&lt;/script&gt;" in page
    assert "Paste &lt;b&gt;Desk&lt;/b&gt;" in page
    assert 'href="javascript' not in page.lower() and "javascript:alert" in page  # shown as text, never a link
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing to fetch
    assert "default-src 'none'" in page and "@media print" in page and "@page" in page


def test_page_states_window_sources_and_uncertainty(page):
    for words in ("Situation report: Syria", "1 Feb 2020 – 31 Mar 2020", "2024-01-02T03:04:05+00:00", "store.duckdb",
                  fogmap.__version__, "fogmap_fusion_v4", "How to read this", "independent source",
                  "Open attribution questions", "Contested at the end of the window", "Saraqib", "DISPUTED",
                  "https://example.org/syria-saraqib-rebels", "<svg"):
        assert words in page, words


def test_empty_window_says_so_and_names_the_latest_event(workspace):
    empty = gather(workspace, ["SY"], Window(dt.date(2010, 1, 1), dt.date(2010, 1, 31)), now=NOW)
    assert empty["totals"]["events"] == 0 and empty["latest_event"] == dt.date(2020, 3, 2)
    html = render_html(empty)
    assert "No events in Syria between 1 Jan 2010 – 31 Jan 2010" in html and "2 Mar 2020" in html
    assert "--until 2020-03-02 --since 30d" in html


def test_window_parsing_and_bounds():
    assert parse_window("30d", "2015-06-30") == Window(dt.date(2015, 6, 1), dt.date(2015, 6, 30))
    assert parse_window("2w", "2015-06-30").since == dt.date(2015, 6, 17)
    assert parse_window("1m", "2015-03-31").since == dt.date(2015, 3, 1)  # 28 Feb + 1 day
    assert parse_window("2015-06-01", "2015-06-30").previous() == Window(dt.date(2015, 5, 2), dt.date(2015, 5, 31))
    assert parse_window(None, today=dt.date(2020, 1, 7)) == Window(dt.date(2020, 1, 1), dt.date(2020, 1, 7))
    for since, until, words in (("0d", "2015-06-30", "empty"), ("5x", None, "duration"), ("2015-07-01", "2015-06-30", "after"),
                                ("400d", "2015-06-30", "at most 366"), ("7d", "2015-02-30", "until")):
        with pytest.raises(ValueError, match=words):
            parse_window(since, until)


def test_cli_writes_the_page_and_prints_its_path(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli_app, ["sitrep", "--country", "SY", "--since", "60d", "--until", "2020-03-31",
                                          "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "sitrep-SY-2020-03-31.html"
    written = (tmp_path / "sitrep-SY-2020-03-31.html").read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>") and "Saraqib" in written and "<script" not in written.lower()
    chosen = tmp_path / "brief.html"
    again = CliRunner().invoke(cli_app, ["sitrep", "-c", "SY", "-c", "IQ", "--since", "2020-02-01", "--until",
                                         "2020-03-31", "-o", str(chosen), "--db", str(store)])
    assert again.exit_code == 0 and chosen.is_file() and "Syria, Iraq" in chosen.read_text(encoding="utf-8")


def test_cli_json_is_the_gathered_content(store):
    result = CliRunner().invoke(cli_app, ["sitrep", "--country", "SY", "--since", "2020-02-01", "--until", "2020-03-31",
                                          "--json", "--db", str(store)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["window"] == {"since": "2020-02-01", "until": "2020-03-31", "days": 60}
    assert data["totals"]["events"] == len(data["events"]) and data["notable"]["items"][0]["sources"]


@pytest.mark.parametrize("args, words", [
    (["--country", "SYR"], "alpha-2"), (["--country", "SY", "--since", "yesterday"], "duration"),
    (["--country", "SY", "--since", "2019-01-01", "--until", "2020-03-31"], "at most 366"),
    (["--country", "SY", "--until", "31/03/2020"], "YYYY-MM-DD"),
])
def test_cli_bad_arguments_exit_2_with_one_line(store, args, words):
    result = CliRunner().invoke(cli_app, ["sitrep", *args, "--db", str(store)])
    assert result.exit_code == 2 and words in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_without_a_store_exits_1(tmp_path):
    result = CliRunner().invoke(cli_app, ["sitrep", "-c", "SY", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no evidence store" in result.output


def test_api_serves_the_page_and_its_data(store, tmp_path):
    served = tmp_path / "served.duckdb"  # a copy: the app opens its store its own way, this module holds one open
    shutil.copyfile(store, served)
    with TestClient(create_app(served)) as client:
        query = {"country": "SY", "since": "2020-02-01", "until": "2020-03-31"}
        page = client.get("/api/sitrep", params=query)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.headers["content-disposition"] == 'inline; filename="sitrep-SY-2020-03-31.html"'
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "Saraqib" in page.text and "<script" not in page.text.lower()
        data = client.get("/api/sitrep.json", params={**query, "since": "60d"})
        assert data.status_code == 200 and data.headers["content-type"] == "application/json"
        assert data.json()["window"]["since"] == "2020-02-01" and data.json()["totals"]["events"] >= 4
        for bad, words in (({"since": "2018-01-01"}, "at most 366"), ({"country": "S1"}, "alpha-2"),
                           ({"until": "2020-02-30"}, "YYYY-MM-DD")):
            refused = client.get("/api/sitrep", params={**query, **bad})
            assert refused.status_code == 422 and words in refused.json()["error"]
        assert client.get("/api/sitrep", params={"since": "7d"}).status_code == 422  # no country
