"""Where each number of a prior comes from, in words: one ``Contribution`` per feature that moved it.

A candidate's probability is exp(score) / normaliser, and its score is the sum of its
contributions' terms (feature value x fitted weight), so the list below is the whole of it: nothing
is left out but the features whose value or weight is zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import EventContext, actor_kind
from .index import Kernel, Level
from .signals import CHAINS, KERNELS, KIND, KIND_TARGET, LEVELS, MIRROR, TARGET_HERE, VIOLENT_SUFFIX

_LEVELS = {level.name: level for level in LEVELS}
_KERNELS = {kernel.name: kernel for kernel in KERNELS}
_FLAGS = {
    "never_actor1": "not once the perpetrator in the history (proposed as actor2 or by its kind)",
    "is_actor2": "the event's own actor2",
    "names_country": "named after the event's country",
}


@dataclass(frozen=True)
class Contribution:
    """One feature's share of a candidate's score."""

    feature: str  # "<signal>:share", "<chain>:log_p", a flag; " (violent)" for the violent events' own weight
    value: float
    weight: float
    term: float  # value x weight: what it adds to the log-odds
    basis: str  # the counts behind the value


def _level_words(level: Level, context: EventContext) -> str:
    shown = [f"{field}={getattr(context, field) or '-'}" for field in level.fields if field != "outlet"]
    if "outlet" in level.fields:
        shown.append(f"outlet in ({'; '.join(context.outlets)})")
    where = f" with {', '.join(shown)}" if shown else ""
    if level.reverse:
        return f"past events by {context.actor2}{where}, counted by whom they were against"
    return f"past events{where}"


def _kernel_words(kernel: Kernel, context: EventContext) -> str:
    decay = []
    if kernel.km is not None:
        decay.append(f"exp(-km/{kernel.km:g})")
    if kernel.days is not None:
        decay.append(f"exp(-days/{kernel.days:g})")
    return f"past events in {context.country} weighted by {' x '.join(decay)}"


def signal_words(signal: str, context: EventContext, candidate: str) -> str:
    """What the (n, N) of ``signal`` count, for ``candidate`` in ``context``."""
    if signal in _LEVELS:
        return _level_words(_LEVELS[signal], context)
    if signal in _KERNELS:
        return _kernel_words(_KERNELS[signal], context)
    kind = actor_kind(candidate, context.country).kind
    return {
        TARGET_HERE: f"actor2s of past events in {context.country}",
        MIRROR: f"past events against an actor of {context.actor2}'s kind, where the perpetrator was that actor too",
        KIND: f"past {context.sub_event_type} events, by perpetrators of kind '{kind}'",
        KIND_TARGET: f"past {context.sub_event_type} events against actor2 kind {context.inter2 or '-'}, "
                     f"by perpetrators of kind '{kind}'",
    }[signal]


def basis(feature: str, context: EventContext, candidate: str, n: float | None, total: float | None) -> str:
    """The counts behind one feature's value, e.g. "3 of 5 past events with country=..., admin1=..."."""
    name = feature.removesuffix(VIOLENT_SUFFIX)
    if name in _FLAGS:
        return _FLAGS[name]
    signal, _, reading = name.rpartition(":")
    if reading == "log_p":
        return "Witten-Bell back-off along " + " > ".join(CHAINS[signal])
    words = signal_words(signal, context, candidate)
    if reading == "unanimous":
        return f"all {total:g} {words} are theirs"
    return f"{n:g} of {total:g} {words}"
