"""The workbench in a real browser (issue 8): Playwright for Python driving Debian's Chromium, headless,
against the real server (uvicorn on a free loopback port) over a store built here from the test
fixtures, a slice of the bundled CENTCOM corpus, and one pasted article whose title and text carry
script. The tests also write the README's screenshots to docs/img/ (1280x800).

Never `playwright install`: the browser is /usr/bin/chromium (`make test` installs it when missing).
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogmap
from fogmap.cli import app as cli_app

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CENTCOM = ROOT / "corpus" / "centcom" / "releases.jsonl"
SHOTS = ROOT / "docs" / "img"
TOKEN = "browser-test-token-0123456789"
SIZE = {"width": 1280, "height": 800}
HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"
PASTED = {"url": "javascript:window.__pwned=3", "outlet": "Paste Bin Daily", "published": "2015-03-09",
          "title": f"Checkpoint attack in Homs {HOSTILE}",
          "text": f"Islamic State militants attacked an army checkpoint in Homs on Monday, killing three soldiers. "
                  f"{HOSTILE} The governor said the attackers fled east."}
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium: `make test` installs it (apt-get install chromium)", allow_module_level=True)
if not (ROOT / "src" / "fogmap" / "web" / "static" / "vendor" / "leaflet" / "leaflet.js").exists():
    pytest.skip("Leaflet is not vendored: run `make install`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "store.duckdb"
    # every 24th release of 2014-2016: events spread over the slider's whole span, in a few seconds
    with CENTCOM.open(encoding="utf-8") as lines:
        (folder / "centcom.jsonl").write_text("".join(itertools.islice(lines, 0, None, 24)), encoding="utf-8")
    with fogmap.open(path) as ws:
        report = ws.ingest([ARTICLES / "attribution.jsonl", ARTICLES / "claims.jsonl",
                            ARTICLES / "relations_control.jsonl", folder / "centcom.jsonl"])
    assert not report.failures
    pasted = folder / "pasted.jsonl"
    pasted.write_text(json.dumps(PASTED) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["ingest", str(pasted), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def server(store, facts):
    import uvicorn

    from fogmap.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(store, token=TOKEN, allowed_hosts=("127.0.0.1",)),
                            host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=SIZE, base_url=server)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(str(exc)))
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.problems = problems
    yield tab
    context.close()


@pytest.fixture(scope="module")
def facts(store) -> dict:
    """What the tests look for, read before the server opens the store (one process, one open mode)."""
    with fogmap.open(store, read_only=True) as ws:
        # the drone attack on Ain al-Asad that three reports tell (tests/fixtures/articles/attribution.jsonl)
        attack = [e for e in ws.canonical_events(limit=None) if e["reports"] == 3 and e["subtype"] == "Air/drone strike"]
        pasted = [e for e in ws.canonical_events(limit=None)
                  if any(r["outlet"] == "Paste Bin Daily" for r in ws.event_detail(e["id"])["reports"])]
        assert len(attack) == 1 and pasted, "the fixtures no longer give the events these tests need"
        triggers = {a["words"] for r in ws.event_detail(attack[0]["id"])["reports"] for a in r["arguments"]
                    if a["role"] == "trigger"}
    return {"attack": attack[0], "triggers": triggers, "pasted": pasted[0]}


@pytest.fixture(scope="module")
def attack(facts) -> dict:
    return facts["attack"]


@pytest.fixture(scope="module")
def pasted(facts) -> dict:
    return facts["pasted"]


def _open(page, path: str = "/") -> None:
    page.goto(path)
    page.wait_for_selector("#map[data-ready='1']", timeout=20_000)  # not wait_for_function: the CSP forbids eval


def _shown(page) -> int:
    return int(page.get_attribute("#map", "data-events"))


def _set_window(page, end, days: int) -> None:
    """Move the slider as a person would (days=0: the whole span), then wait until the markers are the
    new window's: the map names the window its markers are of."""
    page.click(f"#t-presets button[data-days='{days}']")
    if days:
        page.evaluate("""end => { const s = document.getElementById('t-slider');
            s.value = String(Math.floor(Date.parse(end + 'T00:00:00Z') / 86400000));
            s.dispatchEvent(new Event('input')); }""", str(end))
        sync_api.expect(page.locator("#t-window")).to_have_text(re.compile(f"{end}$"))
    window = page.locator("#t-window").inner_text()
    page.wait_for_selector(f"#map[data-window='{window}']")


def _settled_view(page) -> str:
    """The view the markers are of once the map has stopped moving (a zoom may still be animating)."""
    view = None
    while view != (now := page.get_attribute("#map", "data-view")):
        view = now
        page.wait_for_timeout(600)  # longer than a zoom animation and the redraw's debounce
    return view


def _open_event(page, event_id: str) -> None:
    page.evaluate("id => window.fogmap.nav.event(id)", event_id)
    page.wait_for_selector(f".event[data-event-id='{event_id}'] .article-text")


def test_the_map_draws_the_basemap_the_events_and_control(page):
    _open(page)
    assert page.locator("#map .leaflet-pane path").count() > 100  # the admin-1 shapes, no tile images
    assert page.locator("img.leaflet-tile").count() == 0
    _set_window(page, None, 0)
    assert page.locator("path.event-dot, .cluster").count() > 0 and _shown(page) > 20
    page.check("#f-control")
    _set_window(page, "2021-01-01", 90)  # Idlib: Hayat Tahrir al-Sham holds the city, Saraqib is fought over
    page.wait_for_selector("path[fill='url(#hatch)']")
    _set_window(page, "2016-06-30", 90)  # Tadmur (Palmyra) back in government hands
    page.wait_for_selector("path.control-area")
    assert page.locator("path[fill='url(#hatch)']").count() == 0
    page.screenshot(path=str(SHOTS / "map.png"))
    assert not page.problems


def _markers(page) -> list[str]:
    """What the map shows: each event dot's id and each cluster's count."""
    dots = page.eval_on_selector_all("path.event-dot", "els => els.map(e => e.getAttribute('data-event-id'))")
    return sorted(dots + page.locator(".cluster").all_inner_texts())


def test_moving_the_slider_changes_the_markers(page):
    _open(page)
    _set_window(page, "2014-12-31", 90)
    winter_2014, shown_2014 = _markers(page), _shown(page)
    _set_window(page, "2016-06-30", 90)
    summer_2016 = _markers(page)
    assert winter_2014 and summer_2016 and winter_2014 != summer_2016
    total = page.evaluate("""async () => (await (await fetch('/api/events?since=2014-10-03&until=2014-12-31&limit=1')).json()).total""")
    assert 0 < shown_2014 <= total  # the map counts the window's events that have a place
    _set_window(page, "2018-06-30", 30)  # no event in the fixtures that month
    assert _shown(page) == 0 and _markers(page) == []


def test_clicking_an_event_shows_the_sentence_with_its_words_marked(page, facts, attack):
    _open(page)
    _set_window(page, attack["date_end"], 7)
    page.locator(f"path.event-dot[data-event-id='{attack['id']}']").click()
    panel = page.locator(f".event[data-event-id='{attack['id']}']")
    panel.locator(".article-text").first.wait_for()
    assert panel.locator(".report").count() == 3
    triggers = panel.locator("mark.role-trigger").all_text_contents()
    assert triggers and all(t.strip() for t in triggers)
    assert set(triggers) == facts["triggers"]
    assert panel.locator("mark.role-sentence").count() >= 3 and panel.locator(".legend .role-trigger").count() == 1
    page.screenshot(path=str(SHOTS / "event.png"))
    assert not page.problems


def test_the_attribution_view_shows_hypotheses_and_the_matrix(page, attack):
    _open(page)
    _open_event(page, attack["id"])
    page.click("#open-attribution")
    matrix = page.locator("table.matrix")
    matrix.wait_for(timeout=30_000)
    assert page.locator(".hypothesis").count() >= 3
    assert matrix.locator("tbody tr").count() >= 3 and matrix.locator("td.ratio").count() >= 9
    matrix.locator("td.ratio").filter(has_not_text="1.00").first.hover()  # a cell that tells the hypotheses apart
    assert page.locator(".cell-tip blockquote").inner_text().strip()
    assert any(name in page.locator(".sensitivity").inner_text()
               for name in page.locator(".hyp-name").all_inner_texts())
    page.screenshot(path=str(SHOTS / "attribution.png"))


def test_the_actor_view_lists_aliases_relations_and_events(page, attack):
    _open(page)
    _open_event(page, attack["id"])
    page.locator(".event .actor-link").first.click()
    page.locator(".actor svg.net").wait_for()
    assert page.locator(".actor .event-list li").count() >= 1
    page.screenshot(path=str(SHOTS / "actor.png"))


def test_a_review_correction_persists_after_reload(page, attack):
    _open(page, "/#token=" + TOKEN)
    assert "token" not in page.url  # taken out of the address bar, kept for the tab
    _open_event(page, attack["id"])
    page.click("#review-correct")
    page.fill("#correct-form input[name=fatalities]", "7")
    page.click("#correct-form button[type=submit]")
    page.wait_for_selector(".event .review-badge")
    page.reload()
    page.wait_for_selector("#map[data-ready='1']")
    _open_event(page, attack["id"])
    fatalities = page.locator(".event .field", has_text="fatalities").first
    assert fatalities.locator(".corrected").count() == 1 and "7" in fatalities.inner_text()
    assert fatalities.locator("s.machine").count() == 1


def test_script_in_an_ingested_article_is_shown_as_text_never_run(page, pasted):
    _open(page)
    _set_window(page, pasted["date_end"], 7)
    _open_event(page, pasted["id"])
    text = page.locator(".event .article-text").first.inner_text()
    assert "<script>window.__pwned=1</script>" in text and "onerror=window.__pwned=2" in text
    assert HOSTILE in page.locator(".event .report-title").first.inner_text()
    assert page.locator(".panel-body script, .panel-body img").count() == 0
    assert page.locator(".panel-body a[href^='javascript']").count() == 0  # its "url" is shown, never linked
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None



def test_without_the_vendored_map_library_the_page_says_how_to_get_it(page):
    page.route("**/static/vendor/leaflet/leaflet.js", lambda route: route.fulfill(status=404, body=""))
    page.goto("/")
    missing = page.locator("#missing")
    missing.wait_for()
    assert "make install" in missing.inner_text()


def test_a_cluster_of_events_at_one_place_lists_them_and_the_filters_narrow_the_map(page, attack):
    _open(page)
    _set_window(page, attack["date_end"], 90)  # the attack and the earlier rockets and drone at the same base
    page.locator(".cluster").first.click()
    links = page.locator(".cluster-list .event-link")
    links.first.wait_for()
    assert attack["id"] in [links.nth(i).get_attribute("data-event-id") for i in range(links.count())]
    page.locator(f".cluster-list .event-link[data-event-id='{attack['id']}']").click()
    page.wait_for_selector(f".event[data-event-id='{attack['id']}'] .article-text")
    page.click(".panel-back")
    links.first.wait_for()

    _set_window(page, None, 0)
    view = _settled_view(page)  # the cluster's click zoomed the map: compare counts over one view
    everything = _shown(page)
    page.select_option("#f-type", "Battles")
    page.wait_for_selector(f"#map[data-type='Battles'][data-view='{view}']")
    assert 0 < _shown(page) < everything
    with page.context.expect_page() as popup:
        page.click("#sitrep")
    report = popup.value.url
    assert "/api/sitrep?" in report and "since=2014-" in report and "until=2023-11-21" in report and "country=" in report
