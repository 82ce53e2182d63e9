"""A canonical event's fields from its reports, by stated rules (every rule here, nowhere else).

- fatalities: ``fatalities_low`` the lowest and ``fatalities_high`` the highest figure any report
  gives, ``fatalities_best`` the median of the reports' best figures (UCDP's low/best/high);
  ``fatalities`` ACLED's lowest-figure rule. A report giving no figure takes no part (0 means "none
  said", not "none died", in a report that does not mention deaths).
- date: the intersection of the reports' windows (they overlap pairwise, so it is never empty);
  ``time_precision`` 1 when that is one day, 2 up to a week, else 3.
- place: the most precise one (lowest geo precision), then the one most documents give.
- type and actors: what most documents say, ties broken by the first report; a sub-event type is
  never a dispute (kb/fusion_compatible_types.tsv allowed it), two named actors in one role are.
- sources: documents count once each, and documents of one source key (an outlet's re-posts;
  copies are already linked to their original at ingest and never reach fusion) count once.
- disputes: fatalities that differ widely, different named actor1 or actor2, every side kept.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Sequence

from ..records import CanonicalEvent, Dispute, EventReport
from .cluster import FUSION_STAGE, report_order
from .match import fatalities_disagree, named


def _by_document(reports: Sequence[EventReport]) -> dict[str, list[EventReport]]:
    docs: dict[str, list[EventReport]] = {}
    for r in sorted(reports, key=report_order):
        docs.setdefault(r.doc_id, []).append(r)
    return docs


def _most_said(values: list, key: Callable = lambda v: v):
    """The value most documents give (first given wins a tie); None when none gives one."""
    counts = Counter(key(v) for v in values)
    return max(values, key=lambda v: (counts[key(v)], -values.index(v))) if values else None


def _figures(docs: dict[str, list[EventReport]]) -> dict[str, tuple[int, int, int]]:
    """(low, best, high) per document that gives a figure: its largest, since its mentions are one report."""
    out = {}
    for doc_id, rs in docs.items():
        given = [r for r in rs if r.fatalities_best]
        if given:
            top = max(given, key=lambda r: r.fatalities_best)
            out[doc_id] = (top.fatalities_low or top.fatalities_best, top.fatalities_best,
                           top.fatalities_high or top.fatalities_best)
    return out


def _actor_dispute(role: str, docs: dict[str, list[EventReport]]) -> Dispute | None:
    said = {}
    for doc_id, rs in docs.items():
        for r in rs:
            actor = getattr(r, f"{role}_id")
            if named(actor):
                said.setdefault(actor, doc_id)
    if len(said) < 2:
        return None
    return Dispute(role, tuple(sorted(said.items())))


def _dates(reports: Sequence[EventReport]) -> tuple[dt.date | None, dt.date | None, int]:
    starts = [r.window_start for r in reports if r.window_start]
    ends = [r.window_end for r in reports if r.window_end]
    if not starts or not ends:
        return None, None, 3
    start, end = max(starts), min(ends)
    if start > end:  # only a singleton without an indexable window gets here; keep its own range
        start, end = min(starts), max(ends)
    days = (end - start).days
    return start, end, 1 if days == 0 else (2 if days <= 7 else 3)


def canonical_event(cid: str, reports: Sequence[EventReport]) -> CanonicalEvent:
    """The canonical event ``cid`` of ``reports`` (one cluster, at least one report)."""
    docs = _by_document(reports)
    ordered = [r for rs in docs.values() for r in rs]
    first_per_doc = [rs[0] for rs in docs.values()]
    code = _most_said([r.code for r in first_per_doc])
    typed = next(r for r in ordered if r.code == code)
    placed = [r for r in ordered if r.lat is not None]
    place = min(placed, key=lambda r: (r.geo_precision or 3, -sum(p.place_id == r.place_id for p in placed),
                                       report_order(r))) if placed else None
    a1 = _most_said([r for r in first_per_doc if named(r.actor1_id)], key=lambda r: r.actor1_id) \
        or next((r for r in ordered if r.actor1_id), None)
    a2 = _most_said([r for r in first_per_doc if named(r.actor2_id)], key=lambda r: r.actor2_id) \
        or next((r for r in ordered if r.actor2_id), None)
    figures = _figures(docs)
    disputes = [d for d in (_actor_dispute("actor1", docs), _actor_dispute("actor2", docs)) if d]
    bests = [b for _, b, _ in figures.values()]
    if bests and fatalities_disagree(min(bests), max(bests)):
        disputes.insert(0, Dispute("fatalities", tuple(sorted((str(b), d) for d, (_, b, _) in figures.items()))))
    start, end, precision = _dates(ordered)
    return CanonicalEvent(
        id=cid, code=code, type=typed.type, subtype=typed.subtype,
        date_start=start, date_end=end, time_precision=precision,
        window_start=min((r.window_start for r in ordered if r.window_start), default=None),
        window_end=max((r.window_end for r in ordered if r.window_end), default=None),
        country=place.country if place else _most_said([r.country for r in ordered if r.country]),
        admin1=place.admin1 if place else None, place_id=place.place_id if place else None,
        place_name=place.place_name if place else None, lat=place.lat if place else None,
        lon=place.lon if place else None, geo_precision=place.geo_precision if place else None,
        actor1_id=a1.actor1_id if a1 else None, actor1_acled=a1.actor1_acled if a1 else None,
        actor2_id=a2.actor2_id if a2 else None, actor2_acled=a2.actor2_acled if a2 else None,
        fatalities=min((lo for lo, _, _ in figures.values()), default=0),
        fatalities_low=min((lo for lo, _, _ in figures.values()), default=None),
        fatalities_best=int(statistics.median_low(bests)) if bests else None,
        fatalities_high=max((hi for _, _, hi in figures.values()), default=None),
        report_ids=tuple(r.event_id for r in ordered), doc_ids=tuple(docs),
        sources=len({rs[0].source_key for rs in docs.values()}), disputes=tuple(disputes), stage=FUSION_STAGE,
    )
