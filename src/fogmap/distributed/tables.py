"""The Parquet tables of a run: the store's own row builders and the store's column names and types.

One table per record kind; each row carries its document's id, so a table is partitioned by the
document's published day. ``documents`` has one column the store has not: ``input_seq``, the
document's place in the run's input (shard index << 32 | position), which import uses to meet
documents in the order ingest would have.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from ..fusion.reports import report_row
from ..store.db import Store
from ..store.schema import EXTRACTION_TABLES
from ..store.writes import aside_rows, derived_rows, document_row, place_row
from .batch import BatchResult

DOCUMENT_TABLES = ("documents", "document_asides", *EXTRACTION_TABLES, "event_reports")
TABLES = (*DOCUMENT_TABLES, "places", "failures")
UNDATED = "unknown"  # the partition of rows without a document date (and of places and failures)


@lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """Each output table's Arrow schema, read from an empty store in memory: the store's types exactly."""
    with Store(":memory:") as store:
        def of(table: str) -> pa.Schema:
            return store.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
        found = {t: of(t) for t in ("documents", "document_asides", *EXTRACTION_TABLES, "places")}
        reports = of("canonical_reports")
        found["event_reports"] = reports.remove(reports.get_field_index("canonical_id"))
        found["documents"] = found["documents"].append(pa.field("input_seq", pa.int64()))
        found["failures"] = pa.schema([("path", pa.string()), ("location", pa.string()), ("message", pa.string())])
    return found


def result_rows(result: BatchResult) -> dict[str, list[dict]]:
    """Every table's rows for one task, through the same row builders the store's writes use."""
    focus = {ex.doc_id: ex.country_focus for ex in result.extractions}
    published = {d.id: d.published for d in result.documents}
    r = result.records
    rows = derived_rows(result.extractions, published, r.events, r.controls, r.relations, r.claims)
    rows["documents"] = [{**document_row(d, None, focus.get(d.id)), "input_seq": result.seq[d.id]}
                         for d in result.documents]
    rows["document_asides"] = aside_rows(result.documents)
    rows["event_reports"] = [report_row("", report) for report in result.reports]
    rows["places"] = [place_row(p) for p in {p.id: p for ex in result.extractions for p in ex.places}.values()]
    rows["failures"] = [{"path": f.path, "location": f.location, "message": f.message} for f in result.failures]
    return rows


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schemas()[table])
