"""The `fogmap` command: parse options, call the library (api.py), format the answer.

Exit codes: 0 done; 1 done, but some input failed or something asked for was not found;
2 bad usage or settings; 130 interrupted (the store keeps every batch committed before).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.console import Console

from . import api
from .errors import ConfigError, FogmapError, NotFoundError, StoreError
from .records import IngestReport
from .render import (
    IngestProgress,
    ReextractProgress,
    print_bench,
    print_candidates,
    print_events,
    print_document,
    print_ingest_summary,
    print_stats,
)
from .render_claims import print_claims
from .render_fusion import print_canonical_events, print_why_merged
from .settings import Settings, load_settings
from .store.db import DEFAULT_DB

if TYPE_CHECKING:
    from .ingest import ReadOptions

app = typer.Typer(
    help="fogmap: sourced, geocoded, time-aware records of armed conflict from news text.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="markdown",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", envvar="FOGMAP_DB", help="Evidence store file.", show_default=True)]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", envvar="FOGMAP_CONFIG",
                                                      help="Settings file overriding the defaults.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or chatter; errors still go to stderr.")]
ActorsOption = Annotated[Optional[list[Path]], typer.Option(
    "--actors", "--actor-file", metavar="FILE",
    help="Your own actor file (the TSV columns of src/fogmap/kb/actors/*.tsv), read after the shipped ones and "
         "the settings' [actors] files: an id it names replaces the shipped actor. Repeatable.")]


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=name) from None


def _fail(message: str, code: int) -> None:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


def _interrupted() -> None:
    err.print("interrupted: every batch committed so far is kept; run the same command again to finish", markup=False)
    raise typer.Exit(130) from None


def _workspace(db: Path, config: Path | None, read_only: bool = False,
               actor_files: list[Path] | None = None) -> api.Workspace:
    try:
        return api.open(db, load_settings(config, actor_files=actor_files or ()), read_only=read_only)
    except ConfigError as exc:
        _fail(str(exc), 2)
    except StoreError as exc:
        _fail(str(exc), 1)
    raise AssertionError("unreachable")


def _print_json(data: Any) -> None:
    text = json.dumps(data, default=str, ensure_ascii=False, indent=2)
    if out.is_terminal:
        out.print_json(text)  # coloured for a reader
    else:
        # for a script: as is (Rich's highlighting of a 13 MB answer took 1.5 GB and most of a minute)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


@app.command(epilog="Example: fogmap ingest fakes.jsonl --field text=article_content --field published=date_iso")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .html .rss/.atom/.xml .warc(.gz) .jsonl .csv/.tsv")],
    field: Annotated[list[str], typer.Option("--field", "-f", help="Remap an input key, e.g. text=article_content (keys: text, title, url, published, outlet).")] = [],  # noqa: B006
    published: Annotated[Optional[str], typer.Option(help="Date (YYYY-MM-DD) for documents that carry none of their own.")] = None,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Extraction processes (default from settings: 1).")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="Read text files in this encoding instead of UTF-8.")] = None,
    actors: ActorsOption = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Read articles, skip duplicates, extract sentences, entities and event candidates into the store.

    Re-ingesting the same content adds nothing. Bad inputs are reported one line each and skipped;
    the exit code is 1 if any failed. A bad actor file (--actors) stops the run before it starts (exit 2).
    """
    when = _date(published, "--published")
    with _workspace(db, config, actor_files=actors) as ws:
        progress = IngestProgress(err, enabled=not quiet and not json_out)
        try:
            with progress:
                report = ws.ingest(paths, fields=field, published=when, workers=workers, encoding=encoding,
                                   progress=progress.update)
        except ConfigError as exc:
            _fail(str(exc), 2)
        except KeyboardInterrupt:
            _interrupted()
    _ingest_outcome(report, db, json_out, quiet, failures_shown=not quiet)


def _ingest_outcome(report: IngestReport, db: Path, json_out: bool, quiet: bool, failures_shown: bool) -> None:
    """The answer of a command that fills the store (ingest, import-parquet); exit 1 if an input failed."""
    if json_out:
        _print_json({"run_id": report.run_id, "ingested": report.ingested, "already_stored": report.already_stored,
                     "copies": report.copies, "near_duplicates": report.near_duplicates, "failed": report.failed,
                     "failures": [str(f) for f in report.failures]})
    else:
        print_ingest_summary(out, report, db, quiet)
        if not failures_shown:  # the progress display did not show them as they came
            for failure in report.failures:
                err.print(f"failed: {failure}", markup=False)
    if report.failed:
        raise typer.Exit(1)


@app.command(epilog="Example: fogmap reextract --stale   (after upgrading fogmap or editing an actor file)  "
                     "fogmap reextract 3f2a9c --json")
def reextract(
    ids: Annotated[Optional[list[str]], typer.Argument(help="Document ids or prefixes (a copy names its original).")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every document in the store.")] = False,
    stale: Annotated[bool, typer.Option("--stale", help="Documents an older fogmap or other actor files extracted.")] = False,
    workers: Annotated[Optional[int], typer.Option(min=1, help="Extraction processes (default from settings: 1).")] = None,
    actors: ActorsOption = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Extract stored documents again with the current stages, replacing their sentences, entities,
    places, events, control statements and relations; only the canonical events their reports were or
    now are in change. Each batch is one transaction: an interrupted run loses nothing."""
    if not (ids or every or stale):
        _fail("name documents, or give --all or --stale", 2)
    with _workspace(db, config, actor_files=actors) as ws:
        progress = ReextractProgress(err, enabled=not quiet and not json_out)
        try:
            with progress:
                report = ws.reextract(ids or (), every=every, stale=stale, workers=workers, progress=progress.update)
        except NotFoundError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _interrupted()
    if json_out:
        _print_json(dataclasses.asdict(report))
    elif not quiet:
        out.print(f"re-extracted {report.documents} documents: {report.events} events; canonical events written "
                  f"{report.canonical_written}, dissolved {report.canonical_dropped}", markup=False)


@app.command(epilog="Example: fogmap events --country SY --since 2017-01-01 --type 'Explosions/Remote violence'")
def events(
    since: Annotated[Optional[str], typer.Option(help="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166 alpha-2 code, e.g. SY.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="ACLED event type, sub-event type or code, e.g. Battles, 'Air/drone strike', AIR_STRIKE (with --candidates: event type or cue class).")] = None,  # noqa: A002
    status: Annotated[Optional[str], typer.Option(help="Only this status: asserted, reported, claimed, denied, negated, hypothetical, planned (default: every status of an event that happened).")] = None,
    candidates: Annotated[bool, typer.Option("--candidates", help="List the raw event candidates (conflict cues) instead of events.")] = False,
    modality: Annotated[Optional[str], typer.Option(help="With --candidates: asserted, negated, hypothetical or planned.")] = None,
    doc: Annotated[Optional[str], typer.Option(help="Only this document (id or id prefix).")] = None,
    level: Annotated[str, typer.Option(help="report: one row per event each document reports; canonical: one row per event however many reports tell it, with its report count, independent-source count and disputes.")] = "report",
    limit: Annotated[int, typer.Option(min=0, help="At most this many rows (0 = all).")] = 50,
    parquet: Annotated[Optional[Path], typer.Option("--parquet", help="Query the Parquet output folder of `fogmap run` with DuckDB instead of a store (report level only).")] = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """List events: sub-event type, status, actors, weapon, place, fatalities, date range, sentence and source."""
    if level not in ("report", "canonical"):
        raise typer.BadParameter(f"{level!r}: choose report or canonical", param_hint="--level")
    if level == "canonical" and (candidates or status):
        raise typer.BadParameter("canonical events are of events that happened: no --candidates or --status",
                                 param_hint="--level")
    filters = dict(since=_date(since, "--since"), until=_date(until, "--until"), country=country, type=type,
                   doc_id=doc, limit=limit or None)
    if parquet is not None:
        if level == "canonical":
            raise typer.BadParameter("a run's Parquet has no canonical events (fusion runs at import-parquet)",
                                     param_hint="--parquet")
        from .distributed.query import parquet_events
        try:
            rows = parquet_events(parquet, candidates=candidates, modality=modality, status=status, **filters)
        except ConfigError as exc:
            _fail(str(exc), 2)
        except NotFoundError as exc:
            _fail(str(exc), 1)
    else:
        rows = _store_events(db, config, level, candidates, modality, status, filters)
    if json_out:
        _print_json(rows)
    elif level == "canonical":
        print_canonical_events(out, rows)
    elif candidates:
        print_candidates(out, rows)
    else:
        print_events(out, rows)


def _store_events(db: Path, config: Path | None, level: str, candidates: bool, modality: str | None,
                  status: str | None, filters: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with _workspace(db, config, read_only=True) as ws:
        try:
            if level == "canonical":
                rows = ws.canonical_events(**filters)
            else:
                rows = ws.candidates(modality=modality, **filters) if candidates else ws.events(status=status, **filters)
        except NotFoundError as exc:
            _fail(str(exc), 1)
    return rows


@app.command("why-merged", epilog="Example: fogmap why-merged 3f2a9c 81d0e4 --json  (event ids from `fogmap events`)")
def why_merged(
    event_a: Annotated[str, typer.Argument(help="An event id (or unique prefix), as `fogmap events` shows.")],
    event_b: Annotated[str, typer.Argument(help="Another event id (or unique prefix).")],
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """Say whether two event reports are one canonical event, and which features (type, date, place,
    document, outlet, actors, fatalities) matched or failed, with both values."""
    with _workspace(db, config, read_only=True) as ws:
        try:
            answer = ws.why_merged(event_a, event_b)
        except NotFoundError as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json(answer)
    else:
        print_why_merged(out, answer)


CLAIM_STANCES = ("asserts", "claims_responsibility", "accuses", "denies")


@app.command(epilog="Example: fogmap claims --event 3f2a9c   (an event id prefix from `fogmap events`; "
                    "or --doc ID, --stance accuses, --json)")
def claims(
    event: Annotated[Optional[str], typer.Option("--event", "-e", help="Only claims about this event (id or id prefix), and about the other reports fused with it into one canonical event.")] = None,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Only claims made in this document (id or id prefix).")] = None,
    stance: Annotated[Optional[str], typer.Option(help="Only this stance: asserts, claims_responsibility, accuses, denies.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many rows (0 = all).")] = 0,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """List claims: who says what about an event (its doer or backer, a casualty figure, control, a
    relation), with what stance (asserts, claims responsibility, accuses, denies) and how hedged, with
    the chain of voices that carries the words, the cue and content words, and the document."""
    if stance is not None and stance not in CLAIM_STANCES:
        raise typer.BadParameter(f"{stance!r}: choose one of {', '.join(CLAIM_STANCES)}", param_hint="--stance")
    with _workspace(db, config, read_only=True) as ws:
        try:
            rows = ws.claims(event_id=event, doc_id=doc, stance=stance, limit=limit or None)
        except NotFoundError as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json(rows)
    else:
        print_claims(out, rows)


@app.command(epilog="Example: fogmap show 3f2a9c  (an id prefix is enough)")
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it.")],
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """Show a document's text with what was extracted from it marked in place (entities, cues, and each
    event's trigger, actors, weapon, place, time and casualties), then its events."""
    with _workspace(db, config, read_only=True) as ws:
        try:
            document = ws.document(doc_id)
            marks = ws.marks(document.id)
        except NotFoundError as exc:
            _fail(str(exc), 1)
    if json_out:
        _print_json({"document": dataclasses.asdict(document), **marks})
    else:
        print_document(out, document, marks)


@app.command(epilog="Example: fogmap export --format csv --what events --output events.csv   "
                     "(or: fogmap export --what actors --format csv --actors my_actors.tsv -o actors.csv)")
def export(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",  # noqa: A002
    what: Annotated[str, typer.Option(help="events (one ACLED-style row each, with PLOVER type and mode, location and coordinates), event_arguments, places (every place mention and its place), candidates, documents, sentences, entities, actors (one row per actor the events name: its knowledge-base fields, events as actor1 and as actor2, first and last event date), or claims (one row per claim: claimant and its chain of voices, stance, hedge, what it is about, cue and content words).")] = "events",
    all_statuses: Annotated[bool, typer.Option("--all-statuses", help="With events, event_arguments or actors: also the negated, hypothetical and planned events (default: only those that happened).")] = False,
    all_kb: Annotated[bool, typer.Option("--all-kb", help="With actors: every actor of the knowledge base (shipped and --actors files), named by events or not.")] = False,
    level: Annotated[str, typer.Option(help="With events: report (one row per event a document reports, with its document id and span; the default, so a row always leads to one text) or canonical (one row per event however many reports tell it: reconciled fields, report and independent-source counts, disputes, member event and document ids).")] = "report",
    include_rejected: Annotated[bool, typer.Option("--include-rejected", help="With --level canonical: also the events analysts rejected (`fogmap review --reject`), marked in review_status.")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: WHAT.FORMAT).")] = None,
    actors: ActorsOption = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """Write records to a file for pandas/R, QGIS or a spreadsheet; every row keeps its document id and span."""
    target = output or Path(f"{what}.{format}")
    with _workspace(db, config, read_only=True, actor_files=actors) as ws:
        try:
            rows = ws.export(target, format=format, what=what, all_statuses=all_statuses, all_kb=all_kb, level=level,
                             include_rejected=include_rejected)
        except ConfigError as exc:
            _fail(str(exc), 2)
    if json_out:
        _print_json({"path": str(target), "rows": rows, "what": what, "format": format, "all_statuses": all_statuses,
                     "all_kb": all_kb, "level": level})
    else:
        out.print(f"wrote {rows} {what} to {target}", markup=False)


@app.command(epilog="Example: fogmap stats --db demo.duckdb --json")
def stats(
    top: Annotated[int, typer.Option(min=1, help="How many places and organisations to list.")] = 10,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False,
) -> None:
    """Summarise the store: documents, duplicates, events by type and status, event candidates per month and country, top places and organisations."""
    with _workspace(db, config, read_only=True) as ws:
        data = ws.stats(top)
    if json_out:
        _print_json(data)
    else:
        print_stats(out, data, db)


def _reading_setup(config: Path | None, actors: list[Path] | None, field: list[str]) -> tuple[Settings, ReadOptions]:
    """Settings (with the user's actor files, checked) and read options for a command that reads input
    files without a store (bench, run); a bad setting or field map is exit 2."""
    from .actors.user_files import check_user_files
    from .ingest import ReadOptions, parse_field_map

    try:
        settings = load_settings(config, actor_files=actors or ())
        check_user_files(settings.actors.files)
        return settings, ReadOptions(field_map=parse_field_map(field), max_file_bytes=settings.ingest.max_file_bytes,
                                     max_record_bytes=settings.ingest.max_record_bytes)
    except ConfigError as exc:
        _fail(str(exc), 2)
    raise AssertionError("unreachable")


@app.command(epilog="Example: fogmap bench fakes.jsonl -f text=article_content -f published=date_iso --runs 3")
def bench(
    paths: Annotated[list[Path], typer.Argument(help="Corpus files or folders (any format ingest reads).")],
    field: Annotated[list[str], typer.Option("--field", "-f", help="Remap an input key, as for ingest.")] = [],  # noqa: B006
    runs: Annotated[int, typer.Option(min=1, help="Alternating runs of each; medians are reported.")] = 3,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Use only the first N documents.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="fogmap extraction processes (raw spaCy is always one).")] = 1,
    agreement: Annotated[bool, typer.Option(help="Also compare candidates with a full parse of every sentence.")] = True,
    places_cost: Annotated[bool, typer.Option(help="Also run fogmap without the geoparser, to measure the share of time geocoding adds.")] = True,
    memory: Annotated[int, typer.Option(help="Instead: ingest the corpus N times over as distinct documents and sample memory.")] = 0,
    actors: ActorsOption = None,
    config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Measure ingest+extract against raw spaCy nlp.pipe on the same texts: documents/s, words/s, peak memory, ratio."""
    from .bench import load_articles, memory_profile, run_benchmark

    settings, options = _reading_setup(config, actors, field)
    articles = load_articles(paths, options, limit)
    if not articles:
        _fail("no readable documents in the given paths", 1)
    say = (lambda msg: None) if quiet or json_out else (lambda msg: err.print(msg, markup=False))
    if memory:
        result = memory_profile(articles, settings, memory, workers, say)
    else:
        result = run_benchmark(articles, settings, runs, workers, agreement, places_cost, say)
    if json_out:
        _print_json(result)
    else:
        print_bench(out, result)


from .cli_eval import eval_app, train_app  # noqa: E402
from .cli_control import control_app  # noqa: E402
from .cli_geo import geo_app  # noqa: E402
from .cli_attribution import attribution_app  # noqa: E402
from .cli_serve import serve_app  # noqa: E402
from .cli_review import review_app  # noqa: E402
from .cli_sitrep import sitrep_app  # noqa: E402
from .cli_scale import scale_app  # noqa: E402
from .cli_run import run_app  # noqa: E402

app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(geo_app)  # geocode, places: top-level commands
app.add_typer(control_app)  # control: a top-level command
app.add_typer(attribution_app)  # attribute: a top-level command
app.add_typer(serve_app)  # serve: a top-level command
app.add_typer(review_app)  # review: a top-level command
app.add_typer(sitrep_app)  # sitrep: a top-level command
app.add_typer(scale_app)  # generate-events, bench-web: top-level commands
app.add_typer(run_app)  # run, import-parquet: top-level commands


def main() -> None:
    try:
        app()
    except FogmapError as exc:  # anything a command did not turn into a message itself
        err.print(f"error: {exc}", markup=False)
        sys.exit(2 if isinstance(exc, ConfigError) else 1)
