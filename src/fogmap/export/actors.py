"""The actors export: one row per actor the store's events name (or every actor of the knowledge base),
with its knowledge-base fields in force at its last event and how the events use it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from ..actors.kb import ActorEntry, ActorKB

# Explicit types: an empty store still exports the columns, and dates stay dates in Parquet.
ACTOR_EXPORT_SCHEMA = pa.schema([
    ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()), ("country", pa.string()),
    ("acled_name", pa.string()), ("aliases", pa.string()), ("parent", pa.string()), ("affiliations", pa.string()),
    ("wikidata", pa.string()), ("valid_from", pa.string()), ("valid_to", pa.string()), ("kb_source", pa.string()),
    ("events_as_actor1", pa.int64()), ("events_as_actor2", pa.int64()),
    ("first_event", pa.date32()), ("last_event", pa.date32()),
])


def actor_table(usage: Sequence[dict[str, Any]], kb: ActorKB, all_kb: bool = False) -> pa.Table:
    """``usage`` is store.queries.actor_event_counts; ``all_kb`` adds the actors no event names."""
    by_id = {u["actor_id"]: u for u in usage}
    ids = sorted(set(by_id) | (set(kb.actors) if all_kb else set()))
    return pa.Table.from_pylist([_row(i, by_id.get(i), kb) for i in ids], schema=ACTOR_EXPORT_SCHEMA)


def _in_force(rows: Sequence[ActorEntry], day: dt.date | None) -> ActorEntry | None:
    """The row valid on ``day`` (without one, the open-ended row); failing that, the latest row."""
    if not rows:
        return None
    held = [r for r in rows if (r.active_on(day) if day else not r.valid_to)]
    return (held or list(rows))[-1]


def _row(actor_id: str, used: dict[str, Any] | None, kb: ActorKB) -> dict[str, Any]:
    day = used["last_event"] if used else None
    entry = _in_force(kb.actors.get(actor_id, ()), day)
    links = sorted((a.relation, a.parent) for a in kb.affiliations
                   if a.child == actor_id and (a.active_on(day) if day else not a.valid_to))
    counts = {"events_as_actor1": used["events_as_actor1"] if used else 0,
              "events_as_actor2": used["events_as_actor2"] if used else 0,
              "first_event": used["first_event"] if used else None, "last_event": day}
    if entry is None:  # a generic actor ("civilians:SY"): no KB row; the events name it, the id holds the country
        return {"id": actor_id, "name": used["acled_name"] if used else actor_id, "kind": None,
                "country": actor_id.partition(":")[2] or None, "acled_name": used["acled_name"] if used else None,
                "aliases": None, "parent": None, "affiliations": None, "wikidata": None, "valid_from": None,
                "valid_to": None, "kb_source": None, **counts}
    return {"id": actor_id, "name": entry.name, "kind": entry.kind, "country": entry.country or None,
            "acled_name": entry.acled_name or None, "aliases": "; ".join(entry.aliases) or None,
            "parent": "; ".join(p for rel, p in links if rel == "part_of") or None,
            "affiliations": "; ".join(f"{rel} {p}" for rel, p in links) or None,
            "wikidata": entry.wikidata or None, "valid_from": entry.valid_from or None,
            "valid_to": entry.valid_to or None, "kb_source": entry.source, **counts}
