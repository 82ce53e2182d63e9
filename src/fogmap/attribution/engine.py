"""Attribution of one stored event: which hypotheses are on the table, their prior, and the evidence.

The hypotheses about who did an event (a canonical event and every report of it) are, each with the
reasons it is there:
- ``record``: the perpetrator its reports name (when they do, the attribution can still be disputed);
- ``claim``: every actor a claim about any of its reports names as perpetrator or backer;
- ``history``: the prior's most probable candidates (who operates there, against whom, how);
- ``control``: who holds or contests the place (or its province) on the day;
- ``nearby``: who carried out events within NEARBY_KM in the NEARBY_DAYS before it;
- ``OTHER``: anyone else.
The attacked side (the event's actor2) is not put forward by control or proximity: holding the base
that was hit is no reason to suspect its holder. The prior is the history's (history.py) over the
hypotheses: a candidate keeps its probability; the candidates left off the table go into OTHER; an
actor the history does not offer at all (never seen, or not near) takes an equal share of the
history's "other" with OTHER itself, but no more than the least likely candidate the history does
put forward (never seen here is no likelier than seen here), and at least MIN_NAMED_PRIOR (reporting that
names an actor is not overruled by the history alone); OTHER keeps the rest.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .assessment import OTHER, Assessment, EvidenceItem, assess
from .capability import WeaponUse, capability_item
from .context import EventContext, PastEvent
from .history import AttributionPrior, HistoryModel

NEARBY_KM = 50.0
NEARBY_DAYS = 42
HISTORY_TOP = 5  # at most this many of the prior's candidates are put forward ...
HISTORY_MIN = 0.02  # ... each with at least this probability
NEARBY_TOP = 5
MIN_NAMED_PRIOR = 0.01
MIN_FITTED_HISTORY = 200  # fewer named past events than this: the hand-set weights, not fitted ones
REASONS = ("record", "claim", "history", "control", "nearby")


def named(actor_id: str | None) -> bool:
    """An actor id that names someone ("unidentified armed group:IQ", "civilians:IQ" do not)."""
    return bool(actor_id) and ":" not in actor_id


@dataclass(frozen=True)
class StoredEvent:
    """A canonical event as attribution reads it: its context for the prior, its named perpetrator
    if any, its weapons and the report ids its claims are about."""

    event_id: str
    context: EventContext
    actor1: str  # "" when the reports name no one
    weapons: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hypothesis:
    actor: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class EventAssessment:
    """The whole answer for one event: hypotheses with their reasons, the prior's trace, and the ACH."""

    event: StoredEvent
    hypotheses: tuple[Hypothesis, ...]
    assessment: Assessment
    prior_basis: Mapping[str, str]  # hypothesis -> where its prior came from
    history_events: int
    fitted: bool


def history_model(history: Sequence[StoredEvent]) -> HistoryModel:
    """The prior's model of a store's history (its events that name a perpetrator); fitted when the
    history is big enough to fit on, else with the hand-set starting weights."""
    past = [PastEvent(e.context, e.actor1) for e in history if e.actor1]
    if len(past) >= MIN_FITTED_HISTORY:
        return HistoryModel.fit(past)
    return HistoryModel.unfitted(past)


def _km(a: EventContext, b: EventContext) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def nearby_actors(event: StoredEvent, history: Sequence[StoredEvent]) -> list[str]:
    """Perpetrators of events within NEARBY_KM (the same province when either has no coordinates) in
    the NEARBY_DAYS up to the event, most active first."""
    day = event.context.date
    if day is None:
        return []
    counts: dict[str, int] = {}
    for past in history:
        c = past.context
        if past.event_id == event.event_id or not past.actor1 or c.date is None or c.country != event.context.country:
            continue
        if not (day - dt.timedelta(days=NEARBY_DAYS) <= c.date <= day):
            continue
        km = _km(c, event.context)
        if (km is not None and km <= NEARBY_KM) or (km is None and c.admin1 and c.admin1 == event.context.admin1):
            counts[past.actor1] = counts.get(past.actor1, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))[:NEARBY_TOP]


def gather(event: StoredEvent, prior: AttributionPrior, claimed: Sequence[str], holders: Sequence[str],
           nearby: Sequence[str]) -> tuple[Hypothesis, ...]:
    """The hypotheses in a fixed order (record, claims, history, control, nearby; OTHER last)."""
    reasons: dict[str, list[str]] = {}

    def put(actor: str, why: str) -> None:
        if named(actor) and why not in reasons.setdefault(actor, []):
            reasons[actor].append(why)

    victim = event.context.actor2
    put(event.actor1, "record")
    for actor in claimed:
        put(actor, "claim")
    for c in prior.candidates[:HISTORY_TOP]:
        if c.probability >= HISTORY_MIN:
            put(c.actor, "history")
    for actor in holders:
        if actor != victim:
            put(actor, "control")
    for actor in nearby:
        if actor != victim:
            put(actor, "nearby")
    return (*(Hypothesis(a, tuple(w)) for a, w in reasons.items()), Hypothesis(OTHER, ()))


def hypothesis_prior(prior: AttributionPrior, actors: Sequence[str]) -> tuple[dict[str, float], dict[str, str]]:
    """The prior over ``actors`` and OTHER, and where each number came from."""
    offered = {c.actor: c.probability for c in prior.candidates}
    on_table = [a for a in actors if a in offered]
    unoffered = [a for a in actors if a not in offered]
    folded = sum(p for a, p in offered.items() if a not in actors)
    share = prior.other / (len(unoffered) + 1)
    least = min((offered[a] for a in on_table if offered[a] >= HISTORY_MIN), default=None)
    named_share = max(min(share, least) if least is not None else share, MIN_NAMED_PRIOR)
    out = {a: offered[a] for a in on_table}
    basis = {a: f"history: {offered[a]:.3f}" for a in on_table}
    for a in unoffered:
        out[a] = named_share
        why = f"not offered by the history: a 1/{len(unoffered) + 1} share of its other/unknown {prior.other:.3f}"
        if least is not None and share > least:
            why += f", capped at the least likely candidate the history puts forward ({least:.3f})"
        if named_share == MIN_NAMED_PRIOR and share < MIN_NAMED_PRIOR:
            why += f", raised to {MIN_NAMED_PRIOR}"
        basis[a] = why
    out[OTHER] = max(prior.other - named_share * len(unoffered), 0.0) + folded
    basis[OTHER] = (f"history's other/unknown {prior.other:.3f}"
                    + (f" less what {len(unoffered)} actor(s) it does not offer took" if unoffered else "")
                    + (f" + {folded:.3f} of candidates not on the table" if folded else ""))
    if out[OTHER] <= 0:
        out[OTHER] = MIN_NAMED_PRIOR
    total = sum(out.values())
    return {h: out[h] / total for h in [*actors, OTHER]}, basis


@dataclass(frozen=True)
class WeaponSeen:
    """The weapon of the event as a report names it, with the history's use of it."""

    use: WeaponUse
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None


def assess_event(event: StoredEvent, model: HistoryModel, hidden: int | None, claim_evidence: Sequence[EvidenceItem],
                 holders: Sequence[str], nearby: Sequence[str], weapon: WeaponSeen | None = None) -> EventAssessment:
    """The assessment of one event. ``hidden``: the event's own position in the model's history (its
    record must not vote for itself); ``claim_evidence`` as claim_evidence.claim_items gives it (the
    actors it names are hypotheses); ``weapon`` adds the capability item."""
    prior = model.prior(event.context, hidden)
    claimed = [a for i in claim_evidence for a in i.ratios]
    hypotheses = gather(event, prior, claimed, holders, nearby)
    actors = [h.actor for h in hypotheses if h.actor != OTHER]
    p, basis = hypothesis_prior(prior, actors)
    items = list(claim_evidence)
    if weapon is not None:
        items.append(capability_item(weapon.use, actors, doc_id=weapon.doc_id, start=weapon.start, end=weapon.end,
                                     quote=weapon.quote))
    fitted = len(model.index) >= MIN_FITTED_HISTORY
    past = len(model.index) - (hidden is not None)  # the event's own record is not its history
    return EventAssessment(event, hypotheses, assess(event.event_id, p, items), basis, past, fitted)
