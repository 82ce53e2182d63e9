"""Weights for the signals, fitted on the history itself: a conditional logit over candidates.

Each past event is a choice among its candidates and "other" (an actor the history does not offer);
its features are those the rest of the history gives it (the event hidden from every count), so the
weights learn how far each signal can be trusted when the answer is not in the counts. The fit is
penalised maximum likelihood pulled towards hand-set starting weights (``STARTING_WEIGHTS``, chosen
by reasoning, not fitted to any corpus), so a small history gives a sensible model and a large one
its own. Maximum likelihood on held-out choices is what makes the probabilities calibrated.
L-BFGS from a fixed start on fixed data: the same history gives the same weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .signals import FEATURES, OTHER_FEATURES, QueryFeatures

PENALTY = 5.0  # L2 pull towards the starting weights (measured on ACLED folds: 1 to 10 within noise)
MAX_ITERATIONS = 1000
TOLERANCE = 1e-7  # relative change of the objective at which L-BFGS stops (tighter moves it by < 0.01 in ~1,660)

# Before any fitting: the finer back-off chains say more than the coarse ones; a name never seen as
# a perpetrator and the event's own actor2 are unlikely; "other" is likely where most actors are new.
STARTING_WEIGHTS = {
    "where_what_whom:log_p": 0.5, "where_what:log_p": 0.25, "who_reports:log_p": 0.25, "against_whom:log_p": 0.25,
    "perpetrator_kind_vs_target_kind:share": 1.0, "never_actor1": -2.0, "is_actor2": -2.0,
}
STARTING_OTHER_WEIGHTS = {"bias": -1.0, "novel_in_country": 2.0, "no_events_in_country": 2.0}


@dataclass(frozen=True)
class SignalWeights:
    """How much each feature adds to a candidate's log-odds (and each "other" feature to other's)."""

    candidate: tuple[tuple[str, float], ...]
    other: tuple[tuple[str, float], ...]
    fitted_on: int = 0  # past events

    @property
    def candidate_vector(self) -> np.ndarray:
        return np.array([w for _, w in self.candidate])

    @property
    def other_vector(self) -> np.ndarray:
        return np.array([w for _, w in self.other])


def starting_weights() -> SignalWeights:
    return SignalWeights(tuple((f, STARTING_WEIGHTS.get(f, 0.0)) for f in FEATURES),
                         tuple((f, STARTING_OTHER_WEIGHTS.get(f, 0.0)) for f in OTHER_FEATURES))


@dataclass(frozen=True)
class ChoiceSet:
    """Many events' candidates stacked for vector arithmetic: every event's rows, its "other" row last."""

    rows: np.ndarray  # all rows x (FEATURES + OTHER_FEATURES)
    starts: np.ndarray  # first row of each event
    chosen: np.ndarray  # the row of each event's true perpetrator ("other" row when not a candidate)


def choice_set(queries: Sequence[QueryFeatures], truths: Sequence[str]) -> ChoiceSet:
    n_cand = len(FEATURES)
    sizes = [len(q.candidates) + 1 for q in queries]
    rows = np.zeros((sum(sizes), n_cand + len(OTHER_FEATURES)))  # filled in place: the matrix is large
    starts = np.cumsum([0, *sizes[:-1]]).astype(np.int64) if sizes else np.zeros(0, dtype=np.int64)
    chosen = np.zeros(len(queries), dtype=np.int64)
    for k, (query, truth, at) in enumerate(zip(queries, truths, starts)):
        m = len(query.candidates)
        rows[at:at + m, :n_cand] = query.matrix
        rows[at + m, n_cand:] = query.other
        chosen[k] = at + (query.candidates.index(truth) if truth in query.candidates else m)
    return ChoiceSet(rows, starts, chosen)


def _objective(theta: np.ndarray, data: ChoiceSet, prior: np.ndarray, penalty: float) -> tuple[float, np.ndarray]:
    scores = data.rows @ theta
    top = np.maximum.reduceat(scores, data.starts)
    sizes = np.diff(np.append(data.starts, len(scores)))
    e = np.exp(scores - np.repeat(top, sizes))
    z = np.add.reduceat(e, data.starts)
    loss = float(np.sum(np.log(z) + top) - scores[data.chosen].sum())
    p = e / np.repeat(z, sizes)
    grad = data.rows.T @ p - data.rows[data.chosen].sum(axis=0)
    diff = theta - prior
    return loss + 0.5 * penalty * float(diff @ diff), grad + penalty * diff


def fit_weights(data: ChoiceSet, penalty: float = PENALTY) -> SignalWeights:
    from scipy.optimize import minimize  # only fitting needs scipy; importing the package stays light

    start = starting_weights()
    prior = np.concatenate([start.candidate_vector, start.other_vector])
    if not len(data.starts):
        return start
    result = minimize(_objective, prior.copy(), args=(data, prior, penalty), jac=True, method="L-BFGS-B",
                      options={"maxiter": MAX_ITERATIONS, "ftol": TOLERANCE})
    n = len(FEATURES)
    return SignalWeights(tuple(zip(FEATURES, map(float, result.x[:n]))),
                         tuple(zip(OTHER_FEATURES, map(float, result.x[n:]))), fitted_on=len(data.starts))
