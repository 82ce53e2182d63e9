"""Issue 6's incremental cost: ingesting N documents into a store that already holds many canonical events,
against ingesting the same N into an empty store (extraction alone, fusion with nothing to match).

    .venv/bin/python scripts/bench_fusion_incremental.py ../shared/eval/fakes/fakes.jsonl \
        -f text=article_content -f title=article_title -f published=date_iso -f outlet=source \
        --documents 1000 --background 100000 --runs 3

The background store gets ``--background`` synthetic canonical events, one report each, spread over
2011-2020 and eleven countries (Syria, where FA-KES's events are, among them), so the new reports find
candidates in the index as they would in a real archive. The corpus is written as often as needed to
reach ``--documents`` distinct documents (copies carry a marker line; near-duplicate detection is off so
every copy is extracted). Runs alternate the two stores in fresh processes and report medians.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fogmap import api
from fogmap.bench import load_articles, write_jsonl
from fogmap.ingest import ReadOptions
from fogmap.ingest.options import parse_field_map
from fogmap.settings import load_settings

COUNTRIES = ("SY", "IQ", "YE", "LY", "AF", "UA", "ML", "SO", "NG", "CD", "MM")


def _background(db: str, size: int) -> None:
    """``size`` canonical events and their reports, written straight into a fresh store."""
    with api.open(db, load_settings()) as ws, ws.store.transaction() as con:
        countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
        con.execute(f"""
            CREATE TEMP TABLE _bg AS SELECT 'bg' || i AS id, {countries}[1 + i % {len(COUNTRIES)}] AS country,
                DATE '2011-01-01' + CAST(i % 3650 AS INTEGER) AS day, 'AIR_STRIKE' AS code,
                'Explosions/Remote violence' AS type, 'Air/drone strike' AS subtype,
                30.0 + (i % 100) / 10.0 AS lat, 40.0 + (i % 97) / 10.0 AS lon FROM range({size}) t(i)""")
        con.execute("""
            INSERT INTO canonical_events (id, code, type, subtype, date_start, date_end, time_precision, window_start,
                window_end, country, latitude, longitude, geo_precision, fatalities, reports, sources, disputed, stage)
            SELECT id, code, type, subtype, day, day, 1, day, day, country, lat, lon, 1, 0, 1, 1, false,
                   'fogmap_fusion_v1' FROM _bg""")
        con.execute("""
            INSERT INTO canonical_reports (canonical_id, event_id, doc_id, source_key, seq, code, type, subtype,
                window_start, window_end, dated, published, country, lat, lon, geo_precision, listed)
            SELECT id, id || '-r', id || '-doc', id || '-outlet', 0, code, type, subtype, day, day, true, day,
                   country, lat, lon, 1, false FROM _bg""")


def _ingest(corpus: str, db: str, background: int) -> float:
    Path(db).unlink(missing_ok=True)
    if background:
        _background(db, background)
    settings = load_settings().with_overrides(dedup={"near_duplicates": False})
    start = time.perf_counter()
    with api.open(db, settings) as ws:
        ws.ingest([corpus])
    return time.perf_counter() - start


def _fresh(fn, *args):
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("-f", "--field", action="append", default=[], help="key=column, as for fogmap bench")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--background", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file", file=sys.stderr)
        return 2
    articles = load_articles([args.corpus], ReadOptions(field_map=parse_field_map(args.field)))
    with tempfile.TemporaryDirectory(prefix="fogmap-fusion-bench-") as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        write_jsonl(articles, corpus, copies=math.ceil(args.documents / len(articles)))
        lines = corpus.read_text(encoding="utf-8").splitlines()[:args.documents]
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        empty, full = [], []
        for run in range(1, args.runs + 1):
            print(f"run {run}/{args.runs}", file=sys.stderr)
            empty.append(_fresh(_ingest, str(corpus), str(Path(tmp, "empty.duckdb")), 0))
            full.append(_fresh(_ingest, str(corpus), str(Path(tmp, "full.duckdb")), args.background))
    result = {"documents": len(lines), "background_canonical_events": args.background, "runs": args.runs,
              "empty_store_seconds": [round(s, 2) for s in empty], "full_store_seconds": [round(s, 2) for s in full],
              "ratio_of_medians": round(statistics.median(full) / statistics.median(empty), 3)}
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
