"""An event's actor mentions resolved to canonical actors, with ACLED's conventions for who stands where.

The mentions read by position (events/arguments.py) become actors through fogmap.actors.resolve; then
ACLED's codebook decides what a mention alone cannot:
- a demonstration's actor1 is always the crowd, "Protesters (Country)" or "Rioters (Country)"; a
  named group marching goes beside it (assoc_actor_1), and the police who intervene are actor2;
- violence against civilians has "Civilians (Country)" as actor2 whoever the victims are (a named
  victim's group is ACLED's assoc_actor_2, not its actor2);
- an attack nobody is named for is by "Unidentified Armed Group (Country)".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..actors.resolve import ActorResolver, ResolvedActor, default_resolver

_DEMONSTRATION = {"Protests": "protesters", "Riots": "rioters"}
_INTERVENING = {"Protest with intervention", "Excessive force against protesters"}
_TARGETS_CIVILIANS = {"Violence against civilians"}
_ARRESTS = {"Arrests"}
# the head words of an organisation's name ("the Qzorvel Brigade", "Popular Mobilisation Front")
_ORGANISATION_HEAD = re.compile(r"\b(Brigades?|Battalions?|Regiment|Front|Movement|Army|Group|Party|Union|Council|"
                                r"Committee|Militia|Organi[sz]ation|Legion|Corps|Division|Alliance|Coalition|"
                                r"Forces|Guards?|Jama'?at|Harakat|Liwa|Jaysh|Jaish|Katibat?)\b")
# sub-events whose attacker ACLED never leaves blank: unnamed means an unidentified armed group
_NEEDS_ATTACKER = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Remote explosive/landmine/IED",
                   "Grenade", "Suicide bomb", "Looting/property destruction", "Armed clash"}
_FORCES = {"state_forces", "police"}
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_CROWD_KINDS = {"protesters", "rioters", "civilians"}
_GENERIC_KINDS = _CROWD_KINDS | {"militia"}


@dataclass(frozen=True)
class EventActors:
    actor1: ResolvedActor | None
    actor2: ResolvedActor | None
    assoc1: tuple[ResolvedActor, ...] = ()
    assoc2: tuple[ResolvedActor, ...] = ()


def _forces_of(resolver: ActorResolver, a: ResolvedActor, country: str | None, day: dt.date | None) -> ResolvedActor:
    """In a fight a state named by its country ("Pakistan shelled ...") acts through its military:
    ACLED codes governments as actors of strategic developments, not of violence."""
    forces = resolver.forces_of(a, day)
    if forces is not a or a.kind != "state" or not a.country:
        return forces
    return resolver.resolve("military", a.country, day) or a


def _from_sentence(resolver: ActorResolver, sentence: str, trigger: tuple[int, int] | None,
                   ones: list[ResolvedActor], twos: list[ResolvedActor], country: str | None,
                   day: dt.date | None) -> tuple[list[ResolvedActor], list[ResolvedActor]]:
    """The nearest actor named before the trigger as the initiator, the first after it as the target."""
    named = resolver.find_in_text(sentence, country, day)
    if trigger is None:
        before, after = named[:1], named[1:]
    else:
        before = [n for n in named if n[1] <= trigger[0]][-1:]
        after = [n for n in named if n[0] >= trigger[1]]
    if not ones and before:
        ones = [before[0][2]]
    taken = {a.actor_id for a in ones}
    if not twos:
        twos = [a for _, _, a in after if a.actor_id not in taken][:1]
    return ones, twos


def _first(found: list[ResolvedActor]) -> ResolvedActor | None:
    return found[0] if found else None


def _generic(resolver: ActorResolver, phrase: str, country: str | None, day: dt.date | None) -> ResolvedActor | None:
    return resolver.resolve(phrase, country, day)


def _is_generic(a: ResolvedActor) -> bool:
    return ":" in a.actor_id or a.how == "description"


def resolve_event_actors(event_type: str, subtype: str, initiator: str | None, target: str | None,
                         country: str | None, day: dt.date | None, resolver: ActorResolver | None = None,
                         sentence: str | None = None, trigger: tuple[int, int] | None = None) -> EventActors:
    """Actor1, actor2 and associated actors of one event, as ACLED would code them. ``sentence`` and
    ``trigger`` (offsets in it) let actors named elsewhere in the sentence stand in for a phrase read
    by position that names nobody; without a trigger the first two actors named are taken in order."""
    resolver = resolver or default_resolver()
    ones = resolver.resolve_all(initiator, country, day) if initiator else []
    twos = resolver.resolve_all(target, country, day) if target else []
    # "the Qzorvel Brigade" is identified, just not known to the KB: no generic word elsewhere in the
    # sentence stands in for it, and it is no unidentified armed group
    named_but_unknown = not ones and bool(initiator and _ORGANISATION_HEAD.search(initiator)
                                          and resolver.unknown_candidates([initiator], country, day))
    if sentence and (not ones or not twos):
        found_ones, twos = _from_sentence(resolver, sentence, trigger, ones, twos, country, day)
        ones = ones if named_but_unknown else found_ones
    if event_type in _DEMONSTRATION:
        return _demonstration(resolver, event_type, subtype, ones, twos, country, day)
    if event_type in _VIOLENT:
        ones = [_forces_of(resolver, a, country, day) for a in ones]
        twos = [_forces_of(resolver, a, country, day) for a in twos]
    actor1, actor2 = _first(ones), _first(twos)
    if actor1 is not None and actor1.kind in _CROWD_KINDS and actor2 is not None and actor2.kind not in _CROWD_KINDS:
        actor1, actor2 = actor2, actor1  # "villagers were killed by bandits": the mention order lied
        ones, twos = twos, ones
    if event_type in _TARGETS_CIVILIANS:
        civilians = _generic(resolver, "civilians", country, day)
        named_victims = tuple(a for a in twos if a.kind not in _CROWD_KINDS)
        if actor1 is not None and actor1.kind in _CROWD_KINDS:
            actor1 = None
        if actor1 is None and not named_but_unknown:
            actor1 = _generic(resolver, "unidentified armed group", country, day)
        return EventActors(actor1, civilians, tuple(ones[1:]), named_victims)
    if subtype in _ARRESTS:
        actor1 = actor1 if actor1 is not None and actor1.kind in _FORCES else _generic(resolver, "police", country, day)
        return EventActors(actor1, _generic(resolver, "civilians", country, day), (), ())
    if actor1 is None and subtype in _NEEDS_ATTACKER and not named_but_unknown and (
            actor2 is None or actor2.kind != "militia"):
        actor1 = _generic(resolver, "unidentified armed group", country, day)
    if actor1 is not None and actor2 is not None and actor1.actor_id == actor2.actor_id:
        actor2 = twos[1] if len(twos) > 1 else None
    return EventActors(actor1, actor2, tuple(ones[1:]), tuple(twos[1:]))


def _demonstration(resolver: ActorResolver, event_type: str, subtype: str, ones: list[ResolvedActor],
                   twos: list[ResolvedActor], country: str | None, day: dt.date | None) -> EventActors:
    crowd = _generic(resolver, _DEMONSTRATION[event_type], country, day)
    everyone = ones + twos
    forces = [a for a in everyone if a.kind in _FORCES]
    named = tuple(a for a in ones if not _is_generic(a) and a.kind not in _FORCES)
    if event_type == "Protests":
        if subtype in _INTERVENING:
            return EventActors(crowd, forces[0] if forces else _generic(resolver, "police", country, day), named)
        return EventActors(crowd, None, named)
    # riots: the crowd against the police, against people, or against another crowd
    if forces:
        return EventActors(crowd, forces[0], named)
    victims = [a for a in twos if a.actor_id != (crowd.actor_id if crowd else None)]
    if victims:
        return EventActors(crowd, victims[0], named)
    if subtype == "Mob violence":
        return EventActors(crowd, _generic(resolver, "civilians", country, day), named)
    return EventActors(crowd, None, named)
