"""Analysis of Competing Hypotheses, computed: who most likely did it, with every number traceable.

An assessment weighs hypotheses about one event's perpetrator (actors, and "other/unknown") with a
prior (the event history: who operates there, against whom, how) and evidence items (claims,
capability), each giving a likelihood ratio per hypothesis. The posterior is prior times the product
of the ratios, normalised; the matrix keeps every cell with the span behind it. An item's
diagnosticity is how far apart its ratios are across hypotheses (Heuer: evidence consistent with
every hypothesis tells nothing). The sensitivity check removes each item, then reverses it, and says
which single item the leading hypothesis hangs on. All in log space, in a fixed order: the same
inputs give the same numbers.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

OTHER = "other/unknown"


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence: what it is, where it was read, and its likelihood ratio per hypothesis
    (a hypothesis it does not name has ratio 1: the item is neutral about it)."""

    id: str
    kind: str  # "claim", "capability", ...
    summary: str  # one line a reader can check against the span
    ratios: Mapping[str, float]
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None  # the sentence the span lies in, as the reader will check it
    basis: Mapping[str, str] | None = None  # hypothesis -> the counts or words behind its ratio

    def ratio(self, hypothesis: str) -> float:
        return self.ratios.get(hypothesis, 1.0)


@dataclass(frozen=True)
class Cell:
    item_id: str
    hypothesis: str
    ratio: float


@dataclass(frozen=True)
class Sensitivity:
    """What the leading hypothesis hangs on: the item whose removal or reversal matters most."""

    item_id: str | None
    change: str  # "removed" | "reversed" | ""
    leader_after: str | None  # the new leader, if the change topples the old one
    leader_posterior_after: float  # the old leader's posterior after the change

    def describe(self, leader: str) -> str:
        if self.item_id is None:
            return f"no single item changes the lead of {leader}"
        if self.leader_after and self.leader_after != leader:
            return f"{self.change} {self.item_id}: {self.leader_after} would lead instead of {leader}"
        return (f"no single item changes the lead of {leader}; the one that matters most is {self.item_id} "
                f"({self.change}: {leader} would fall to {self.leader_posterior_after:.2f})")


@dataclass(frozen=True)
class Assessment:
    event_id: str
    hypotheses: tuple[str, ...]
    prior: Mapping[str, float]
    posterior: Mapping[str, float]
    items: tuple[EvidenceItem, ...]
    cells: tuple[Cell, ...]
    diagnosticity: Mapping[str, float]  # item id -> spread of its log ratios across the hypotheses
    sensitivity: Sensitivity

    @property
    def leader(self) -> str:
        return _leader(self.posterior, self.hypotheses)


def _normalise(weights: Mapping[str, float], hypotheses: Sequence[str]) -> dict[str, float]:
    total = sum(weights[h] for h in hypotheses)
    return {h: weights[h] / total for h in hypotheses}


def _leader(posterior: Mapping[str, float], hypotheses: Sequence[str]) -> str:
    # ties go to the earlier hypothesis, so the answer never depends on dict order
    return max(hypotheses, key=lambda h: (posterior[h], -hypotheses.index(h)))


def posterior_of(prior: Mapping[str, float], items: Sequence[EvidenceItem], hypotheses: Sequence[str]) -> dict[str, float]:
    """prior x product of ratios, normalised (in log space, so a hundred items cannot underflow)."""
    logs = {h: math.log(prior[h]) + sum(math.log(i.ratio(h)) for i in items) for h in hypotheses}
    top = max(logs.values())
    return _normalise({h: math.exp(v - top) for h, v in logs.items()}, hypotheses)


def diagnosticity(item: EvidenceItem, hypotheses: Sequence[str]) -> float:
    """The spread of the item's log ratios across the hypotheses (natural log): 0 for an item every
    hypothesis explains equally well."""
    logs = [math.log(item.ratio(h)) for h in hypotheses]
    return max(logs) - min(logs)


def _reversed(item: EvidenceItem) -> EvidenceItem:
    return dataclasses.replace(item, ratios={h: 1.0 / r for h, r in item.ratios.items()})


def sensitivity(prior: Mapping[str, float], items: Sequence[EvidenceItem], hypotheses: Sequence[str]) -> Sensitivity:
    """Each item removed, then reversed: the first change (in item order) that topples the leader, else
    the change that lowers the leader's posterior most."""
    base = posterior_of(prior, items, hypotheses)
    leader = _leader(base, hypotheses)
    worst: Sensitivity = Sensitivity(None, "", None, base[leader])
    for n, item in enumerate(items):
        for change, variant in (("removed", [*items[:n], *items[n + 1:]]),
                                ("reversed", [*items[:n], _reversed(item), *items[n + 1:]])):
            after = posterior_of(prior, variant, hypotheses)
            new_leader = _leader(after, hypotheses)
            if new_leader != leader:
                return Sensitivity(item.id, change, new_leader, after[leader])
            if after[leader] < worst.leader_posterior_after - 1e-12:
                worst = Sensitivity(item.id, change, leader, after[leader])
    return worst


def assess(event_id: str, prior: Mapping[str, float], items: Sequence[EvidenceItem]) -> Assessment:
    """The whole assessment of one event: ``prior`` over the hypotheses (an OTHER entry is added, with
    the mass the prior leaves, when absent), ``items`` in the order they are to be shown."""
    hypotheses = tuple(prior)
    full = dict(prior)
    if OTHER not in full:
        full[OTHER] = max(1e-6, 1.0 - sum(prior.values()))
        hypotheses = (*hypotheses, OTHER)
    if any(p <= 0 for p in full.values()):
        raise ValueError("every hypothesis needs a prior above zero (smooth the history first)")
    if any(r <= 0 for i in items for r in i.ratios.values()):
        raise ValueError("likelihood ratios must be positive")
    prior_n = _normalise(full, hypotheses)
    cells = tuple(Cell(i.id, h, i.ratio(h)) for i in items for h in hypotheses)
    return Assessment(
        event_id=event_id, hypotheses=hypotheses, prior=prior_n,
        posterior=posterior_of(prior_n, items, hypotheses), items=tuple(items), cells=cells,
        diagnosticity={i.id: diagnosticity(i, hypotheses) for i in items},
        sensitivity=sensitivity(prior_n, items, hypotheses),
    )
