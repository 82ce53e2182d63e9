"""Notable events: the few a reader must see, ranked by a rule the report prints, each with its sources."""

from __future__ import annotations

from collections import Counter
from typing import Any

RULE = ("ranked by reported deaths (best estimate), then by the number of independent sources, then attacks "
        "on civilians first, then the most recent")
QUOTE_CHARS = 320  # of the sentence a report was read from: enough to judge it, short enough to print


def on_civilians(row: dict[str, Any]) -> bool:
    return row.get("type") == "Violence against civilians" or (row.get("actor2_id") or "").startswith("civilians")


def rank_key(row: dict[str, Any]) -> tuple:
    return (-(row.get("fatalities_best") or 0), -(row.get("sources") or 0), not on_civilians(row),
            -(row["date_start"].toordinal() if row.get("date_start") else 0), row["id"])


def notable(rows: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` events by ``RULE``."""
    return sorted(rows, key=rank_key)[:limit]


def actor_label(row: dict[str, Any], which: str) -> str | None:
    return row.get(f"{which}_acled") or row.get(f"{which}_id")


def card(row: dict[str, Any], reports: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One event as the report shows it: what, where, when, who, deaths, how sure, and each document
    that reports it (outlet, title, url, published, doc id) with the sentence of its first report."""
    mine = [reports[m["event_id"]] for m in row.get("report_events", []) if m["event_id"] in reports]
    first_of_document = list({r["doc_id"]: r for r in reversed(mine)}.values())[::-1]  # one entry per document
    sources = [{"doc_id": r["doc_id"], "outlet": r.get("outlet"), "title": r.get("title"), "url": r.get("url"),
                "published": r.get("published"), "status": r["status"], "confidence": r.get("confidence"),
                "sentence": _quote(r.get("sentence"))} for r in first_of_document]
    confidences = [r["confidence"] for r in mine if r.get("confidence") is not None]
    return {
        "id": row["id"], "date_start": row.get("date_start"), "date_end": row.get("date_end"),
        "country": row.get("country"), "admin1": row.get("admin1"), "place": row.get("place_name"),
        "type": row.get("type"), "subtype": row.get("subtype"),
        "actor1": actor_label(row, "actor1"), "actor2": actor_label(row, "actor2"),
        "deaths": {k: row.get(f"fatalities_{k}") for k in ("best", "low", "high")},
        "reports": row.get("reports") or len(mine), "independent_sources": row.get("sources") or 0,
        "disputed": bool(row.get("disputed")), "disputes": row.get("disputes") or [],
        "statuses": dict(Counter(r["status"] for r in mine)),
        "confidence": max(confidences) if confidences else None,
        "civilians": on_civilians(row), "sources": sources,
    }


def _quote(sentence: str | None) -> str | None:
    if not sentence:
        return None
    text = " ".join(sentence.split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + "…"
