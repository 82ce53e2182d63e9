"""Capability as evidence: has each hypothesis used the attack's weapon before, where it happened?

The item's ratio for an actor is how often the actor's past events in the country used the weapon,
against how often anyone's did: (k + A·base) / (n + A) ÷ base, with base = (K + 1) / (N + 2) over
all N past events of the country (K with the weapon). A few events move the ratio little (A is a
pseudo-count), an actor with no past events there keeps ratio 1 (no record says anything), and the
ratio stays within [MIN_RATIO, MAX_RATIO]: a capability can be acquired, and one weapon used before
is no signature. The weapon never enters the prior's context, so the history is not counted twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .assessment import OTHER, EvidenceItem

PSEUDO_COUNT = 2.0
MIN_RATIO, MAX_RATIO = 0.25, 4.0


@dataclass(frozen=True)
class WeaponUse:
    """What the history says of one weapon in one country: events by actor, and those that used it."""

    weapon: str
    country: str
    events: Mapping[str, int]  # actor -> its past events in the country
    used: Mapping[str, int]  # actor -> those of them with the weapon


def weapon_use(weapon: str, country: str, past: Sequence[tuple[str, str, frozenset[str]]]) -> WeaponUse:
    """Counts over ``past`` rows (actor, country, weapons) of the named actors' events."""
    events: dict[str, int] = {}
    used: dict[str, int] = {}
    for actor, where, weapons in past:
        if where != country or not actor:
            continue
        events[actor] = events.get(actor, 0) + 1
        if weapon in weapons:
            used[actor] = used.get(actor, 0) + 1
    return WeaponUse(weapon, country, events, used)


def capability_item(use: WeaponUse, hypotheses: Sequence[str], *, doc_id: str | None = None,
                    start: int | None = None, end: int | None = None, quote: str | None = None) -> EvidenceItem:
    """The item "the attack used <weapon>", with a ratio and its counts for every actor hypothesis."""
    total, with_weapon = sum(use.events.values()), sum(use.used.values())
    base = (with_weapon + 1) / (total + 2)
    ratios: dict[str, float] = {}
    basis: dict[str, str] = {}
    everyone = f"all actors: {with_weapon} of {total}"
    for h in hypotheses:
        if h == OTHER:
            continue
        n, k = use.events.get(h, 0), use.used.get(h, 0)
        if n == 0:
            basis[h] = f"no past event in {use.country} ({everyone}): no record either way"
            continue
        rate = (k + PSEUDO_COUNT * base) / (n + PSEUDO_COUNT)
        ratios[h] = min(MAX_RATIO, max(MIN_RATIO, rate / base))
        basis[h] = f"used {use.weapon} in {k} of {n} past events in {use.country} ({everyone})"
    return EvidenceItem(f"capability:{use.weapon}", "capability", f"the attack used {use.weapon}", ratios,
                        doc_id, start, end, quote, basis)
