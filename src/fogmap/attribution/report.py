"""An event's assessment as one JSON-ready dict: what `fogmap attribute --json` prints and the store keeps.

Every number carries what it came from: each hypothesis its reasons and the basis of its prior, each
evidence cell its ratio with the counts or weights behind it, each item its span and sentence and its
diagnosticity; the sensitivity line names the item the leader hangs on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .engine import EventAssessment

ATTRIBUTION_STAGE = "fogmap_attribution_v1"


def assessment_json(ea: EventAssessment, name_of: Callable[[str], str], event: dict[str, Any]) -> dict[str, Any]:
    a = ea.assessment
    leader = a.leader
    ranked = sorted(ea.hypotheses, key=lambda h: (-a.posterior[h.actor], a.hypotheses.index(h.actor)))
    return {
        "stage": ATTRIBUTION_STAGE,
        "event": event,
        "history": {"events": ea.history_events, "weights": "fitted" if ea.fitted else "hand-set (history too small to fit)"},
        "leader": leader,
        "leader_name": name_of(leader),
        "leader_posterior": a.posterior[leader],
        "hypotheses": [{"actor": h.actor, "name": name_of(h.actor), "reasons": list(h.reasons),
                        "prior": a.prior[h.actor], "prior_basis": ea.prior_basis.get(h.actor, ""),
                        "posterior": a.posterior[h.actor]} for h in ranked],
        "items": [{"id": i.id, "kind": i.kind, "summary": i.summary, "doc_id": i.doc_id, "start": i.start,
                   "end": i.end, "sentence": i.quote, "diagnosticity": a.diagnosticity[i.id],
                   "cells": {h: {"ratio": i.ratio(h), "basis": (i.basis or {}).get(h, "")} for h in a.hypotheses}}
                  for i in a.items],
        "sensitivity": {"item": a.sensitivity.item_id, "change": a.sensitivity.change or None,
                        "leader_after": a.sensitivity.leader_after,
                        "leader_posterior_after": a.sensitivity.leader_posterior_after,
                        "text": sensitivity_text(ea, name_of)},
    }


def sensitivity_text(ea: EventAssessment, name_of: Callable[[str], str]) -> str:
    """The sensitivity line in words: which single item, removed or reversed, the leader hangs on."""
    a, s = ea.assessment, ea.assessment.sensitivity
    leader = name_of(a.leader)
    if not a.items:
        return f"no evidence items: {leader} leads on the history alone"
    if s.item_id is None:
        return f"no single item changes the lead of {leader}"
    item = next(i for i in a.items if i.id == s.item_id)
    what = f"{'removing' if s.change == 'removed' else 'reversing'} \"{item.summary}\" [{item.id[:8]}]"
    if s.leader_after and s.leader_after != a.leader:
        return (f"{what} would put {name_of(s.leader_after)} ahead of {leader} "
                f"({leader}: {a.posterior[a.leader]:.2f} -> {s.leader_posterior_after:.2f})")
    return (f"no single item changes the lead of {leader}; the one that matters most: {what} "
            f"({leader}: {a.posterior[a.leader]:.2f} -> {s.leader_posterior_after:.2f})")
