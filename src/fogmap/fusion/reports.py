"""Event reports: one event of one document, with what fusion compares (fogmap.records.EventReport).

An event's own dates are kept when the text states them; an undated event (the events stage gives it
the week before publication, as ACLED codes "as reported") is matched on its publication day: a week
would join a town's next six days, and even the day before lowered B-cubed F1 on FA-KES (0.846 -> 0.843).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..records import Document, Event, EventReport, Place

UNDATED_LOOKBACK_DAYS = 0  # an undated report is about its publication day
# Strike lists ("One strike near Kobani destroyed ...; another strike near Kobani ...") introduce each
# strike with a count or an indefinite article: such a sentence is a new event of the list, never a
# repeated mention of one before it in the same document.
_LISTED = re.compile(
    r"\b(another|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)( more| other| separate"
    r"| additional| second| third| fourth| fifth)?( [\w.-]+){0,2} (air ?strikes?|airstrikes?|strikes?|raids?|"
    r"attacks?|bombings?|explosions?|blasts?|shells?|rockets?|missiles?)"
    r"|also (struck|hit|attacked|targeted|bombed|shelled|conducted))\b", re.I)
_NOT_LIST_START = re.compile(r"(the|these|those|this|that|its|their)\s+$", re.I)


def source_key(outlet: str | None, url: str | None, doc_id: str) -> str:
    """The independent source a document speaks for: one outlet's re-posts count once."""
    if outlet and outlet.strip():
        return "outlet:" + " ".join(outlet.lower().split())
    host = urlsplit(url).hostname if url and "//" in url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "doc:" + doc_id


def is_listed(sentence: str) -> bool:
    """The sentence introduces a counted or indefinite strike or attack ("two airstrikes near X")."""
    for m in _LISTED.finditer(sentence):
        if not _NOT_LIST_START.search(sentence[:m.start()]):
            return True
    return False


def window(date_start: dt.date | None, date_end: dt.date | None, dated: bool,
           published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    if dated or published is None:
        return date_start, date_end
    return published - dt.timedelta(days=UNDATED_LOOKBACK_DAYS), published


def report_of(event: Event, document: Document, places: Mapping[str, Place]) -> EventReport:
    """The report fusion compares for one event of ``document`` (``places`` by id)."""
    dated = any(a.role == "time" for a in event.arguments)
    start, end = window(event.date_start, event.date_end, dated, document.published)
    mention = event.place_mention
    place = places.get(mention.place_id) if mention is not None and mention.place_id else None
    first = event.spans[0]
    return EventReport(
        event_id=event.id, doc_id=document.id, source_key=source_key(document.outlet, document.url, document.id),
        seq=first.start, code=event.code or "", type=event.type, subtype=event.subtype,
        window_start=start, window_end=end, dated=dated, published=document.published,
        country=(place.country if place else None) or event.country,
        admin1=place.admin1 if place else None, place_id=place.id if place else None,
        place_name=place.name if place else None, place_feature=place.feature if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        geo_precision=mention.precision if place is not None and mention is not None else None,
        actor1_id=event.actor1_id, actor1_acled=event.actor1_acled,
        actor2_id=event.actor2_id, actor2_acled=event.actor2_acled,
        fatalities_low=event.fatalities_low, fatalities_best=event.fatalities_best,
        fatalities_high=event.fatalities_high,
        listed=is_listed(document.text[first.start:first.end]),
    )


def reports_of(events: list[Event], documents: Mapping[str, Document],
               places: Mapping[str, Place]) -> list[EventReport]:
    """Reports of the events that happened (negated, hypothetical and planned ones are not fused)."""
    return [report_of(e, documents[e.spans[0].doc_id], places) for e in events if e.happened]


REPORT_COLUMNS = tuple(EventReport.__dataclass_fields__)


def report_from_row(row: Mapping[str, object]) -> EventReport:
    """A report as the store keeps it (one row of canonical_reports; extra columns are ignored)."""
    return EventReport(**{k: row[k] for k in REPORT_COLUMNS})


def report_row(canonical_id: str, report: EventReport) -> dict[str, object]:
    return {"canonical_id": canonical_id, **{k: getattr(report, k) for k in REPORT_COLUMNS}}
