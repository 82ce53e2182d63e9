"""The geoparser's answer as stored records: a PlaceMention per mention and a Place per place.

The gazetteer files a place under its GeoNames admin-1 *code* ("09"); people and ACLED read admin-1
*names* ("Aleppo"), so the record names the admin-1 area the point lies in (the shipped polygons),
looked up in the place's own country so a border town is not filed under the neighbour's province.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import Place, PlaceMention, Span
from .areas import AreaIndex
from .resolve import ResolvedPlace

PLACES_STAGE = "fogmap_places_v1"
COAST_KM = 15.0  # a harbour or island point just off its area's simplified coastline still belongs to it


def admin1_name(areas: AreaIndex | None, place: Place) -> str | None:
    """The name of the admin-1 area holding `place` (itself, for an admin-1 area), or None."""
    if areas is None or place.country is None or place.feature in ("A.PCLI", "L.CONT"):
        return None
    area = areas.area_at(place.lat, place.lon, country=place.country, within_km=COAST_KM)
    return area.name if area is not None else None


def place_records(doc_id: str, text: str, resolved: Sequence[ResolvedPlace],
                  areas: AreaIndex | None) -> tuple[tuple[PlaceMention, ...], tuple[Place, ...]]:
    """Mentions in text order (unresolved ones too, with place_id None) and the places they name."""
    mentions: list[PlaceMention] = []
    places: dict[str, Place] = {}
    for r in sorted(resolved, key=lambda r: r.mention.phrase):
        start, end = r.mention.phrase
        place_id = None
        if r.place is not None:
            place_id = r.place.id
            if place_id not in places:
                place = r.place.to_place()
                places[place_id] = replace(place, admin1=admin1_name(areas, place))
        mentions.append(PlaceMention(Span(doc_id, start, end), place_id, r.precision, round(r.score, 4),
                                     r.reason, text[start:end], r.mention.text, r.mention.relation, PLACES_STAGE))
    return tuple(mentions), tuple(places.values())
