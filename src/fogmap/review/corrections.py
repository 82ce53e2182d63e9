"""An analyst's correction, checked field by field and turned into canonical_events column values.

Fields as the analyst names them (type, subtype, actor1, actor2, place with latitude/longitude,
date_start, date_end, fatalities) become the columns the record holds (a sub-event type sets type,
subtype and code; an actor its id and ACLED name; a place its id, name, point, admin-1 and country).
Every bad field is reported, each with what would be valid, in one CorrectionError.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..actors.resolve import ActorResolver
from ..errors import FogmapError
from ..events.taxonomy import Taxonomy
from ..geo.gazetteer import Gazetteer, GazetteerEntry, distance_km

FIELDS = ("type", "subtype", "actor1", "actor2", "place", "latitude", "longitude", "date_start", "date_end",
          "fatalities")
MAX_FATALITIES = 1_000_000  # more is a typing slip, not an event
MAX_WORDS = 200  # an actor's or a place's name
SAME_PLACE_KM = 5.0  # a gazetteer place of the name given this close to the point given is that place


class CorrectionError(FogmapError):
    """One or more fields of a review are wrong; ``problems`` maps each field to what was wrong."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {why}" for field, why in self.problems.items()))


@dataclass(frozen=True)
class Knowledge:
    """What a correction is checked against: the taxonomy, the actor KB and (loaded only when a place
    is corrected) the gazetteer and the admin-1 area of a point."""

    taxonomy: Taxonomy
    resolver: ActorResolver
    gazetteer: Callable[[], Gazetteer]
    admin1_at: Callable[[float, float, str | None], tuple[str | None, str | None]]  # -> (admin1 name, country)


def corrected_columns(changes: Mapping[str, Any], current: Mapping[str, Any], know: Knowledge) -> dict[str, Any]:
    """The column values ``changes`` set on an event that stands as ``current`` (its effective row).
    Raises CorrectionError naming every bad field."""
    problems: dict[str, str] = {}
    for name in changes:
        if name not in FIELDS:
            problems[name] = f"not a field a review corrects; use {', '.join(FIELDS)}"
    columns: dict[str, Any] = {}
    for part in (_types, _actors, _place, _dates, _fatalities):
        part(changes, current, know, columns, problems)
    if problems:
        raise CorrectionError(problems)
    return columns


def _types(changes, current, know: Knowledge, columns: dict, problems: dict) -> None:
    event_types = sorted({t.event_type for t in know.taxonomy.types if t.is_event})
    wanted_type, wanted_sub = changes.get("type"), changes.get("subtype")
    if "subtype" in changes:
        try:
            sub = know.taxonomy.by_name(str(wanted_sub or ""))
            if not sub.is_event:
                raise KeyError
        except KeyError:
            problems["subtype"] = f"{wanted_sub!r} is not an ACLED sub-event type (e.g. 'Air/drone strike', 'Armed clash')"
            return
        if wanted_type is not None and str(wanted_type).lower() != sub.event_type.lower():
            problems["type"] = f"{sub.sub_event_type!r} is a sub-event type of {sub.event_type!r}, not {wanted_type!r}"
            return
        columns.update(type=sub.event_type, subtype=sub.sub_event_type, code=sub.code)
    elif "type" in changes:
        match = next((t for t in event_types if t.lower() == str(wanted_type or "").lower()), None)
        if match is None:
            problems["type"] = f"{wanted_type!r} is not an ACLED event type; one of: {', '.join(event_types)}"
            return
        subs = [t.sub_event_type for t in know.taxonomy.types if t.event_type == match]
        if current.get("subtype") not in subs:
            problems["subtype"] = f"give the sub-event type with type {match!r}: one of {', '.join(subs)}"
            return
        columns["type"] = match


def _actors(changes, current, know: Knowledge, columns: dict, problems: dict) -> None:
    day, country = current.get("date_start"), current.get("country")
    for field in ("actor1", "actor2"):
        if field not in changes:
            continue
        value = changes[field]
        if value is None:
            if field == "actor1":
                problems[field] = "an event has an actor 1; give an actor id or name"
            else:
                columns.update(actor2_id=None, actor2_acled=None)
            continue
        if isinstance(value, Mapping):  # {"name": "...", "free_text": true}: words no KB actor stands for
            name = str(value.get("name") or "").strip()
            if value.get("free_text") is not True or not name or len(name) > MAX_WORDS:
                problems[field] = (f'free text is {{"name": "...", "free_text": true}} with a name of 1-{MAX_WORDS} '
                                   "characters")
                continue
            columns.update({f"{field}_id": None, f"{field}_acled": name})
            continue
        text = str(value).strip()
        known = know.resolver.by_id(text, day) if text else None
        if known is None and text and len(text) <= MAX_WORDS:
            known = know.resolver.resolve(text, country, day)
        if known is None:
            problems[field] = (f"{text!r} is no actor id or name the actor knowledge base knows (ids: `fogmap "
                               'actors`); to keep words as they are send {"name": "...", "free_text": true}')
            continue
        columns.update({f"{field}_id": known.actor_id, f"{field}_acled": known.acled_name or known.name})


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and low <= number <= high else None


def _place(changes, current, know: Knowledge, columns: dict, problems: dict) -> None:
    given = [f for f in ("place", "latitude", "longitude") if f in changes]
    if not given:
        return
    name = str(changes.get("place") or "").strip()
    if not name or len(name) > MAX_WORDS:
        problems["place"] = f"name the place (a gazetteer id or name, 1-{MAX_WORDS} characters), with or without latitude and longitude"
        return
    if ("latitude" in changes) != ("longitude" in changes):
        problems["latitude" if "latitude" not in changes else "longitude"] = "give latitude and longitude together"
        return
    entry = _gazetteer_entry(know, name, current.get("country"))
    if "latitude" in changes:
        lat, lon = _number(changes["latitude"], -90, 90), _number(changes["longitude"], -180, 180)
        if lat is None:
            problems["latitude"] = "a number of degrees within -90..90"
        if lon is None:
            problems["longitude"] = "a number of degrees within -180..180"
        if lat is None or lon is None:
            return
        # the gazetteer's place when the name is its id or names it within SAME_PLACE_KM of the point;
        # else a name with a point of its own
        known = entry is not None and (entry.id == name or distance_km(entry.lat, entry.lon, lat, lon) <= SAME_PLACE_KM)
        place_id, place_name = (entry.id, entry.name) if known else (None, name)
    elif entry is None:
        problems["place"] = f"{name!r} is not in the gazetteer; give latitude and longitude with it"
        return
    else:
        lat, lon, place_id, place_name = entry.lat, entry.lon, entry.id, entry.name
    admin1, country = know.admin1_at(lat, lon, entry.country if entry is not None else current.get("country"))
    columns.update(place_id=place_id, place_name=place_name, latitude=lat, longitude=lon, admin1=admin1,
                   country=country or current.get("country"))


def _gazetteer_entry(know: Knowledge, name: str, country: str | None) -> GazetteerEntry | None:
    gazetteer = know.gazetteer()
    by_id = gazetteer.get(name)
    if by_id is not None:
        return by_id
    found = gazetteer.lookup(name, country) or gazetteer.lookup(name)
    return found[0] if found else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if len(str(value)) == 10 else None
    except ValueError:
        return None


def _dates(changes, current, know: Knowledge, columns: dict, problems: dict) -> None:
    days = {}
    for field in ("date_start", "date_end"):
        if field in changes:
            days[field] = _day(changes[field])
            if days[field] is None:
                problems[field] = f"{changes[field]!r} is not a date; use YYYY-MM-DD"
    if any(f in problems for f in days) or not days:
        return
    start = days.get("date_start", current.get("date_start"))
    end = days.get("date_end", current.get("date_end"))
    if start is not None and end is not None and start > end:
        problems["date_end" if "date_end" in days else "date_start"] = f"the event would end ({end}) before it starts ({start})"
        return
    columns.update(days)


def _fatalities(changes, current, know: Knowledge, columns: dict, problems: dict) -> None:
    if "fatalities" not in changes:
        return
    value = changes["fatalities"]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FATALITIES:
        problems["fatalities"] = f"a whole number of people killed, 0-{MAX_FATALITIES}"
        return
    # the analyst's figure is the figure: ACLED's column and the low/best/high the reports gave
    columns.update(fatalities=value, fatalities_low=value, fatalities_best=value, fatalities_high=value)
