"""Reads behind the map: canonical events summed into grid cells for a viewport, and counted over time
for the strip under it. DuckDB does every sum; Python only reshapes the groups it returns."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Literal

from .db import Store
from .review import EFFECTIVE_CANONICAL, NOT_REJECTED
from .web import BBox, EventQuery, canonical_where

Bucket = Literal["day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month")
MAX_ZOOM = 18
# A Web-Mercator tile is 256 px wide at every zoom and spans 360 / 2**zoom degrees of longitude: cells
# of 64 px are 90 / 2**zoom degrees, big enough for a count label, small enough to show where things are.
CELL_PX = 64
WORLD: BBox = (-180.0, -90.0, 180.0, 90.0)


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell at ``zoom``, in degrees (the same for latitude: a square in degrees)."""
    return 360.0 * CELL_PX / 256 / 2**zoom


def cells_spanned(box: BBox | None, zoom: int) -> int:
    """How many cells the box touches at ``zoom``: what a grid answer could hold at most."""
    west, south, east, north = box or WORLD
    side = cell_degrees(zoom)
    wide = math.floor(east / side) - math.floor(west / side) + 1
    high = math.floor(north / side) - math.floor(south / side) + 1
    return wide * high


@dataclass(frozen=True)
class Grid:
    cell_deg: float
    total: int  # every event the filters keep, placed or not
    unplaced: int  # of them, those without coordinates (in total, in no cell)
    cells: list[dict[str, Any]]


# Events without coordinates fall in groups with a NULL key: counted as unplaced, never drawn.
_GRID = """
SELECT floor(c.longitude / ?) AS gx, floor(c.latitude / ?) AS gy, count(*) AS count,
       coalesce(sum(c.fatalities), 0)::BIGINT AS fatalities,
       round(avg(c.latitude), 6) AS lat, round(avg(c.longitude), 6) AS lon,
       min(c.longitude) AS west, min(c.latitude) AS south, max(c.longitude) AS east, max(c.latitude) AS north,
       CASE WHEN count(*) = 1 THEN min(c.id) END AS event_id, histogram(c.type) AS types
{source}
GROUP BY gx, gy ORDER BY count DESC, gy, gx
"""


def grid(store: Store, q: EventQuery, zoom: int) -> Grid:
    """The canonical events ``q`` keeps, summed per cell of ``cell_degrees(zoom)``: each cell at the mean
    position of its events, with their count, fatalities, types and the box around them; a cell of one
    event carries its id."""
    side = cell_degrees(zoom)
    source, params = _events(q)
    rows = store.query(_GRID.format(source=source), [side, side, *params])
    cells, unplaced = [], 0
    for row in rows:  # one row per cell, never per event
        if row["gx"] is None or row["gy"] is None:
            unplaced += row["count"]
            continue
        cells.append({"lat": row["lat"], "lon": row["lon"], "count": row["count"], "fatalities": row["fatalities"],
                      "types": row["types"] or {}, "event_id": row["event_id"],
                      "bbox": [row["west"], row["south"], row["east"], row["north"]]})
    return Grid(side, sum(c["count"] for c in cells) + unplaced, unplaced, cells)


def date_extent(store: Store, q: EventQuery) -> tuple[dt.date | None, dt.date | None]:
    """The first and last start date of the events ``q`` keeps (None, None when none is dated)."""
    source, params = _events(q)
    row = store.query(f"SELECT min(c.date_start) AS first, max(c.date_start) AS last {source}", params)[0]
    return row["first"], row["last"]


def default_bucket(first: dt.date, last: dt.date) -> Bucket:
    """Days for a quarter, weeks up to two years, months beyond: about a hundred bars at most, or months."""
    days = (last - first).days + 1
    return "day" if days <= 92 else "week" if days <= 731 else "month"


def bucket_count(first: dt.date, last: dt.date, bucket: Bucket) -> int:
    if bucket == "day":
        return (last - first).days + 1
    if bucket == "week":
        return (last - first).days // 7 + 2
    return (last.year - first.year) * 12 + last.month - first.month + 1


# An event that began before the window counts on its first day: from ``since`` on (the filters keep
# it because it ends inside). Buckets between the first and last that hold none are there with zeros.
_TIMELINE = """
WITH counted AS (
    SELECT date_trunc('{bucket}', greatest(c.date_start, coalesce(?, c.date_start)))::DATE AS date,
           histogram(c.type) AS counts, coalesce(sum(c.fatalities), 0)::BIGINT AS fatalities
    {source} AND c.date_start IS NOT NULL GROUP BY 1),
span AS (SELECT unnest(generate_series(min(date), max(date), INTERVAL 1 {bucket}))::DATE AS date FROM counted)
SELECT span.date, counted.counts, coalesce(counted.fatalities, 0) AS fatalities
FROM span LEFT JOIN counted USING (date) ORDER BY span.date
"""


def timeline(store: Store, q: EventQuery, bucket: Bucket) -> list[dict[str, Any]]:
    """Per bucket from the first to the last that holds an event: the count of each event type and the
    fatalities; the date is the bucket's first day (weeks start on Monday)."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}")
    source, params = _events(q)
    rows = store.query(_TIMELINE.format(bucket=bucket, source=source), [q.since, *params])
    return [{"date": r["date"].isoformat(), "counts": r["counts"] or {}, "fatalities": r["fatalities"]} for r in rows]


def _events(q: EventQuery) -> tuple[str, list]:
    """``FROM ... WHERE ...`` of the canonical events ``q`` keeps as the event list has them: analysts'
    corrections applied (a corrected place moves its event on the map), rejected ones left out."""
    where, params = canonical_where(q)
    if not q.include_rejected:
        where = f"{where} AND {NOT_REJECTED}" if where else NOT_REJECTED
    return f"FROM ({EFFECTIVE_CANONICAL}) c WHERE {where}", params
