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
from re import _constants as re_constants  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]
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
    # The first one to three letters of every word a match can start with; a text with none of them
    # cannot match, so the regex is not run (most rules, most sentences). None: no such promise.
    starts: frozenset[str] | None = None


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
    # Rules match lower-cased text (see _lowered) without re.IGNORECASE, which is about three times
    # slower on these long alternations; so a rule must be written in lower case.
    if re.search(r"(?<!\\)[A-Z]", pattern):
        raise ValueError(f"event rule pattern has an upper-case letter; write rules in lower case: {pattern[:60]}")
    return re.compile(pattern)


def _lowered(text: str) -> str:
    """``text`` in lower case with every offset kept (a few characters grow when lowered: keep those)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=1)
def load_terms(name: str = "event_rule_terms.tsv") -> dict[str, str]:
    return {row["name"]: row["pattern"] for row in read_tsv(name)}


def expand_terms(pattern: str, terms: dict[str, str]) -> str:
    """Replace each ``{NAME}`` by its term's regex; a name not in the terms is an error in the kb."""
    def term(match: re.Match[str]) -> str:
        if match.group(1) not in terms:
            raise ValueError(f"event rule uses unknown term {{{match.group(1)}}} (kb/event_rule_terms.tsv)")
        return f"(?:{terms[match.group(1)]})"
    return re.sub(r"\{([A-Z][A-Z_]*)\}", term, pattern)


@lru_cache(maxsize=4)
def load_rules(name: str = "event_rules.tsv") -> tuple[Rule, ...]:
    terms = load_terms()

    def compiled(pattern: str | None) -> re.Pattern[str] | None:
        return _compile(expand_terms(pattern, terms)) if pattern else None

    rules = []
    for row in read_tsv(name):
        pattern = compiled(row["pattern"])
        assert pattern is not None
        rules.append(Rule(row["label"], float(row["weight"]), pattern, compiled(row.get("also")),
                          compiled(row.get("unless")), word_starts(pattern.pattern)))
    return tuple(rules)


_WORD = re.compile(r"\w+")


def word_starts(pattern: str) -> frozenset[str] | None:
    """What every match of ``pattern`` begins with, as word starts of up to three letters, when the
    pattern promises it (a word boundary, then literal letters, in every alternative); else None."""
    try:
        found = _starts(list(re_parser.parse(pattern)), False)
    except (re.error, AttributeError, TypeError, ValueError):  # a private module: never let it break rules
        return None
    return frozenset(found) if found else None


def _starts(items: list, bounded: bool) -> set[str] | None:
    i = 0
    while i < len(items) and items[i][0] is re_constants.AT:
        bounded = bounded or items[i][1] is re_constants.AT_BOUNDARY
        i += 1
    if i >= len(items):
        return None
    op, av = items[i]
    if op is re_constants.LITERAL:
        literal = "".join(chr(value) for _, value in _leading_literals(items[i:]))
        word = _WORD.match(literal)
        return {word.group(0)[:3]} if bounded and word else None
    if op is re_constants.SUBPATTERN:
        return _starts(list(av[3]), bounded)
    if op is re_constants.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _starts(list(alternative), bounded)
            if found is None:
                return None
            out |= found
        return out
    if op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT):
        low, _, body = av
        first = _starts(list(body), bounded)
        if first is None or low > 0:
            return first
        rest = _starts(items[i + 1:], bounded)  # an optional part may be absent
        return None if rest is None else first | rest
    return None


def _leading_literals(items: list) -> list:
    out = []
    for kind, value in items:
        if kind is not re_constants.LITERAL:
            break
        out.append((kind, value))
    return out


def _text_starts(text: str) -> set[str]:
    return {w[:n] for w in _WORD.findall(text) for n in (1, 2, 3)}


def lead_end(text: str) -> int:
    stop = re.search(r"[.!?](\s|$)", text[40:])
    return min(LEAD_CHARS, 40 + stop.end()) if stop else LEAD_CHARS


def rule_hits(text: str, rules: tuple[Rule, ...] | None = None) -> list[RuleHit]:
    rules = rules if rules is not None else load_rules()
    text = _lowered(text)
    lead = lead_end(text)
    present = _text_starts(text)
    hits = []
    for rule in rules:
        if rule.starts is not None and rule.starts.isdisjoint(present):
            continue
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
    return decide(rule_hits(text, rules), labels)


def decide(all_hits: list[RuleHit], labels: frozenset[str] | None = None) -> Classification:
    """The best-scoring label among ``labels`` from hits already found (one pass of the rules can
    then answer several questions about the same text)."""
    hits = [h for h in all_hits if labels is None or h.label in labels]
    scores = label_scores(hits)
    ranked = sorted(((s, label) for label, s in scores.items() if s > 0), reverse=True)
    if not ranked:
        return Classification(NO_EVENT, 0.0, 0.0, ())
    best_score, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return Classification(best, best_score, best_score - runner_up,
                          tuple(h for h in hits if h.label == best))
