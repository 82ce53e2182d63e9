"""Reads of the canonical level: fusion's candidates and members, and canonical events for the fronts."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from ..errors import NotFoundError
from .db import Store
from .queries import EventFilter, _page, _where


def clusters_of_documents(store: Store, doc_ids: Sequence[str]) -> list[str]:
    """The canonical events the reports of these documents belong to (before they are replaced)."""
    if not doc_ids:
        return []
    with store.registered("_fogmap_ids", pa.table({"doc_id": pa.array(list(doc_ids), pa.string())})):
        return [r["canonical_id"] for r in store.query(
            "SELECT DISTINCT canonical_id FROM canonical_reports WHERE doc_id IN (SELECT doc_id FROM _fogmap_ids) "
            "ORDER BY 1")]


def clusters_near(store: Store, keys: Sequence[tuple[str, dt.date, dt.date]]) -> list[str]:
    """Canonical events of a country whose window overlaps one of ``keys`` (country, start, end): the
    index lookup behind incremental fusion (a range join on the country's rows, never all pairs)."""
    if not keys:
        return []
    table = pa.table({"country": [k[0] for k in keys], "start": [k[1] for k in keys], "end": [k[2] for k in keys]})
    with store.registered("_fogmap_fusion_keys", table):
        return [r["id"] for r in store.query(
            """SELECT DISTINCT c.id FROM canonical_events c JOIN _fogmap_fusion_keys k
               ON c.country = k.country AND c.window_start <= k."end" AND c.window_end >= k.start ORDER BY 1""")]


def cluster_members(store: Store, canonical_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The member report rows of these canonical events, in a fixed order."""
    if not canonical_ids:
        return []
    with store.registered("_fogmap_canonical_ids", pa.table({"id": pa.array(list(canonical_ids), pa.string())})):
        return store.query("SELECT * FROM canonical_reports WHERE canonical_id IN (SELECT id FROM _fogmap_canonical_ids) "
                           "ORDER BY canonical_id, window_start, doc_id, seq, event_id")


def report_rows(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Reports by event id or a unique prefix of one; NotFoundError names the id that is not a report."""
    rows = []
    for prefix in event_ids:
        found = store.query("SELECT * FROM canonical_reports WHERE starts_with(event_id, ?) ORDER BY event_id LIMIT 2",
                            [prefix])
        if not found:
            known = store.scalar("SELECT count(*) FROM events WHERE starts_with(id, ?)", [prefix])
            why = ("it did not happen (negated, hypothetical or planned) or was stored before fusion existed"
                   if known else "no such event (ids are shown by `fogmap events --level report`)")
            raise NotFoundError(f"event {prefix!r} is not a fused report: {why}")
        if len(found) > 1 and found[0]["event_id"] != prefix:
            raise NotFoundError(f"event id prefix {prefix!r} is ambiguous; give more characters")
        rows.append(found[0])
    return rows


# Copies and near-duplicates never reach fusion (they are not extracted): a canonical event's documents
# are its reports' documents and their copies.
CANONICAL_SELECT = """
SELECT c.id, c.date_start, c.date_end, c.time_precision, c.country, c.admin1, c.type, c.subtype, c.code,
       c.actor1_id, c.actor1_acled, c.actor2_id, c.actor2_acled, c.fatalities, c.fatalities_low, c.fatalities_best,
       c.fatalities_high, c.place_name, c.place_id, c.latitude, c.longitude, c.geo_precision,
       c.reports, c.sources, coalesce(dup.copies, 0) AS copies, c.disputed, c.disputes, c.stage
FROM canonical_events c
LEFT JOIN (SELECT m.canonical_id, count(DISTINCT d.id) AS copies FROM canonical_reports m
           JOIN documents d ON d.duplicate_of = m.doc_id GROUP BY 1) dup ON dup.canonical_id = c.id
"""


def canonical_events(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Canonical events, oldest first, each with its reports' event and document ids and its disputes."""
    where, params = _where([
        ("c.date_end >= ?", [f.since]), ("c.date_start <= ?", [f.until]),
        ("c.country = ?", [f.country.upper() if f.country else None]),
        ("(lower(c.type) = lower(?) OR lower(c.subtype) = lower(?) OR lower(c.code) = lower(?))", [f.type] * 3),
        ("c.id IN (SELECT canonical_id FROM canonical_reports WHERE doc_id = ?)", [f.doc_id]),
    ])
    rows = store.query(*_page(CANONICAL_SELECT, params, where, "c.date_start NULLS LAST, c.id", f.limit, f.offset))
    return with_report_events(store, rows)


def with_report_events(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Canonical event rows with their disputes read and their reports' event and document ids."""
    if not rows:
        return rows
    ids = pa.table({"id": pa.array([r["id"] for r in rows], pa.string())})
    # the id range adds nothing to the IN, but DuckDB checks it against each row group's min/max first:
    # where ids follow the table's order (a generated store), a page's reports are read from one row group
    with store.registered("_fogmap_canonical_ids", ids):
        members = store.query(
            """SELECT m.canonical_id, m.event_id, m.doc_id, d.outlet, d.url FROM canonical_reports m
               JOIN documents d ON d.id = m.doc_id
               WHERE m.canonical_id BETWEEN ? AND ? AND m.canonical_id IN (SELECT id FROM _fogmap_canonical_ids)
               ORDER BY m.canonical_id, m.window_start, m.doc_id, m.seq""",
            [min(r["id"] for r in rows), max(r["id"] for r in rows)])
    by_id: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        by_id.setdefault(m.pop("canonical_id"), []).append(m)
    return [{**r, "disputes": json.loads(r["disputes"] or "[]"), "report_events": by_id.get(r["id"], [])}
            for r in rows]


def canonical_of_events(store: Store, event_ids: Sequence[str]) -> dict[str, str]:
    with store.registered("_fogmap_ids", pa.table({"id": pa.array(list(event_ids), pa.string())})):
        return {r["event_id"]: r["canonical_id"] for r in store.query(
            "SELECT event_id, canonical_id FROM canonical_reports WHERE event_id IN (SELECT id FROM _fogmap_ids)")}



def fused_reports(store: Store) -> list[dict[str, Any]]:
    """Every fused report with its canonical event, and every document with the original it copies (a
    copy's reports are its original's), in document and text order."""
    return store.query(
        """SELECT d.id AS doc_id, d.duplicate_of, m.event_id, m.canonical_id, m.seq, m.code, m.type,
                  m.window_start, m.window_end, m.dated, m.published, m.country, m.admin1, m.place_name, m.fatalities_best
           FROM documents d LEFT JOIN canonical_reports m ON m.doc_id = d.id ORDER BY d.id, m.seq, m.event_id""")
