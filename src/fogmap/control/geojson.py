"""Control on a date as GeoJSON for QGIS or a web map: admin-1 areas coloured by who holds the places
the store knows in them (contested where holders differ or fighting is reported), and the places."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..geo.areas import AreaIndex
from .timeline import Holding, holders_of

COAST_KM = 15.0  # a harbour point just off its area's simplified coastline still belongs to it


def control_geojson(holdings: list[Holding], areas: AreaIndex) -> dict[str, Any]:
    by_area: dict[str, list[Holding]] = {}
    points = []
    for h in holdings:
        if h.lat is None or h.lon is None:
            continue
        points.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [h.lon, h.lat]},
                       "properties": {"kind": "place", **{k: v for k, v in dataclasses.asdict(h).items()
                                                         if k not in ("sources", "lat", "lon")},
                                      "since": str(h.since) if h.since else None}})
        area = areas.area_at(h.lat, h.lon, country=h.country, within_km=COAST_KM)
        if area is not None:
            by_area.setdefault(area.id, []).append(h)
    features = []
    for area_id, places in sorted(by_area.items()):
        area = areas.get(area_id)
        holders = holders_of(places)
        contested = any(h.status == "contested" for h in places) or len(holders) > 1
        features.append({"type": "Feature", "geometry": areas.geometry(area),
                         "properties": {"kind": "admin1", "area_id": area.id, "admin1": area.name,
                                        "country": area.country,
                                        "status": "contested" if contested else ("held" if holders else "unknown"),
                                        "holder": holders[0] if len(holders) == 1 and not contested else None,
                                        "holders": holders, "places": [h.place for h in places]}})
    return {"type": "FeatureCollection", "features": features + points}
