"""Claims about one event's perpetrator as evidence items of its assessment.

Each claim that names a perpetrator or a backer (about_kind "perpetrator" or "backer", with a
resolved actor) becomes an item whose ratio for that actor is kb/claim_weights.tsv's, weighed by its
source (evidence.py); a backer counts half; a denial gives the denied actor a ratio below 1. Claims
about a toll or control say nothing about who did it and are left out. Sources that share a voice count once: of each voice's claims
about one actor with one stance, the strongest counts, the rest are shown with weight 0.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..sources import SourceRegistry, grades
from .assessment import EvidenceItem
from .evidence import ClaimWeight, claim_weight

PERPETRATOR = "perpetrator"
BACKER = "backer"
ROLES = (PERPETRATOR, BACKER)


def _source_name(claim: Mapping[str, Any]) -> str:
    return claim.get("claimant_id") or claim.get("claimant") or claim.get("outlet") or ""


def _interested(claim: Mapping[str, Any], registry: SourceRegistry, day: date | None) -> bool:
    """A party speaking about its enemy (an accusation) or about itself (a denial) has a stake."""
    party = claim.get("speaks_for_id")
    actor = claim.get("actor_id")
    if claim["stance"] == "claims_responsibility":
        return False  # the actor's own word about itself is what the base ratio describes
    if claim["stance"] == "denies":
        return bool(party) and (party == actor or registry.self_interested(registry.profile(_source_name(claim), day),
                                                                          actor, day))
    return claim["stance"] == "accuses" and bool(party) and party != actor


def claim_items(claims: Sequence[Mapping[str, Any]], registry: SourceRegistry,
                day: date | None = None) -> list[tuple[EvidenceItem, ClaimWeight]]:
    """The evidence items of the perpetrator claims among ``claims`` (rows as Workspace.claims gives
    them), in their order, each with how its ratio was weighed."""
    weighed: list[tuple[Mapping[str, Any], ClaimWeight, str]] = []
    for c in claims:
        if c.get("about_kind") not in ROLES or not c.get("actor_id") or ":" in c["actor_id"]:
            continue
        profile = registry.profile(_source_name(c), day)
        grade = grades()[profile.reliability]
        voice = profile.voices[-1] if profile.voices else profile.key
        weight = claim_weight(c["stance"], c["hedge"], grade.weight, interested=_interested(c, registry, day),
                              repeat=False, backer=c["about_kind"] == BACKER)
        weighed.append((c, weight, voice))
    best: dict[tuple[str, str, str], float] = {}
    for c, w, voice in weighed:
        key = (voice, c["actor_id"], c["stance"], c["about_kind"])
        best[key] = max(best.get(key, 0.0), abs(math.log(w.ratio)))
    items, counted = [], set()
    for c, w, voice in weighed:
        key = (voice, c["actor_id"], c["stance"], c["about_kind"])
        repeat = key in counted or abs(math.log(w.ratio)) < best[key]
        if repeat:
            w = dataclasses.replace(w, repeat_weight=0.0)
        else:
            counted.add(key)
        role = " as backer" if c["about_kind"] == BACKER else ""
        summary = (f"{c.get('claimant') or c.get('outlet') or 'the author'} {c['stance'].replace('_', ' ')} "
                   f"{c.get('actor') or c['actor_id']}{role} ({c['hedge']})")
        basis = (f"{c['stance']}/{c['hedge']} ratio {w.base:g} ^ (grade {w.grade_weight:g} x interest "
                 f"{w.interest_weight:g} x repeat {w.repeat_weight:g} x role {w.role_weight:g})")
        item = EvidenceItem(c["id"], "claim", summary, {c["actor_id"]: w.ratio}, c.get("doc_id"),
                            c.get("content_start"), c.get("content_end"), c.get("sentence"), {c["actor_id"]: basis})
        items.append((item, w))
    return items

