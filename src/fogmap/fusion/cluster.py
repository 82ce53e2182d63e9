"""Clustering reports into canonical events: deterministic, incremental, by an index, never all pairs.

Reports are taken in a fixed order (date, document, position). Each one looks up the clusters that
share a (country, day) key with it, keeps those whose anchor (the most precisely placed member) and most of whose members it
is compatible with (`joins`: a chain of near-matches never joins two strikes a town apart, and one
outlying report does not split an incident), and joins the one it agrees with best, or founds its own. Existing clusters are input, so a new document joins or founds clusters
without recomputing the store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..records import EventReport
from .match import affinity, compatible, country_level

FUSION_STAGE = "fogmap_fusion_v4"
# A report dated more loosely than this (a month, a year) cannot be told apart from the others of its
# country: it stays a canonical event of its own.
MAX_WINDOW_DAYS = 31


def canonical_id(founder: EventReport) -> str:
    """A cluster is named after the report that founded it, so re-running gives the same ids."""
    return hashlib.sha1(f"{founder.event_id}:{FUSION_STAGE}".encode()).hexdigest()[:20]


def report_order(r: EventReport) -> tuple:
    return (r.window_start or dt.date.max, r.doc_id, r.seq, r.event_id)


def _keys(r: EventReport) -> Iterator[tuple[str, dt.date]]:
    if not r.country or r.window_start is None or r.window_end is None:
        return
    days = (r.window_end - r.window_start).days
    if 0 <= days <= MAX_WINDOW_DAYS:
        for n in range(days + 1):
            yield r.country, r.window_start + dt.timedelta(days=n)


def indexable(r: EventReport) -> bool:
    return next(_keys(r), None) is not None


class FusionIndex:
    """Clusters by (country, day) of their members' date windows."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, dt.date], set[str]] = {}

    def add(self, cluster: str, report: EventReport) -> None:
        for key in _keys(report):
            self._by_key.setdefault(key, set()).add(cluster)

    def candidates(self, report: EventReport) -> set[str]:
        found: set[str] = set()
        for key in _keys(report):
            found |= self._by_key.get(key, set())
        return found


def anchor(members: Sequence[EventReport]) -> EventReport:
    """The member a cluster is best placed by: the most precise place (a town before a province before
    only the country), the earliest of equals. A vague founder ("air strikes in Syria") must not decide
    what may join a cluster that later reports placed in one town."""
    return min(members, key=lambda m: (country_level(m), m.geo_precision or 3))


def joins(report: EventReport, members: Sequence[EventReport]) -> bool:
    """A report may join a cluster when it is compatible with the cluster's anchor and with most
    members: complete link (every member) split one incident whose later reports each differ from
    some other in one detail (a toll, a "near"), single link chains strikes a town apart. With two
    members, most is both, so a week-long report never bridges two days."""
    if not compatible(report, anchor(members)):
        return False
    return 2 * sum(1 for m in members if compatible(report, m)) > len(members)


def fuse(reports: Iterable[EventReport],
         existing: Mapping[str, Sequence[EventReport]] = {}) -> dict[str, list[EventReport]]:  # noqa: B006
    """Every cluster after adding ``reports`` to the ``existing`` ones (id -> members)."""
    clusters = {cid: list(members) for cid, members in existing.items()}
    index = FusionIndex()
    for cid in sorted(clusters):
        for member in clusters[cid]:
            index.add(cid, member)
    for report in sorted(reports, key=report_order):
        best: tuple[float, tuple, str] | None = None
        for cid in index.candidates(report):
            members = clusters[cid]
            if joins(report, members):
                score = max(affinity(report, m) for m in members)
                # equally good clusters: the one reported first, never the one whose hashed id sorts
                # first (that would make the clusters depend on the stage's version string)
                key = (-score, min(report_order(m) for m in members), cid)
                if best is None or key < best:
                    best = key
        if best is None:
            cid = canonical_id(report)
            while cid in clusters:  # the founder's old cluster still stands (it was not re-fused)
                cid = hashlib.sha1(cid.encode()).hexdigest()[:20]
            clusters[cid] = [report]
        else:
            cid = best[2]
            clusters[cid].append(report)
        index.add(cid, report)
    return clusters
