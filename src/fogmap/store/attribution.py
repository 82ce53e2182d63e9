"""Reads and writes of attribution: the canonical events as the prior's history, the events whose
perpetrator is open, and the assessments written back (hypotheses, their evidence, the whole answer)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from ..errors import NotFoundError
from .db import Store
from .queries import _where
from .review import EFFECTIVE_CANONICAL, NOT_REJECTED

# Every canonical event with what the prior reads: its reports' outlets, weapons and report ids.
HISTORY_SELECT = """
SELECT c.id, c.date_start, c.country, c.admin1, c.place_id, c.place_name, c.latitude, c.longitude, c.type,
       c.subtype, c.actor1_id, c.actor2_id, c.fatalities, c.disputed, c.reports,
       string_agg(DISTINCT d.outlet, '; ' ORDER BY d.outlet) AS outlets,
       list(DISTINCT e.weapon ORDER BY e.weapon) FILTER (WHERE e.weapon IS NOT NULL) AS weapons,
       list(DISTINCT m.event_id ORDER BY m.event_id) AS report_ids
FROM canonical_events c
JOIN canonical_reports m ON m.canonical_id = c.id
JOIN documents d ON d.id = m.doc_id
LEFT JOIN events e ON e.id = m.event_id
GROUP BY ALL
ORDER BY c.date_start NULLS LAST, c.id
"""

# Violent events whose perpetrator is open: nobody named, a generic actor ("unidentified armed
# group:IQ"), reports that disagree on actor1, or a claim about one of its reports that puts an
# actor forward or denies one.
# Over the events as the analysts left them: a rejected event is no question at all, and an analyst who
# names the perpetrator has settled it, whatever the claims say.
OPEN_SELECT = f"""
SELECT c.id FROM ({EFFECTIVE_CANONICAL}) c
WHERE {NOT_REJECTED} AND NOT coalesce(list_contains(c.review_corrected, 'actor1_id'), false) AND c.type IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians') AND (
    c.actor1_id IS NULL OR contains(c.actor1_id, ':')
    OR (c.disputed AND contains(c.disputes, '"actor1'))
    OR EXISTS (SELECT 1 FROM canonical_reports m JOIN claims k ON k.about = m.event_id
               WHERE m.canonical_id = c.id AND k.about_kind IN ('perpetrator', 'backer')
               AND k.actor_id IS NOT NULL AND (k.actor_id IS DISTINCT FROM c.actor1_id OR k.stance = 'denies')))
"""


def history(store: Store) -> list[dict[str, Any]]:
    return store.query(HISTORY_SELECT)


def resolve_canonical(store: Store, prefix: str) -> str:
    """A canonical event id from a prefix of it or of one of its reports' event ids."""
    found = store.query("SELECT DISTINCT id FROM canonical_events WHERE starts_with(id, ?) ORDER BY 1 LIMIT 2", [prefix])
    if not found:
        found = store.query("""SELECT DISTINCT canonical_id AS id FROM canonical_reports WHERE starts_with(event_id, ?)
                               ORDER BY 1 LIMIT 2""", [prefix])
    if not found:
        raise NotFoundError(f"no canonical event or fused report {prefix!r} (ids are shown by `fogmap events`)")
    if len(found) > 1:
        raise NotFoundError(f"event id prefix {prefix!r} is ambiguous; give more characters")
    return found[0]["id"]


def open_events(store: Store, since: dt.date | None = None, country: str | None = None,
                limit: int | None = None, until: dt.date | None = None) -> tuple[list[str], int]:
    """The open events overlapping since..until, newest first (at most ``limit``), and how many there are in all."""
    where, params = _where([("c.date_end >= ?", [since]), ("c.date_start <= ?", [until]),
                            ("c.country = ?", [country.upper() if country else None])])
    sql = OPEN_SELECT + (" AND " + where if where else "") + " ORDER BY c.date_start DESC NULLS LAST, c.id"
    ids = [r["id"] for r in store.query(sql, params)]
    return (ids[:limit] if limit is not None else ids), len(ids)


def weapon_span(store: Store, report_ids: Sequence[str], weapon: str) -> dict[str, Any] | None:
    """Where a report names the weapon: its document, span and sentence (the first report that does)."""
    with store.registered("_fogmap_report_ids", pa.table({"id": pa.array(list(report_ids), pa.string())})):
        rows = store.query("""
            SELECT w.doc_id, w.start_char, w.end_char, s.text AS sentence
            FROM events e JOIN event_spans w ON w.event_id = e.id AND w.role = 'weapon'
            LEFT JOIN event_spans s ON s.event_id = e.id AND s.role = 'sentence'
                AND s.start_char <= w.start_char AND w.end_char <= s.end_char
            WHERE e.id IN (SELECT id FROM _fogmap_report_ids) AND e.weapon = ?
            ORDER BY e.date_start, w.doc_id, w.start_char LIMIT 1""", [weapon])
    return rows[0] if rows else None


def write_assessments(store: Store, assessments: Sequence[dict[str, Any]], stage: str) -> None:
    """Replace the stored assessments of these events (one transaction for all): ``assessments`` as
    attribution.report.assessment_json gives them."""
    ids = pa.table({"id": pa.array([a["event"]["id"] for a in assessments], pa.string())})
    with store.transaction():
        with store.registered("_fogmap_assessed", ids):
            for table in ("hypotheses", "hypothesis_evidence", "assessments"):
                store.con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM _fogmap_assessed)")
        store.insert_rows("hypotheses", [
            {"event_id": a["event"]["id"], "actor": h["actor"], "prior": h["prior"], "posterior": h["posterior"],
             "stage": stage, "rank": n, "reasons": h["reasons"]}
            for a in assessments for n, h in enumerate(a["hypotheses"])])
        store.insert_rows("hypothesis_evidence", [
            {"event_id": a["event"]["id"], "actor": h, "source_id": i["id"], "likelihood_ratio": cell["ratio"],
             "doc_id": i["doc_id"], "start_char": i["start"], "end_char": i["end"], "seq": n, "kind": i["kind"],
             "summary": i["summary"], "basis": cell["basis"], "diagnosticity": i["diagnosticity"]}
            for a in assessments for n, i in enumerate(a["items"]) for h, cell in i["cells"].items()])
        store.insert_rows("assessments", [
            {"event_id": a["event"]["id"], "leader": a["leader"], "leader_posterior": a["leader_posterior"],
             "sensitivity": a["sensitivity"]["text"], "sensitivity_item": a["sensitivity"]["item"],
             "history_events": a["history"]["events"], "assessment": json.dumps(a, sort_keys=True, default=str),
             "stage": stage} for a in assessments])


def stored_assessment(store: Store, event_id: str) -> dict[str, Any] | None:
    row = store.query("SELECT assessment FROM assessments WHERE event_id = ?", [event_id])
    return json.loads(row[0]["assessment"]) if row else None


def document_sources(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """doc id -> its outlet, publication date and url."""
    with store.registered("_fogmap_doc_ids", pa.table({"id": pa.array(sorted(set(doc_ids)), pa.string())})):
        return {r.pop("id"): r for r in store.query(
            "SELECT id, outlet, published, url FROM documents WHERE id IN (SELECT id FROM _fogmap_doc_ids)")}
