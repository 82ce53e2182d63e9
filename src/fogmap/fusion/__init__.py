"""Fusion: many reports of one event into one canonical event, deterministic and explainable.

``why_merged(a, b)`` says which features two reports matched on; ``fuse`` clusters reports (given
the clusters that exist) by an index on (country, day); ``canonical_event`` reconciles one cluster's
fields by the rules in fusion/reconcile.py; ``plan_update`` is one ingest batch's change to the store.
"""

from .cluster import FUSION_STAGE, FusionIndex, canonical_id, fuse
from .incremental import plan_update
from .match import compatible, why_merged
from .reconcile import canonical_event
from .reports import report_from_row, report_of, reports_of, source_key

__all__ = ["FUSION_STAGE", "FusionIndex", "canonical_event", "canonical_id", "compatible", "fuse", "plan_update",
           "report_from_row", "report_of", "reports_of", "source_key", "why_merged"]
