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
from ..geo.fronts import FrontSide

_DEMONSTRATION = {"Protests": "protesters", "Riots": "rioters"}
_INTERVENING = {"Protest with intervention", "Excessive force against protesters"}
_TARGETS_CIVILIANS = {"Violence against civilians"}
_ARRESTS = {"Arrests"}
# the head words of an organisation's name ("the Qzorvel Brigade", "Popular Mobilisation Front")
_ORGANISATION_HEAD = re.compile(r"\b(Brigades?|Battalions?|Regiment|Front|Movement|Army|Group|Party|Union|Council|"
                                r"Committee|Militia|Organi[sz]ation|Legion|Corps|Division|Alliance|Coalition|"
                                r"Forces|Guards?|Jama'?at|Harakat|Liwa|Jaysh|Jaish|Katibat?)\b")
# sub-events whose attacker ACLED never leaves blank: unnamed means an unidentified armed group
_NEEDS_ATTACKER = {"Shelling/artillery/missile attack", "Attack", "Abduction/forced disappearance", "Sexual violence", "Remote explosive/landmine/IED",
                   "Grenade", "Suicide bomb", "Looting/property destruction", "Armed clash"}
_FORCES = {"state_forces", "police"}
# fire observed on a standing front that no one is named for: attributed across the line
_ACROSS_THE_LINE = {"Shelling/artillery/missile attack", "Armed clash", "Air/drone strike"}
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
    """The first actor named before the trigger as the initiator (the subject: "X thwarted a Y attack"),
    the first after it as the target."""
    named = resolver.find_in_text(sentence, country, day)
    if trigger is None:
        before, after = named[:1], named[1:]
    else:
        before = _first_before(named, trigger)
        after = [n for n in named if n[0] >= trigger[1]]
    if not ones and before:
        ones = [before[0][2]]
    taken = {a.actor_id for a in ones}
    if not twos:
        twos = [a for _, _, a in after if a.actor_id not in taken][:1]
    return ones, twos


def _subject_of(resolver: ActorResolver, sentence: str | None, country: str | None,
                day: dt.date | None) -> ResolvedActor | None:
    """The armed actor a sentence opens with ("On 7 May, in Itaquirai, federal police forces seized ..."),
    not one named after its verb ("Two strikes near Mosul destroyed an ISIL vehicle")."""
    for start, _, actor in resolver.find_in_text(sentence or "", country, day):
        lead = (sentence or "")[:start].rsplit(",", 1)[-1].split()
        # a generic word ("All aircraft exited ...") names no one in particular: nothing to carry over
        if actor.kind in _CROWD_KINDS or len(lead) > SUBJECT_LEAD_WORDS or _is_generic(actor):
            return None
        return actor
    return None


SUBJECT_LEAD_WORDS = 3  # words between the last comma and a sentence's subject ("the", "Federal")


def _subject(resolver: ActorResolver, sentence: str, trigger: tuple[int, int] | None, country: str | None,
             day: dt.date | None) -> str | None:
    """The words of the first actor named before the trigger (the sentence's likely subject)."""
    if trigger is None:
        return None
    first = _first_before(resolver.find_in_text(sentence, country, day), trigger)
    return sentence[first[0][0]:first[0][1]] if first else None


def _first_before(named: list[tuple[int, int, ResolvedActor]],
                  trigger: tuple[int, int]) -> list[tuple[int, int, ResolvedActor]]:
    """The first actor mention that ends before the trigger (as a list of at most one)."""
    return [n for n in named if n[1] <= trigger[0]][:1]


def _passive(sentence: str, initiator: str | None, trigger: tuple[int, int] | None) -> bool:
    """Whether the phrase read as the initiator is the subject of a passive ("3 PKK militants were
    killed ... by the Gendarmerie"): then it suffered the event."""
    if not initiator or trigger is None:
        return False
    at = sentence.rfind(initiator, 0, trigger[0])
    return at >= 0 and _PASSIVE_AUX.search(sentence[at + len(initiator):trigger[0]]) is not None


_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|got)\b")


def _agent_first(resolver: ActorResolver, sentence: str, trigger: tuple[int, int] | None,
                 ones: list[ResolvedActor], twos: list[ResolvedActor], country: str | None,
                 day: dt.date | None, passive: bool = False,
                 guessed: bool = False) -> tuple[list[ResolvedActor], list[ResolvedActor]]:
    """Who did it, when the reading by position got the victims: the agent of a passive ("shells fired
    by presumed LNA forces"), or an armed actor named before civilians read as the initiator ("GNA air
    force killed six civilians in an airstrike"). Civilians are never the attackers in violence. ``passive``:
    the initiator is the subject of a passive verb; ``guessed``: no initiator was read, the actors are the
    sentence's in order, so an explicit agent outranks them."""
    named = resolver.find_in_text(sentence, country, day)
    after = trigger[1] if trigger else 0
    agent = next((a for start, _, a in named if start >= after and a.kind not in _CROWD_KINDS
                  and _BY_BEFORE.search(sentence[after:start])), None)
    crowd_only = bool(ones) and all(a.kind in _CROWD_KINDS for a in ones)
    if agent is None and crowd_only:
        agent = next((a for _, _, a in named if a.kind not in _CROWD_KINDS), None)
    if agent is None and passive and ones:
        # "four Ukrainian soldiers were wounded": they suffered it; who did it, the text has not said
        return [], twos or ones
    if agent is None or (ones and not crowd_only and not passive and not guessed):
        return ones, twos
    rest = [a for a in twos if a.actor_id != agent.actor_id]
    sufferers = [a for a in ones if a.actor_id != agent.actor_id]
    return [agent], rest or (sufferers if crowd_only or passive else [])


_BY_BEFORE = re.compile(r"\bby\s+(?:(?:an?|the|presumed|suspected|alleged|what\s+appeared\s+to\s+be)\s+)*$")


def _named_around(resolver: ActorResolver, sentence: str, phrase: str, trigger: tuple[int, int] | None,
                  country: str | None, day: dt.date | None) -> ResolvedActor | None:
    """A named actor whose mention in the sentence covers the generic phrase read by position."""
    limit = trigger[0] if trigger else len(sentence)
    at = sentence.rfind(phrase, 0, limit)
    if at < 0:
        return None
    return next((a for start, end, a in resolver.find_in_text(sentence, country, day)
                 if start < at + len(phrase) and at < end and not _is_generic(a)), None)


def _coordinated_before(resolver: ActorResolver, sentence: str, initiator: str, trigger: tuple[int, int] | None,
                        country: str | None, day: dt.date | None) -> ResolvedActor | None:
    """The actor joined to the initiator phrase by "and" just before it ("India and [Pakistan]"), which
    the reading by position left out."""
    limit = trigger[0] if trigger else len(sentence)
    at = sentence.rfind(initiator, 0, limit)
    if at <= 0:
        return None
    for start, end, actor in resolver.find_in_text(sentence, country, day):  # the whole sentence: read once
        if end > at:
            break
        if _AND_BETWEEN.fullmatch(sentence[end:at]):
            return actor
    return None


_AND_BETWEEN = re.compile(r"\s+(?:and|&)\s+")


def _first(found: list[ResolvedActor]) -> ResolvedActor | None:
    return found[0] if found else None


def _generic(resolver: ActorResolver, phrase: str, country: str | None, day: dt.date | None) -> ResolvedActor | None:
    return resolver.resolve(phrase, country, day)


def _is_generic(a: ResolvedActor) -> bool:
    return ":" in a.actor_id or a.how == "description"


def resolve_event_actors(event_type: str, subtype: str, initiator: str | None, target: str | None,
                         country: str | None, day: dt.date | None, resolver: ActorResolver | None = None,
                         sentence: str | None = None, trigger: tuple[int, int] | None = None,
                         front: FrontSide | None = None, before: str | None = None) -> EventActors:
    """Actor1, actor2 and associated actors of one event, as ACLED would code them. ``sentence`` and
    ``trigger`` (offsets in it) let actors named elsewhere in the sentence stand in for a phrase read
    by position that names nobody; without a trigger the first two actors named are taken in order.
    ``front`` is the side of a standing front line that held the event's place: fire there that no one
    is named for came from across the line. A sentence that names no armed actor takes the subject of
    ``before`` (the text just before the sentence, within its paragraph)."""
    resolver = resolver or default_resolver()
    ones = resolver.resolve_all(initiator, country, day) if initiator else []
    twos = resolver.resolve_all(target, country, day) if target else []
    # "the Qzorvel Brigade" is identified, just not known to the KB: no generic word elsewhere in the
    # sentence stands in for it, and it is no unidentified armed group
    named_but_unknown = not ones and bool(initiator and _ORGANISATION_HEAD.search(initiator)
                                          and resolver.unknown_candidates([initiator], country, day))
    if sentence and initiator and ones and _is_generic(ones[0]):
        named = _named_around(resolver, sentence, initiator, trigger, country, day)
        if named is not None:
            ones = [named] + ones[1:]  # "two Al shabaab militants": the reading kept only "militants"
    if sentence and initiator and ones:
        partner = _coordinated_before(resolver, sentence, initiator, trigger, country, day)
        if partner is not None and partner.actor_id not in {a.actor_id for a in ones}:
            # "forces of India and Pakistan exchanged fire": the first named leads, the other faces it
            twos = twos or ones[:1]
            ones = [partner] + ones
    if sentence and (not ones or not twos):
        found_ones, twos = _from_sentence(resolver, sentence, trigger, ones, twos, country, day)
        ones = ones if named_but_unknown else found_ones
    if sentence and event_type in _VIOLENT:
        passive = _passive(sentence, initiator or _subject(resolver, sentence, trigger, country, day), trigger)
        ones, twos = _agent_first(resolver, sentence, trigger, ones, twos, country, day, passive=passive,
                                  guessed=not initiator)
    if before and event_type not in _DEMONSTRATION and all(a.kind in _CROWD_KINDS for a in ones):
        # "Federal police seized 3 tons of marijuana. Three people were arrested.": the subject of the
        # sentence before says who acted (carrying the last event's actor on instead was measured: no
        # gain on ACLED's notes, and CENTCOM's partner nations "participated" became every next strike's)
        earlier = _subject_of(resolver, before, country, day)
        if earlier is not None and all(earlier.actor_id != a.actor_id for a in twos):
            ones, twos = [earlier], twos or ones
    if country is None and event_type in _VIOLENT:
        # the document named no place we know, but its armed actors say whose war it is (a state named
        # outright is no clue: "fired towards Israel", "the US dollar")
        country = next((a.country for a in ones + twos if a.country and a.kind not in _CROWD_KINDS | {"state"}),
                       None)
        ones, twos = ([_generic(resolver, a.kind, country, day) or a if a.kind in _CROWD_KINDS else a for a in side]
                      for side in (ones, twos))
    if front is not None and not ones and not named_but_unknown and subtype in _ACROSS_THE_LINE:
        attacker, held = resolver.by_id(front.opponent, day, "front"), resolver.by_id(front.holder, day, "front")
        ones = [attacker] if attacker else []
        if subtype == "Armed clash" and held is not None and not twos:
            twos = [held]  # ACLED codes a clash's other side; shelling's target it leaves blank
    ones = [resolver.in_theatre(a, country, day) for a in ones]
    twos = [resolver.in_theatre(a, country, day) for a in twos]
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
