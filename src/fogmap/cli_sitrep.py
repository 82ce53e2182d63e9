"""`fogmap sitrep`: a situation report as one self-contained HTML page.

Exit codes as everywhere in fogmap: 0 written (an empty window too: the page says so and names the
store's latest event); 1 the store cannot be opened or read; 2 bad usage or settings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import ConfigOption, DbOption, JsonOption, _fail, _print_json, _workspace, out
from .errors import NotFoundError, StoreError
from .store.db import DEFAULT_DB

sitrep_app = typer.Typer(help="The situation report.")


@sitrep_app.command(epilog="Example: fogmap sitrep --country SY --until 2015-06-30 --since 30d --db demo.duckdb   "
                           "(writes sitrep-SY-2015-06-30.html; open it in a browser and print to PDF)")
def sitrep(
    country: Annotated[list[str], typer.Option("--country", "-c", help="ISO 3166 alpha-2 code, e.g. SY; repeat for several (at most 5).")],
    since: Annotated[str, typer.Option(help="First day (YYYY-MM-DD), or a duration counted back from --until: 7d, 2w, 3m.")] = "7d",
    until: Annotated[Optional[str], typer.Option(help="Last day (YYYY-MM-DD); default today.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="HTML file to write; default sitrep-CC-UNTIL.html in the current folder.")] = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """A situation report for one or more countries over a window of days (at most a year): events and
    deaths by ACLED type and admin-1 area against the window before, a map, the notable events with
    every source (outlet, title, date, link, doc id), control changes with the statements behind them,
    and the open attribution questions with their leading hypotheses. One self-contained HTML page (no
    script, nothing fetched) that prints cleanly to PDF; --json prints the same content as JSON."""
    from .sitrep import country_codes, gather, parse_window, render_html  # only this command needs them

    try:
        window = parse_window(since, until, today=dt.date.today())
        codes = country_codes(country)
    except ValueError as exc:
        _fail(str(exc), 2)
    if not db.is_file():
        _fail(f"{db}: no evidence store here (run `fogmap ingest` first or pass --db)", 1)
    with _workspace(db, config, read_only=True) as ws:
        try:
            report = gather(ws, codes, window)
        except (NotFoundError, StoreError) as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json(report)
        return
    path = output or Path(f"sitrep-{'-'.join(codes)}-{window.until}.html")
    try:
        path.write_text(render_html(report), encoding="utf-8")
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})", 1)
    out.print(str(path), markup=False)
