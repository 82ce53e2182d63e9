"""Whether two event reports tell one event, feature by feature, each with both sides' values.

Blocking features must all match: a compatible sub-event type (kb/fusion_compatible_types.tsv),
overlapping date windows, places within a distance their geo precision allows, and, in one document,
a later sentence that does not introduce a new strike of a list. An outlet's later document repeats
an event only when both say the day. Actors and fatalities never block: two named perpetrators or
figures far apart are a dispute inside one event, kept for the canonical event to show.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..kb import read_tsv
from ..records import EventReport, MatchFeature

# How far apart two reports' places may be, by the coarser ACLED geo precision of the two:
RADIUS_KM = {
    1: 10.0,  # the town itself: a town's own points (centre, a district) lie within ~10 km
    2: 30.0,  # "near X", "south of X": ACLED's precision 2 is the town's surroundings
    3: 100.0,  # a province or region: its centre stands in for anywhere in it
}
# Fatalities differ widely (a dispute, not a rounding) when the larger figure is at least this many
# times the smaller and at least FATALITY_GAP more.
FATALITY_RATIO = 2.0
FATALITY_GAP = 5


@lru_cache(maxsize=1)
def compatible_types() -> frozenset[frozenset[str]]:
    return frozenset(frozenset((r["code_a"], r["code_b"])) for r in read_tsv("fusion_compatible_types.tsv"))


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def named(actor_id: str | None) -> bool:
    """A named actor: a KB id. None and role ids ("unidentified-armed-group:IQ") name nobody in particular."""
    return bool(actor_id) and ":" not in actor_id


def _type(a: EventReport, b: EventReport) -> MatchFeature:
    same = a.code == b.code
    ok = same or frozenset((a.code, b.code)) in compatible_types()
    detail = "same sub-event type" if same else ("compatible types (kb/fusion_compatible_types.tsv)" if ok
                                                 else "types never one event")
    return MatchFeature("type", ok, a.code, b.code, detail)


def _date(a: EventReport, b: EventReport) -> MatchFeature:
    sides = (f"{a.window_start}..{a.window_end}", f"{b.window_start}..{b.window_end}")
    if None in (a.window_start, a.window_end, b.window_start, b.window_end):
        return MatchFeature("date", False, *sides, "a report without a date cannot be placed in time")
    overlap = a.window_start <= b.window_end and b.window_start <= a.window_end
    return MatchFeature("date", overlap, *sides, "date ranges overlap" if overlap else "date ranges do not overlap")


def _outlet(a: EventReport, b: EventReport) -> MatchFeature:
    """An outlet's daily summaries mention one town day after day: its later document repeats an event
    only when both say the day (an undated line is that document's own news)."""
    sides = (a.source_key, b.source_key)
    if a.doc_id == b.doc_id or a.source_key != b.source_key:
        return MatchFeature("outlet", True, *sides, "different sources" if a.source_key != b.source_key
                            else "same document")
    ok = (a.dated and b.dated) or a.published == b.published
    return MatchFeature("outlet", ok, *sides, "one outlet, dates stated or same day" if ok
                        else "one outlet's documents of different days, not both dated")


def _document(a: EventReport, b: EventReport) -> MatchFeature:
    if a.doc_id != b.doc_id:
        return MatchFeature("document", True, a.doc_id, b.doc_id, "different documents")
    later = a if (a.seq, a.event_id) > (b.seq, b.event_id) else b
    ok = not later.listed
    return MatchFeature("document", ok, a.listed, b.listed,
                        "one document, a repeated mention" if ok else "one document, listed as a separate strike")


def country_level(r: EventReport) -> bool:
    return r.lat is None or (r.place_feature or "").startswith("A.PCL")


def _province(r: EventReport) -> bool:
    return (r.place_feature or "").startswith("A.ADM1") and bool(r.admin1)


def _place(a: EventReport, b: EventReport) -> MatchFeature:
    sides = (a.place_name or a.country, b.place_name or b.country)
    if a.country and b.country and a.country != b.country:
        return MatchFeature("place", False, *sides, "different countries")
    if country_level(a) or country_level(b):
        # a country is the coarsest precision: anywhere in it is within its reach, as a province's
        # report may join any town of the province; the clustering's majority rule and affinity keep
        # it from bridging two towns' events
        ok = bool(a.country) and a.country == b.country
        return MatchFeature("place", ok, *sides, "only the country on one side, and it holds the other's place"
                            if ok else "no place and no common country")
    if (_province(a) or _province(b)) and a.admin1 and b.admin1:
        # a province-level report contains any place of its province, and none of another
        ok = a.admin1 == b.admin1
        return MatchFeature("place", ok, *sides, "one report's province contains the other's place" if ok
                            else "a province-level report and a place in another province")
    km = km_between(a.lat, a.lon, b.lat, b.lon)
    allowed = RADIUS_KM[max(a.geo_precision or 3, b.geo_precision or 3)]
    ok = km <= allowed
    return MatchFeature("place", ok, *sides, f"{km:.1f} km apart, {allowed:.0f} km allowed at precision "
                        f"{max(a.geo_precision or 3, b.geo_precision or 3)}")


def _actor(role: str, a_id: str | None, b_id: str | None) -> MatchFeature:
    if not (named(a_id) and named(b_id)):
        return MatchFeature(role, True, a_id, b_id, "unknown on one side", blocking=False)
    same = a_id == b_id
    return MatchFeature(role, same, a_id, b_id, "same actor" if same else "different named actors: a dispute",
                        blocking=False)


def fatalities_disagree(x: int, y: int) -> bool:
    low, high = sorted((x, y))
    return high - low >= FATALITY_GAP and high >= FATALITY_RATIO * low


def _fatalities(a: EventReport, b: EventReport) -> MatchFeature:
    """Tolls far apart are a dispute inside one event only when everything else matches: with two
    different (if compatible) sub-event types as well, they are two events."""
    x, y = a.fatalities_best or 0, b.fatalities_best or 0
    if not (x and y):
        return MatchFeature("fatalities", True, x, y, "one report gives no figure", blocking=False)
    if not fatalities_disagree(x, y):
        return MatchFeature("fatalities", True, x, y, "figures agree", blocking=False)
    if a.code != b.code:
        return MatchFeature("fatalities", False, x, y, "figures differ widely and so do the sub-event types")
    return MatchFeature("fatalities", False, x, y, "figures differ widely: a dispute", blocking=False)


def why_merged(a: EventReport, b: EventReport) -> tuple[MatchFeature, ...]:
    """Every feature two reports were compared on; they may be one event iff every blocking one matched."""
    return (_type(a, b), _date(a, b), _place(a, b), _document(a, b), _outlet(a, b),
            _actor("actor1", a.actor1_id, b.actor1_id), _actor("actor2", a.actor2_id, b.actor2_id),
            _fatalities(a, b))


def compatible(a: EventReport, b: EventReport) -> bool:
    return all(f.matched for f in why_merged(a, b) if f.blocking)


def affinity(a: EventReport, b: EventReport) -> float:
    """How well two compatible reports agree, to choose between clusters: same type, near, same day."""
    score = 1.0 if a.code == b.code else 0.0
    if a.lat is not None and b.lat is not None:
        allowed = RADIUS_KM[max(a.geo_precision or 3, b.geo_precision or 3)]
        score += max(0.0, 1.0 - km_between(a.lat, a.lon, b.lat, b.lon) / allowed)
    if a.window_start == b.window_start and a.window_end == b.window_end:
        score += 0.5
    score += 0.5 if named(a.actor1_id) and a.actor1_id == b.actor1_id else 0.0
    return score
