"""The attribution prior: who most likely did an event, judged from the event history alone.

``HistoryModel.fit(past_events)`` indexes a history of events with named perpetrators and fits the
weights of its signals on that history (each past event predicted from the rest of it);
``model.prior(context)`` gives, for an event whose perpetrator is unknown, a probability for every
candidate actor plus an explicit "other" (an actor the history does not offer there), and
``model.explain(context, actor)`` lists every term of one candidate's score with the counts behind
it. The numbers are a pure function of the history and the context: same inputs, same numbers.

What the prior reads of an event (``EventContext``): date, country, admin1, admin2, location name,
latitude/longitude, event type and sub-event type, actor2 and its kind (ACLED's inter2, GTD's
target type), the source (the whole string, and each outlet of it) and the weapon type (GTD).
Fatalities are carried but unused: bands of them added nothing measurable (ACLED 2020 dev folds).
ACLED's admin3, assoc_actor_2, source_scale and precision codes are not read (outside the table the
prior is specified on; assoc_actor_2 would say which side actor2 is on, a candidate for later).
What it never reads: the perpetrator's own fields and anything that names or codes it. ACLED:
actor1, assoc_actor_1, inter1, interaction, notes (the notes name the actor). GTD: gname and
gsubname (and gname2/3), guncertain, individual, nperps/nperpcap, claimed and claim modes, the
INT_* codes (the perpetrator's nationality against the target's), motive, summary, addnotes,
weapdetail, propcomment and the scite citations (free text that names the group), related (links
to the same group's incidents) and dbsource (the collection project, e.g. one on eco-terrorism).
Nor record ids and upload timestamps, which reflect how a dataset batches its coding, not the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .assessment import OTHER
from .context import EventContext, PastEvent
from .explain import Contribution, basis
from .fit import SignalWeights, choice_set, fit_weights, starting_weights
from .index import HistoryIndex
from .signals import CHAINS, FEATURES, LEVELS, OTHER_FEATURES, SIGNALS, QueryFeatures, query_features

_OTHER_WORDS = {
    "bias": "the same for every event",
    "novel_in_country": "share of the country's past events whose perpetrator acted only once there (Good-Turing)",
    "novel_in_area_subtype": "share of the admin1's past events of this sub-type whose perpetrator acted only once",
    "log_events_in_country": "log(1 + past events in the country)",
    "log_events_in_area_subtype": "log(1 + past events of this sub-type in the admin1)",
    "no_events_in_country": "no past event in the country",
}


@dataclass(frozen=True)
class ActorScore:
    """One candidate perpetrator: its probability and the log-odds score it came from."""

    actor: str
    probability: float
    score: float


@dataclass(frozen=True)
class AttributionPrior:
    """A probability for every candidate, most probable first, and for "other" (the rest)."""

    context: EventContext
    candidates: tuple[ActorScore, ...]
    other: float  # an actor the history does not offer here (never seen, or not near this event)
    other_score: float

    def top(self, k: int) -> tuple[ActorScore, ...]:
        return self.candidates[:k]

    def as_mapping(self, keep: int | None = None) -> dict[str, float]:
        """{actor: probability} with ``OTHER`` last, as the assessment takes a prior; ``keep`` folds all
        but the ``keep`` most probable candidates into ``OTHER``."""
        kept = self.candidates if keep is None else self.candidates[:keep]
        folded = sum(c.probability for c in self.candidates[len(kept):])
        return {**{c.actor: c.probability for c in kept}, OTHER: self.other + folded}

    def probability(self, actor: str) -> float:
        """The probability of ``actor``; an actor that is not a candidate is part of "other", which
        it would share with every other actor the history does not offer."""
        return next((c.probability for c in self.candidates if c.actor == actor), 0.0)


@dataclass(frozen=True)
class Explanation:
    """Everything behind one candidate's probability: probability = exp(score) / normaliser."""

    actor: str
    probability: float
    score: float  # the sum of the contributions' terms
    normaliser: float  # the sum of exp(score) over every candidate and "other"
    contributions: tuple[Contribution, ...]  # largest effect first


def _softmax(scores: np.ndarray) -> tuple[np.ndarray, float]:
    top = float(scores.max())
    e = np.exp(scores - top)
    total = float(e.sum())
    return e / total, total * float(np.exp(top))


class HistoryModel:
    """An event history with fitted signal weights: the prior over who did an event."""

    def __init__(self, index: HistoryIndex, weights: SignalWeights) -> None:
        if tuple(f for f, _ in weights.candidate) != FEATURES or tuple(f for f, _ in weights.other) != OTHER_FEATURES:
            raise ValueError("weights were fitted for another set of signals; fit them again")
        self.index = index
        self.weights = weights
        self._w = weights.candidate_vector
        self._v = weights.other_vector

    @classmethod
    def fit(cls, past_events: Iterable[PastEvent]) -> HistoryModel:
        """Index the events that name a perpetrator and fit the weights on them."""
        index = history_index(past_events)
        return cls(index, fit_history_weights(index))

    @classmethod
    def unfitted(cls, past_events: Iterable[PastEvent]) -> HistoryModel:
        """The history with the hand-set starting weights (for a history too small to fit on)."""
        return cls(history_index(past_events), starting_weights())

    def features(self, context: EventContext, hidden: int | None = None) -> QueryFeatures:
        """The signals of ``context``; ``hidden`` leaves past event number ``hidden`` out of the
        history while they are read (the event's own record, when scoring it leave-one-out)."""
        if hidden is None:
            return query_features(self.index, context)
        with self.index.hidden(hidden):
            return query_features(self.index, context)

    def prior(self, context: EventContext, hidden: int | None = None) -> AttributionPrior:
        return self.prior_from(self.features(context, hidden), context)

    def prior_from(self, query: QueryFeatures, context: EventContext) -> AttributionPrior:
        scores = np.append(query.matrix @ self._w, query.other @ self._v)
        probabilities, _ = _softmax(scores)
        ranked = sorted(range(len(query.candidates)), key=lambda i: (-probabilities[i], query.candidates[i]))
        return AttributionPrior(
            context,
            tuple(ActorScore(query.candidates[i], float(probabilities[i]), float(scores[i])) for i in ranked),
            float(probabilities[-1]), float(scores[-1]))

    def explain(self, context: EventContext, actor: str, hidden: int | None = None) -> Explanation:
        """Every term of ``actor``'s score (``OTHER`` for the remainder) with the counts behind it."""
        query = self.features(context, hidden)
        scores = np.append(query.matrix @ self._w, query.other @ self._v)
        probabilities, normaliser = _softmax(scores)
        if actor == OTHER:
            row, names, weights, values = len(query.candidates), OTHER_FEATURES, self._v, query.other
            words = [_OTHER_WORDS[f] for f in OTHER_FEATURES]
        elif actor in query.candidates:
            row, names, weights = query.candidates.index(actor), FEATURES, self._w
            values = query.matrix[row]
            words = [_candidate_basis(f, context, actor, query, row) for f in FEATURES]
        else:
            raise ValueError(f"{actor!r} is not a candidate for this event; its chance is part of {OTHER!r}")
        terms = [Contribution(n, float(x), float(w), float(x * w), b)
                 for n, x, w, b in zip(names, values, weights, words) if x * w != 0.0]
        terms.sort(key=lambda c: (-abs(c.term), c.feature))
        return Explanation(actor, float(probabilities[row]), float(scores[row]), normaliser, tuple(terms))


def _candidate_basis(feature: str, context: EventContext, actor: str, query: QueryFeatures, row: int) -> str:
    signal = feature.split(":")[0]
    if signal in SIGNALS:
        column = SIGNALS.index(signal)
        return basis(feature, context, actor, float(query.counts[row, column]), float(query.totals[column]))
    if signal in CHAINS:
        return basis(feature, context, actor, None, None) + f" = {query.chains[row, list(CHAINS).index(signal)]:.4g}"
    return basis(feature, context, actor, None, None)


def history_index(past_events: Iterable[PastEvent]) -> HistoryIndex:
    """The index of the events that name a perpetrator (an unattributed event teaches nothing here)."""
    return HistoryIndex([e for e in past_events if e.actor1], LEVELS)


def leave_one_out_features(index: HistoryIndex) -> list[QueryFeatures]:
    """Every past event's signals as the rest of the history gives them."""
    out = []
    for i, event in enumerate(index.events):
        with index.hidden(i):
            out.append(query_features(index, event.context))
    return out


def fit_history_weights(index: HistoryIndex) -> SignalWeights:
    return fit_weights(choice_set(leave_one_out_features(index), [e.actor1 for e in index.events]))


def fit_on(past_events: Sequence[PastEvent]) -> SignalWeights:
    """Weights fitted on ``past_events`` alone (for cross-validation: the held-out fold excluded)."""
    return fit_history_weights(history_index(past_events))
