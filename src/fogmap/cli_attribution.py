"""`fogmap attribute`: who most likely did an event, with the evidence laid out (Analysis of Competing
Hypotheses, computed).

Exit codes as everywhere in fogmap: 0 done; 1 the event is not found, or no event's perpetrator is
open; 2 bad usage or settings. The assessments are kept in the store unless --no-save.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn

from .cli import ConfigOption, DbOption, JsonOption, QuietOption, _date, _fail, _print_json, _workspace, err, out
from .errors import NotFoundError, StoreError
from .render_attribution import print_assessment, print_open_events
from .store.db import DEFAULT_DB

attribution_app = typer.Typer(help="Attribution of attacks nobody has claimed, or that are disputed.")


@attribution_app.command(epilog="Examples: fogmap attribute 4b5d80   (a canonical event id, or a report's, from "
                                "`fogmap events`; prefixes do)\n\n"
                                "fogmap attribute --unattributed --since 2023-11-01 --country IQ --json")
def attribute(
    event: Annotated[Optional[str], typer.Argument(help="The event (id or id prefix) to assess.")] = None,
    unattributed: Annotated[bool, typer.Option("--unattributed", help="Assess every violent event whose perpetrator is open: none named, a generic one, reports that disagree, or claims that name or deny someone.")] = False,
    since: Annotated[Optional[str], typer.Option(help="With --unattributed: events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="With --unattributed: events on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[Optional[str], typer.Option(help="With --unattributed: events in this country (ISO2 code).")] = None,
    limit: Annotated[int, typer.Option(min=0, help="With --unattributed: at most this many events, newest first (0 = all).")] = 100,
    save: Annotated[bool, typer.Option("--save/--no-save", help="Keep the assessments in the store (tables hypotheses, hypothesis_evidence, assessments).")] = True,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Who most likely did an event: the hypotheses (actors named in claims about any of its reports,
    the history's likely candidates, who holds the area, who was active nearby, and other/unknown),
    each with its prior and posterior; the matrix of evidence items (claims, weighed by stance, hedge,
    source grade, interest and independence; the weapon's use by each actor before) against the
    hypotheses, every cell with its ratio, the counts or weights behind it and the sentence it was read
    in; each item's diagnosticity; and which single item the leading hypothesis hangs on."""
    if (event is None) == (not unattributed):
        raise typer.BadParameter("give an EVENT_ID or --unattributed (not both)")
    if event is not None and (since or until or country):
        raise typer.BadParameter("--since, --until and --country go with --unattributed")
    day, last = _date(since, "--since"), _date(until, "--until")
    with _workspace(db, config, read_only=not save) as ws:
        try:
            if event is not None:
                answer = ws.attribute(event, save=save)
                _print_json(answer) if json_out else print_assessment(out, answer)
                return
            with Progress(TextColumn("assessing"), BarColumn(), TextColumn("{task.completed}/{task.total} events"),
                          console=err, transient=True, disable=quiet or json_out) as bar:
                task = bar.add_task("assessing", total=None)
                answers, total = ws.unattributed(since=day, until=last, country=country, limit=limit or None, save=save,
                                          progress=lambda n, total: bar.update(task, completed=n, total=total))
        except NotFoundError as exc:
            _fail(str(exc), 1)
        except StoreError as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json(answers)
    else:
        print_open_events(out, answers, total)
    if not answers:
        raise typer.Exit(1)
