"""The map layers the workbench draws under its events: the shipped admin-1 shapes thinned for a browser
(no tile server: the map works offline), and control on a date as admin-1 areas by holder."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ..api import Workspace
from ..control.geojson import control_geojson
from ..geo.areas import AreaIndex, load_areas
from ..geo.simplify import thin_line, thin_ring

Detail = Literal["low", "high"]

# Douglas-Peucker tolerance and coordinate digits per detail: the world at low detail is ~1 MB gzipped,
# enough for a country-scale view; high keeps the borders a district-scale view needs.
_TOLERANCE = {"low": 0.05, "high": 0.01}
_DIGITS = {"low": 2, "high": 3}


@dataclass(frozen=True)
class Basemap:
    """One detail's GeoJSON, serialised once: the same bytes plain and gzipped."""

    body: bytes
    gzipped: bytes
    features: int
    points: int


def country_outline(areas: AreaIndex, country: str, tolerance: float, digits: int) -> list[list[list[float]]]:
    """A country's border and coast as lines: the edges of its admin-1 rings that no other of its areas
    shares (a shared edge is an inner border, drawn twice in the source's topology), thinned."""
    rings = [ring for area in areas.areas_of(country) for ring, _ in areas.rings(area)]
    if not rings:
        return []
    edges = []
    for ring in rings:
        q = np.round(ring * 1e6).astype(np.int64)  # exact keys: shared points are the same integers
        a, b = q[:-1], q[1:]
        swap = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
        edges.append(np.hstack([np.where(swap[:, None], b, a), np.where(swap[:, None], a, b)]))
    _, which, count = np.unique(np.vstack(edges), axis=0, return_inverse=True, return_counts=True)
    alone = count[which.ravel()] == 1
    lines, at = [], 0
    for ring, ring_edges in zip(rings, edges):
        kept = alone[at:at + len(ring_edges)]
        at += len(ring_edges)
        bounds = np.flatnonzero(np.diff(np.concatenate(([0], kept.astype(np.int8), [0]))))
        for first, end in zip(bounds[::2], bounds[1::2]):  # each run of outline edges is one line
            line = ring[first:end + 1]
            if max(np.ptp(line, axis=0)) >= tolerance:
                lines.append(np.round(thin_line(line, tolerance), digits).tolist())
    return lines


def thinned_geometry(areas: AreaIndex, area_id: str, tolerance: float, digits: int) -> dict[str, Any] | None:
    """An area as a GeoJSON (Multi)Polygon of thinned rings; None when nothing is left at this scale."""
    polygons: list[list[list[list[float]]]] = []
    for ring, hole in areas.rings(area_id):
        thin = thin_ring(ring, tolerance)
        if len(thin) < 4:
            continue
        coords = np.round(thin, digits).tolist()
        if hole and polygons:
            polygons[-1].append(coords)
        elif not hole:
            polygons.append([coords])
    if not polygons:
        return None
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def basemap_geojson(areas: AreaIndex, detail: Detail) -> dict[str, Any]:
    tolerance, digits = _TOLERANCE[detail], _DIGITS[detail]
    features = []
    for area in areas.areas:
        geometry = thinned_geometry(areas, area.id, tolerance, digits)
        if geometry is not None:
            features.append({"type": "Feature", "id": area.id, "geometry": geometry,
                             "properties": {"layer": "admin1", "name": area.name, "country": area.country,
                                            "kind": area.kind}})
    for country in sorted({a.country for a in areas.areas} - {""}):
        lines = country_outline(areas, country, tolerance, digits)
        if lines:
            features.append({"type": "Feature", "id": country, "geometry": {"type": "MultiLineString", "coordinates": lines},
                             "properties": {"layer": "country", "country": country}})
    return {"type": "FeatureCollection", "detail": detail, "features": features}


_cache: dict[str, Basemap] = {}
_cache_lock = threading.Lock()


def basemap(detail: Detail) -> Basemap:
    """The world's admin-1 areas at one detail, computed on first use (a few seconds) and kept."""
    with _cache_lock:
        if detail not in _cache:
            collection = basemap_geojson(load_areas(), detail)
            body = json.dumps(collection, separators=(",", ":")).encode("utf-8")
            points = sum(len(line) for f in collection["features"] for line in _lines(f["geometry"]))
            _cache[detail] = Basemap(body, gzip.compress(body, 6), len(collection["features"]), points)
        return _cache[detail]


def _lines(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """A geometry's rings or lines, each a list of points."""
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return geometry["coordinates"]  # a Polygon's rings, a MultiLineString's lines


def control_areas(ws: Workspace, day: dt.date, country: str | None) -> dict[str, Any]:
    """Admin-1 areas by holder on ``day`` (contested where holders differ), each with its holders' names
    and the sources of every place in it, thinned to the basemap's high detail so the fills line up."""
    holdings = ws.control(day, country=country)
    areas = load_areas()
    collection = control_geojson(holdings, areas)
    sources: dict[str, list[dict[str, Any]]] = {}
    for h in holdings:
        sources.setdefault(h.place, []).extend(h.sources)
    features = []
    for feature in collection["features"]:
        props = feature["properties"]
        if props["kind"] == "admin1":
            geometry = thinned_geometry(areas, props["area_id"], _TOLERANCE["high"], _DIGITS["high"])
            if geometry is None:
                continue
            props["contested"] = props["status"] == "contested"
            props["sources"] = [s for place in props["places"] for s in sources.get(place, [])][:20]
            feature = {**feature, "geometry": geometry}
        features.append(feature)
    return {"type": "FeatureCollection", "at": day.isoformat(), "country": country, "features": features}

