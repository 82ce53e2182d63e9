"""What each export holds, and writing it with DuckDB's COPY (streamed, no rows in Python)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pyarrow as pa

from ..actors.kb import load_actor_kb
from ..errors import ConfigError
from ..events.taxonomy import load_taxonomy
from ..store.db import Store
from ..store.review import EFFECTIVE_CANONICAL, NOT_REJECTED, OVERRIDES, REVIEW_STATUS
from ..store.queries import (CANDIDATE_SELECT, CLAIM_SELECT, EVENT_SELECT, HAPPENED, PLACE_MENTION_SELECT, STATUSES,
                             actor_event_counts)
from .actors import actor_table

# Relations registered for the duration of one export (see _export_relations): the PLOVER columns
# of each sub-event code, the statuses the export keeps, and the actors (built from the KB in Python).
TAXONOMY_RELATION = "_fogmap_export_taxonomy"
STATUS_RELATION = "_fogmap_export_statuses"
ACTORS_RELATION = "_fogmap_export_actors"
_HAPPENED_SQL = ", ".join(f"'{status}'" for status in HAPPENED)  # constants, not input

EXPORTABLE = {
    "events": f"""
        SELECT ev.id, ev.doc_id, ev.outlet, ev.url, ev.published, ev.date_start AS event_date, ev.date_end,
               ev.time_precision, ev.type AS event_type, ev.subtype AS sub_event_type, ev.code,
               t.plover_type AS plover_event, t.plover_mode, ev.status, ev.status IN ({_HAPPENED_SQL}) AS happened,
               ev.actor1_acled AS actor1, ev.actor2_acled AS actor2, ev.assoc_actors, ev.actor1_id, ev.actor2_id,
               ev.actor1 AS actor1_words, ev.actor2 AS actor2_words, ev.weapon, coalesce(ev.place_name, ev.place) AS location, ev.admin1,
               ev.country, ev.latitude, ev.longitude, ev.geo_precision, ev.place_id, ev.place AS place_words,
               ev.fatalities_low AS fatalities, ev.fatalities_low, ev.fatalities_best, ev.fatalities_high,
               ev.injured, ev.confidence, ev.stage, ev.sentence, ev.sentence_start, ev.sentence_end,
               rm.canonical_id, {REVIEW_STATUS.format(c="ro")} AS canonical_review_status
        FROM ({EVENT_SELECT}) ev LEFT JOIN {TAXONOMY_RELATION} t ON t.code = ev.code
        LEFT JOIN canonical_reports rm ON rm.event_id = ev.id
        LEFT JOIN ({OVERRIDES}) ro ON ro.event_id = rm.canonical_id
        WHERE ev.status IN (SELECT status FROM {STATUS_RELATION})
        ORDER BY ev.date_start NULLS LAST, ev.doc_id, ev.sentence_start, ev.id""",
    # ``text`` is what the events stage read from the span (a weapon is its category, e.g. "airstrike"
    # for "warplanes"); ``source_text`` is the span's own words.
    "event_arguments": f"""
        SELECT a.event_id, a.role, a.doc_id, a.start_char, a.end_char, a.text,
               substring(d.text, a.start_char + 1, a.end_char - a.start_char) AS source_text
        FROM event_spans a JOIN events e ON e.id = a.event_id JOIN documents d ON d.id = a.doc_id
        WHERE e.status IN (SELECT status FROM {STATUS_RELATION})
        ORDER BY e.date_start NULLS LAST, a.doc_id, a.event_id, a.start_char, a.role""",
    # One row per place mention (unresolved ones with empty coordinates): for QGIS and pandas.
    "places": PLACE_MENTION_SELECT + " ORDER BY m.doc_id, m.start_char",
    "candidates": CANDIDATE_SELECT + " ORDER BY c.event_date NULLS LAST, c.doc_id, c.trigger_start",
    "documents": """SELECT id, url, outlet, title, published, format, duplicate_of, duplicate_kind, similarity,
                           country_focus, word_count, source_path, source_location, content_hash, text
                    FROM documents ORDER BY id""",
    "sentences": """SELECT s.doc_id, s.seq, s.start_char, s.end_char, s.parsed,
                           substring(d.text, s.start_char + 1, s.end_char - s.start_char) AS text
                    FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY s.doc_id, s.seq""",
    "entities": """SELECT doc_id, start_char, end_char, label, text, sentence_seq, stage
                   FROM entity_mentions ORDER BY doc_id, start_char""",
    # One row per actor the events name (actor1/actor2; associated actors are stored by name only).
    "actors": f"SELECT * FROM {ACTORS_RELATION} ORDER BY events_as_actor1 + events_as_actor2 DESC, id",
    # One row per claim (fogmap.claims) with its words and spans; ``chain`` is the voices that carry it,
    # outermost first and the claimant last, joined by " > " (``chain_ids`` their actor ids, "" unknown).
    "claims": f"""
        SELECT cl.id, cl.doc_id, cl.outlet, cl.url, cl.published, cl.claimant, cl.claimant_kind, cl.claimant_id,
               cl.speaks_for_id, cl.stance, cl.hedge, cl.about_kind, cl.about, cl.actor, cl.actor_id, cl.fatalities,
               cl.injured, ch.chain, ch.chain_ids, cl.cue, cl.content, cl.sentence, cl.cue_start, cl.cue_end,
               cl.content_start, cl.content_end, cl.sentence_start, cl.sentence_end, cl.claimant_start,
               cl.claimant_end, cl.actor_start, cl.actor_end, cl.stage
        FROM ({CLAIM_SELECT}) cl
        LEFT JOIN (SELECT claim_id, string_agg(words, ' > ' ORDER BY seq) AS chain,
                          string_agg(coalesce(actor_id, ''), ' > ' ORDER BY seq) AS chain_ids
                   FROM claim_sources GROUP BY claim_id) ch ON ch.claim_id = cl.id
        ORDER BY cl.published NULLS LAST, cl.doc_id, cl.cue_start, cl.about_kind, cl.id""",
}

# One row per canonical event (fogmap.fusion): reconciled fields, how many reports and independent
# sources, disputes as JSON, and the member events and documents so every row still leads to its text.
# Analysts' corrections win (store/review.py): ``corrected_fields`` names the columns a review set and
# ``review_status`` says accepted, corrected or rejected; rejected events only with include_rejected.
CANONICAL_EVENTS = f"""
    SELECT c.id, c.date_start AS event_date, c.date_end, c.time_precision, c.type AS event_type,
           c.subtype AS sub_event_type, c.code, t.plover_type AS plover_event, t.plover_mode,
           c.actor1_acled AS actor1, c.actor2_acled AS actor2, c.actor1_id, c.actor2_id,
           c.place_name AS location, c.admin1, c.country, c.latitude, c.longitude, c.geo_precision, c.place_id,
           c.fatalities, c.fatalities_low, c.fatalities_best, c.fatalities_high, c.reports, c.sources,
           c.disputed, c.disputes, m.event_ids AS report_event_ids, m.doc_ids, c.stage,
           {REVIEW_STATUS.format(c="c")} AS review_status, c.reviewed_by, c.reviewed_at,
           coalesce(c.review_corrected, []) AS corrected_fields
    FROM ({EFFECTIVE_CANONICAL}) c LEFT JOIN {TAXONOMY_RELATION} t ON t.code = c.code
    JOIN (SELECT canonical_id, list(event_id ORDER BY window_start, doc_id, seq) AS event_ids,
                 list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids FROM canonical_reports GROUP BY 1) m
      ON m.canonical_id = c.id
    WHERE {{rejected}}
    ORDER BY c.date_start NULLS LAST, c.id"""
LEVELS = ("report", "canonical")

EXPORT_FORMATS = {"jsonl": "(FORMAT JSON)", "csv": "(FORMAT CSV, HEADER)", "parquet": "(FORMAT PARQUET)"}


@contextmanager
def _export_relations(store: Store, all_statuses: bool, actors: pa.Table | None = None) -> Iterator[None]:
    """The taxonomy's PLOVER mapping, the kept statuses and the actors, visible to the export's SQL."""
    taxonomy = load_taxonomy().types
    plover = pa.table({"code": [t.code for t in taxonomy], "plover_type": [t.plover_type for t in taxonomy],
                       "plover_mode": [t.plover_mode for t in taxonomy]})
    statuses = pa.table({"status": list(STATUSES if all_statuses else HAPPENED)})
    with ExitStack() as stack:
        stack.enter_context(store.registered(TAXONOMY_RELATION, plover))
        stack.enter_context(store.registered(STATUS_RELATION, statuses))
        if actors is not None:
            stack.enter_context(store.registered(ACTORS_RELATION, actors))
        yield


def export_records(store: Store, what: str, fmt: str, path: str | Path, *, all_statuses: bool = False,
                   actor_files: Sequence[str] = (), all_kb: bool = False, level: str = "report",
                   include_rejected: bool = False) -> int:
    """Write one kind of record to ``path``; returns the number of rows written.

    Events and their arguments (and the events actors are counted in) are those that happened unless
    ``all_statuses`` adds the negated, hypothetical and planned ones. ``level`` "canonical" writes events
    as canonical events (one row per event however many reports tell it) instead of one per report, as
    analysts left them (corrections applied; those they rejected only with ``include_rejected``, marked
    in ``review_status``). Actors take their fields from the
    shipped KB and the user's ``actor_files``; ``all_kb`` adds every KB actor no event names. The file
    appears whole or not at all: it is written beside the target and renamed.
    """
    if what not in EXPORTABLE:
        raise ConfigError(f"cannot export {what!r}; choose one of: {', '.join(EXPORTABLE)}")
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    if level not in LEVELS:
        raise ConfigError(f"unknown level {level!r}; choose one of: {', '.join(LEVELS)}")
    if level == "canonical" and what != "events":
        raise ConfigError(f"--level canonical applies to events only, not {what!r}")
    if level == "canonical" and all_statuses:
        raise ConfigError("canonical events are fused from events that happened only; use --level report "
                          "with --all-statuses")
    sql = (CANONICAL_EVENTS.replace("{rejected}", "TRUE" if include_rejected else NOT_REJECTED) if level == "canonical"
           else EXPORTABLE[what])
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    literal = str(partial).replace("'", "''")
    actors = None
    if what == "actors":
        statuses = STATUSES if all_statuses else HAPPENED
        actors = actor_table(actor_event_counts(store, statuses), load_actor_kb(actor_files), all_kb)
    with _export_relations(store, all_statuses, actors):
        store.con.execute(f"COPY ({sql}) TO '{literal}' {EXPORT_FORMATS[fmt]}")
        os.replace(partial, target)
        return int(store.scalar(f"SELECT count(*) FROM ({sql})"))
