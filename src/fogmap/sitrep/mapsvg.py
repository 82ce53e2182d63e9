"""The report's map as inline SVG: the countries' admin-1 areas shaded by how many events each had,
the neighbours in grey, events as dots coloured by ACLED type and sized by deaths, places whose control
is known as squares, a legend, a scale bar and a north arrow. North up, equirectangular."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import numpy as np

from ..geo.areas import Admin1Area, AreaIndex, load_areas
from ..geo.simplify import thin_ring
from .geometry import Projection, nice_length, path_data

WIDTH = 720.0  # pixels of the map's box; the page scales it to the column
MAX_HEIGHT = 560.0
LEGEND_HEIGHT = 64.0
TOLERANCE = 0.5  # pixels: a coarser outline shows at print size; a finer one only adds bytes
PAD = 0.06  # of the countries' extent, shown around them
TYPE_COLOURS = {
    "Battles": "#c62828", "Explosions/Remote violence": "#ef6c00", "Violence against civilians": "#6a1b9a",
    "Protests": "#2e7d32", "Riots": "#795548", "Strategic developments": "#1565c0",
}
OTHER_COLOUR = "#546e7a"
SHADES = ("#f7f7f5", "#e3eaf2", "#c6d5e6", "#9fb8d3", "#7596bb", "#4f739f")  # no events, then 5 classes
NEIGHBOUR_FILL = "#e6e6e2"
STYLE = ("text{font-family:Helvetica,Arial,sans-serif}.ar{font-size:9px;fill:#444;text-anchor:middle}"
         ".nb{font-size:11px;fill:#8a8a84;text-anchor:middle;font-style:italic;letter-spacing:.5px}"
         ".lg{font-size:10px;fill:#222}.n{font-size:9px;font-weight:bold;fill:#222}")


def _extent(areas: Sequence[Admin1Area]) -> tuple[float, float, float, float]:
    west = min(a.bbox[0] for a in areas)
    south = min(a.bbox[1] for a in areas)
    east = max(a.bbox[2] for a in areas)
    north = max(a.bbox[3] for a in areas)
    dx, dy = (east - west) * PAD, (north - south) * PAD
    return west - dx, south - dy, east + dx, north + dy


def _overlaps(a: Admin1Area, box: tuple[float, float, float, float]) -> bool:
    return a.bbox[0] <= box[2] and a.bbox[2] >= box[0] and a.bbox[1] <= box[3] and a.bbox[3] >= box[1]


def _area_path(index: AreaIndex, area: Admin1Area, proj: Projection) -> str:
    rings = []
    for ring, _hole in index.rings(area):
        x, y = proj.xy(ring[:, 0], ring[:, 1])
        pixels = np.column_stack((x, y))
        if np.ptp(pixels[:, 0]) < 1 and np.ptp(pixels[:, 1]) < 1:
            continue  # an islet smaller than a pixel
        thin = thin_ring(pixels, TOLERANCE)
        if len(thin):
            rings.append(thin)
    return path_data(rings)


def shade_breaks(counts: Sequence[int]) -> list[int]:
    """Lower bounds of the five shading classes (1 and four steps up to the busiest area), distinct."""
    top = max(counts, default=0)
    steps = [1] + [max(1, math.ceil(top * f)) for f in (0.1, 0.25, 0.5, 0.75)]
    return sorted(set(steps))


def _shade(count: int, breaks: list[int]) -> str:
    if count <= 0:
        return SHADES[0]
    return SHADES[sum(1 for b in breaks if count >= b)]


def _radius(deaths: int | None) -> float:
    return min(3.0 + 1.6 * math.sqrt(deaths or 0), 14.0)


def area_counts(index: AreaIndex, events: Sequence[dict[str, Any]]) -> Counter:
    """Events per area id: by the event's admin-1 name in its country, else by its point."""
    counts: Counter = Counter()
    for e in events:
        found = index.by_name(e["admin1"], e.get("country")) if e.get("admin1") else []
        area = found[0] if found else None
        if area is None and e.get("latitude") is not None and e.get("longitude") is not None:
            area = index.area_at(e["latitude"], e["longitude"], country=e.get("country"), within_km=15)
        if area is not None:
            counts[area.id] += 1
    return counts


def spots(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events at one point (to about a kilometre) and of one type, as one dot: strike lists name the same
    town dozens of times, and dots drawn over each other would hide how many there were."""
    by_spot: dict[tuple, dict[str, Any]] = {}
    for e in events:
        if e.get("latitude") is None or e.get("longitude") is None:
            continue
        key = (round(e["latitude"], 2), round(e["longitude"], 2), e.get("type") or "")
        spot = by_spot.setdefault(key, {"lat": e["latitude"], "lon": e["longitude"], "type": key[2], "events": 0,
                                        "deaths": 0})
        spot["events"] += 1
        spot["deaths"] += e.get("fatalities_best") or 0
    return sorted(by_spot.values(), key=lambda s: (-_radius(s["deaths"]), -s["events"]))  # small over large


def _dot(proj: Projection, spot: dict[str, Any]) -> str:
    x, y = proj.xy(spot["lon"], spot["lat"])
    if not (0 <= x <= proj.width and 0 <= y <= proj.height):
        return ""
    r = _radius(spot["deaths"])
    dot = (f'<circle class="ev" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{TYPE_COLOURS.get(spot["type"], OTHER_COLOUR)}" '
           'fill-opacity=".85" stroke="#fff" stroke-width=".8"/>')
    return dot + (_label(x + r + 1.5, y - r + 1, str(spot["events"]), "n") if spot["events"] > 1 else "")


def _label(x: float, y: float, text: str, cls: str) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}">{escape(text)}</text>'


def _neighbour_labels(areas: list[Admin1Area], proj: Projection, name_of: Callable[[str], str]) -> list[str]:
    """Each neighbour's name at the mean of its areas' label points that fall on the map."""
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for a in areas:
        x, y = proj.xy(a.lon, a.lat)
        if 20 < x < proj.width - 20 and 12 < y < proj.height - 12:
            points[a.country].append((x, y))
    return [_label(sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps), name_of(c), "nb")
            for c, ps in sorted(points.items())]


def _legend(proj: Projection, types: list[str], breaks: list[int], top: int) -> str:
    y0 = proj.height + 14
    parts = [f'<g class="legend" transform="translate(8 {y0:.1f})">']
    x = 0.0
    for t in types:
        parts.append(f'<circle cx="{x + 5:.1f}" cy="0" r="4.5" fill="{TYPE_COLOURS.get(t, OTHER_COLOUR)}"/>')
        parts.append(_label(x + 13, 3.5, t, "lg"))
        x += 20 + 5.6 * len(t)
    y = 26.0
    parts.append(_label(0, y + 3.5, "deaths:", "lg"))
    x = 44.0
    for deaths in (0, 10, 50):
        r = _radius(deaths)
        parts.append(f'<circle cx="{x + r:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none" stroke="#444"/>')
        parts.append(_label(x + 2 * r + 4, y + 3.5, str(deaths), "lg"))
        x += 2 * r + 26
    parts.append(f'<rect x="{x:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="none" stroke="#111" stroke-width="1.4"/>')
    parts.append(_label(x + 12, y + 3.5, "control known (red: contested)", "lg"))
    x += 200
    parts.append(_label(x, y + 3.5, "events per area:" if top else "no events in any area", "lg"))
    x += 88
    bounds = breaks + [top + 1] if top else []
    for shade, low, high in zip(SHADES[1:], bounds, bounds[1:]):  # noqa: B905  (one shade per class, fewer classes)
        parts.append(f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="14" height="10" fill="{shade}" stroke="#999" stroke-width=".5"/>')
        text = f"{low}" if high - 1 <= low else f"{low}-{high - 1}"
        parts.append(_label(x + 17, y + 3.5, text, "lg"))
        x += 24 + 6 * len(text)
    parts.append("</g>")
    return "".join(parts)


def _scale_and_north(proj: Projection) -> str:
    km = nice_length(proj.km_per_pixel() * proj.width / 5)
    length = km / proj.km_per_pixel()
    x, y = 14.0, proj.height - 14
    return (f'<g class="scale"><path d="M{x:.1f} {y - 4:.1f}V{y:.1f}H{x + length:.1f}V{y - 4:.1f}" fill="none" '
            f'stroke="#222" stroke-width="1.2"/>{_label(x + length + 5, y + 1, f"{km} km", "lg")}</g>'
            f'<g class="north" transform="translate({proj.width - 20:.1f} 16)"><path d="M0 -10L5 6L0 2L-5 6Z" '
            f'fill="#222"/>{_label(-3.5, 18, "N", "lg")}</g>')


def map_svg(countries: Sequence[str], events: Sequence[dict[str, Any]], holdings: Sequence[dict[str, Any]] = (),
            name_of: Callable[[str], str] = str, index: AreaIndex | None = None) -> str:
    """The SVG element (no XML prolog: it goes inline in the page). ``events`` are the report's map points
    (latitude, longitude, type, fatalities_best, admin1, country), ``holdings`` places with a status;
    ``name_of`` labels a neighbouring country from its code."""
    index = index or load_areas()
    mine = [a for c in countries for a in index.areas_of(c)]
    if not mine:
        return '<p class="note">No admin-1 shapes for ' + escape(", ".join(countries)) + ": no map.</p>"
    box = _extent(mine)
    proj = Projection.fit(box, WIDTH, MAX_HEIGHT)
    codes = {c.upper() for c in countries}
    neighbours = [a for a in index.areas if a.country not in codes and a.country and _overlaps(a, box)]
    counts = area_counts(index, events)
    breaks = shade_breaks(list(counts.values()))
    body = [f'<path d="{_area_path(index, a, proj)}" fill="{NEIGHBOUR_FILL}" stroke="{NEIGHBOUR_FILL}" '
            'stroke-width=".6"/>' for a in neighbours]
    body += [f'<path d="{_area_path(index, a, proj)}" fill="{_shade(counts[a.id], breaks)}" stroke="#8a8a8a" '
             f'stroke-width=".6"><title>{escape(a.name)}: {counts[a.id]} events</title></path>' for a in mine]
    body += _neighbour_labels(neighbours, proj, name_of)
    body += [_label(*proj.xy(a.lon, a.lat), a.name, "ar") for a in mine]
    body += [_dot(proj, spot) for spot in spots(events)]
    for h in holdings:  # after the dots: a square must not hide under a busy place's dot
        if h.get("lat") is not None and h.get("lon") is not None:
            x, y = proj.xy(h["lon"], h["lat"])
            colour = "#c62828" if h.get("status") == "contested" else "#111"
            body.append(f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="none" stroke="{colour}" '
                        'stroke-width="1.4"/>')
    dots = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    types = sorted({e.get("type") or "(no type)" for e in dots}) or ["(no events)"]
    height = proj.height + LEGEND_HEIGHT
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {proj.width:.0f} {height:.0f}" '
            f'role="img" aria-label="Map of events by admin-1 area" class="map"><style>{STYLE}</style>'
            f'<rect width="{proj.width:.0f}" height="{proj.height:.0f}" fill="#fbfdff"/>'
            f'<svg width="{proj.width:.0f}" height="{proj.height:.0f}" overflow="hidden">{"".join(body)}'
            f'{_scale_and_north(proj)}</svg>'
            f'<rect width="{proj.width:.0f}" height="{proj.height:.0f}" fill="none" stroke="#999"/>'
            f'{_legend(proj, types, breaks, max(counts.values(), default=0))}</svg>')
