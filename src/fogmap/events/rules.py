"""Sub-event classification by weighted lexical rules (kb/event_rules.tsv).

Why rules and not a model by default: the project may only ship what it can redistribute, and the
labelled event corpora (ACLED, CASE 2021) may not be redistributed. A rule names the words that
decided the label, so every classification keeps its evidence spans. Users with their own labelled
data train a model on top (events/model.py), which takes these rule scores as features.

A rule is ``label, weight, pattern[, also[, unless]]``: ``pattern`` is a case-insensitive regex;
``also`` must match somewhere in the same text, ``unless`` must not. A rule counts once per text;
a match in the lead sentence counts more, because news puts the event that matters first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

LEAD_BONUS = 1.5  # a match inside the first sentence weighs this much more: the lead names the event
LEAD_CHARS = 260  # where "the first sentence" ends when no full stop comes sooner
NO_EVENT = "NONE"


@dataclass(frozen=True)
class Rule:
    label: str
    weight: float
    pattern: re.Pattern[str]
    also: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class RuleHit:
    label: str
    weight: float
    start: int
    end: int
    pattern: str


@dataclass(frozen=True)
class Classification:
    label: str  # a code from kb/event_taxonomy.tsv, or NONE when no rule fired
    score: float
    margin: float  # best score minus the runner-up's: how clear the decision was
    hits: tuple[RuleHit, ...]  # the rules that voted for the chosen label, with their spans

    @property
    def confidence(self) -> float:
        return round(min(1.0, self.score / 6.0) * (0.5 + 0.5 * min(1.0, self.margin / max(self.score, 1e-9))), 3)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=4)
def load_rules(name: str = "event_rules.tsv") -> tuple[Rule, ...]:
    rules = []
    for row in read_tsv(name):
        rules.append(Rule(
            row["label"], float(row["weight"]), _compile(row["pattern"]),
            _compile(row["also"]) if row.get("also") else None,
            _compile(row["unless"]) if row.get("unless") else None,
        ))
    return tuple(rules)


def lead_end(text: str) -> int:
    stop = re.search(r"[.!?](\s|$)", text[40:])
    return min(LEAD_CHARS, 40 + stop.end()) if stop else LEAD_CHARS


def rule_hits(text: str, rules: tuple[Rule, ...] | None = None) -> list[RuleHit]:
    rules = rules if rules is not None else load_rules()
    lead = lead_end(text)
    hits = []
    for rule in rules:
        match = rule.pattern.search(text)
        if match is None:
            continue
        if rule.also is not None and rule.also.search(text) is None:
            continue
        if rule.unless is not None and rule.unless.search(text) is not None:
            continue
        weight = rule.weight * (LEAD_BONUS if match.start() < lead and rule.weight > 0 else 1.0)
        hits.append(RuleHit(rule.label, weight, match.start(), match.end(), rule.pattern.pattern))
    return hits


def label_scores(hits: list[RuleHit]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for hit in hits:
        scores[hit.label] = scores.get(hit.label, 0.0) + hit.weight
    return scores


def classify(text: str, rules: tuple[Rule, ...] | None = None,
             labels: frozenset[str] | None = None) -> Classification:
    """The best-scoring label; ``labels`` limits the choice (e.g. to event codes when the text is known
    to report an event, as an ACLED note always does)."""
    hits = [h for h in rule_hits(text, rules) if labels is None or h.label in labels]
    scores = label_scores(hits)
    ranked = sorted(((s, label) for label, s in scores.items() if s > 0), reverse=True)
    if not ranked:
        return Classification(NO_EVENT, 0.0, 0.0, ())
    best_score, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return Classification(best, best_score, best_score - runner_up,
                          tuple(h for h in hits if h.label == best))
