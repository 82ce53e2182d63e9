"""One batch's change to the canonical level, read against the store through its index.

The batch's reports are matched only against the canonical events of their countries whose windows
overlap theirs (store.canonical.clusters_near). A document extracted again first loses its old
reports: the clusters they were in are dissolved and their other reports fused again with the
batch's, so only those clusters and the ones the new reports join change.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import EventReport, FusionUpdate
from ..store import canonical as stored
from ..store.db import Store
from .cluster import fuse, indexable, report_order
from .reconcile import canonical_event
from .reports import report_from_row


def plan_update(store: Store, reports: Sequence[EventReport], extracted_docs: Sequence[str]) -> FusionUpdate:
    """The clusters to drop and to write once ``extracted_docs`` have (only) ``reports``."""
    replaced = set(extracted_docs)
    touched = set(stored.clusters_of_documents(store, sorted(replaced)))
    orphans = [report_from_row(row) for row in stored.cluster_members(store, sorted(touched))
               if row["doc_id"] not in replaced]
    keys = sorted({(r.country, r.window_start, r.window_end) for r in [*reports, *orphans] if indexable(r)})
    near = set(stored.clusters_near(store, keys)) - touched
    existing: dict[str, list[EventReport]] = {}
    for row in stored.cluster_members(store, sorted(near)):
        existing.setdefault(row["canonical_id"], []).append(report_from_row(row))
    before = {cid: {r.event_id for r in rs} for cid, rs in existing.items()}
    after = fuse([*orphans, *reports], existing)
    changed = sorted(cid for cid, rs in after.items() if {r.event_id for r in rs} != before.get(cid))
    canonicals = tuple(canonical_event(cid, after[cid]) for cid in changed)
    return FusionUpdate(
        removed=tuple(sorted(touched | set(changed))), canonicals=canonicals,
        reports=tuple((cid, r) for cid in changed for r in sorted(after[cid], key=report_order)),
        replaced_docs=tuple(sorted(replaced)),
    )
