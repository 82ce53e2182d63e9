"""Analyst review (issue 8): accept, correct, reject or revert a canonical event. The machine record
is never overwritten; the act is stored beside it (who, when, before and after) and wins over it in
every read of the effective record (store/review.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..actors.resolve import ActorResolver, default_resolver
from ..errors import NotFoundError
from ..events.taxonomy import load_taxonomy
from ..geo.areas import area_at
from ..geo.gazetteer import load_gazetteer
from ..geo.placing import COAST_KM
from ..store import review as review_store
from ..store.db import Store
from ..store.web import resolve_event
from .corrections import FIELDS, CorrectionError, Knowledge, corrected_columns

__all__ = ["FIELDS", "CorrectionError", "Knowledge", "default_knowledge", "review_event"]

MAX_REVIEWER = 100
MAX_NOTE = 2000


def _admin1_at(lat: float, lon: float, country: str | None) -> tuple[str | None, str | None]:
    area = area_at(lat, lon, country=country, within_km=COAST_KM) if country else None
    area = area or area_at(lat, lon, within_km=COAST_KM)  # a point moved across a border
    return (area.name, area.country or None) if area is not None else (None, country)


def default_knowledge(resolver: ActorResolver | None = None) -> Knowledge:
    return Knowledge(load_taxonomy(), resolver or default_resolver(), load_gazetteer, _admin1_at)


def review_event(store: Store, event_id: str, action: str, reviewer: str, changes: Mapping[str, Any] | None = None,
                 note: str | None = None, *, knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Record an analyst's ``action`` (accept, correct, reject, revert) on a canonical event (its id, a
    report's, or a unique prefix); ``changes`` (correct only) by field name, see ``FIELDS``. Raises
    CorrectionError naming every bad field, NotFoundError for an unknown event. Returns the stored act."""
    problems: dict[str, str] = {}
    if action not in review_store.ACTIONS:
        problems["action"] = f"{action!r}: one of {', '.join(review_store.ACTIONS)}"
    reviewer = (reviewer or "").strip()
    if not reviewer or len(reviewer) > MAX_REVIEWER:
        problems["reviewer"] = f"who reviews, 1-{MAX_REVIEWER} characters"
    if note is not None and len(note) > MAX_NOTE:
        problems["note"] = f"at most {MAX_NOTE} characters"
    if action == "correct" and not changes:
        problems["changes"] = f"a correction changes at least one of {', '.join(FIELDS)}"
    if action != "correct" and changes:
        problems["changes"] = f"only a correction has changes, not {action!r}"
    if problems:
        raise CorrectionError(problems)
    canonical_id, _ = resolve_event(store, event_id)
    if canonical_id is None:
        raise NotFoundError(f"event {event_id!r} is a report fusion never saw (negated, hypothetical or planned); "
                            "only canonical events are reviewed")
    columns: dict[str, Any] = {}
    if action == "correct":
        current = review_store.effective_event(store, canonical_id)
        columns = corrected_columns(changes or {}, current, knowledge or default_knowledge())
        columns = {c: v for c, v in columns.items() if v != current[c]}  # what stands already is no change
        if not columns:
            raise CorrectionError({"changes": "every value given is what the event already says"})
    return review_store.write_review(store, canonical_id, action, reviewer, note, columns)
