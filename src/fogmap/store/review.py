"""Analyst reviews in the store: writing an act, the effective record (machine values with the live
corrections over them, in SQL so filters and exports see it), history, orphans and re-homing.

A review never changes ``canonical_events``: the machine record stays as fusion wrote it, and every
reader that should see corrections reads ``EFFECTIVE_CANONICAL`` instead of the table.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from typing import Any

from ..errors import NotFoundError
from .db import Store
from .queries import _where

# The canonical_events columns a correction may set, with their SQL types.
CORRECTABLE: dict[str, str] = {
    "type": "VARCHAR", "subtype": "VARCHAR", "code": "VARCHAR",
    "actor1_id": "VARCHAR", "actor1_acled": "VARCHAR", "actor2_id": "VARCHAR", "actor2_acled": "VARCHAR",
    "place_id": "VARCHAR", "place_name": "VARCHAR", "latitude": "DOUBLE", "longitude": "DOUBLE",
    "admin1": "VARCHAR", "country": "VARCHAR", "date_start": "DATE", "date_end": "DATE",
    "fatalities": "INTEGER", "fatalities_low": "INTEGER", "fatalities_best": "INTEGER", "fatalities_high": "INTEGER",
}
ACTIONS = ("accept", "correct", "reject", "revert")
STATUS_OF = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}  # a revert leaves none

# The acts still in force: those after the event's last revert (a revert puts the machine record back).
_LIVE = """
SELECT r.* FROM reviews r
WHERE r.seq > coalesce((SELECT max(v.seq) FROM reviews v WHERE v.event_id = r.event_id AND v.action = 'revert'), 0)
"""


def _override_columns() -> str:
    # the JSON value, not the string: arg_max skips a NULL argument, and a correction may set NULL
    return ",\n".join(
        f"bool_or(json_exists(changes, '$.{c}')) AS {c}__set, "
        f"arg_max(json_extract(changes, '$.{c}.after'), seq) FILTER (WHERE json_exists(changes, '$.{c}')) AS {c}__json"
        for c in CORRECTABLE)


# One row per reviewed event: its latest act, who and when, and per column whether a live correction
# sets it and to what (the latest such correction wins). Small: as many rows as reviewed events.
OVERRIDES = f"""
SELECT event_id, arg_max(action, seq) AS review_action, arg_max(reviewer, seq) AS reviewed_by,
       arg_max(reviewed_at, seq) AS reviewed_at, {_override_columns()}
FROM ({_LIVE}) live GROUP BY event_id
"""


def _effective_columns() -> str:
    return ", ".join(
        f"CASE WHEN o.{c}__set THEN CAST(json_extract_string(o.{c}__json, '$') AS {t}) ELSE c.{c} END AS {c}"
        for c, t in CORRECTABLE.items())


def _corrected_list() -> str:
    names = ", ".join(f"CASE WHEN o.{c}__set THEN '{c}' END" for c in CORRECTABLE)
    return f"CASE WHEN o.event_id IS NULL THEN NULL ELSE list_filter([{names}], lambda x: x IS NOT NULL) END"


# canonical_events as the analysts left it: every column, corrected where a live review says so, and
# the review's status columns. In SQL, no per-row Python, so the filters of a page (type, actor, bbox,
# dates) and the exports read corrected values at any size. The events never reviewed pass through
# untouched (an anti-join on the event ids of ``reviews``); only the reviewed ones are joined to the
# small OVERRIDES relation (one LEFT JOIN over every row made a 1M-event page 8x slower, 447 ms).
EFFECTIVE_CANONICAL = f"""
SELECT c.*, NULL::VARCHAR AS review_action, NULL::VARCHAR AS reviewed_by, NULL::TIMESTAMP AS reviewed_at,
       NULL::VARCHAR[] AS review_corrected
FROM canonical_events c ANTI JOIN reviews k ON k.event_id = c.id
UNION ALL BY NAME
SELECT c.* REPLACE ({_effective_columns()}),
       o.review_action, o.reviewed_by, o.reviewed_at, {_corrected_list()} AS review_corrected
FROM (SELECT DISTINCT event_id FROM reviews) k JOIN canonical_events c ON c.id = k.event_id
LEFT JOIN ({OVERRIDES}) o ON o.event_id = c.id
"""
NOT_REJECTED = "coalesce(c.review_action, '') <> 'reject'"
# The status a review leaves an event in, over a relation ``{c}`` with a review_action column.
REVIEW_STATUS = "CASE {c}.review_action " + " ".join(f"WHEN '{a}' THEN '{s}'" for a, s in STATUS_OF.items()) + " END"


def review_block(row: dict[str, Any], machine: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The ``review`` an effective row carries (its review columns popped): status, by, at, and the
    machine value of every corrected column."""
    action = row.pop("review_action", None)
    by, at, corrected = row.pop("reviewed_by", None), row.pop("reviewed_at", None), row.pop("review_corrected", None)
    if action is None:
        return None
    return {"status": STATUS_OF.get(action), "by": by, "at": at,
            "machine": {c: (machine or {}).get(c) for c in corrected or ()}}


def machine_values(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The machine record (as fusion wrote it) of these canonical events, by id."""
    if not ids:
        return {}
    return {r["id"]: r for r in store.query(
        f"SELECT id, {', '.join(CORRECTABLE)} FROM canonical_events WHERE list_contains(?, id)", [ids])}


def with_reviews(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Effective rows with their review columns folded into a ``review`` block."""
    machine = machine_values(store, [r["id"] for r in rows if r.get("review_corrected")])
    for row in rows:
        row["review"] = review_block(row, machine.get(row["id"]))
    return rows


def effective_event(store: Store, canonical_id: str) -> dict[str, Any]:
    rows = store.query(f"SELECT * FROM ({EFFECTIVE_CANONICAL}) c WHERE c.id = ?", [canonical_id])
    if not rows:
        raise NotFoundError(f"no canonical event {canonical_id!r}")
    return rows[0]


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def write_review(store: Store, canonical_id: str, action: str, reviewer: str, note: str | None,
                 columns: Mapping[str, Any]) -> dict[str, Any]:
    """Record one act on a canonical event, in one transaction; ``columns`` (correct only) are the new
    values of canonical_events columns. ``before`` is the value as it stood (machine or an earlier
    correction). Returns the stored review."""
    if action not in ACTIONS:
        raise ValueError(f"action {action!r}: one of {', '.join(ACTIONS)}")
    unknown = set(columns) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not correctable: {', '.join(sorted(unknown))}")
    with store.transaction():
        current = effective_event(store, canonical_id)
        changes = {c: {"before": _json_value(current[c]), "after": _json_value(v)} for c, v in columns.items()}
        anchor = store.query(
            """SELECT list(DISTINCT doc_id ORDER BY doc_id) AS docs, list(DISTINCT event_id ORDER BY event_id) AS reports
               FROM canonical_reports WHERE canonical_id = ?""", [canonical_id])[0]
        machine = store.query("SELECT window_start, window_end, code, place_id, latitude, longitude FROM canonical_events "
                              "WHERE id = ?", [canonical_id])[0]
        review = {
            "id": uuid.uuid4().hex[:20], "seq": int(store.scalar("SELECT nextval('review_seq')")),
            "event_id": canonical_id, "reviewed_id": canonical_id, "action": action, "reviewer": reviewer,
            "reviewed_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), "note": note,
            "changes": json.dumps(changes) if changes else None, "anchor_docs": anchor["docs"] or [],
            "anchor_start": machine["window_start"], "anchor_end": machine["window_end"], "anchor_type": machine["code"],
            "anchor_reports": anchor["reports"] or [], "anchor_place": machine["place_id"],
            "anchor_lat": machine["latitude"], "anchor_lon": machine["longitude"],
        }
        store.insert_rows("reviews", [review])
    return _readable(review)


def _readable(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "changes": json.loads(row["changes"]) if row["changes"] else {}}


REVIEW_SELECT = """
SELECT r.id, r.event_id, r.reviewed_id, r.action, r.reviewer, r.reviewed_at, r.note, r.changes, r.anchor_docs,
       r.anchor_start, r.anchor_end, r.anchor_type, c.id IS NULL AS orphaned, r.seq
FROM reviews r LEFT JOIN canonical_events c ON c.id = r.event_id
"""


def reviews(store: Store, *, event_id: str | None = None, reviewer: str | None = None, action: str | None = None,
            orphaned: bool | None = None, limit: int | None = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Review acts, newest first, and how many match in all. ``event_id`` matches the event a review
    is on now or the one it was made on; ``orphaned`` those whose event fusion dropped with no heir."""
    where, params = _where([
        ("(r.event_id = ? OR r.reviewed_id = ?)", [event_id] * 2), ("r.reviewer = ?", [reviewer]),
        ("r.action = ?", [action]), ("(c.id IS NULL) = ?", [orphaned]),
    ])
    sql = REVIEW_SELECT + (" WHERE " + where if where else "")
    total = int(store.scalar(f"SELECT count(*) FROM ({sql})", params) or 0)
    sql += " ORDER BY r.seq DESC"
    if limit is not None:
        sql, params = sql + " LIMIT ? OFFSET ?", [*params, limit, offset]
    return [_readable(r) for r in store.query(sql, params)], total


# A review whose event is gone goes to the canonical event among those sharing its anchor's documents
# that keeps the most of its reports (a report joined or left), then shares the most documents, then
# stands on the same place, or the nearest (a new events stage renames every report), then the nearest
# window (days off at both ends), then the same sub-event code, then the id.
_HEIRS = """
WITH lost AS (SELECT r.* FROM reviews r ANTI JOIN canonical_events c ON c.id = r.event_id),
     shared AS (SELECT u.id AS review_id, m.canonical_id, count(DISTINCT m.doc_id) AS documents,
                       count(DISTINCT m.event_id) FILTER (WHERE list_contains(u.anchor_reports, m.event_id)) AS reports
                FROM (SELECT id, anchor_reports, unnest(anchor_docs) AS doc_id FROM lost) u
                JOIN canonical_reports m ON m.doc_id = u.doc_id GROUP BY 1, 2)
SELECT s.review_id, s.canonical_id FROM shared s JOIN lost l ON l.id = s.review_id
JOIN canonical_events c ON c.id = s.canonical_id
QUALIFY row_number() OVER (PARTITION BY s.review_id ORDER BY s.reports DESC, s.documents DESC,
    coalesce(c.place_id = l.anchor_place, false) DESC,
    abs(c.latitude - l.anchor_lat) + abs(c.longitude - l.anchor_lon) NULLS LAST,
    abs(date_diff('day', c.window_start, l.anchor_start)) + abs(date_diff('day', c.window_end, l.anchor_end)) NULLS LAST,
    (c.code IS NOT DISTINCT FROM l.anchor_type) DESC, c.id) = 1
"""


def rehome_reviews(store: Store) -> int:
    """Re-point the reviews whose canonical event fusion replaced to the event that inherits their
    documents (caller holds the transaction); those with no heir stay, orphaned. Returns how many moved."""
    if not store.scalar("SELECT EXISTS (SELECT 1 FROM reviews)"):
        return 0  # the usual case, and an ingest batch should not pay for a scan of canonical_events
    heirs = store.query(_HEIRS)
    for heir in heirs:
        store.con.execute("UPDATE reviews SET event_id = ? WHERE id = ?", [heir["canonical_id"], heir["review_id"]])
    return len(heirs)
