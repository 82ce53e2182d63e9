"""The report's numbers: events and deaths by ACLED event type and by admin-1 area, against the window
before. Every count is of canonical events (one per event however many reports tell it), so each table
adds up to the window's total; an event with no admin-1 area is counted under ``UNKNOWN_AREA``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

UNKNOWN_AREA = "(area not known)"

Row = dict[str, Any]


def deaths(rows: Iterable[Row]) -> dict[str, Any]:
    """Deaths over events: ``best`` sums each event's best figure (the median of its reports'); ``low``
    and ``high`` sum the lowest and highest figure any report gives; ``events`` is how many give one."""
    given = [r for r in rows if r.get("fatalities_best") is not None]
    return {"best": sum(r["fatalities_best"] for r in given),
            "low": sum(r["fatalities_low"] if r.get("fatalities_low") is not None else r["fatalities_best"] for r in given),
            "high": sum(r["fatalities_high"] if r.get("fatalities_high") is not None else r["fatalities_best"]
                        for r in given),
            "events": len(given)}


def change(now: int, before: int) -> str:
    """"up", "down" or "same": how a count moved from the window before."""
    return "up" if now > before else "down" if now < before else "same"


def _breakdown(rows: list[Row], previous: list[Row], key: Callable[[Row], Any]) -> list[dict[str, Any]]:
    now, before = Counter(key(r) for r in rows), Counter(key(r) for r in previous)
    out = []
    for k in sorted(set(now) | set(before), key=lambda k: (-now[k], -before[k], str(k))):
        mine = [r for r in rows if key(r) == k]
        out.append({"key": k, "events": now[k], "previous": before[k], "change": change(now[k], before[k]),
                    "deaths_best": deaths(mine)["best"]})
    return out


def area_of(row: Row) -> tuple[str, str]:
    return row.get("country") or "", row.get("admin1") or UNKNOWN_AREA


def by_type(rows: list[Row], previous: list[Row]) -> list[dict[str, Any]]:
    """Events per ACLED event type, most first, with the window before and deaths."""
    return [{"type": b.pop("key"), **b} for b in _breakdown(rows, previous, lambda r: r.get("type") or "(no type)")]


def by_area(rows: list[Row], previous: list[Row]) -> list[dict[str, Any]]:
    """Events per admin-1 area, most first, with the window before and deaths."""
    out = []
    for b in _breakdown(rows, previous, area_of):
        country, admin1 = b.pop("key")
        out.append({"country": country, "admin1": admin1, **b})
    return out


def totals(rows: list[Row], previous: list[Row]) -> dict[str, Any]:
    """The window's headline numbers: events, deaths, reports, documents and outlets behind them."""
    reports = [m for r in rows for m in r.get("report_events", [])]
    return {"events": len(rows), "previous_events": len(previous), "change": change(len(rows), len(previous)),
            "deaths": deaths(rows), "previous_deaths_best": deaths(previous)["best"],
            "reports": len(reports), "documents": len({m["doc_id"] for m in reports}),
            "outlets": len({m.get("outlet") or "" for m in reports}),
            "disputed": sum(1 for r in rows if r.get("disputed")),
            "single_source": sum(1 for r in rows if (r.get("sources") or 0) <= 1)}
