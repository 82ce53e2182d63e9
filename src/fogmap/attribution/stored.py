"""Attribution over an evidence store: the store's canonical events are the history, its claims and
control statements the evidence. ``Attributor(store, resolver, registry)`` reads the history once and
assesses as many events as asked (``assess``), writing nothing; the caller decides what to keep.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from ..actors.resolve import ActorResolver
from ..control.timeline import control_at
from ..sources import SourceRegistry
from ..store import attribution as stored
from ..store import queries
from ..store.db import Store
from .assessment import OTHER
from .capability import weapon_use
from .claim_evidence import claim_items
from .context import EventContext
from .engine import EventAssessment, StoredEvent, WeaponSeen, assess_event, history_model, named, nearby_actors
from .history import HistoryModel
from .report import assessment_json

CONTROL_TOP = 3  # of the province's holders when the event's own place has none


class Attributor:
    def __init__(self, store: Store, resolver: ActorResolver, registry: SourceRegistry) -> None:
        self.store = store
        self.resolver = resolver
        self.registry = registry

    @cached_property
    def rows(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in stored.history(self.store)}

    @cached_property
    def events(self) -> list[StoredEvent]:
        return [self._event(r) for r in self.rows.values()]

    @cached_property
    def _by_id(self) -> dict[str, StoredEvent]:
        return {e.event_id: e for e in self.events}

    @cached_property
    def _by_country(self) -> dict[str, list[StoredEvent]]:
        out: dict[str, list[StoredEvent]] = {}
        for e in self.events:
            out.setdefault(e.context.country, []).append(e)
        return out

    @cached_property
    def model(self) -> HistoryModel:
        return history_model(self.events)

    @cached_property
    def _positions(self) -> dict[str, int]:
        """Each named event's row in the model's history (the order history_model indexes them in)."""
        return {e.event_id: n for n, e in enumerate(e for e in self.events if e.actor1)}

    def name_of(self, actor: str) -> str:
        if actor == OTHER:
            return "other/unknown"
        found = self.resolver.by_id(actor)
        return found.name if found is not None else actor

    def _event(self, row: dict[str, Any]) -> StoredEvent:
        actor2 = row["actor2_id"] or ""
        kind = self.resolver.by_id(actor2) if named(actor2) else None
        context = EventContext(
            date=row["date_start"], country=row["country"] or "", admin1=row["admin1"] or "",
            location=row["place_name"] or "", latitude=row["latitude"], longitude=row["longitude"],
            event_type=row["type"] or "", sub_event_type=row["subtype"] or "", actor2=actor2,
            inter2=kind.kind if kind is not None else actor2.split(":")[0], fatalities=row["fatalities"],
            source=row["outlets"] or "")
        return StoredEvent(row["id"], context, row["actor1_id"] if named(row["actor1_id"]) else "",
                           tuple(row["weapons"] or ()), tuple(row["report_ids"] or ()))

    def open_events(self, since: dt.date | None = None, country: str | None = None,
                    limit: int | None = None, until: dt.date | None = None) -> tuple[list[str], int]:
        return stored.open_events(self.store, since, country, limit, until)

    def _holders(self, event: StoredEvent, place_id: str | None) -> list[str]:
        c = event.context
        if c.date is None or not c.country:
            return []
        holdings = control_at(queries.control_assertions(self.store, c.date, c.country), c.date)
        here = [h for h in holdings if place_id and h.place_id == place_id]
        if not here:
            here = sorted((h for h in holdings if c.admin1 and h.admin1 == c.admin1),
                          key=lambda h: (-h.confidence, h.place_id))[:CONTROL_TOP]
        out: list[str] = []
        for h in here:
            for actor in (h.holder_id, *h.contenders):
                if actor and self.resolver.by_id(actor) is not None and actor not in out:
                    out.append(actor)
        return out

    def _weapon(self, event: StoredEvent) -> WeaponSeen | None:
        if not event.weapons:
            return None
        weapon = event.weapons[0]
        past = [(e.actor1, e.context.country, frozenset(e.weapons))
                for e in self._by_country.get(event.context.country, ()) if e.event_id != event.event_id]
        span = stored.weapon_span(self.store, event.reports, weapon) or {}
        return WeaponSeen(weapon_use(weapon, event.context.country, past), span.get("doc_id"), span.get("start_char"),
                          span.get("end_char"), span.get("sentence"))

    def assess(self, event_id: str) -> tuple[EventAssessment, dict[str, Any]]:
        """The assessment of one canonical event (an id or prefix of it or of one of its reports) and
        its JSON form."""
        full = stored.resolve_canonical(self.store, event_id)
        row = self.rows[full]
        event = self._by_id[full]
        claims = queries.claims(self.store, queries.ClaimFilter(event_ids=event.reports))
        items = [i for i, _ in claim_items(claims, self.registry, event.context.date)]
        ea = assess_event(event, self.model, self._positions.get(full), items, self._holders(event, row["place_id"]),
                          nearby_actors(event, self._by_country.get(event.context.country, ())), self._weapon(event))
        answer = assessment_json(ea, self.name_of, _event_json(row))
        sources = stored.document_sources(self.store, [i["doc_id"] for i in answer["items"] if i["doc_id"]])
        for item in answer["items"]:
            found = sources.get(item["doc_id"] or "", {})
            published = found.get("published")
            item.update(outlet=found.get("outlet"), published=published.isoformat() if published else None)
        return ea, answer


def _event_json(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "date_start", "country", "admin1", "place_name", "latitude", "longitude", "type", "subtype",
            "actor1_id", "actor2_id", "fatalities", "reports", "weapons", "report_ids")
    return {k: (row[k].isoformat() if isinstance(row[k], dt.date) else row[k]) for k in keys}

