"""Query parameters: bounded where FastAPI declares them, given their meaning here; a value that parses
but means nothing valid is a BadParameter (422) that says what would be."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from fastapi import Query

from ..store.web import BBox
from .errors import BadParameter

MAX_LIMIT = 1000
MAX_ATTRIBUTION_LIMIT = 200  # each one is a whole assessment, weighed while the store waits
MAX_TEXT = 200  # ids, names and types are short; longer is a mistake or an attack

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO2 = re.compile(r"[A-Za-z]{2}")

Day = Annotated[str | None, Query(max_length=10, description="A date, YYYY-MM-DD.")]
Country = Annotated[str | None, Query(max_length=8, description="ISO 3166 alpha-2 code, e.g. SY.")]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many items (1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Skip this many items.")]


def day(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a date; use YYYY-MM-DD") from None


def country(value: str | None) -> str | None:
    if value is None:
        return None
    if not _ISO2.fullmatch(value):
        raise BadParameter("country", f"{value!r} is not an ISO 3166 alpha-2 code (two letters, e.g. SY)")
    return value.upper()


def bbox(value: str | None) -> BBox | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees, as map libraries write a box (west, south, east, north)."""
    if value is None:
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise BadParameter("bbox", f"{value!r} is not four numbers minlon,minlat,maxlon,maxlat") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise BadParameter("bbox", "coordinates must be finite numbers")
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadParameter("bbox", "longitudes must be within -180..180")
    if not (-90 <= south <= 90 and -90 <= north <= 90):
        raise BadParameter("bbox", "latitudes must be within -90..90")
    if west > east or south > north:
        raise BadParameter("bbox", "min must not exceed max (minlon,minlat,maxlon,maxlat)")
    return west, south, east, north


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The list envelope every paginated endpoint answers with."""
    end = offset + len(items)
    return {"items": items, "limit": limit, "offset": offset, "next_offset": end if end < total else None,
            "total": total}
