"""Who holds each place on a date, on whose word: the control assertions folded over time.

Per place, in date order: "captured" and "controls" make their actor the holder from that date;
"lost" ends its actor's hold; "contested" marks the place fought over. Assertions older than the
horizon are stale and ignored. Two sources that name different holders within CONTEST_DAYS of each
other, or fighting reported after the last hold, leave the place contested with every contender
listed: fogmap does not decide between them. Actors are compared by resolved id when known, else by
their words, lower-cased — in a place's contenders and in an area's holders alike, so "the Iraqi army"
and "Iraqi government forces" are one holder, not a contest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

HORIZON_DAYS = 365  # a statement about control older than this says little about today
CONTEST_DAYS = 30  # two sources naming different holders this close together: contested
HOLDS = ("captured", "controls")
AREA_SOURCES = 5  # statements listed per admin-1 area (its places list the rest)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)\s*$")


@dataclass(frozen=True)
class Holding:
    place_id: str
    place: str
    country: str | None
    admin1: str | None
    holder: str | None  # None: no one is known to hold it (its holder was driven out, or only fighting is reported)
    status: str  # held | contested | unknown
    since: dt.date | None
    confidence: float
    contenders: tuple[str, ...]  # every actor named as holding it in the window, the holder first
    sources: tuple[dict[str, Any], ...]  # the assertions behind the answer: doc, outlet, date, sentence
    lat: float | None = None
    lon: float | None = None
    holder_id: str | None = None  # the holder's resolved actor id, when known


def _who(row: dict[str, Any]) -> str:
    return row.get("actor_id") or _words_key(row.get("actor") or "")


def _words_key(words: str) -> str:
    return " ".join(_POSSESSIVE.sub("", words).lower().split())


def holding_of(rows: list[dict[str, Any]], on: dt.date) -> Holding | None:
    """The control of one place on `on` from its assertions (each a dict with status, actor, actor_id,
    date, confidence and the place's fields), or None when none is recent enough."""
    recent = sorted((r for r in rows if r["date"] is not None and r["date"] <= on
                     and (on - r["date"]).days <= HORIZON_DAYS), key=lambda r: (r["date"], r["status"] != "lost"))
    if not recent:
        return None
    holder: dict[str, Any] | None = None
    fought_after: dict[str, Any] | None = None
    for row in recent:
        if row["status"] in HOLDS:
            holder, fought_after = row, None
        elif row["status"] == "lost" and holder is not None and _who(row) == _who(holder):
            holder = None
        elif row["status"] == "contested":
            fought_after = row
    first = recent[0]
    base = dict(place_id=first["place_id"], place=first["place_name"] or first["place_text"],
                country=first.get("country"), admin1=first.get("admin1"), lat=first.get("lat"), lon=first.get("lon"))
    if holder is None:
        return Holding(**base, holder=None, status="contested" if fought_after else "unknown",
                       since=(fought_after or recent[-1])["date"], confidence=(fought_after or recent[-1])["confidence"],
                       contenders=(), sources=tuple(_source(r) for r in recent[-3:]))
    window = [r for r in recent if r["status"] in HOLDS and abs((r["date"] - holder["date"]).days) <= CONTEST_DAYS]
    labels = {_who(r): _label(r) for r in window}  # one label per actor, its latest words
    contenders = tuple(labels[who] for who in dict.fromkeys([_who(holder)] + [_who(r) for r in window]))
    contested = len({_who(r) for r in window}) > 1 or fought_after is not None
    backing = [r for r in window if _who(r) == _who(holder)]
    sources = tuple(_source(r) for r in window + ([fought_after] if fought_after else []))
    return Holding(**base, holder=labels[_who(holder)], status="contested" if contested else "held",
                   since=holder["date"], confidence=round(max(r["confidence"] for r in backing), 3),
                   contenders=contenders, sources=sources, holder_id=holder.get("actor_id"))


def _label(row: dict[str, Any]) -> str:
    """The words to show for a row's actor: its KB name when the query gives one, else its words
    without a possessive ("the Iraqi army's control" names "the Iraqi army")."""
    return row.get("actor_name") or _POSSESSIVE.sub("", row.get("actor") or "").strip() or "?"


def holders_of(places: list[Holding]) -> list[str]:
    """The distinct holders of places that are held (one label per actor, by id when resolved), sorted."""
    labels = {h.holder_id or _words_key(h.holder): h.holder for h in places if h.holder and h.status == "held"}
    return sorted(labels.values())


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": row["doc_id"], "outlet": row.get("outlet"), "date": row["date"], "status": row["status"],
            "actor": row.get("actor"), "sentence": row.get("sentence")}


def control_at(rows: list[dict[str, Any]], on: dt.date) -> list[Holding]:
    """Every resolved place's control on `on`, places with a holder first."""
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["place_id"] is not None:
            by_place[row["place_id"]].append(row)
    found = [h for place_rows in by_place.values() if (h := holding_of(place_rows, on)) is not None]
    order = {"held": 0, "contested": 1, "unknown": 2}
    return sorted(found, key=lambda h: (order[h.status], h.country or "", h.admin1 or "", h.place))


def areas_at(holdings: list[Holding]) -> list[dict[str, Any]]:
    """Admin-1 areas by the holders of the places in them: one holder for all, else contested. An area's
    confidence is its places' mean, scaled by the share of its known places that are held (an area where
    one town is held and two are only fought over is less surely anyone's); its sources are its places'."""
    areas: dict[tuple[str | None, str], list[Holding]] = defaultdict(list)
    for h in holdings:
        if h.admin1:
            areas[(h.country, h.admin1)].append(h)
    out = []
    for (country, admin1), places in sorted(areas.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        holders = holders_of(places)
        contested = any(h.status == "contested" for h in places) or len(holders) > 1
        held = [h for h in places if h.status == "held"]
        confidence = (sum(h.confidence for h in places) / len(places)) * (len(held) / len(places))
        docs = list(dict.fromkeys(src["doc_id"] for h in places for src in h.sources))
        out.append({"country": country, "admin1": admin1, "holders": holders,
                    "status": "contested" if contested else ("held" if holders else "unknown"),
                    "confidence": round(confidence, 3), "places": [h.place for h in places],
                    "documents": len(docs), "sources": [src for h in places for src in h.sources][:AREA_SOURCES]})
    return out


def timeline_of(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One place's control over time: after each day something was said about it, who held it (as
    `holding_of` reads that day) and the statements of that day, oldest first."""
    days = sorted({r["date"] for r in rows if r["date"] is not None})
    steps = []
    for day in days:
        held = holding_of(rows, day)
        if held is None:
            continue
        said = [_source(r) for r in rows if r["date"] == day]
        steps.append({"date": day, "status": held.status, "holder": held.holder, "holder_id": held.holder_id,
                      "contenders": list(held.contenders), "confidence": held.confidence, "statements": said})
    return steps


def timelines(rows: list[dict[str, Any]], place: str) -> list[dict[str, Any]]:
    """The timeline of every resolved place whose name contains ``place`` (case ignored)."""
    wanted = place.casefold()
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        name = row.get("place_name") or row.get("place_text") or ""
        if row["place_id"] is not None and wanted in name.casefold():
            by_place[row["place_id"]].append(row)
    return [{"place_id": pid, "place": place_rows[0]["place_name"] or place_rows[0]["place_text"],
             "country": place_rows[0].get("country"), "admin1": place_rows[0].get("admin1"),
             "steps": timeline_of(place_rows)}
            for pid, place_rows in sorted(by_place.items(), key=lambda kv: kv[1][0]["place_name"] or "")]
