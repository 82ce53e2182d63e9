"""`fogmap review`: an analyst's accept, correct or reject of an event, kept beside the machine record.

Exit codes as everywhere in fogmap: 0 done; 1 the event is not found or the store cannot be opened; 2
bad usage, settings or a field a correction cannot take.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from .cli import ConfigOption, DbOption, JsonOption, _fail, _print_json, _workspace, out
from .errors import NotFoundError, StoreError
from .review import FIELDS, CorrectionError
from .store.db import DEFAULT_DB

review_app = typer.Typer(help="Analysts' review of events.")

FREE_TEXT = "text:"  # --set actor2=text:market shoppers keeps the words, no KB actor


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return "unknown"


def _changes(pairs: list[str]) -> dict[str, Any]:
    """``--set field=value`` pairs as a correction's changes (numbers where the field takes one)."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or name not in FIELDS:
            raise typer.BadParameter(f"{pair!r}: use FIELD=VALUE with FIELD one of {', '.join(FIELDS)}", param_hint="--set")
        if name == "fatalities":
            try:
                changes[name] = int(value)  # the range is the library's to check, with the other fields
            except ValueError:
                raise typer.BadParameter(f"fatalities={value!r}: a whole number", param_hint="--set") from None
        elif name in ("latitude", "longitude"):
            try:
                changes[name] = float(value)
            except ValueError:
                raise typer.BadParameter(f"{name}={value!r}: a number of degrees", param_hint="--set") from None
        elif name in ("actor1", "actor2") and value.startswith(FREE_TEXT):
            changes[name] = {"name": value[len(FREE_TEXT):], "free_text": True}
        elif name == "actor2" and not value:
            changes[name] = None
        else:
            changes[name] = value
    return changes


def _print_reviews(rows: list[dict[str, Any]], total: int, title: str) -> None:
    table = Table(title=f"{title} ({len(rows)} of {total})", show_lines=False)
    for column in ("when", "event", "action", "reviewer", "changes", "note"):
        table.add_column(column)
    for r in rows:
        changed = "; ".join(f"{c}: {v['before']} -> {v['after']}" for c, v in r["changes"].items())
        event = r["event_id"] + (" (orphaned)" if r["orphaned"] else "")
        table.add_row(str(r["reviewed_at"])[:19], event, r["action"], r["reviewer"], changed, r["note"] or "")
    out.print(table)


@review_app.command(epilog="Examples: fogmap review 4b5d80 --set fatalities=12 --set subtype='Armed clash' "
                           "--reviewer ana --note 'hospital list'\n\n"
                           "fogmap review 4b5d80 --reject --note 'not an event'   |   fogmap review 4b5d80 --history\n\n"
                           "fogmap review --list --json   |   fogmap review --orphans")
def review(
    event: Annotated[Optional[str], typer.Argument(help="The canonical event (id, a report's id, or a prefix).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The machine record (with any corrections) is right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Not an event: left out of pages and exports.")] = False,
    revert: Annotated[bool, typer.Option("--revert", help="Back to the machine record (the history keeps every act).")] = False,
    set_: Annotated[list[str], typer.Option("--set", metavar="FIELD=VALUE", help=f"Correct a field ({', '.join(FIELDS)}); actors take an id or KB name, or {FREE_TEXT}WORDS for free text. Repeatable.")] = [],  # noqa: B006
    reviewer: Annotated[Optional[str], typer.Option(help="Who reviews (default: the OS user name).")] = None,
    note: Annotated[Optional[str], typer.Option(help="Why, in a line.")] = None,
    history: Annotated[bool, typer.Option("--history", help="The event's reviews, newest first, with before and after.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="Every review, newest first.")] = False,
    orphans: Annotated[bool, typer.Option("--orphans", help="Reviews whose event re-extraction dropped with no heir.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="With --list, --history, --orphans: at most this many.")] = 100,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """Accept, correct (--set FIELD=VALUE ...) or reject a canonical event, or show reviews. A review is
    stored beside the machine record (who, when, before and after), wins over it in `fogmap events`
    pages, the web API and `export --level canonical`, and follows the event through re-extraction."""
    acts = [name for name, on in (("accept", accept), ("reject", reject), ("revert", revert), ("correct", bool(set_))) if on]
    reads = [name for name, on in (("history", history), ("list", list_), ("orphans", orphans)) if on]
    if len(acts) + len(reads) != 1:
        raise typer.BadParameter("give one of --accept, --reject, --revert, --set ..., --history, --list, --orphans")
    if (event is None) != (list_ or orphans):
        raise typer.BadParameter("--list and --orphans take no EVENT_ID; the others need one")
    changes = _changes(set_) if set_ else None
    with _workspace(db, config, read_only=bool(reads)) as ws:
        try:
            if reads:
                rows, total = ws.reviews(event, orphaned=True if orphans else None, limit=limit)
                _print_json({"items": rows, "total": total}) if json_out else _print_reviews(rows, total, reads[0])
                return
            answer = ws.review(event or "", acts[0], reviewer or _os_user(), changes=changes, note=note)
        except CorrectionError as exc:
            _fail(str(exc), 2)
        except (NotFoundError, StoreError) as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json(answer)
        return
    status = answer["review"]["status"] if answer["review"] else "machine record"
    out.print(f"{answer['id']}: {status} — {answer['type']} / {answer['subtype']}, {answer['date_start']}, "
              f"{answer['place_name']}, {answer['actor1_acled']} vs {answer['actor2_acled']}, "
              f"{answer['fatalities']} killed", markup=False, highlight=False)
