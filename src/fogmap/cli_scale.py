"""`fogmap generate-events` and `fogmap bench-web`: a synthetic store of a million events and the web API measured on it.

Exit codes as everywhere in fogmap: 0 done; 1 the store is there already (generate-events without
--force), cannot be opened, or a request of the benchmark failed; 2 bad usage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn

from .cli import DbOption, JsonOption, QuietOption, _date, _fail, _print_json, err, out
from .errors import StoreError

scale_app = typer.Typer()


@scale_app.command("generate-events", epilog="Example: fogmap generate-events --events 1000000 --db big.duckdb --seed 1 "
                                             "--start 2014-01-01 --days 1095   (then: fogmap bench-web --db big.duckdb)")
def generate_events(
    db: DbOption,
    events: Annotated[int, typer.Option(min=1, max=50_000_000, help="How many canonical events to make.")] = 1_000_000,
    seed: Annotated[int, typer.Option(min=0, help="Same seed, same store.")] = 1,
    start: Annotated[str, typer.Option(help="First day of the period (YYYY-MM-DD).")] = "2014-01-01",
    days: Annotated[int, typer.Option(min=1, max=36_600, help="Length of the period in days.")] = 1095,
    force: Annotated[bool, typer.Option("--force", help="Replace a file already at --db.")] = False,
    json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Make a NEW evidence store of synthetic events for measuring the web API at scale: canonical events
    clustered around towns of the war zones, with ACLED types, KB actors and fatalities, each with one
    report in a synthetic document (outlet "fogmap synthetic data", ids syn-..., stage "synthetic").
    Never mix it with real data."""
    from . import synthetic

    plan = synthetic.Plan(events=events, seed=seed, start=_date(start, "--start") or dt.date(2014, 1, 1), days=days)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                  console=err, transient=True, disable=quiet or json_out) as bar:
        tasks: dict[str, int] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        try:
            made = synthetic.generate(db, plan, force=force, progress=progress)
        except ValueError as exc:  # a period no war zone of the KB was active in
            _fail(str(exc), 2)
        except StoreError as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json({**dataclasses.asdict(made), "path": str(made.path)})
    else:
        out.print(f"{made.path}: {made.events:,} synthetic events in {made.documents:,} documents at "
                  f"{made.places:,} places, in {made.seconds:.1f} s", markup=False)


@scale_app.command("bench-web", epilog="Example: fogmap bench-web --db big.duckdb --runs 30 --load-seconds 30 --clients 50 "
                                       "--json > bench_web.json   (--load-seconds 0: viewport timings only)")
def bench_web(
    db: DbOption,
    runs: Annotated[int, typer.Option(min=1, max=10_000, help="Viewport + one-month queries timed per endpoint.")] = 30,
    load_seconds: Annotated[float, typer.Option(min=0, max=3600, help="Length of the load run (0: none).")] = 30.0,
    clients: Annotated[int, typer.Option(min=1, max=1000, help="Concurrent clients of the load run.")] = 50,
    seed: Annotated[int, typer.Option(min=0, help="Seed of the viewports, months and request mix.")] = 1,
    json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Serve the store with `fogmap serve` on a free loopback port and measure it: the median, p90 and
    max time of map viewport + one-month queries on /api/events, /api/events/grid and
    /api/events/timeline (against the issue's 150 ms), next to trivial endpoints for noise; then a load
    run of concurrent clients over the main read endpoints, with p50/p99 per endpoint and every error.
    Exit 1 if any request failed."""
    from . import bench_web as bench

    plan = bench.BenchPlan(runs=runs, load_seconds=load_seconds, clients=clients, seed=seed)
    chatter = (lambda _: None) if quiet or json_out else (lambda line: err.print(line, markup=False))
    try:
        report = bench.run(db, plan, note=chatter)
    except (FileNotFoundError, RuntimeError) as exc:
        _fail(str(exc), 1)
    if json_out:
        _print_json(dataclasses.asdict(report))
    else:
        _print_web_bench(report)
    if any(t.errors for t in report.viewport) or (report.load and report.load.errors):
        raise typer.Exit(1)


def _print_web_bench(report) -> None:
    from rich.table import Table

    table = Table(title=f"{report.db}: {report.events:,} canonical events, {report.runs} viewport + one-month queries each")
    for column in ("endpoint", "median ms", "p90 ms", "max ms", "errors"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    for t in report.viewport:
        table.add_row(t.endpoint, f"{t.median_ms:.1f}", f"{t.p90_ms:.1f}", f"{t.max_ms:.1f}", str(t.errors))
    out.print(table)
    verdict = "under" if report.meets_target else "NOT under"
    out.print(f"/api/events and /api/events/grid medians {verdict} {report.target_ms:g} ms", markup=False)
    if report.load is None:
        return
    load = report.load
    table = Table(title=f"load: {load.clients} clients, {load.seconds:g} s, {load.requests:,} requests, "
                        f"{load.per_second:g}/s, {load.errors} errors")
    for column in ("endpoint", "requests", "p50 ms", "p99 ms", "max ms", "errors"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    for t in [*load.endpoints, load.overall]:
        table.add_row(t.endpoint, str(t.requests), f"{t.median_ms:.1f}", f"{t.p99_ms:.1f}", f"{t.max_ms:.1f}",
                      str(t.errors))
    out.print(table)
    for sample in load.error_samples:
        out.print(f"error: {sample}", markup=False)
