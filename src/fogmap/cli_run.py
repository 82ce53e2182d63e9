"""`fogmap run` and `fogmap import-parquet`: extraction beyond one process, to Parquet, and back into a store.

Exit codes as everywhere in fogmap: 0 done; 1 done, but some input failed (or the output could not
be read); 2 bad usage or settings (an unknown engine, Ray not installed, a folder of other stages).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from .cli import ActorsOption, ConfigOption, DbOption, JsonOption, QuietOption, _fail, _interrupted, _print_json
from .cli import _ingest_outcome, _reading_setup, _workspace, err, out
from .errors import ConfigError, InputError
from .render import IngestProgress
from .store.db import DEFAULT_DB

run_app = typer.Typer()


@run_app.command("run", epilog="Example: fogmap run --engine local --workers 2 --input 'corpus/**/*.jsonl' --output out/  "
                               "(on a cluster: --engine ray --address auto --input 's3://bucket/news/*.parquet')")
def run(
    inputs: Annotated[list[str], typer.Option("--input", "-i", help="A file, folder, glob ('news/**/*.jsonl') or s3:// / gs:// URI: JSON lines, CSV, WARC, Parquet, or anything ingest reads. Repeatable.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet tables (partitioned by the documents' published day).")],
    engine: Annotated[str, typer.Option(help="local (worker processes on this machine) or ray (a Ray cluster; pip install 'fogmap[ray]').")] = "local",
    workers: Annotated[Optional[int], typer.Option(min=1, help="Worker processes or Ray actors (default from settings: 1).")] = None,
    address: Annotated[Optional[str], typer.Option(help="With --engine ray: the cluster to join (e.g. auto, ray://head:10001); default: start a local one.")] = None,
    batch_size: Annotated[Optional[int], typer.Option(min=1, help="Documents per task (default from settings: [ingest] batch_size).")] = None,
    field: Annotated[list[str], typer.Option("--field", "-f", help="Remap an input key, as for ingest: text=article_content.")] = [],  # noqa: B006
    actors: ActorsOption = None,
    config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Extract every document of the input into Parquet: documents, sentences, mentions, events, control
    statements, relations, claims and the event reports fusion needs, one file per task and table, written
    atomically, the same whatever the engine or the number of workers. De-duplication and fusion need
    a store: `fogmap import-parquet` does them. Query the files directly with `fogmap events --parquet`."""
    from .distributed import run as run_extraction

    settings, options = _reading_setup(config, actors, field)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=err, transient=True, disable=quiet or json_out) as bar:
        task = bar.add_task(f"extracting ({engine})", total=None)
        shown = 0

        def progress(report) -> None:
            nonlocal shown
            for failure in report.failures[shown:]:
                if not quiet and not json_out:
                    err.print(f"failed: {failure}", markup=False)
            shown = len(report.failures)
            bar.update(task, completed=report.documents)

        try:
            report = run_extraction(inputs, output, settings, options, engine=engine, workers=workers,
                                    batch_size=batch_size, address=address, progress=progress)
        except ConfigError as exc:
            _fail(str(exc), 2)
        except InputError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            err.print("interrupted: the tasks written so far are kept; run the same command again to finish",
                      markup=False)
            raise typer.Exit(130) from None
    if json_out:
        _print_json(dataclasses.asdict(report))
    elif not quiet:
        out.print(f"wrote {report.documents} documents in {report.tasks} tasks ({report.files} files) to {output} · "
                  f"failed {len(report.failures)}", markup=False)
    elif report.failures:
        for failure in report.failures:
            err.print(f"failed: {failure}", markup=False)
    if report.failures:
        raise typer.Exit(1)


@run_app.command("import-parquet", epilog="Example: fogmap import-parquet out/ --db news.duckdb")
def import_parquet(
    directory: Annotated[Path, typer.Argument(help="The --output folder of a finished `fogmap run`.")],
    actors: ActorsOption = None,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None, json_out: JsonOption = False, quiet: QuietOption = False,
) -> None:
    """Load a `fogmap run` output into the store as ingest would have: documents already stored are
    skipped, copies and near-duplicates stored as such, and fusion run on the new events batch by batch.
    Importing the same folder again adds nothing. A folder other stages wrote is refused (exit 2)."""
    from .distributed.importer import import_parquet as load

    with _workspace(db, config, actor_files=actors) as ws:
        progress = IngestProgress(err, enabled=not quiet and not json_out)
        try:
            with progress:
                report = load(ws.store, directory, ws.settings, progress=lambda r: progress.update(r, ()))
        except ConfigError as exc:
            _fail(str(exc), 2)
        except KeyboardInterrupt:
            _interrupted()
    _ingest_outcome(report, db, json_out, quiet, failures_shown=False)
