"""Everything a situation report shows, gathered from one Workspace as one JSON-ready dict: what
`fogmap sitrep --json` prints, /api/sitrep.json answers and the HTML page is drawn from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .. import __version__
from ..api import Workspace
from ..attribution.report import ATTRIBUTION_STAGE
from ..kb import read_tsv
from . import figures, reads
from .control import control_summary
from .notable import RULE, card, notable
from .questions import question
from .window import Window

MAX_COUNTRIES = 5  # a brief on more theatres than this is several briefs
NOTABLE = 6  # event cards: about a page
QUESTIONS = 5  # each is a whole assessment (the first fits the prior, some seconds on a large store)
_ISO2 = re.compile(r"[A-Z]{2}")


def country_codes(codes: Sequence[str]) -> list[str]:
    """Upper-cased ISO 3166 alpha-2 codes, duplicates dropped; ValueError for anything else."""
    chosen = list(dict.fromkeys(c.strip().upper() for c in codes))
    if not chosen:
        raise ValueError("country: give at least one ISO 3166 alpha-2 code, e.g. SY")
    for code in chosen:
        if not _ISO2.fullmatch(code):
            raise ValueError(f"country: {code!r} is not an ISO 3166 alpha-2 code (two letters, e.g. SY)")
    if len(chosen) > MAX_COUNTRIES:
        raise ValueError(f"country: at most {MAX_COUNTRIES} countries in one report")
    return chosen


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso2"]: row["name"] for row in read_tsv("countries.tsv")}


def country_name(code: str) -> str:
    """The English name of an ISO2 code (kb/countries.tsv), or the code itself."""
    return _country_names().get(code.upper(), code)


def _events(ws: Workspace, countries: list[str], window: Window) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for code in countries:
        rows += ws.event_page(since=window.since, until=window.until, country=code, limit=None)[0]
    return rows


def _with_documents(ws: Workspace, statements: list[dict[str, Any]]) -> None:
    """Each control statement gets its document's title, url and publication date."""
    docs = reads.document_headers(ws.store, [s["doc_id"] for s in statements])
    for s in statements:
        doc = docs.get(s["doc_id"], {})
        s.update(title=doc.get("title"), url=doc.get("url"), published=doc.get("published"))


def _control(ws: Workspace, countries: list[str], window: Window) -> dict[str, Any]:
    start = window.since - dt.timedelta(days=1)
    before = [h for c in countries for h in ws.control(start, country=c)]
    after = [h for c in countries for h in ws.control(window.until, country=c)]
    summary = control_summary(start, before, window.until, after)
    _with_documents(ws, [s for part in ("changes", "area_changes", "contested", "holdings_end")
                         for item in summary[part] for s in item["sources"]])
    return summary


def _questions(ws: Workspace, countries: list[str], window: Window, limit: int) -> dict[str, Any]:
    total, answers = 0, []
    for country in countries:
        found, count = ws.unattributed(since=window.since, until=window.until, country=country, limit=limit, save=False)
        total, answers = total + count, answers + found
    answers = sorted(answers, key=lambda a: (a["event"]["date_start"] or "", a["event"]["id"]), reverse=True)[:limit]
    return {"total": total, "shown": len(answers), "stage": ATTRIBUTION_STAGE,
            "items": [question(a) for a in answers]}


def _map_point(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in ("id", "date_start", "country", "admin1", "type", "latitude", "longitude",
                                    "fatalities_best", "place_name")}


def gather(ws: Workspace, countries: Sequence[str], window: Window, *, notable_limit: int = NOTABLE,
           questions_limit: int = QUESTIONS, now: dt.datetime | None = None) -> dict[str, Any]:
    """The report's content for ``countries`` (ISO2 codes) over ``window``: counts against the window
    before, notable events with their sources, control changes, open attribution questions and the
    events' points for the map. Uses what ``Workspace.event_page`` returns (a reviewed store's values)."""
    codes = country_codes(countries)
    rows = _events(ws, codes, window)
    previous = _events(ws, codes, window.previous())
    chosen = notable(rows, notable_limit)
    reports = reads.reports_of(ws.store, [m["event_id"] for r in chosen for m in r.get("report_events", [])])
    return {
        "title": "Situation report: " + ", ".join(country_name(c) for c in codes),
        "countries": [{"code": c, "name": country_name(c)} for c in codes],
        "window": {"since": window.since, "until": window.until, "days": window.days},
        "previous_window": {"since": window.previous().since, "until": window.previous().until},
        "generated_at": (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat(),
        "store": ws.path.name, "fogmap_version": __version__, "stages": reads.stage_names(ws.store),
        "latest_event": None if rows else reads.latest_event_day(ws.store, codes),
        "totals": figures.totals(rows, previous),
        "by_type": figures.by_type(rows, previous),
        "by_area": figures.by_area(rows, previous),
        "notable": {"rule": RULE, "items": [card(r, reports) for r in chosen]},
        "control": _control(ws, codes, window),
        "attribution": _questions(ws, codes, window, questions_limit) if rows else
                       {"total": 0, "shown": 0, "stage": ATTRIBUTION_STAGE, "items": []},
        "events": [_map_point(r) for r in rows],
    }
