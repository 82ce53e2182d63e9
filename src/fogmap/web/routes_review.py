"""Review: an analyst's accept / correct / reject of an event, stored beside the machine record, and
articles posted for ingest. Writes need the token (``Authorization: Bearer TOKEN``); reads do not."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ..errors import InputError
from ..review import CorrectionError
from . import params
from .auth import require_writable
from .reader import Reader
from .routes import RecordId
from .schemas import ErrorMessage

router = APIRouter(prefix="/api", responses={
    404: {"model": ErrorMessage, "description": "No such event."},
    422: {"model": ErrorMessage, "description": "A field is wrong; the message names it and says what would be valid."},
})
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorMessage, "description": "No token, or not the server's."},
    403: {"model": ErrorMessage, "description": "The server opened its store read-only."},
}
Words = Annotated[str, Field(min_length=1, max_length=params.MAX_TEXT)]
MAX_ARTICLE = 500_000  # characters; the 1 MB body limit holds the request as a whole


class FreeTextActor(BaseModel):
    """Words no actor of the knowledge base stands for, kept as they are."""

    model_config = ConfigDict(extra="forbid")
    name: Words
    free_text: Literal[True]


class Changes(BaseModel):
    """Only the fields that change; null clears actor2."""

    model_config = ConfigDict(extra="forbid")
    type: Words | None = Field(None, description="ACLED event type.")
    subtype: Words | None = Field(None, description="ACLED sub-event type (or its code); sets the type too.")
    actor1: Words | FreeTextActor | None = Field(None, description="An actor id or a name the actor KB knows.")
    actor2: Words | FreeTextActor | None = None
    place: Words | None = Field(None, description="A gazetteer id or name; a name of one's own with latitude and "
                                                  "longitude.")
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    date_start: Annotated[str, Field(max_length=10)] | None = Field(None, description="YYYY-MM-DD")
    date_end: Annotated[str, Field(max_length=10)] | None = Field(None, description="YYYY-MM-DD")
    fatalities: int | None = Field(None, ge=0, le=1_000_000)


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["accept", "correct", "reject", "revert"] = Field(
        description="revert: back to the machine record (the history keeps every act).")
    reviewer: Annotated[str, Field(min_length=1, max_length=100)]
    note: Annotated[str, Field(max_length=2000)] | None = None
    changes: Changes | None = None


class PostedArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, Field(min_length=1, max_length=MAX_ARTICLE)]
    title: Annotated[str, Field(max_length=1000)] | None = None
    url: Annotated[str, Field(max_length=2000)] | None = None
    outlet: Words | None = None
    published: Annotated[str, Field(max_length=10)] | None = Field(None, description="YYYY-MM-DD")


def _reader(request: Request) -> Reader:
    return request.app.state.reader


Read = Annotated[Reader, Depends(_reader)]


def _corrected(ask):
    """A Workspace call whose CorrectionError (or unreadable posted text) is the client's mistake: 422
    naming each bad field."""
    def run(ws):
        try:
            return ask(ws)
        except CorrectionError as exc:
            raise HTTPException(422, str(exc)) from None
        except InputError as exc:
            raise HTTPException(422, f"text: {exc.message}") from None
    return run


@router.post("/events/{event_id}/review", dependencies=[Depends(require_writable)], responses=WRITE_ERRORS,
             summary="Accept, correct, reject or revert an event")
def review(read: Read, event_id: RecordId, body: ReviewBody) -> dict[str, Any]:
    """Stored beside the machine record (who, when, before and after); answers with the event as it now
    reads, its ``review`` giving the status and the machine value of every corrected field."""
    changes = body.changes.model_dump(exclude_unset=True) if body.changes is not None else None
    return read.write(_corrected(lambda ws: ws.review(event_id, body.action, body.reviewer, changes=changes,
                                                note=body.note)))


@router.get("/events/{event_id}/reviews", summary="One event's review history, newest first")
def event_reviews(read: Read, event_id: RecordId, limit: params.Limit = 100,
                  offset: params.Offset = 0) -> dict[str, Any]:
    """Every act on the event (or made on an id it had before re-extraction), with ``changes``: column ->
    before, after."""
    rows, total = read(lambda ws: ws.reviews(event_id, limit=limit, offset=offset))
    return params.page(rows, total, limit, offset)


@router.get("/reviews", summary="Review acts, newest first")
def all_reviews(read: Read, reviewer: params.Text = None,
                action: Literal["accept", "correct", "reject", "revert"] | None = None,
                orphaned: Annotated[bool | None, Query(description="Only (true) or no (false) reviews whose event "
                                                                   "is gone with no heir.")] = None,
                limit: params.Limit = 100, offset: params.Offset = 0) -> dict[str, Any]:
    rows, total = read(lambda ws: ws.reviews(reviewer=reviewer, action=action, orphaned=orphaned, limit=limit,
                                             offset=offset))
    return params.page(rows, total, limit, offset)


@router.post("/documents", dependencies=[Depends(require_writable)], responses=WRITE_ERRORS,
             summary="Ingest one article")
def post_document(read: Read, body: PostedArticle) -> dict[str, Any]:
    """The article goes through the same pipeline as `fogmap ingest`; answers with the document as stored
    (its text verbatim), what became of it (ingested, copy, near_duplicate, already_stored) and its events."""
    published: dt.date | None = params.day(body.published, "published")
    found = read.write(_corrected(lambda ws: ws.ingest_text(body.text, title=body.title, url=body.url, outlet=body.outlet,
                                                      published=published)))
    return {"document_id": found["document"]["id"], **found}
