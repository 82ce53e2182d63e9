"""The event history as counts: who acted, where, against whom, in what kind of event, near when.

``HistoryIndex`` holds every count the prior reads. ``hidden(i)`` takes one past event out of every
count for the time of a query and puts it back after, so "the rest of the history" is the same
arithmetic whether an event was never there or is being held out (leave-one-out evaluation, and
the fitting of weights, rely on this; a test checks it against an index built without the event).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np

from .context import EventContext, PastEvent, actor_kind

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Level:
    """A way of grouping past events by their context: events sharing these fields' values.

    The field "outlet" stands for each outlet of the source in turn, so an event reported by two
    outlets is counted under both. A ``reverse`` level counts, instead of the perpetrators of events
    like the context, the actor2s that the context's actor2 acted against as perpetrator in such
    events: who fights whom runs both ways."""

    name: str
    fields: tuple[str, ...]
    required: tuple[str, ...] = ()  # fields whose absence means the grouping says nothing
    reverse: bool = False

    def keys(self, context: EventContext) -> tuple[tuple, ...]:
        if any(getattr(context, f) in (None, "", ()) for f in self.required):
            return ()
        if self.reverse and not context.actor2:
            return ()
        base = tuple(getattr(context, f) for f in self.fields if f != "outlet")
        if self.reverse:
            base += (context.actor2,)
        if "outlet" not in self.fields:
            return (base,)
        return tuple((*base, outlet) for outlet in context.outlets)


@dataclass(frozen=True)
class Kernel:
    """Past events of the same country weighted by closeness in space and/or time (exp(-d/scale))."""

    name: str
    km: float | None = None
    days: float | None = None


@dataclass(frozen=True)
class Tally:
    """One level's counts for one context: how many past events per actor1, out of how many."""

    counts: dict[str, int]
    total: int


_EMPTY = Tally({}, 0)


class _Counter:
    """Counts per key and actor, with totals per key; zero entries are dropped, so the actors under
    a key are exactly those the current history has there."""

    def __init__(self) -> None:
        self.counts: dict[tuple, dict[str, int]] = {}
        self.totals: dict[tuple, int] = {}

    def add(self, key: tuple, actor: str, sign: int) -> None:
        per_actor = self.counts.setdefault(key, {})
        n = per_actor.get(actor, 0) + sign
        if n:
            per_actor[actor] = n
        else:
            del per_actor[actor]
        self.totals[key] = self.totals.get(key, 0) + sign

    def tally(self, keys: tuple[tuple, ...]) -> Tally:
        found = [key for key in keys if self.totals.get(key)]
        if len(found) == 1:
            return Tally(self.counts[found[0]], self.totals[found[0]])
        counts: dict[str, int] = {}
        for key in found:
            for actor, n in self.counts[key].items():
                counts[actor] = counts.get(actor, 0) + n
        return Tally(counts, sum(self.totals[key] for key in found)) if found else _EMPTY


def _day(context: EventContext) -> float:
    return float(context.date.toordinal()) if context.date else math.nan


def _coordinate(value: float | None) -> float:
    return math.nan if value is None else float(value)


class HistoryIndex:
    """Counts over a history of past events (only those with a named perpetrator count)."""

    def __init__(self, events: Sequence[PastEvent], levels: Sequence[Level]) -> None:
        if any(not e.actor1 for e in events):
            raise ValueError("every past event in a history index needs a named perpetrator (actor1)")
        self.events = tuple(events)
        self.levels = tuple(levels)
        self._levels = {level.name: _Counter() for level in self.levels}
        self._targets = _Counter()  # key (country,): the actor2s seen there
        self._mirrors = _Counter()  # key (kind of actor2,): "same" when actor1 is actor2 (rioters and rioters)
        self._kinds = _Counter()  # keys (sub_event_type,) and (sub_event_type, inter2): actor1 kinds
        self._templated: dict[str, int] = {}  # kinds named "<kind> (<country>)", with their events
        self.actor_names = tuple(sorted({e.actor1 for e in self.events}))
        self.actor_ids = {name: i for i, name in enumerate(self.actor_names)}
        self._actor = np.array([self.actor_ids[e.actor1] for e in self.events], dtype=np.int64)
        self._day = np.array([_day(e.context) for e in self.events])
        self._lat = np.radians([_coordinate(e.context.latitude) for e in self.events])
        self._lon = np.radians([_coordinate(e.context.longitude) for e in self.events])
        self._active = np.ones(len(self.events), dtype=bool)
        by_country: dict[str, list[int]] = {}
        for i, event in enumerate(self.events):
            by_country.setdefault(event.context.country, []).append(i)
            self._add(i, +1)
        self._by_country = {c: np.array(rows, dtype=np.int64) for c, rows in by_country.items()}

    def __len__(self) -> int:
        return int(self._active.sum())

    def _add(self, i: int, sign: int) -> None:
        event = self.events[i]
        context, actor = event.context, event.actor1
        for level in self.levels:
            counter = self._levels[level.name]
            if level.reverse:
                # the event seen from its actor2's side: ``actor`` acted against context.actor2
                if context.actor2:
                    for key in level.keys(replace(context, actor2=actor)):
                        counter.add(key, context.actor2, sign)
            else:
                for key in level.keys(context):
                    counter.add(key, actor, sign)
        if context.actor2:
            self._targets.add((context.country,), context.actor2, sign)
            other_kind = actor_kind(context.actor2, context.country).kind
            self._mirrors.add((other_kind,), "same" if actor == context.actor2 else "different", sign)
        kind = actor_kind(actor, context.country)
        self._kinds.add((context.sub_event_type,), kind.kind, sign)
        self._kinds.add((context.sub_event_type, context.inter2), kind.kind, sign)
        if kind.templated:
            self._templated[kind.kind] = self._templated.get(kind.kind, 0) + sign
            if not self._templated[kind.kind]:
                del self._templated[kind.kind]

    @contextmanager
    def hidden(self, i: int) -> Iterator[None]:
        """Past event ``i`` out of every count while the block runs (its context is the query's)."""
        self._add(i, -1)
        self._active[i] = False
        try:
            yield
        finally:
            self._add(i, +1)
            self._active[i] = True

    def level(self, name: str, context: EventContext) -> Tally:
        level = next(lv for lv in self.levels if lv.name == name)
        return self._levels[name].tally(level.keys(context))

    def tallies(self, context: EventContext) -> dict[str, Tally]:
        return {lv.name: self._levels[lv.name].tally(lv.keys(context)) for lv in self.levels}

    def targets_in(self, country: str) -> Tally:
        return self._targets.tally(((country,),))

    def mirrors(self, context: EventContext) -> Tally:
        """Past events whose actor2 was of the context's actor2's kind, "same" when their actor1 was
        that actor2 too: two crowds of rioters, two unidentified armed groups."""
        if not context.actor2:
            return _EMPTY
        return self._mirrors.tally(((actor_kind(context.actor2, context.country).kind,),))

    def kinds(self, sub_event_type: str, inter2: str | None = None) -> Tally:
        key = (sub_event_type,) if inter2 is None else (sub_event_type, inter2)
        return self._kinds.tally((key,))

    def templated_kinds(self) -> dict[str, int]:
        return dict(self._templated)

    def kernel(self, kernel: Kernel, context: EventContext) -> tuple[dict[str, float], float]:
        """Per actor1, the summed closeness of its events in the context's country; and the sum over
        all of them."""
        rows = self._by_country.get(context.country)
        if rows is None:
            return {}, 0.0
        rows = rows[self._active[rows]]
        weight = np.ones(len(rows))
        if kernel.km is not None:
            if context.latitude is None or context.longitude is None:
                return {}, 0.0
            weight *= np.exp(-self._distance_km(context, rows) / kernel.km)
        if kernel.days is not None:
            if context.date is None:
                return {}, 0.0
            weight *= np.exp(-np.abs(self._day[rows] - context.date.toordinal()) / kernel.days)
        weight = np.nan_to_num(weight, nan=0.0)  # an event without place or date is near nothing
        sums = np.bincount(self._actor[rows], weights=weight, minlength=len(self.actor_ids))
        return {self.actor_names[a]: float(sums[a]) for a in np.flatnonzero(sums > 0)}, float(weight.sum())

    def _distance_km(self, context: EventContext, rows: np.ndarray) -> np.ndarray:
        lat, lon = math.radians(context.latitude), math.radians(context.longitude)
        dlat, dlon = self._lat[rows] - lat, self._lon[rows] - lon
        h = np.sin(dlat / 2) ** 2 + math.cos(lat) * np.cos(self._lat[rows]) * np.sin(dlon / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
