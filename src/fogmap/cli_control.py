"""`fogmap control`: who holds which place on a date, on whose word.

Exit codes as everywhere in fogmap: 0 done; 1 nothing known for that date; 2 bad usage.
`control_app`'s commands are merged into the top-level `fogmap` command.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import ConfigError, StoreError

control_app = typer.Typer(help="Territorial control over time.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
NARROW = 110


def _fail(message: str, code: int) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def _read(db: Path, config: Path | None, ask: Callable[[Any], Any], actor_files: list[Path] | None = None) -> Any:
    """`ask(workspace)` on the store opened read-only; bad settings (or actor files) exit 2, an unreadable store 1."""
    from . import api
    from .settings import load_settings

    try:
        with api.open(db, load_settings(config, actor_files=actor_files or ()), read_only=True) as ws:
            return ask(ws)
    except ConfigError as exc:
        _fail(str(exc), 2)
    except StoreError as exc:
        _fail(str(exc), 1)


def _write_text(path: Path, text: str, what: str) -> None:
    """Written beside the target, then renamed: never half a file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        _fail(f"{path}: cannot write ({exc.strerror or exc})", 1)
    err.print(f"wrote {what} to {path}", markup=False)


@control_app.command(epilog="Examples: fogmap control --at 2016-08-20 --country SY --areas   (add --json for scripts)\n\n"
                     "fogmap control --at 2016-12-31 --place Palmyra   (one place's holders over time)")
def control(
    at: Annotated[str, typer.Option("--at", help="The date (YYYY-MM-DD) to show control on.")],
    country: Annotated[Optional[str], typer.Option("--country", "-c", help="Only places in this country (ISO 3166 alpha-2).")] = None,
    areas: Annotated[bool, typer.Option("--areas", help="Also roll places up into admin-1 areas.")] = False,
    place: Annotated[Optional[str], typer.Option("--place", "-p", help="Instead, the timeline up to --at of the places whose name contains this.")] = None,
    geojson: Annotated[Optional[Path], typer.Option("--geojson", help="Also write admin-1 areas (by holder) and places as GeoJSON to this file.")] = None,
    db: Annotated[Path, typer.Option("--db", envvar="FOGMAP_DB", help="Evidence store file.")] = Path("fogmap.duckdb"),
    config: Annotated[Optional[Path], typer.Option("--config", envvar="FOGMAP_CONFIG", help="Settings file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")] = False,
) -> None:
    """Who holds each place on a date, from statements in the store ("X captured Y", "Y remains under
    X's control", "X was driven out of Y"), with the sources; places where sources disagree, or where
    fighting is reported after the last hold, are shown as contested with every contender."""
    from .control.timeline import areas_at

    try:
        day = dt.date.fromisoformat(at)
    except ValueError:
        _fail(f"--at {at!r} is not a date; write YYYY-MM-DD", 2)
    if country is not None and (len(country) != 2 or not country.isalpha()):
        _fail(f"--country {country!r} is not an ISO 3166 alpha-2 code (two letters, e.g. SY)", 2)
    if place is not None:
        _place_timelines(_read(db, config, lambda ws: ws.control_timeline(place, until=day, country=country)),
                         place, day, json_out)
        return
    holdings = _read(db, config, lambda ws: ws.control(day, country=country))
    rows = [dataclasses.asdict(h) for h in holdings]
    if geojson is not None:
        from .control.geojson import control_geojson
        from .geo.areas import load_areas

        data_out = control_geojson(holdings, load_areas())
        _write_text(geojson, json.dumps(data_out, default=str, ensure_ascii=False), f"{len(data_out['features'])} features")
    if json_out:
        data: dict[str, Any] = {"at": day, "country": country.upper() if country else None, "places": rows}
        if areas:
            data["areas"] = areas_at(holdings)
        out.print_json(json.dumps(data, default=str, ensure_ascii=False))
    else:
        _print_holdings(rows, day)
        if areas:
            _print_areas(areas_at(holdings))
    if not rows:
        raise typer.Exit(1)


def _print_holdings(rows: list[dict[str, Any]], day: dt.date) -> None:
    if not rows:
        err.print(f"no control statement in the store for any place on {day}", markup=False)
        return
    out.print(Text(f"control on {day} ({len(rows)} places)", style="bold"))
    for row in rows:
        line = Text(f"{row['place']} ({row['admin1'] or '-'}, {row['country'] or '?'})  ", style="bold")
        style = {"held": "green", "contested": "yellow", "unknown": "dim"}[row["status"]]
        who = row["holder"] or "no known holder"
        if row["status"] == "contested" and row["contenders"]:
            who = " vs ".join(row["contenders"])
        line.append(f"{row['status']}: {who}", style=style)
        line.append(f"  since {row['since']}  confidence {row['confidence']}", style="dim")
        out.print(line)
        for source in row["sources"][:3]:
            words = " ".join((source["sentence"] or "").split())
            out.print(Text(f"    {source['date']} {source['outlet'] or source['doc_id'][:8]}: {words[:160]}", style="dim"))


def _print_areas(areas: list[dict[str, Any]]) -> None:
    table = Table(title="admin-1 areas", title_justify="left", header_style="bold")
    for name in ("area", "status", "holders", "confidence", "documents", "places"):
        table.add_column(name, overflow="fold")
    for a in areas:
        table.add_row(f"{a['admin1']} ({a['country']})", a["status"], ", ".join(a["holders"]) or "-",
                      f"{a['confidence']:.2f}", str(a["documents"]), ", ".join(a["places"]))
    out.print(table)


def _place_timelines(found: list[dict[str, Any]], place: str, day: dt.date, json_out: bool) -> None:
    """`fogmap control --place X`: each matching place's holder after every day it was reported on."""
    if json_out:
        out.print_json(json.dumps({"until": day, "place": place, "timelines": found}, default=str, ensure_ascii=False))
    elif not found:
        err.print(f"no control statement in the store up to {day} for a place named like {place!r}", markup=False)
    for timeline in [] if json_out else found:
        out.print(Text(f"{timeline['place']} ({timeline['admin1'] or '-'}, {timeline['country'] or '?'})", style="bold"))
        for step in timeline["steps"]:
            style = {"held": "green", "contested": "yellow", "unknown": "dim"}[step["status"]]
            who = " vs ".join(step["contenders"]) if step["status"] == "contested" and step["contenders"] \
                else (step["holder"] or "no known holder")
            out.print(Text(f"  {step['date']}  ", style="bold").append(f"{step['status']}: {who}", style=style)
                      .append(f"  confidence {step['confidence']}", style="dim"))
            for said in step["statements"][:3]:
                words = " ".join((said["sentence"] or "").split())
                out.print(Text(f"      {said['status']} by {said['actor'] or '?'} "
                               f"({said['outlet'] or said['doc_id'][:8]}): {words[:150]}", style="dim"))
    if not found:
        raise typer.Exit(1)


@control_app.command(epilog="Example: fogmap relations --actor Houthi --at 2016-08-20   (add --json for scripts)")
def relations(
    actor: Annotated[Optional[str], typer.Option("--actor", "-a", help="Only relations of actors whose name or id contains this.")] = None,
    at: Annotated[Optional[str], typer.Option("--at", help="Only relations stated in the year up to this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many relations.")] = 50,
    network: Annotated[Optional[Path], typer.Option("--network", help="Also write the actor network for Gephi to this file: .graphml or .gexf.")] = None,
    db: Annotated[Path, typer.Option("--db", envvar="FOGMAP_DB", help="Evidence store file.")] = Path("fogmap.duckdb"),
    config: Annotated[Optional[Path], typer.Option("--config", envvar="FOGMAP_CONFIG", help="Settings file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")] = False,
) -> None:
    """Who backs, is allied with, fights or negotiates with whom: from what the texts state ("US-backed
    Kurdish forces", "talks between X and Y") and from the events (the two sides of a battle were
    hostile that day), with dates, how many documents say so, and a sentence."""
    day = None
    if at is not None:
        try:
            day = dt.date.fromisoformat(at)
        except ValueError:
            _fail(f"--at {at!r} is not a date; write YYYY-MM-DD", 2)
    rows = _read(db, config, lambda ws: ws.relations(actor=actor, at=day))
    if network is not None:
        if network.suffix.lower() not in (".graphml", ".gexf"):
            _fail(f"--network {network}: write a .graphml or a .gexf file", 2)
        _write_network(network, rows)  # the whole network; --limit only shortens the listing
    rows = rows[:limit]
    if json_out:
        out.print_json(json.dumps({"actor": actor, "at": day, "relations": rows}, default=str, ensure_ascii=False))
    elif rows:
        for r in rows:
            line = Text(f"{r['actor_a']} ", style="bold")
            line.append(r["kind"], style={"backs": "cyan", "allied": "green", "hostile": "red"}.get(r["kind"], "yellow"))
            line.append(f" {r['actor_b']}", style="bold")
            line.append(f"  {r['first']}..{r['last']}  {r['documents']} doc(s), {r['statements']} statement(s), "
                        f"from {'/'.join(r['sources'])}", style="dim")
            out.print(line)
            out.print(Text("    " + " ".join((r["sentence"] or "").split())[:160], style="dim"))
    else:
        err.print("no relation matches", markup=False)
    if not rows:
        raise typer.Exit(1)


def _write_network(path: Path, rows: list[dict[str, Any]]) -> None:
    from .actors.network import gexf, graphml

    _write_text(path, graphml(rows) if path.suffix.lower() == ".graphml" else gexf(rows), f"{len(rows)} relations")


@control_app.command(epilog="Example: fogmap actors --unknown --actors my_actors.tsv   (names no actor in the knowledge base or your file matches)")
def actors(
    unknown: Annotated[bool, typer.Option("--unknown", help="List the organisation-like names events use that no known actor matches, for review.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 50,
    actor_files: Annotated[Optional[list[Path]], typer.Option(
        "--actors", "--actor-file", metavar="FILE",
        help="Your own actor file (the TSV columns of src/fogmap/kb/actors/*.tsv); with --unknown, the names it "
             "knows are no longer listed. Repeatable.")] = None,
    db: Annotated[Path, typer.Option("--db", envvar="FOGMAP_DB", help="Evidence store file.")] = Path("fogmap.duckdb"),
    config: Annotated[Optional[Path], typer.Option("--config", envvar="FOGMAP_CONFIG", help="Settings file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")] = False,
) -> None:
    """The actors the store's events name, resolved (id, ACLED name, how many events, how they were
    written) — or, with --unknown, the names no actor matches, with a sentence each: add them to an
    actor file of your own (see src/fogmap/kb/actors/ for the columns) and pass it with --actors to
    `fogmap ingest`. `fogmap export --what actors` writes the actors with their knowledge-base fields."""
    rows = _read(db, config, lambda ws: ws.actors(unknown=unknown, limit=limit), actor_files)
    if json_out:
        out.print_json(json.dumps({"unknown": unknown, "actors": rows}, default=str, ensure_ascii=False))
    elif rows:
        for r in rows:
            if unknown:
                out.print(Text(f"{r['words']}  ", style="bold").append(
                    f"{r['events']} event(s), {r['documents']} doc(s), {'/'.join(c or '?' for c in r['countries'])}", style="dim"))
                out.print(Text("    " + " ".join((r["sentence"] or "").split())[:160], style="dim"))
            else:
                out.print(Text(f"{r['acled_name'] or r['actor_id']}  ", style="bold").append(
                    f"{r['actor_id']}  {r['events']} event(s)  written as: {', '.join(w for w in r['written_as'] if w)}", style="dim"))
    else:
        err.print("no actor matches", markup=False)
    if not rows:
        raise typer.Exit(1)
