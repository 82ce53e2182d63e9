"""Reads behind the front ends: event candidates with filters, one document with its marks, stats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..errors import NotFoundError
from ..records import Document
from .db import Store

# DuckDB's substring counts characters from 1, like Python's str from 0: spans stay exact.
CANDIDATE_SELECT = """
SELECT c.id, c.doc_id, c.event_date, c.country, c.acled_type, c.cue_class, c.cue, c.modality, c.parsed,
       c.trigger_text, c.trigger_start, c.trigger_end, c.sentence_start, c.sentence_end,
       substring(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       d.title, d.outlet, d.url, c.stage
FROM event_candidates c JOIN documents d ON d.id = c.doc_id
"""


@dataclass(frozen=True)
class CandidateFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None  # an ACLED event type or a cue class
    modality: str | None = None
    doc_id: str | None = None
    limit: int | None = 50
    offset: int = 0


def _where(conditions: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """``(sql, params)`` pairs joined with AND; pairs whose params hold a None are skipped (no filter)."""
    kept = [(sql, params) for sql, params in conditions if all(p is not None for p in params)]
    return " AND ".join(sql for sql, _ in kept), [p for _, params in kept for p in params]


def _page(sql: str, params: list[Any], where: str, order: str, limit: int | None, offset: int) -> tuple[str, list]:
    sql += (" WHERE " + where if where else "") + " ORDER BY " + order
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return sql, params


def candidates(store: Store, f: CandidateFilter) -> list[dict[str, Any]]:
    where, params = _where([
        ("c.event_date >= ?", [f.since]), ("c.event_date <= ?", [f.until]),
        ("c.country = ?", [f.country.upper() if f.country else None]),
        ("(lower(c.acled_type) = lower(?) OR lower(c.cue_class) = lower(?))", [f.type, f.type]),
        ("c.modality = ?", [f.modality]), ("c.doc_id = ?", [f.doc_id]),
    ])
    return store.query(*_page(CANDIDATE_SELECT, params, where,
                              "c.event_date NULLS LAST, c.doc_id, c.trigger_start", f.limit, f.offset))


EVENT_SELECT = """
SELECT e.id, e.doc_id, e.date_start, e.date_end, e.time_precision, e.country, e.type, e.subtype, e.code,
       e.status, e.actor1, e.actor2, e.actor1_id, e.actor1_acled, e.actor2_id, e.actor2_acled, e.assoc_actors, e.weapon, e.fatalities_low, e.fatalities_best, e.fatalities_high,
       e.injured, e.confidence,
       substring(d.text, e.place_start + 1, e.place_end - e.place_start) AS place,
       e.place_id, p.name AS place_name, p.lat AS latitude, p.lon AS longitude, p.admin1, p.feature AS place_feature,
       e.precision AS geo_precision,
       s.start_char AS sentence_start, s.end_char AS sentence_end,
       substring(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence,
       d.title, d.outlet, d.url, d.published, e.stage
FROM events e JOIN documents d ON d.id = e.doc_id LEFT JOIN places p ON p.id = e.place_id
JOIN (SELECT event_id, min(start_char) AS start_char, max(end_char) AS end_char FROM event_spans
      WHERE role = 'sentence' GROUP BY event_id) s ON s.event_id = e.id
"""
HAPPENED = ("asserted", "reported", "claimed", "denied")
NOT_HAPPENED = ("negated", "hypothetical", "planned")
STATUSES = HAPPENED + NOT_HAPPENED


@dataclass(frozen=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None  # an ACLED event type, sub-event type or sub-event code
    status: str | None = None  # one status; None means every status of an event that happened
    doc_id: str | None = None
    limit: int | None = 50
    offset: int = 0


def events(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Events with their sentences and sources; by default only those reported as having happened."""
    statuses = (f.status,) if f.status else HAPPENED
    where, params = _where([
        ("e.date_end >= ?", [f.since]), ("e.date_start <= ?", [f.until]),
        ("e.country = ?", [f.country.upper() if f.country else None]),
        ("(lower(e.type) = lower(?) OR lower(e.subtype) = lower(?) OR lower(e.code) = lower(?))", [f.type] * 3),
        (f"e.status IN ({', '.join('?' for _ in statuses)})", list(statuses)), ("e.doc_id = ?", [f.doc_id]),
    ])
    return store.query(*_page(EVENT_SELECT, params, where, "e.date_start NULLS LAST, e.doc_id, s.start_char, e.id",
                              f.limit, f.offset))


def event_arguments(store: Store, event_id: str) -> list[dict[str, Any]]:
    return store.query("SELECT role, start_char, end_char, text FROM event_spans WHERE event_id = ? "
                       "ORDER BY start_char, role", [event_id])


def document_events(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Every event of one document, whatever its status, in text order, each with its ``arguments``."""
    rows = store.query(*_page(EVENT_SELECT, [doc_id], "e.doc_id = ?", "s.start_char, e.id", None, 0))
    arguments: dict[str, list[dict[str, Any]]] = {}
    for arg in store.query("SELECT event_id, role, start_char, end_char, text FROM event_spans WHERE doc_id = ? "
                           "ORDER BY start_char, role", [doc_id]):
        arguments.setdefault(arg.pop("event_id"), []).append(arg)
    return [{**row, "arguments": arguments.get(row["id"], [])} for row in rows]


PLACE_MENTION_SELECT = """
SELECT m.doc_id, m.start_char, m.end_char, m.text, m.name AS mention_name, m.relation, m.place_id, p.name,
       p.lat, p.lon, p.feature, p.admin1, p.admin2, p.country, p.source, m.precision, m.score, m.reason, m.stage
FROM place_mentions m LEFT JOIN places p ON p.id = m.place_id
"""


def place_mentions(store: Store, doc_id: str | None = None, resolved: bool | None = None) -> list[dict[str, Any]]:
    """Place mentions in text order with the place each was resolved to (None: unresolved)."""
    where, params = _where([("m.doc_id = ?", [doc_id]),
                            ("(m.place_id IS NOT NULL) = ?", [resolved])])
    return store.query(*_page(PLACE_MENTION_SELECT, params, where, "m.doc_id, m.start_char", None, 0))


def control_assertions(store: Store, until: dt.date, country: str | None = None) -> list[dict[str, Any]]:
    """Control assertions dated on or before `until` (of places in `country`), with their place, outlet
    and sentence."""
    where, params = _where([("c.date <= ?", [until]), ("p.country = ?", [country.upper() if country else None])])
    return store.query(f"""
        SELECT c.id, c.doc_id, c.actor, c.actor_id, c.status, c.date, c.confidence, c.place_id, c.place_text,
               p.name AS place_name, p.country, p.admin1, p.lat, p.lon, d.outlet, d.url,
               substring(d.text, s.start_char + 1, s.end_char - s.start_char) AS sentence
        FROM control_assertions c JOIN documents d ON d.id = c.doc_id LEFT JOIN places p ON p.id = c.place_id
        LEFT JOIN control_spans s ON s.control_id = c.id AND s.role = 'sentence'
        WHERE {where} ORDER BY c.date, c.id""", params)


RELATION_WINDOW_DAYS = 365  # with --at: the relations stated in the year up to that date


def relations(store: Store, actor: str | None = None, at: dt.date | None = None) -> list[dict[str, Any]]:
    """Relations grouped by (actor a, kind, actor b) — resolved ids when known, else the words — with
    their first and last dates, how many statements and documents say so, and one sentence."""
    since = at - dt.timedelta(days=RELATION_WINDOW_DAYS) if at else None
    pattern = f"%{actor.lower()}%" if actor else None
    where, params = _where([
        ("r.date_start <= ?", [at]), ("coalesce(r.date_end, r.date_start) >= ?", [since]),
        ("(lower(r.actor_a) LIKE ? OR lower(r.actor_b) LIKE ? OR lower(r.actor_a_id) LIKE ? OR lower(r.actor_b_id) LIKE ?)",
         [pattern] * 4),
    ])
    return store.query(f"""
        SELECT coalesce(r.actor_a_id, lower(r.actor_a)) AS a_key, r.kind, coalesce(r.actor_b_id, lower(r.actor_b)) AS b_key,
               any_value(r.actor_a) AS actor_a, any_value(r.actor_b) AS actor_b,
               min(r.date_start) AS first, max(coalesce(r.date_end, r.date_start)) AS last,
               count(*) AS statements, count(DISTINCT r.doc_id) AS documents, max(r.confidence) AS confidence,
               list(DISTINCT r.source) AS sources,
               arg_max(substring(d.text, s.start_char + 1, s.end_char - s.start_char), r.confidence) AS sentence,
               arg_max(r.doc_id, r.confidence) AS doc_id
        FROM relations r JOIN documents d ON d.id = r.doc_id
        LEFT JOIN relation_spans s ON s.relation_id = r.id AND s.role = 'sentence'
        {"WHERE " + where if where else ""}
        GROUP BY 1, 2, 3 ORDER BY documents DESC, statements DESC, a_key, r.kind, b_key""", params)


def event_actors(store: Store, resolved: bool, limit: int | None = 50) -> list[dict[str, Any]]:
    """The actors the store's events name: resolved ones by id (with ACLED name and how many events), or
    the words no actor was resolved for, by how many events use them, with one sentence each."""
    sides = """SELECT e.id, e.doc_id, e.country, e.actor1 AS words, e.actor1_id AS actor_id, e.actor1_acled AS acled
               FROM events e UNION ALL
               SELECT e.id, e.doc_id, e.country, e.actor2, e.actor2_id, e.actor2_acled FROM events e"""
    if resolved:
        sql = f"""SELECT actor_id, any_value(acled) AS acled_name, count(*) AS events, count(DISTINCT doc_id) AS documents,
                         list(DISTINCT words ORDER BY words)[:5] AS written_as
                  FROM ({sides}) WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY events DESC, actor_id"""
    else:
        sql = f"""SELECT a.words, count(*) AS events, count(DISTINCT a.doc_id) AS documents,
                         list(DISTINCT a.country) AS countries,
                         any_value(substring(d.text, s.start_char + 1, s.end_char - s.start_char)) AS sentence
                  FROM ({sides}) a JOIN documents d ON d.id = a.doc_id
                  LEFT JOIN (SELECT event_id, min(start_char) AS start_char, max(end_char) AS end_char FROM event_spans
                             WHERE role = 'sentence' GROUP BY event_id) s ON s.event_id = a.id
                  WHERE a.actor_id IS NULL AND a.words IS NOT NULL GROUP BY a.words ORDER BY events DESC, a.words"""
    return store.query(sql + (f" LIMIT {int(limit)}" if limit else ""))


def actor_event_counts(store: Store, statuses: Sequence[str]) -> list[dict[str, Any]]:
    """Per resolved actor id in events of ``statuses``: the ACLED name its latest event gave it, how many
    events name it as actor1 and as actor2, and its first and last event dates."""
    return store.query("""
        SELECT actor_id, coalesce(arg_max(acled, date_start), any_value(acled)) AS acled_name,
               count(*) FILTER (WHERE side = 1) AS events_as_actor1, count(*) FILTER (WHERE side = 2) AS events_as_actor2,
               min(date_start) AS first_event, max(date_start) AS last_event
        FROM (SELECT actor1_id AS actor_id, actor1_acled AS acled, 1 AS side, date_start, status FROM events
              UNION ALL SELECT actor2_id, actor2_acled, 2, date_start, status FROM events)
        WHERE actor_id IS NOT NULL AND list_contains(?, status)
        GROUP BY actor_id ORDER BY actor_id""", [list(statuses)])


def resolve_id(store: Store, table: str, prefix: str, what: str, shown_by: str) -> str:
    """A full id of ``table``, or a unique prefix of one (people copy the first characters)."""
    rows = store.query(f"SELECT id FROM {table} WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [prefix])
    if not rows:
        raise NotFoundError(f"no {what} with id {prefix!r} (ids are shown by {shown_by})")
    if len(rows) > 1 and rows[0]["id"] != prefix:
        raise NotFoundError(f"{what} id prefix {prefix!r} is ambiguous; give more characters")
    return rows[0]["id"]


def resolve_doc_id(store: Store, prefix: str) -> str:
    return resolve_id(store, "documents", prefix, "document", "`fogmap events` and `fogmap stats`")


def document(store: Store, doc_id: str) -> Document:
    row = store.query("SELECT * FROM documents WHERE id = ?", [resolve_doc_id(store, doc_id)])[0]
    fields = {k: row[k] for k in (
        "id", "text", "content_hash", "url", "outlet", "title", "published", "fetched", "lang",
        "duplicate_of", "duplicate_kind", "similarity", "source_path", "source_location", "format")}
    return Document(**fields)


def document_marks(store: Store, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """Sentences, entity mentions, event candidates, events (with their arguments) and asides of one
    document, in text order."""
    return {
        "sentences": store.query(
            "SELECT seq, start_char, end_char, parsed FROM sentences WHERE doc_id = ? ORDER BY seq", [doc_id]),
        "entities": store.query(
            "SELECT start_char, end_char, label, text FROM entity_mentions WHERE doc_id = ? ORDER BY start_char",
            [doc_id]),
        "candidates": store.query(
            """SELECT id, trigger_start, trigger_end, trigger_text, cue_class, acled_type, modality,
                      sentence_start, sentence_end, country FROM event_candidates WHERE doc_id = ?
               ORDER BY trigger_start""", [doc_id]),
        "events": document_events(store, doc_id),
        "places": place_mentions(store, doc_id),
        "asides": store.query("SELECT seq, kind, text FROM document_asides WHERE doc_id = ? ORDER BY seq", [doc_id]),
    }


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Counts over the store; events by type count only those that happened, like candidates by type."""
    count = store.scalar
    happened = ", ".join("?" for _ in HAPPENED)
    return {
        "documents": count("SELECT count(*) FROM documents"),
        "originals": count("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
        "copies": count("SELECT count(*) FROM documents WHERE duplicate_kind = 'copy'"),
        "near_duplicates": count("SELECT count(*) FROM documents WHERE duplicate_kind = 'near'"),
        "sentences": count("SELECT count(*) FROM sentences"),
        "parsed_sentences": count("SELECT count(*) FROM sentences WHERE parsed"),
        "entity_mentions": count("SELECT count(*) FROM entity_mentions"),
        "event_candidates": count("SELECT count(*) FROM event_candidates"),
        "candidates_by_modality": dict(store.con.execute(
            "SELECT modality, count(*) FROM event_candidates GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        "candidates_by_type": dict(store.con.execute(
            "SELECT acled_type, count(*) FROM event_candidates WHERE modality = 'asserted' GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()),
        "documents_by_format": dict(store.con.execute(
            "SELECT format, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        "candidates_by_month_country": store.query(
            """SELECT strftime(event_date, '%Y-%m') AS month, coalesce(country, '?') AS country, count(*) AS candidates
               FROM event_candidates WHERE modality = 'asserted' GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 3 DESC"""),
        "events": count("SELECT count(*) FROM events"),
        "events_happened": count(f"SELECT count(*) FROM events WHERE status IN ({happened})", list(HAPPENED)),
        "events_by_status": _events_by_status(store),
        "events_by_type": dict(store.con.execute(
            f"SELECT type, count(*) FROM events WHERE status IN ({happened}) GROUP BY 1 ORDER BY 2 DESC, 1",
            list(HAPPENED)).fetchall()),
        "place_mentions": count("SELECT count(*) FROM place_mentions"),
        "place_mentions_resolved": count("SELECT count(*) FROM place_mentions WHERE place_id IS NOT NULL"),
        "events_located": count(f"SELECT count(*) FROM events WHERE place_id IS NOT NULL AND status IN ({happened})",
                                list(HAPPENED)),
        "top_places": _top_places(store, top),
        "top_organisations": _top_entities(store, ("ORG", "NORP"), top),
        "last_run": (store.query(
            """SELECT id, started_at, finished_at, ingested, already_stored, copies, near_duplicates, failed,
                      interrupted FROM ingest_runs ORDER BY id DESC LIMIT 1""") or [None])[0],
    }


def _events_by_status(store: Store) -> dict[str, int]:
    """Events per status, those that happened first, in the order of STATUSES."""
    found = dict(store.con.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall())
    rank = {status: i for i, status in enumerate(STATUSES)}
    return {k: found[k] for k in sorted(found, key=lambda k: (rank.get(k, len(rank)), k))}


def _top_places(store: Store, top: int) -> list[dict[str, Any]]:
    """The resolved places the store's documents name most (demonyms are not places named)."""
    return store.query(
        """SELECT p.name, p.country, p.admin1, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
           FROM place_mentions m JOIN places p ON p.id = m.place_id WHERE m.relation <> 'demonym'
           GROUP BY p.id, p.name, p.country, p.admin1 ORDER BY documents DESC, mentions DESC, p.name LIMIT ?""",
        [top])


def _top_entities(store: Store, labels: tuple[str, ...], top: int) -> list[dict[str, Any]]:
    marks = ", ".join("?" for _ in labels)
    return store.query(
        f"""SELECT text AS name, count(*) AS mentions, count(DISTINCT doc_id) AS documents FROM entity_mentions
            WHERE label IN ({marks}) GROUP BY text ORDER BY documents DESC, mentions DESC, name LIMIT ?""",
        [*labels, top],
    )


def contents_digest(store: Store) -> dict[str, Any]:
    """What a store holds, independent of when it was written: ids, duplicate links and record counts.

    Two stores built from the same inputs must give equal digests however the runs were interrupted.
    """
    tables = ("documents", "document_asides", "sentences", "entity_mentions", "event_candidates", "stage_runs",
              "near_dup_signatures", "near_dup_bands", "place_mentions", "places", "events", "event_spans",
              "control_assertions", "control_spans", "relations", "relation_spans", "claims", "claim_sources",
              "canonical_events", "canonical_reports")
    return {
        "documents": store.query(
            "SELECT id, content_hash, duplicate_of, duplicate_kind, similarity, country_focus FROM documents ORDER BY id"),
        "counts": {table: store.scalar(f"SELECT count(*) FROM {table}") for table in tables},
        "candidates_hash": store.scalar(
            "SELECT coalesce(bit_xor(hash(id, trigger_start, trigger_end, modality, country)), 0) FROM event_candidates"),
        "places_hash": store.scalar(
            "SELECT coalesce(bit_xor(hash(doc_id, start_char, end_char, place_id)), 0) FROM place_mentions"),
        # fusion takes a batch's country-days again in one order, so the clusters and their ids too
        "canonical_hash": store.scalar(
            "SELECT coalesce(bit_xor(hash(canonical_id, event_id)), 0) FROM canonical_reports"),
    }


def original_ids(store: Store) -> list[str]:
    """Every document that is extracted: not a copy or near-duplicate of another."""
    return [r["id"] for r in store.query("SELECT id FROM documents WHERE duplicate_of IS NULL ORDER BY id")]


def original_of(store: Store, doc_id: str) -> str:
    """The document whose extraction ``doc_id`` shares: itself, or the original it duplicates."""
    row = store.query("SELECT duplicate_of FROM documents WHERE id = ?", [doc_id])[0]
    return row["duplicate_of"] or doc_id


def documents_not_through(store: Store, stages: Sequence[str]) -> list[str]:
    """Extracted documents whose recorded stages are not exactly ``stages`` (an older fogmap, another
    actor file)."""
    with store.registered("_fogmap_stages", pa.table({"stage": pa.array(sorted(set(stages)), pa.string())})):
        return [r["id"] for r in store.query(
            """SELECT d.id FROM documents d LEFT JOIN stage_runs s ON s.doc_id = d.id
               WHERE d.duplicate_of IS NULL GROUP BY d.id
               HAVING count(*) FILTER (WHERE s.stage IS NULL OR s.stage NOT IN (SELECT stage FROM _fogmap_stages)) > 0
                   OR count(DISTINCT s.stage) < (SELECT count(*) FROM _fogmap_stages)
               ORDER BY d.id""")]


# --- claims (fogmap.claims) ------------------------------------------------------------------------

CLAIM_SELECT = """
SELECT c.id, c.doc_id, d.outlet, d.title, d.url, d.published, c.claimant, c.claimant_kind, c.claimant_id,
       c.speaks_for_id, c.stance, c.hedge, c.about_kind, c.about, c.actor, c.actor_id, c.fatalities, c.injured,
       substring(d.text, c.cue_start + 1, c.cue_end - c.cue_start) AS cue,
       substring(d.text, c.content_start + 1, c.content_end - c.content_start) AS content,
       substring(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       c.cue_start, c.cue_end, c.content_start, c.content_end, c.sentence_start, c.sentence_end,
       c.claimant_start, c.claimant_end, c.actor_start, c.actor_end, c.stage
FROM claims c JOIN documents d ON d.id = c.doc_id
"""


@dataclass(frozen=True)
class ClaimFilter:
    event_ids: tuple[str, ...] | None = None  # claims about any of these events (None: any claim)
    doc_id: str | None = None
    stance: str | None = None
    about_kind: str | None = None
    limit: int | None = None
    offset: int = 0


def claims(store: Store, f: ClaimFilter) -> list[dict[str, Any]]:
    """Claims with their words and source, in publication and text order; each with its ``chain`` of
    voices, outermost first (the claimant last)."""
    events = list(f.event_ids) if f.event_ids is not None else None
    where, params = _where([
        ("list_contains(?, c.about)", [events]), ("c.doc_id = ?", [f.doc_id]), ("c.stance = ?", [f.stance]),
        ("c.about_kind = ?", [f.about_kind]),
    ])
    rows = store.query(*_page(CLAIM_SELECT, params, where,
                              "d.published NULLS LAST, c.doc_id, c.cue_start, c.about_kind, c.id", f.limit, f.offset))
    if not rows:
        return rows
    with store.registered("_fogmap_claim_ids", pa.table({"id": pa.array([r["id"] for r in rows], pa.string())})):
        sources = store.query("""SELECT claim_id, seq, words, kind, actor_id, speaks_for_id, start_char, end_char
                                 FROM claim_sources WHERE claim_id IN (SELECT id FROM _fogmap_claim_ids)
                                 ORDER BY claim_id, seq""")
    chains: dict[str, list[dict[str, Any]]] = {}
    for s in sources:
        chains.setdefault(s.pop("claim_id"), []).append(s)
    return [{**row, "chain": chains.get(row["id"], [])} for row in rows]


def resolve_event_id(store: Store, prefix: str) -> str:
    return resolve_id(store, "events", prefix, "event", "`fogmap events`")


def fused_with(store: Store, event_id: str) -> list[str]:
    """The event and every report fused with it into one canonical event, in id order."""
    rows = store.query("""SELECT DISTINCT r.event_id FROM canonical_reports r JOIN canonical_reports m
                          ON m.canonical_id = r.canonical_id WHERE m.event_id = ? ORDER BY r.event_id""", [event_id])
    return sorted({event_id, *(r["event_id"] for r in rows)})
