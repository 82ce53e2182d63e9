"""Where an event happened: the place its own words point to, not the first place in the article.

The deciding sentence is read first. Among its resolved place mentions the most specific one wins
(a town over its province, a province over the country), then one the words set the event in
("in", "near", "outside", "on") over one that is an origin or a base ("from", "based at"), then the
one closest to the trigger. A sentence that names no place borrows the nearest place named in the
sentences before it (a report names its town once and then tells what happened there); a sentence
before any place is named takes the first place of the sentences right after it (a lead that says
what happened and leaves where to the next line); then the document's most named place; a sentence that names only a country looks there for a place inside that
country first. A demonym ("Russian jets") is never where an event happened.

Two checks keep a misread namesake from winning on specificity alone: a place outside the document's
main country yields to one inside it, and a place that is not inside the container the text names
right after it ("San Rafael, Bulacan", "Abu Salim (Tripoli)") yields to that container.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Place, PlaceMention
from ..geo.gazetteer import distance_km

CONTAINER_GAP = re.compile(r"^\s*(,|\(|in|of)\s*(the\s+)?$", re.I)  # "X, Y", "X (Y", "X in Y", "X of Y"
CONTAINER_KM = 100.0  # a town named as the container of another holds it within this distance
LOOK_BACK_CHARS = 600  # how far before the event's sentence a place still sets the scene (~3 sentences)
LOOK_AHEAD_CHARS = 400  # how far after a placeless opening sentence the next one gives its place
_WIDE_FEATURES = ("A.PCLI", "L.CONT")
_SETTING = re.compile(r"\b(in|near|outside|around|on|at|into|across|of|to the (north|south|east|west) of)\s+"
                      r"(the\s+)?([\w'’-]+\s+){0,4}$", re.I)
_ORIGIN = re.compile(r"\b(from|based (at|in)|stationed (at|in)|launched from|flew from|took off from|"
                     r"headquartered in|capital,?)\s+(the\s+)?([\w'’-]+\s+){0,3}$", re.I)


@dataclass(frozen=True)
class Located:
    """The place chosen for an event and where the choice came from."""

    mention: PlaceMention
    place: Place
    source: str  # "sentence", "before" (an earlier sentence), "after" (the next, for an opening one), "document"


def _breadth(m: PlaceMention, place: Place) -> int:
    """0 a place, 1 an admin area or region, 2 a country or continent."""
    if place.feature in _WIDE_FEATURES:
        return 2
    return 1 if m.precision >= 3 or (place.feature or "").startswith(("A.", "L.")) else 0


def _usable(mentions: Sequence[PlaceMention], places: dict[str, Place]) -> list[PlaceMention]:
    return [m for m in mentions if m.place_id in places and m.relation != "demonym"]


def main_country(usable: Sequence[PlaceMention], places: dict[str, Place], focus: str | None) -> str | None:
    """The country most of the document's places lie in; the extractor's focus breaks a tie."""
    counts = Counter(places[m.place_id].country for m in usable if places[m.place_id].country)
    if not counts:
        return focus
    top = max(counts.values())
    leaders = [c for c, n in counts.items() if n == top]
    return focus if focus in leaders else leaders[0]


def _inside(place: Place, container: Place) -> bool:
    if container.feature in _WIDE_FEATURES:
        return place.country == container.country
    if container.feature == "A.ADM1":
        return place.country == container.country and place.admin1 == container.admin1
    return distance_km(place.lat, place.lon, container.lat, container.lon) <= CONTAINER_KM


def _container_clash(text: str, m: PlaceMention, place: Place, usable: Sequence[PlaceMention],
                     places: dict[str, Place]) -> bool:
    """The text names a container right after the place, and the place chosen is not in it."""
    for other in usable:
        if other.span.start >= m.span.end and CONTAINER_GAP.match(text[m.span.end:other.span.start]):
            container = places[other.place_id]
            return container.id != place.id and not _inside(place, container)
    return False


def _addresses(text: str, usable: Sequence[PlaceMention], places: dict[str, Place]) -> list[tuple[PlaceMention, Place]]:
    """The addresses the text gives ("in Acapulco, Guerrero, ...": a place, then the admin-1 area or
    country holding it): (the place's mention, the area)."""
    out = []
    for a, c in zip(usable, usable[1:]):  # the container is the next mention
        area = places[c.place_id]
        if (area.feature in ("A.ADM1", "A.PCLI") and CONTAINER_GAP.match(text[a.span.end:c.span.start])
                and _inside(places[a.place_id], area)):
            out.append((a, area))
    return out


def _off_address(m: PlaceMention, place: Place, addresses: list[tuple[PlaceMention, Place]]) -> bool:
    """The text gives an address and this place, named elsewhere, is in none of its areas: a namesake
    of a neighbourhood the gazetteer lacks ("... found dead in Colonia Libertad")."""
    areas = [area for a, area in addresses if a is not m and area.id != place.id]
    return bool(areas) and place.feature not in _WIDE_FEATURES and not any(_inside(place, area) for area in areas)


def _in_sentence(text: str, m: PlaceMention, place: Place, anchor: int, sentence_start: int,
                 country: str | None, usable: Sequence[PlaceMention], places: dict[str, Place],
                 addresses: list[tuple[PlaceMention, Place]] = ()) -> tuple:
    before = text[max(sentence_start, m.span.start - 60):m.span.start]
    origin = bool(_ORIGIN.search(before))
    setting = bool(_SETTING.search(before)) or m.relation != "at"
    abroad = country is not None and place.country != country
    return (abroad, _container_clash(text, m, place, usable, places) or _off_address(m, place, addresses),
            _breadth(m, place), origin, not setting, abs(m.span.start - anchor))


def event_location(text: str, sentence: tuple[int, int], anchor: int, mentions: Sequence[PlaceMention],
                   places: dict[str, Place], focus: str | None = None) -> Located | None:
    """The place of the event decided in text[sentence[0]:sentence[1]], whose trigger is at `anchor`;
    `focus` is the document's country focus (it breaks a tie between countries)."""
    named = _usable(mentions, places)
    start, end = sentence
    country = main_country(named, places, focus)
    # where an event happened is never a foreign government's name ("the UK-based monitor", "blaming
    # Moscow"): not in its own sentence, nor borrowed from the sentences around it
    usable = [m for m in named if not _foreign_name_for_actor(text, m, places[m.place_id], country)]
    own = [m for m in usable if start <= m.span.start and m.span.end <= end]
    if own:
        addresses = _addresses(text, named, places)
        best = min(own, key=lambda m: _in_sentence(text, m, places[m.place_id], anchor, start, country, usable,
                                                   places, addresses))
        place = places[best.place_id]
        if _breadth(best, place) == 2 and (inside := _earlier_inside(usable, places, start, place.country)):
            return Located(inside, places[inside.place_id], "before")
        return Located(best, place, "sentence")
    earlier = [m for m in usable if start - LOOK_BACK_CHARS <= m.span.start and m.span.end <= start]
    if earlier:
        best = min(earlier, key=lambda m: (_breadth(m, places[m.place_id]), start - m.span.end))
        return Located(best, places[best.place_id], "before")
    later = [m for m in usable if end <= m.span.start < end + LOOK_AHEAD_CHARS]
    if later and not any(m.span.end <= start for m in mentions):
        # a lead sentence with no place ("A suicide bomber killed 16 people.") is set by the next one
        best = min(later, key=lambda m: (_breadth(m, places[m.place_id]), m.span.start))
        return Located(best, places[best.place_id], "after")
    return _document_place(usable, places)


def _foreign_name_for_actor(text: str, m: PlaceMention, place: Place, country: str | None) -> bool:
    """A foreign country, capital or seat of government named with no word setting anything in it, in
    a story about another country: its government ("blaming Moscow", "after Russia launched air
    strikes", "the White House said"), not where the event happened."""
    if country is None or place.country in (None, country) or m.relation != "at":
        return False
    if place.feature not in (*_WIDE_FEATURES, "P.PPLC", "S.BLDG"):  # S.BLDG: "the White House", "the Kremlin"
        return False
    return not _SETTING.search(text[max(0, m.span.start - 60):m.span.start])


def _earlier_inside(usable: list[PlaceMention], places: dict[str, Place], start: int,
                    country: str | None) -> PlaceMention | None:
    """A place in `country` named just before the sentence: "... in Idlib. Syria's deadliest strike ..." """
    inside = [m for m in usable if start - LOOK_BACK_CHARS <= m.span.start and m.span.end <= start
              and places[m.place_id].country == country and _breadth(m, places[m.place_id]) < 2]
    return max(inside, key=lambda m: m.span.start) if inside else None


def _document_place(usable: list[PlaceMention], places: dict[str, Place]) -> Located | None:
    """The place the document names most often, the narrowest first, then the first named."""
    if not usable:
        return None
    counts = Counter(m.place_id for m in usable)
    first = {}
    for m in usable:
        first.setdefault(m.place_id, m)
    best = min(first.values(), key=lambda m: (_breadth(m, places[m.place_id]), -counts[m.place_id], m.span.start))
    return Located(best, places[best.place_id], "document")
