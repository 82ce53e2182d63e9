"""The few store reads the report needs that the Workspace does not offer. Each takes the ``Store``
(``ws.store``) and builds on store/'s own queries; they could move into store/ (and the Workspace) later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..store import web
from ..store.db import Store


def latest_event_day(store: Store, countries: Sequence[str]) -> dt.date | None:
    """The last day any canonical event of these countries starts on: what to ask for when a window is empty."""
    return store.scalar("SELECT max(date_start) FROM canonical_events WHERE list_contains(?, country)",
                        [list(countries)])


def stage_names(store: Store) -> list[str]:
    """The stages that made the store's records, as its documents' runs name them."""
    return [r["stage"] for r in store.query("SELECT DISTINCT stage FROM stage_runs ORDER BY stage")]


def document_headers(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Documents by id: outlet, url, title, published."""
    return {d["id"]: d for d in web.document_headers(store, doc_ids)}


def reports_of(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Event reports by id, with status, confidence and their document's title, outlet, url and date."""
    if not event_ids:
        return {}
    rows, _ = web.report_page(store, web.EventQuery(ids=tuple(event_ids), limit=None))
    return {r["id"]: r for r in rows}
