"""Control changes over the window: who held each place (and admin-1 area) the day before it began
against its last day, and the places contested at its end, each with the statements behind it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..control.timeline import Holding, areas_at

SOURCES_SHOWN = 3  # statements listed per place; the rest are in `fogmap control --place`


def _state(h: Holding | None) -> dict[str, Any] | None:
    if h is None:
        return None
    return {"holder": h.holder, "status": h.status, "since": h.since, "confidence": h.confidence,
            "contenders": list(h.contenders)}


def _same(a: Holding | None, b: Holding | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.holder_id or a.holder, a.status) == (b.holder_id or b.holder, b.status)


def _place(h: Holding) -> dict[str, Any]:
    return {"place_id": h.place_id, "place": h.place, "country": h.country, "admin1": h.admin1,
            "sources": list(h.sources[-SOURCES_SHOWN:])}


def place_changes(before: list[Holding], after: list[Holding]) -> list[dict[str, Any]]:
    """Places whose holder or status differs between the two days (gained, lost, became contested, or
    no longer known: a statement older than the horizon no longer counts)."""
    old = {h.place_id: h for h in before}
    new = {h.place_id: h for h in after}
    out = []
    for place_id in sorted(set(old) | set(new), key=lambda p: ((new.get(p) or old[p]).place, p)):
        a, b = old.get(place_id), new.get(place_id)
        if not _same(a, b):
            out.append({**_place(b or a), "before": _state(a), "after": _state(b)})  # type: ignore[arg-type]
    return out


def area_changes(before: list[Holding], after: list[Holding]) -> list[dict[str, Any]]:
    """Admin-1 areas whose holders or status differ between the two days."""
    old = {(a["country"], a["admin1"]): a for a in areas_at(before)}
    new = {(a["country"], a["admin1"]): a for a in areas_at(after)}
    out = []
    for key in sorted(set(old) | set(new), key=lambda k: (k[0] or "", k[1])):
        a, b = old.get(key), new.get(key)
        if (a and (a["holders"], a["status"])) != (b and (b["holders"], b["status"])):
            out.append({"country": key[0], "admin1": key[1],
                        "before": {"holders": a["holders"], "status": a["status"]} if a else None,
                        "after": {"holders": b["holders"], "status": b["status"], "confidence": b["confidence"],
                                  "places": b["places"]} if b else None,
                        "sources": (b or a or {}).get("sources", [])[:SOURCES_SHOWN]})
    return out


def control_summary(start: dt.date, before: list[Holding], end: dt.date, after: list[Holding]) -> dict[str, Any]:
    """``before`` is control on ``start`` (the day before the window), ``after`` on ``end`` (its last day)."""
    return {
        "start": start, "end": end, "places_known_start": len(before), "places_known_end": len(after),
        "held_end": sum(1 for h in after if h.status == "held"),
        "changes": place_changes(before, after), "area_changes": area_changes(before, after),
        "contested": [{**_place(h), "contenders": list(h.contenders), "holder": h.holder, "since": h.since,
                       "confidence": h.confidence} for h in after if h.status == "contested"],
        "holdings_end": [{**_place(h), **(_state(h) or {})} for h in after],
    }
