"""Small corpora written by the tests themselves (no evaluation data)."""

from __future__ import annotations

import json
from pathlib import Path

REPORTS = [
    "Syrian government forces shelled the rebel-held town of Maarat al-Numan in Idlib province on Monday, "
    "killing at least nine civilians, a war monitor said. Rescue workers pulled bodies from the rubble of a "
    "market as warplanes circled overhead.",
    "Gunmen attacked a police checkpoint near Kabul on Tuesday, killing four officers, the Afghan interior "
    "ministry said. No group has claimed responsibility; the Taliban denied that its fighters attacked the post.",
    "Houthi rebels said they launched drone strikes on two Saudi oil facilities at Abqaiq and Khurais. Saudi "
    "Arabia said the attacks caused fires but no casualties. If Iran was behind the strikes, officials said, "
    "the response would be severe.",
    "Thousands of protesters rallied in central Baghdad against corruption and unemployment. Security forces "
    "fired tear gas and live rounds, and at least 12 demonstrators were killed, medical sources said.",
    "The central bank kept interest rates unchanged on Thursday, citing slowing inflation. Economists had "
    "expected a small cut. Markets barely moved on the news.",
    "A roadside bomb struck a military convoy near Mogadishu, killing three Somali soldiers. Al-Shabaab "
    "claimed responsibility for the blast in a statement on a website linked to the group.",
]


def write_jsonl(path: Path, texts: list[str], *, text_key: str = "text", extra: dict | None = None,
                copies: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for i, text in enumerate(texts):
                row = {text_key: text if k == 0 else f"Copy {k}. {text}", "title": f"Report {i}",
                       "url": f"https://example.org/{k}/{i}", "published": f"2019-09-{10 + i:02d}",
                       "outlet": "Example News", **(extra or {})}
                out.write(json.dumps(row) + "\n")
    return path


def write_actor_file(path: Path, rows: list[list[str]]) -> Path:
    """A user's actor file: the columns of src/fogmap/kb/actors/*.tsv, then ``rows``."""
    from fogmap.actors.kb import ACTOR_COLUMNS

    path.write_text("\n".join("\t".join(r) for r in [list(ACTOR_COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


def store_with(folder: Path, files: list[Path], pasted: dict | None = None) -> tuple[Path, object]:
    """A store in ``folder`` of the fixture ``files`` and, if given, one ``pasted`` article row (the
    hostile one the web tests paste in); returns the store's path and the ingest report."""
    import fogmap

    if pasted is not None:
        files = [*files, folder / "pasted.jsonl"]
        files[-1].write_text(json.dumps(pasted) + "\n", encoding="utf-8")
    path = folder / "store.duckdb"
    with fogmap.open(path) as ws:
        report = ws.ingest(files)
    return path, report
