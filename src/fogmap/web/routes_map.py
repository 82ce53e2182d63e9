"""Map reads at scale: events aggregated into grid cells for a viewport, counts over time."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from ..store import mapping
from ..store.web import EventQuery
from . import params
from .errors import BadParameter
from .reader import Reader
from .schemas import ErrorMessage

router = APIRouter(prefix="/api/events", responses={
    422: {"model": ErrorMessage, "description": "A parameter is out of bounds or means nothing valid."},
})

MAX_GRID_CELLS = 20_000  # a 4K screen holds ~2,000 cells of 64 px; more is a zoom that does not fit its box
MAX_BUCKETS = 4_000  # eleven years of days

Bbox = Annotated[str | None, Query(max_length=params.MAX_TEXT, description="minlon,minlat,maxlon,maxlat")]
EventType = Annotated[str | None, Query(alias="type", max_length=params.MAX_TEXT,
                                        description="ACLED event type, sub-event type or code.")]
Actor = Annotated[str | None, Query(max_length=params.MAX_TEXT, description="An actor id, as actor1 or actor2.")]
Confidence = Annotated[float | None, Query(ge=0, le=1, description="Events with a report at least this sure.")]


class GridCell(BaseModel):
    lat: float = Field(description="Mean latitude of the cell's events: a one-event cell sits on its event.")
    lon: float
    count: int
    fatalities: int
    types: dict[str, int] = Field(description="Events per ACLED event type.")
    event_id: str | None = Field(description="The event's id when the cell holds one event, else null.")
    bbox: list[float] = Field(description="The box around the cell's events: minlon,minlat,maxlon,maxlat.")


class GridAnswer(BaseModel):
    zoom: int
    cell_deg: float = Field(description="A cell's side in degrees at this zoom (64 px on a Web-Mercator map).")
    total: int = Field(description="Events the filters keep, placed or not.")
    unplaced: int = Field(description="Of them, those without coordinates: in total, in no cell.")
    cells: list[GridCell]


class TimelineBar(BaseModel):
    date: dt.date = Field(description="The bucket's first day (weeks start on Monday).")
    counts: dict[str, int] = Field(description="Events per ACLED event type.")
    fatalities: int


class TimelineAnswer(BaseModel):
    bucket: mapping.Bucket
    series: list[TimelineBar]


def _reader(request: Request) -> Reader:
    return request.app.state.reader


Read = Annotated[Reader, Depends(_reader)]


def _query(bbox: str | None, since: str | None, until: str | None, event_type: str | None, country: str | None,
           actor: str | None, min_confidence: float | None) -> EventQuery:
    """The same filters, with the same checks and meaning, as /api/events at the canonical level."""
    return EventQuery(since=params.day(since, "since"), until=params.day(until, "until"),
                      country=params.country(country), type=event_type, actor=actor, bbox=params.bbox(bbox),
                      min_confidence=min_confidence, limit=None)


@router.get("/grid", response_model=GridAnswer, summary="Events summed into grid cells for a map viewport")
def grid(read: Read, zoom: Annotated[int, Query(ge=0, le=mapping.MAX_ZOOM, description="Web-Mercator zoom, 0-18.")],
         bbox: Bbox = None, since: params.Day = None, until: params.Day = None, event_type: EventType = None,
         country: params.Country = None, actor: Actor = None, min_confidence: Confidence = None) -> dict[str, Any]:
    """Canonical events in cells whose side follows the zoom, each at the mean position of its events, with
    their count, fatalities and types; the busiest cells first."""
    query = _query(bbox, since, until, event_type, country, actor, min_confidence)
    spanned = mapping.cells_spanned(query.bbox, zoom)
    if spanned > MAX_GRID_CELLS:
        raise BadParameter("zoom", f"at zoom {zoom} the bbox spans {spanned} cells (at most {MAX_GRID_CELLS}); "
                                   "give the viewport's bbox or a lower zoom")
    answer = read(lambda ws: mapping.grid(ws.store, query, zoom))
    return {"zoom": zoom, "cell_deg": answer.cell_deg, "total": answer.total, "unplaced": answer.unplaced,
            "cells": answer.cells}


@router.get("/timeline", response_model=TimelineAnswer, summary="Events per day, week or month, by type")
def timeline(read: Read, since: params.Day = None, until: params.Day = None, bbox: Bbox = None,
             event_type: EventType = None, country: params.Country = None, actor: Actor = None,
             min_confidence: Confidence = None,
             bucket: Annotated[mapping.Bucket | None, Query(
                 description="Default, from since..until (or the events' dates): day up to a quarter, week up to "
                             "two years, month beyond.")] = None,
             ) -> dict[str, Any]:
    """Canonical events counted per bucket and type, with their fatalities, from the first bucket that
    holds one to the last (empty buckets between them as zeros)."""
    query = _query(bbox, since, until, event_type, country, actor, min_confidence)
    if query.since and query.until and query.since > query.until:
        raise BadParameter("since", "must not be after until")

    def ask(ws) -> dict[str, Any]:
        if query.since and query.until:  # the slider's window: buckets stay the same while the map pans
            first, last = query.since, query.until
        else:
            first, last = mapping.date_extent(ws.store, query)
            if first is None or last is None:
                return {"bucket": bucket or "day", "series": []}
            first, last = max(first, query.since or first), min(last, query.until or last)
        chosen = bucket or mapping.default_bucket(first, last)
        if mapping.bucket_count(first, last, chosen) > MAX_BUCKETS:
            raise BadParameter("bucket", f"{chosen}s from {first} to {last} are more than {MAX_BUCKETS}; "
                                         "use a longer bucket or a shorter window")
        return {"bucket": chosen, "series": mapping.timeline(ws.store, query, chosen)}
    return read(ask)
