"""Response models: what the OpenAPI schema promises a client. Rows come from the store as dicts; these
models name and type their fields (a test keeps them in step with the store's columns)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field


class ErrorMessage(BaseModel):
    error: str = Field(description="What was wrong, and what would be valid.")


class ReportRef(BaseModel):
    event_id: str
    doc_id: str
    outlet: str | None
    url: str | None


class Review(BaseModel):
    """An analyst's last word on an event (`fogmap review`); its corrections are already in the fields."""

    status: Literal["accepted", "corrected", "rejected"]
    by: str
    at: dt.datetime
    machine: dict[str, Any] = Field(description="The machine's value of every corrected field, by field name.")


class CanonicalEvent(BaseModel):
    """One event however many reports tell it: fields reconciled across its reports, disagreements kept."""

    id: str
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: int | None = Field(description="ACLED time precision: 1 the day, 2 the week, 3 the month.")
    country: str | None = Field(description="ISO 3166 alpha-2.")
    admin1: str | None
    type: str | None = Field(description="ACLED event type.")
    subtype: str | None = Field(description="ACLED sub-event type.")
    code: str | None
    actor1_id: str | None
    actor1_acled: str | None
    actor2_id: str | None
    actor2_acled: str | None
    fatalities: int | None = Field(description="ACLED's figure: the lowest the reports give.")
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    place_name: str | None
    place_id: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None = Field(description="ACLED geo precision: 1 the place, 2 near it, 3 a larger area.")
    reports: int
    sources: int = Field(description="Independent sources among the reports.")
    copies: int
    disputed: bool
    disputes: list[dict[str, Any]]
    stage: str
    report_events: list[ReportRef]
    review: Review | None = Field(description="The analysts' review; null if none (or it was reverted).")


class ReportEvent(BaseModel):
    """One event as one document reports it, with its sentence and source."""

    id: str
    doc_id: str
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: int | None
    country: str | None
    type: str
    subtype: str | None
    code: str | None
    status: str = Field(description="asserted, reported, claimed, denied, negated, hypothetical or planned.")
    actor1: str | None = Field(description="The words that name actor 1.")
    actor2: str | None
    actor1_id: str | None
    actor1_acled: str | None
    actor2_id: str | None
    actor2_acled: str | None
    assoc_actors: list[str] | None
    weapon: str | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    injured: int | None
    confidence: float | None
    place: str | None = Field(description="The words that name the place.")
    place_id: str | None
    place_name: str | None
    latitude: float | None
    longitude: float | None
    admin1: str | None
    place_feature: str | None
    geo_precision: int | None
    sentence_start: int
    sentence_end: int
    sentence: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    stage: str


class Argument(BaseModel):
    role: str = Field(description="sentence, trigger, actor1, actor2, weapon, place, time, fatalities, ...")
    start_char: int = Field(description="Offset of the span's first character in the document's text.")
    end_char: int = Field(description="Offset just past the span's last character.")
    text: str | None = Field(description="The value read from the span (a weapon's normal name, say).")
    words: str | None = Field(description="The document's own characters at the span.")


class ReportWithArguments(ReportEvent):
    arguments: list[Argument]


class DocumentHeader(BaseModel):
    id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    lang: str | None
    duplicate_of: str | None


class EventDetail(BaseModel):
    id: str = Field(description="The canonical event's id, or the report's when fusion never saw it.")
    event: CanonicalEvent | None
    reports: list[ReportWithArguments]
    documents: list[DocumentHeader]


class Page(BaseModel):
    limit: int
    offset: int
    next_offset: int | None = Field(description="The offset of the next page; null on the last one.")
    total: int = Field(description="How many items match in all.")


class CanonicalEventPage(Page):
    level: Literal["canonical"]
    items: list[CanonicalEvent]


class ReportEventPage(Page):
    level: Literal["report"]
    items: list[ReportEvent]


EventPage = Annotated[CanonicalEventPage | ReportEventPage, Field(discriminator="level")]


class ClaimPage(Page):
    items: list[dict[str, Any]]


class ActorSummary(BaseModel):
    actor_id: str
    acled_name: str | None
    events: int
    documents: int
    written_as: list[str | None]


class ActorPage(Page):
    items: list[ActorSummary]
