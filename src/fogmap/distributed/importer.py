"""``fogmap import-parquet``: a run's Parquet into the store, as ingest would have written it.

Documents are met in input order (``input_seq``) in batches; the store's de-duplication rules sort
them (already stored, copies, near-duplicates: a duplicate keeps its document row and loses its
extraction, as in ingest), the kept documents' rows are written in one transaction per batch, and
fusion runs incrementally on the batch's event reports, exactly as after an ingest batch. A document
that appears in two tasks (the same article in two shards) is taken from the first.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..fusion import plan_update, report_from_row
from ..pipeline import DuplicateFinder, RunTotals, build_pipeline, stage_names
from ..errors import ConfigError
from ..records import Aside, Document, IngestFailure, IngestReport
from ..settings import Settings
from ..store.db import Store
from ..store.schema import EXTRACTION_TABLES
from ..store.writes import NearDupEntry, document_row, finish_run, start_run, write_batch_rows
from .output import read_description
from .tables import schemas

ImportHook = Callable[[IngestReport], None]
_DOCUMENT_FIELDS = ("id", "text", "content_hash", "url", "outlet", "title", "published", "fetched", "lang",
                    "source_path", "source_location", "format")


def _files(directory: Path, table: str) -> list[str]:
    return glob.glob(str(directory / table / "*" / "*.parquet"))


class _Reader:
    """One run's tables, read through the store's DuckDB connection; rows of a document come from the
    task its document row came from (``part`` = the task key in the file name)."""

    def __init__(self, store: Store, directory: Path) -> None:
        self.store = store
        self.directory = directory

    def source(self, table: str) -> str | None:
        if not _files(self.directory, table):
            return None
        pattern = str(self.directory / table / "*" / "*.parquet").replace("'", "''")
        return (f"(SELECT *, regexp_extract(filename, 'part-([^/]*)\\.parquet$', 1) AS part "
                f"FROM read_parquet('{pattern}', hive_partitioning = false, filename = true))")

    def all(self, table: str, order: str) -> list[dict[str, Any]]:
        source = self.source(table)
        return self.store.query(f"SELECT * EXCLUDE (filename) FROM {source} ORDER BY {order}") if source else []

    def of(self, table: str, chosen: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
        """Rows of ``table`` for these (document id, task key) pairs, with the store's columns only."""
        source = self.source(table)
        if not source or not chosen:
            return []
        columns = ", ".join(f"t.{c}" for c in schemas()[table].names)
        keys = pa.table({"doc_id": [d for d, _ in chosen], "part": [p for _, p in chosen]})
        with self.store.registered("_fogmap_chosen", keys):
            return self.store.query(f"SELECT {columns} FROM {source} t JOIN _fogmap_chosen c "
                                    "ON c.doc_id = t.doc_id AND c.part = t.part ORDER BY t.filename")


def import_parquet(store: Store, directory: str | Path, settings: Settings,
                   progress: ImportHook | None = None) -> IngestReport:
    """Load a ``fogmap run`` output folder into ``store``; importing it again adds nothing."""
    directory = Path(directory)
    description = read_description(directory)
    names = stage_names(settings)
    if description.get("stages") != list(names):
        raise ConfigError(f"{directory}: extracted by other stages ({', '.join(description.get('stages', []))}); "
                          f"this fogmap runs {', '.join(names)}: run `fogmap run` again with this one")
    if not description.get("complete"):
        raise ConfigError(f"{directory}: the run did not finish; run the same `fogmap run` again to complete it")
    stages = build_pipeline(settings)
    finder = DuplicateFinder(store, settings, stages)
    reader = _Reader(store, directory)
    run_id = start_run(store)
    totals = RunTotals(run_id)
    finished = False
    try:
        places = {row["id"]: {k: v for k, v in row.items() if k in schemas()["places"].names}
                  for row in reader.all("places", "id")}
        failures = [IngestFailure(r["path"], r["location"], r["message"]) for r in reader.all("failures", "part")]
        documents = reader.all("documents", "input_seq, part")
        size = settings.ingest.batch_size
        for start in range(0, max(len(documents), 1), size):
            batch_failures = failures if start == 0 else []
            _import_batch(store, reader, run_id, documents[start:start + size], batch_failures, places, finder,
                          totals, names)
            if progress:
                progress(totals.report(False))
        finished = True
    finally:
        finish_run(store, run_id, interrupted=not finished)
    return totals.report(interrupted=False)


def _import_batch(store: Store, reader: _Reader, run_id: int, rows: list[dict[str, Any]],
                  failures: list[IngestFailure], places: dict[str, dict], finder: DuplicateFinder,
                  totals: RunTotals, names: Sequence[str]) -> None:
    part = {r["id"]: r["part"] for r in rows}
    focus = {r["id"]: r["country_focus"] for r in rows}
    asides = reader.of("document_asides", list(part.items()))
    docs = [_document(r, asides) for r in rows]
    kept, prints, counts = finder.classify(docs)
    extracted = [(d.id, part[d.id]) for d in kept if d.duplicate_of is None]
    tables = {t: reader.of(t, extracted) for t in EXTRACTION_TABLES}
    tables["documents"] = [document_row(d, run_id, focus[d.id] if d.duplicate_of is None else None) for d in kept]
    tables["document_asides"] = [a for a in asides if a["doc_id"] in {d.id for d in kept}]
    reports = [report_from_row(r) for r in reader.of("event_reports", extracted)]
    fusion = plan_update(store, reports, [d for d, _ in extracted])
    used = {r["place_id"] for t in ("place_mentions", "events", "control_assertions") for r in tables[t]} - {None}
    near = [NearDupEntry(i, fp.to_bytes(), fp.bands) for i, fp in prints.items()]
    write_batch_rows(store, run_id, tables, [d for d, _ in extracted], [places[p] for p in sorted(used) if p in places],
                     near, failures, counts, names, fusion)
    finder.settle_oldest()
    totals.add(counts, failures)


def _document(row: dict[str, Any], asides: list[dict[str, Any]]) -> Document:
    own = tuple(Aside(a["kind"], a["text"]) for a in asides if a["doc_id"] == row["id"])
    return replace(Document(**{k: row[k] for k in _DOCUMENT_FIELDS}), asides=own)
