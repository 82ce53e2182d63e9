"""Attribution: who most likely did an attack nobody has claimed, or that is disputed (issue 7).

The event-history prior (issue 7, item 3): ``HistoryModel.fit(past_events)`` learns who operates
where, against whom and how from events with named perpetrators; ``model.prior(context)`` is a
calibrated distribution over candidate actors plus "other/unknown" for an event whose perpetrator is
unknown, and ``model.explain(context, actor)`` traces one probability to the counts behind it.
"""

from .context import VIOLENT_EVENT_TYPES, EventContext, PastEvent, actor_kind
from .explain import Contribution
from .fit import SignalWeights
from .history import OTHER, ActorScore, AttributionPrior, Explanation, HistoryModel, fit_on, history_index

__all__ = ["OTHER", "VIOLENT_EVENT_TYPES", "ActorScore", "AttributionPrior", "Contribution", "EventContext",
           "Explanation", "HistoryModel", "PastEvent", "SignalWeights", "actor_kind", "fit_on", "history_index"]
