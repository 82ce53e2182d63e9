"""The situation report over HTTP: GET /api/sitrep the page (text/html, shown inline, to print or save)
and GET /api/sitrep.json the same content as JSON. The workbench's button opens the page in a new tab."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from ..sitrep import MAX_COUNTRIES, MAX_DAYS, country_codes, gather, parse_window, render_html
from .errors import BadParameter
from .routes import Read

router = APIRouter(prefix="/api")

Countries = Annotated[list[str], Query(min_length=1, max_length=MAX_COUNTRIES,
                                       description="ISO 3166 alpha-2 code, e.g. SY; repeat for several.")]
Since = Annotated[str, Query(max_length=10, description="First day, YYYY-MM-DD, or a duration back from until: 7d, 2w, 3m.")]
Until = Annotated[str | None, Query(max_length=10, description=f"Last day, YYYY-MM-DD (default today); at most {MAX_DAYS} days in all.")]
# The page is a document of its own: it may style itself inline, and nothing in it may run or fetch.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def _report(read: Read, country: list[str], since: str, until: str | None) -> dict[str, Any]:
    try:
        window = parse_window(since, until)
        codes = country_codes(country)
    except ValueError as exc:
        name, _, message = str(exc).partition(": ")
        raise BadParameter(name if message else "window", message or str(exc)) from None
    return read(lambda ws: gather(ws, codes, window))


@router.get("/sitrep", response_class=HTMLResponse, summary="The situation report as one HTML page",
            responses={200: {"content": {"text/html": {}}, "description": "A self-contained page that prints to PDF."}})
def sitrep(read: Read, country: Countries, since: Since = "7d", until: Until = None) -> HTMLResponse:
    """Counts by type and area against the window before, a map, notable events with their sources,
    control changes and open attribution questions, as one page with no script and nothing to fetch."""
    report = _report(read, country, since, until)
    name = f"sitrep-{'-'.join(c['code'] for c in report['countries'])}-{report['window']['until']}.html"
    return HTMLResponse(render_html(report), headers={"Content-Disposition": f'inline; filename="{name}"',
                                                      "Content-Security-Policy": PAGE_POLICY})


@router.get("/sitrep.json", summary="The situation report's content as JSON")
def sitrep_json(read: Read, country: Countries, since: Since = "7d", until: Until = None) -> dict[str, Any]:
    """What the page shows: window, totals, counts by type and area, notable events with their sources,
    control, open attribution questions and the events' points."""
    return _report(read, country, since, until)
