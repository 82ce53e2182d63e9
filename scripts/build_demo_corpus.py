"""Build the bundled demo corpus in corpus/ from ../shared/corpus (deterministic output).

- corpus/wikinews/wikinews.jsonl: every Wikinews article, text unchanged (CC BY 2.5).
- corpus/centcom/releases.jsonl: one document per CJTF-OIR release date, rebuilt from its strike
  lines, and saying so; no text is invented around the lines (public domain).
- corpus/centcom/release_20151102-01.{txt,html}: the one complete release, unchanged.
Run: python scripts/build_demo_corpus.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import shutil
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpus"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def wikinews(shared: Path) -> list[dict]:
    csv.field_size_limit(10**8)
    rows = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (shared / "corpus" / "wikinews" / name).open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                rows.append({"text": r["text"], "title": r["title"], "url": r["url"], "published": r["date"],
                             "outlet": "Wikinews"})
    rows.sort(key=lambda r: (r["published"], r["url"]))
    return rows


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def centcom_releases(shared: Path) -> list[dict]:
    by_date: dict[dt.date, OrderedDict[str, list[str]]] = {}
    with (shared / "corpus" / "centcom" / "all.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            day = dt.datetime.strptime(r["date"], "%m/%d/%Y").date()
            by_date.setdefault(day, OrderedDict()).setdefault(r["country"], []).append(r["line"])
    releases = []
    for day in sorted(by_date):
        lines = [f"This document was rebuilt by fogmap from the strike lines of the CENTCOM / CJTF-OIR "
                 f"press release of "
                 f"{_long_date(day)}; the rest of the release is not reproduced.", ""]
        for country, strikes in by_date[day].items():
            lines += [country, *strikes, ""]
        releases.append({
            "text": "\n".join(lines).rstrip() + "\n",
            "title": f"CJTF-OIR strike summary of {_long_date(day)} (rebuilt from the release's strike lines)",
            "url": None, "published": day.isoformat(), "outlet": "US CENTCOM / CJTF-OIR",
        })
    return releases


def credits(rows: list[dict]) -> str:
    lines = ["# Wikinews articles in wikinews.jsonl", "",
             "By Wikinews contributors, under CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/).",
             "The text was changed: the collector removed the \"Have an opinion on this story?\" trailer and "
             "the sources list.", ""]
    lines += [f"- {r['title']} — {r['url']}" for r in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shared = parser.parse_args().shared
    articles = wikinews(shared)
    _write_jsonl(OUT / "wikinews" / "wikinews.jsonl", articles)
    (OUT / "wikinews" / "CREDITS.md").write_text(credits(articles), encoding="utf-8")
    releases = centcom_releases(shared)
    _write_jsonl(OUT / "centcom" / "releases.jsonl", releases)
    for suffix in ("txt", "html"):
        shutil.copyfile(shared / "corpus" / "centcom" / f"release_20151102-01.{suffix}",
                        OUT / "centcom" / f"release_20151102-01.{suffix}")
    print(f"{len(articles)} Wikinews articles, {len(releases)} rebuilt CENTCOM releases")


if __name__ == "__main__":
    main()
