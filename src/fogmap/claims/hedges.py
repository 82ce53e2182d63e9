"""How sure a claim is: the least sure of its hedge words (kb/claim_hedges.tsv) and of what its verb says.

A hedge is never upgraded: "hinted", "possibly", "could not be verified" each pull a claim down, and
nothing in a statement can lift it above the least sure word in it. A denial is "denied" and the
article's own author hedging is "speculative", whatever the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..kb import read_tsv

# Most to least sure. "unhedged": stated without hedge or confirmation ("the ministry said").
HEDGES = ("confirmed", "unhedged", "probable", "possible", "unconfirmed", "speculative")
DENIED = "denied"
# what a statement's verb says of its content, before its words are read
VERB_HEDGES = {"confirm": "confirmed", "hint": "unconfirmed", "speculate": "speculative", "author": "speculative"}


@lru_cache(maxsize=1)
def hedge_markers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = read_tsv("claim_hedges.tsv")
    for row in rows:
        if row["hedge"] not in HEDGES:
            raise ValueError(f"kb/claim_hedges.tsv: {row['hedge']!r} is not a hedge level ({', '.join(HEDGES)})")
    return tuple((row["hedge"], re.compile(row["pattern"])) for row in rows)


def markers_in(text: str) -> list[tuple[str, int, int]]:
    """(hedge, start, end) of every hedge word in ``text``, in text order."""
    lowered = text.lower()
    found = [(hedge, m.start(), m.end()) for hedge, regex in hedge_markers() for m in regex.finditer(lowered)]
    return sorted(found, key=lambda f: (f[1], f[2]))


def least_sure(levels: Iterable[str]) -> str:
    """The least sure of ``levels`` ("unhedged" when there are none)."""
    return max(levels, key=HEDGES.index, default="unhedged")


def hedge_of(texts: Iterable[str], verbs: Iterable[str]) -> str:
    """The hedge of a statement whose words are ``texts`` and whose verbs (its own, then those of the
    statements relaying it) are ``verbs``: denied for a denial, speculative for the author, else the
    least sure of the verbs' hedges and the hedge words."""
    verbs = list(verbs)
    if "deny" in verbs[:1]:
        return DENIED
    if "author" in verbs:
        return "speculative"
    levels = [VERB_HEDGES[v] for v in verbs if v in VERB_HEDGES]
    levels += [hedge for text in texts for hedge, _, _ in markers_in(text)]
    return least_sure(levels)
