"""The ACLED event taxonomy as shipped data (kb/event_taxonomy.tsv), with CASE 2021 codes and PLOVER."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

NOT_AN_EVENT = "Not a conflict event"


@dataclass(frozen=True)
class SubEventType:
    code: str  # the CASE 2021 code, e.g. AIR_STRIKE
    event_type: str  # ACLED event type, e.g. "Explosions/Remote violence"
    sub_event_type: str  # ACLED sub-event type, e.g. "Air/drone strike"
    plover_type: str | None
    plover_mode: str | None
    violent: bool

    @property
    def is_event(self) -> bool:
        return self.event_type != NOT_AN_EVENT


@dataclass(frozen=True)
class Taxonomy:
    types: tuple[SubEventType, ...]

    def by_code(self, code: str) -> SubEventType:
        for t in self.types:
            if t.code == code:
                return t
        raise KeyError(f"unknown sub-event code {code!r}; known: {', '.join(self.codes)}")

    def by_name(self, sub_event_type: str) -> SubEventType:
        wanted = sub_event_type.strip().lower()
        for t in self.types:
            if t.sub_event_type.lower() == wanted or t.code.lower() == wanted:
                return t
        raise KeyError(f"unknown ACLED sub-event type {sub_event_type!r}")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types)

    @property
    def event_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types if t.is_event)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    return Taxonomy(tuple(
        SubEventType(row["code"], row["event_type"], row["sub_event_type"], row["plover_type"] or None,
                     row["plover_mode"] or None, row["violent"] == "yes")
        for row in read_tsv("event_taxonomy.tsv")
    ))
