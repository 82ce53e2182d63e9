"""The read-only JSON API under /api: each route checks its parameters and asks the Workspace once."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from ..store.queries import HAPPENED, STATUSES
from . import params
from .reader import Reader
from .auth import require_token
from .errors import BadParameter
from .schemas import ActorPage, ClaimPage, ErrorMessage, EventDetail, EventPage

router = APIRouter(prefix="/api", responses={
    404: {"model": ErrorMessage, "description": "No such record."},
    422: {"model": ErrorMessage, "description": "A parameter is out of bounds or means nothing valid."},
})

Status = Literal[STATUSES]  # type: ignore[valid-type]  # the store's statuses, one list for both
Stance = Literal["asserts", "claims_responsibility", "accuses", "denies"]
RecordId = Annotated[str, Path(min_length=1, max_length=params.MAX_TEXT)]


def _reader(request: Request) -> Reader:
    return request.app.state.reader


Read = Annotated[Reader, Depends(_reader)]


@router.get("/events", response_model=EventPage, summary="Events, with filters and pages")
def events(
    read: Read,
    bbox: Annotated[str | None, Query(max_length=params.MAX_TEXT, description="minlon,minlat,maxlon,maxlat")] = None,
    since: params.Day = None, until: params.Day = None,
    event_type: Annotated[str | None, Query(alias="type", max_length=params.MAX_TEXT,
                                            description="ACLED event type, sub-event type or code.")] = None,
    actor: Annotated[str | None, Query(max_length=params.MAX_TEXT, description="An actor id, as actor1 or actor2.")] = None,
    country: params.Country = None,
    status: Annotated[Status | None, Query(description="With level=canonical: events one of whose reports has it.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    level: Annotated[Literal["canonical", "report"], Query(
        description="canonical: one item per event however many reports tell it; report: one per report.")] = "canonical",
    include_rejected: Annotated[bool, Query(description="With level=canonical: also the events analysts rejected.")] = False,
    limit: params.Limit = 100, offset: params.Offset = 0,
) -> dict[str, Any]:
    """Canonical events (or, with level=report, events as each document reports them), oldest first."""
    if level == "canonical" and status is not None and status not in HAPPENED:
        raise BadParameter("status", f"canonical events are events that happened ({', '.join(HAPPENED)}); "
                                     f"use level=report for {status} ones")
    filters = dict(since=params.day(since, "since"), until=params.day(until, "until"), country=params.country(country),
                   type=event_type, status=status, actor=actor, bbox=params.bbox(bbox), min_confidence=min_confidence)
    if level == "canonical":
        filters["include_rejected"] = include_rejected
    rows, total = read(lambda ws: ws.event_page(level=level, limit=limit, offset=offset, **filters))
    return {"level": level, **params.page(rows, total, limit, offset)}


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with its reports and their spans")
def event(read: Read, event_id: RecordId) -> dict[str, Any]:
    """A canonical event id, a report's event id or a unique prefix: the canonical event, each report
    with the span of every field, and the documents they come from."""
    return read(lambda ws: ws.event_detail(event_id))


@router.get("/documents/{doc_id}", summary="One document's text with what was read from it")
def document(read: Read, doc_id: RecordId) -> dict[str, Any]:
    """The text and, as character spans into it, its sentences, entities, event candidates, events with
    their arguments, place mentions and asides."""
    def ask(ws):
        found = ws.document(doc_id)
        return {"document": dataclasses.asdict(found), **ws.marks(found.id)}
    return read(ask)


@router.get("/actors", response_model=ActorPage, summary="The actors the events name")
def actors(read: Read, limit: params.Limit = 100, offset: params.Offset = 0) -> dict[str, Any]:
    """Resolved actors, those most events name first."""
    rows = read.cached(("actors",), lambda ws: ws.actors(limit=None))  # every event grouped by actor: keep it
    return params.page(rows[offset:offset + limit], len(rows), limit, offset)


@router.get("/actors/{actor_id}", summary="One actor: knowledge-base entry, events and relations")
def actor(read: Read, actor_id: RecordId) -> dict[str, Any]:
    return read(lambda ws: ws.actor(actor_id))


@router.get("/relations", summary="Who backs, is allied with, fights or negotiates with whom")
def relations(read: Read, actor: params.Text = None, at: params.Day = None) -> dict[str, Any]:
    """Relations grouped by actor pair and kind; ``actor`` matches ids and words; ``at``: the year up to it."""
    day = params.day(at, "at")
    return {"actor": actor, "at": day, "items": read(lambda ws: ws.relations(actor=actor, at=day))}


@router.get("/control", summary="Who holds each place on a date")
def control(read: Read, at: Annotated[str, Query(max_length=10, description="YYYY-MM-DD")],
            country: params.Country = None) -> dict[str, Any]:
    day, code = params.day(at, "at"), params.country(country)
    holdings = read(lambda ws: ws.control(day, country=code))
    return {"at": day, "country": code, "items": [dataclasses.asdict(h) for h in holdings]}


@router.get("/claims", response_model=ClaimPage, summary="Who says what about which event")
def claims(read: Read, event: params.Text = None, doc: params.Text = None, stance: Stance | None = None,
           limit: params.Limit = 100, offset: params.Offset = 0) -> dict[str, Any]:
    """Claims with claimant, chain of voices, stance, hedge and the spans of their words; ``event`` takes
    a canonical event id too (the claims about any of its reports)."""
    rows, total = read(lambda ws: ws.claim_page(event, doc, stance=stance, limit=limit, offset=offset))
    return params.page(rows, total, limit, offset)


@router.get("/attribution/{event_id}", summary="Who most likely did one event")
def attribution(read: Read, event_id: RecordId) -> dict[str, Any]:
    """The whole assessment: hypotheses with priors and posteriors, every evidence item with its span and
    ratio per hypothesis, diagnosticity, sensitivity. Computed on request, never saved."""
    return read.cached(("attribution", event_id), lambda ws: ws.attribute(event_id, save=False))


@router.get("/attribution", summary="Assessments of the events whose perpetrator is open")
def unattributed(read: Read, since: params.Day = None, until: params.Day = None, country: params.Country = None,
                 limit: Annotated[int, Query(ge=1, le=params.MAX_ATTRIBUTION_LIMIT)] = 20) -> dict[str, Any]:
    """Violent events no one is named for, or named in dispute, newest first; ``total`` counts them all."""
    day, last, code = params.day(since, "since"), params.day(until, "until"), params.country(country)
    answers, total = read.cached(("unattributed", day, last, code, limit),
                                 lambda ws: ws.unattributed(since=day, until=last, country=code, limit=limit, save=False))
    return {"items": answers, "limit": limit, "total": total}


@router.get("/stats", summary="Counts over the store")
def stats(read: Read, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    return read.cached(("stats", top), lambda ws: ws.stats(top))


@router.post("/ping-write", dependencies=[Depends(require_token)], summary="Check a write token",
             responses={401: {"model": ErrorMessage, "description": "No token, or not the server's."}})
def ping_write() -> dict[str, Any]:
    """Answers only with the server's token: what every write endpoint will ask for."""
    return {"ok": True}
