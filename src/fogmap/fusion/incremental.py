"""One batch's change to the canonical level, read against the store through its index.

The batch's reports meet only the canonical events of their countries whose windows overlap theirs
(store.canonical.clusters_near): those clusters are dissolved and their reports fused again with the
batch's, in the one fixed order, so the result does not depend on which document came in first (an
archive ingested in another order, or resumed after an interruption, gets the same clusters). A
document extracted again first loses its old reports: the clusters they were in are dissolved too.
A cluster that comes out as it went in is not rewritten.
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
    keys = sorted({(r.country, r.window_start, r.window_end) for r in reports if indexable(r)})
    dissolved = touched | set(stored.clusters_near(store, keys))
    before: dict[str, set[str]] = {}
    kept: list[EventReport] = []
    for row in stored.cluster_members(store, sorted(dissolved)):
        before.setdefault(row["canonical_id"], set()).add(row["event_id"])
        if row["doc_id"] not in replaced:
            kept.append(report_from_row(row))
    after = fuse([*kept, *reports])
    # a cluster that comes out with its id and members, none of them replaced, is left as stored
    same = {cid for cid, rs in after.items()
            if before.get(cid) == {r.event_id for r in rs} and not any(r.doc_id in replaced for r in rs)}
    changed = sorted(set(after) - same)
    canonicals = tuple(canonical_event(cid, after[cid]) for cid in changed)
    return FusionUpdate(
        removed=tuple(sorted((dissolved - same) | set(changed))), canonicals=canonicals,
        reports=tuple((cid, r) for cid in changed for r in sorted(after[cid], key=report_order)),
        replaced_docs=tuple(sorted(replaced)),
    )
