"""Reads behind the web API: pages of events with every filter a map needs and how many match in all,
one event with its reports and the words behind each of their fields, one actor's use in events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


from ..errors import NotFoundError
from .canonical import CANONICAL_SELECT, with_report_events
from .db import Store
from .queries import EVENT_SELECT, HAPPENED, STATUSES, ClaimFilter, _page, _where
from .review import EFFECTIVE_CANONICAL, NOT_REJECTED, with_reviews

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class EventQuery:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None  # an ACLED event type, sub-event type or sub-event code
    status: str | None = None  # one status; None: every status of an event that happened
    actor: str | None = None  # a resolved actor id, as actor1 or actor2
    bbox: BBox | None = None
    min_confidence: float | None = None
    ids: tuple[str, ...] | None = None
    any_status: bool = False  # reports of every status, the negated, hypothetical and planned too
    include_rejected: bool = False  # canonical events an analyst rejected too (left out by default)
    limit: int | None = 100
    offset: int = 0


def _bbox_condition(lon: str, lat: str, box: BBox | None) -> tuple[str, list[Any]]:
    west, south, east, north = box if box else (None,) * 4
    return f"{lon} BETWEEN ? AND ? AND {lat} BETWEEN ? AND ?", [west, east, south, north]


def _counted_page(store: Store, select: str, where: str, params: list[Any], order: str,
                  q: EventQuery) -> tuple[list[dict[str, Any]], int]:
    whole = select + (" WHERE " + where if where else "")
    total = store.scalar(f"SELECT count(*) FROM ({whole})", params)
    return store.query(*_page(select, params, where, order, q.limit, q.offset)), int(total or 0)


def canonical_where(q: EventQuery) -> tuple[str, list[Any]]:
    """The filters of ``q`` over ``canonical_events c``, as ``(sql, params)`` (sql empty for none): a
    status or confidence picks events with at least one report of that status or that sure (a
    canonical event has neither of its own). The page, the map's grid and its timeline share it."""
    return _where([
        ("c.date_end >= ?", [q.since]), ("c.date_start <= ?", [q.until]),
        ("c.country = ?", [q.country.upper() if q.country else None]),
        ("(lower(c.type) = lower(?) OR lower(c.subtype) = lower(?) OR lower(c.code) = lower(?))", [q.type] * 3),
        ("(c.actor1_id = ? OR c.actor2_id = ?)", [q.actor] * 2),
        _bbox_condition("c.longitude", "c.latitude", q.bbox),
        ("c.id IN (SELECT m.canonical_id FROM canonical_reports m JOIN events e ON e.id = m.event_id "
         "WHERE e.status = ?)", [q.status]),
        ("c.id IN (SELECT m.canonical_id FROM canonical_reports m JOIN events e ON e.id = m.event_id "
         "WHERE e.confidence >= ?)", [q.min_confidence]),
        ("list_contains(?, c.id)", [list(q.ids) if q.ids is not None else None]),
    ])


def _reviewed_select() -> str:
    """CANONICAL_SELECT over the effective record (analysts' corrections applied) with its review columns."""
    select = CANONICAL_SELECT.replace("FROM canonical_events c", f"FROM ({EFFECTIVE_CANONICAL}) c", 1).replace(
        "SELECT c.id,", "SELECT c.review_action, c.reviewed_by, c.reviewed_at, c.review_corrected, c.id,", 1)
    assert "review_corrected" in select and EFFECTIVE_CANONICAL in select, "CANONICAL_SELECT changed shape"
    return select


REVIEWED_SELECT = _reviewed_select()


def canonical_page(store: Store, q: EventQuery) -> tuple[list[dict[str, Any]], int]:
    """Canonical events as analysts left them, oldest first, with their reports and each one's
    ``review`` (None if never reviewed). Filters (``canonical_where``) read the corrected values; an
    event an analyst rejected is left out unless ``q.include_rejected``."""
    where, params = canonical_where(q)
    if not q.include_rejected:
        where = f"{where} AND {NOT_REJECTED}" if where else NOT_REJECTED
    rows, total = _counted_page(store, REVIEWED_SELECT, where, params, "c.date_start NULLS LAST, c.id", q)
    return with_report_events(store, with_reviews(store, rows)), total


def report_page(store: Store, q: EventQuery) -> tuple[list[dict[str, Any]], int]:
    """Events as each document reports them, oldest first; by default only those that happened."""
    statuses = (q.status,) if q.status else (STATUSES if q.any_status else HAPPENED)
    where, params = _where([
        ("e.date_end >= ?", [q.since]), ("e.date_start <= ?", [q.until]),
        ("e.country = ?", [q.country.upper() if q.country else None]),
        ("(lower(e.type) = lower(?) OR lower(e.subtype) = lower(?) OR lower(e.code) = lower(?))", [q.type] * 3),
        (f"e.status IN ({', '.join('?' for _ in statuses)})", list(statuses)),
        ("(e.actor1_id = ? OR e.actor2_id = ?)", [q.actor] * 2),
        _bbox_condition("p.lon", "p.lat", q.bbox),
        ("e.confidence >= ?", [q.min_confidence]),
        # said of the sentence spans too: DuckDB does not carry it into EVENT_SELECT's GROUP BY of them
        ("list_contains(?, e.id) AND list_contains(?, s.event_id)", [list(q.ids) if q.ids is not None else None] * 2),
    ])
    return _counted_page(store, EVENT_SELECT, where, params, "e.date_start NULLS LAST, e.doc_id, s.start_char, e.id", q)


def resolve_event(store: Store, prefix: str) -> tuple[str | None, list[str]]:
    """A canonical event id, a report's event id (of any status) or a unique prefix of either: the
    canonical event (None for a report fusion never saw, such as a negated one) and its report ids."""
    found = store.query(
        """SELECT id, 'canonical' AS kind FROM canonical_events WHERE starts_with(id, ?)
           UNION SELECT id, 'report' FROM events WHERE starts_with(id, ?) ORDER BY id, kind LIMIT 3""",
        [prefix, prefix])
    if not found:
        raise NotFoundError(f"no canonical event or event report with id {prefix!r}")
    if len({r["id"] for r in found}) > 1 and found[0]["id"] != prefix:
        raise NotFoundError(f"event id prefix {prefix!r} is ambiguous; give more characters")
    chosen = found[0]
    if chosen["kind"] == "canonical":
        canonical_id = chosen["id"]
    else:
        canonical_id = store.scalar("SELECT canonical_id FROM canonical_reports WHERE event_id = ?", [chosen["id"]])
        if canonical_id is None:
            return None, [chosen["id"]]
    reports = store.query("SELECT event_id FROM canonical_reports WHERE canonical_id = ? ORDER BY event_id",
                          [canonical_id])
    return canonical_id, [r["event_id"] for r in reports]


def report_arguments(store: Store, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Each report's fields with their spans: ``text`` is the value read (a weapon's normal name),
    ``words`` the document's own characters at the span, which is what a reader sees highlighted."""
    if not event_ids:
        return {}
    # a filter in the scan, not a join with a registered table: DuckDB checks it against each row
    # group's min/max and skips what cannot match (one event's spans: 48 ms -> 4 ms on 1M reports)
    rows = store.query(
        """SELECT s.event_id, s.role, s.start_char, s.end_char, s.text,
                  substring(d.text, s.start_char + 1, s.end_char - s.start_char) AS words
           FROM event_spans s JOIN documents d ON d.id = s.doc_id
           WHERE list_contains(?, s.event_id) ORDER BY s.event_id, s.start_char, s.role""", [list(event_ids)])
    by_event: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_event.setdefault(row.pop("event_id"), []).append(row)
    return by_event


def document_headers(store: Store, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Who published each document, where and when, without its text."""
    if not doc_ids:
        return []
    return store.query("""SELECT id, outlet, url, title, published, lang, duplicate_of FROM documents
                          WHERE list_contains(?, id) ORDER BY published NULLS LAST, id""", [sorted(set(doc_ids))])


def actor_usage(store: Store, actor_id: str) -> dict[str, Any] | None:
    """How the events that happened use one actor id: as actor1, as actor2, first and last dates; None
    if no such event names it."""
    row = store.query(
        """SELECT count(*) FILTER (WHERE actor1_id = ?) AS events_as_actor1,
                  count(*) FILTER (WHERE actor2_id = ?) AS events_as_actor2,
                  count(DISTINCT doc_id) AS documents, min(date_start) AS first_event, max(date_start) AS last_event,
                  arg_max(CASE WHEN actor1_id = ? THEN actor1_acled ELSE actor2_acled END, date_start) AS acled_name
           FROM events WHERE (actor1_id = ? OR actor2_id = ?) AND list_contains(?, status)""",
        [actor_id] * 5 + [list(HAPPENED)])[0]
    return row if row["events_as_actor1"] or row["events_as_actor2"] else None


def claim_count(store: Store, f: ClaimFilter) -> int:
    """How many claims ``store.queries.claims`` gives for ``f`` without its limit."""
    events = list(f.event_ids) if f.event_ids is not None else None
    where, params = _where([
        ("list_contains(?, c.about)", [events]), ("c.doc_id = ?", [f.doc_id]), ("c.stance = ?", [f.stance]),
        ("c.about_kind = ?", [f.about_kind]),
    ])
    return int(store.scalar("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id"
                            + (" WHERE " + where if where else ""), params) or 0)
