"""What the attribution prior is told about an event, and the kind of actor a name denotes.

An ``EventContext`` is everything known about an event except its perpetrator: the prior never
sees an actor1, so no field here may name or imply one (ACLED's assoc_actor_1, inter1, interaction
and notes all do, and have no place in it). A ``PastEvent`` is a context with the perpetrator the
record gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# ACLED's names are "Protesters (India)", "Military Forces of Yemen (2016-) Supreme Political Council",
# "Hawadle Clan Militia (Somalia)": the kind is what stays the same when the country changes.
_STATE_FORCE = re.compile(r"^(Military Forces|Police Forces|Government) of ")
_IN_COUNTRY = re.compile(r"^(?P<stem>.+) \((?P<where>[^()]+)\)$")
NAMED_GROUP = "named group"  # every name that is not "<kind> (<country>)" or a state's forces
# ACLED's event types of organised violence, scored apart by `fogmap eval attribution`
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@dataclass(frozen=True)
class EventContext:
    """An event with its perpetrator unknown: where, when, what kind, against whom, who reported it."""

    date: dt.date | None
    country: str
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    event_type: str = ""
    sub_event_type: str = ""
    actor2: str = ""  # the target or the other side ("" when the event has none, as most protests)
    inter2: str = ""  # the kind of actor2 (ACLED's inter code; GTD's target type)
    fatalities: int | None = None
    source: str = ""
    weapon: str = ""  # the means used (GTD's weapon type); ACLED has none

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets of ``source``, which ACLED lists separated by "; "."""
        return tuple(sorted({part.strip() for part in self.source.split(";") if part.strip()}))


@dataclass(frozen=True)
class PastEvent:
    """An event of the history: its context and the perpetrator the record names."""

    context: EventContext
    actor1: str


@dataclass(frozen=True)
class ActorKind:
    """The kind of actor a name denotes where it acts, and whether the name is that kind's name for
    the country (so that the kind seen elsewhere can propose it: "Protesters (Fiji)")."""

    kind: str
    templated: bool


def actor_kind(name: str, country: str) -> ActorKind:
    state = _STATE_FORCE.match(name)
    if state:
        return ActorKind(state.group(1), False)
    local = _IN_COUNTRY.match(name)
    if local and local.group("where") == country:
        stem = local.group("stem")
        # "Hawadle Clan Militia" and "Al Omar Clan Militia" are the same kind of actor in two places
        words = stem.split()
        if words[-1] == "Militia" and len(words) > 2:
            return ActorKind(" ".join(words[-2:]), False)
        return ActorKind(stem, True)
    return ActorKind(NAMED_GROUP, False)


def templated_name(kind: str, country: str) -> str:
    return f"{kind} ({country})"
