"""Where the recent wars were fought (kb/war_zones.tsv): a tie-breaker between namesakes in one
country when a text reports violence."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv
from .gazetteer import distance_km


@dataclass(frozen=True)
class WarZone:
    id: str
    name: str
    country: str
    lat: float
    lon: float
    radius_km: float


@lru_cache(maxsize=1)
def war_zones() -> dict[str, tuple[WarZone, ...]]:
    """The zones by country (ISO 3166 alpha-2)."""
    by_country: dict[str, list[WarZone]] = {}
    for row in read_tsv("war_zones.tsv"):
        zone = WarZone(row["id"], row["name"], row["country"], float(row["lat"]), float(row["lon"]),
                       float(row["radius_km"]))
        by_country.setdefault(zone.country, []).append(zone)
    return {country: tuple(zones) for country, zones in by_country.items()}


def war_zone_at(lat: float, lon: float, country: str) -> WarZone | None:
    """The zone of `country` holding the point, or None (zones of other countries never count)."""
    for zone in war_zones().get(country, ()):
        if distance_km(lat, lon, zone.lat, zone.lon) <= zone.radius_km:
            return zone
    return None
