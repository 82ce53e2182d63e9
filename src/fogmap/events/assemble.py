"""Event records from one document's extraction: what happened, who, with what, where, when, how many.

A sentence with a conflict cue seeds an event. Its sub-type comes from the rules (events/rules.py)
over that sentence, or from the cue itself when no rule decides. A second, clearly separate rule
match in the same sentence makes a second event ("an airstrike hit X, while gunmen abducted ..."),
and a following sentence that only adds consequences ("The attack killed five.") joins the event
before it instead of starting a new one. Every field keeps the span it was read from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..actors.resolve import ActorResolver
from ..extract.casualties import fatalities_acled, fatality_range, find_casualties, injured_total
from ..extract.timex import DAY, event_date
from ..geo.fronts import FrontSide, load_front_lines
from ..kb import read_tsv
from ..records import DocumentExtraction, Event, EventArgument, EventCandidate, Place, PlaceMention, Span
from .actors import resolve_event_actors
from .location import Located, event_location
from .arguments import Mention, actor_mentions, actors_around, place_in, reporting_status, weapon_in
from .rules import NO_EVENT, Classification, RuleHit, classify, decide, rule_hits
from .taxonomy import load_taxonomy

EVENTS_STAGE = "fogmap_events_v3"
# how far back an undated event sentence looks for the day the text is telling (about two sentences)
LEAD_CHARS = 400
BACKGROUND_DAYS = 365
SECOND_EVENT_SCORE = 5.0  # a second label in one sentence must score this much to be its own event
SECOND_EVENT_GAP = 25  # ... and its words must sit this far from the first event's words
_FOLLOW_UP = re.compile(
    r"^\s*(the|that|this|these|those|it|they|he|she|its|their)\s+(\w+\s+){0,2}"
    r"(attack|attacks|blast|explosion|bombing|strike|strikes|raid|assault|shelling|clash|clashes|fighting|"
    r"violence|incident|ambush|was|were|killed|wounded|left|also|later|toll|dead|victims?|bodies)\b"
    r"|^\s*(\w+\s+){0,3}(others?|more) (were|was) (killed|wounded|injured)\b"
    # "To conduct these strikes, ...", "The UK also took part in these airstrikes": about the event before
    r"|^[^.]{0,60}\b(these|those|the same|such) (air ?)?(strikes|airstrikes|attacks|raids|operations)\b"
    r"|^\s*(the )?death toll\b", re.I)
# Background, not an event: the war's toll since 2011, a history lesson.
_BACKGROUND = re.compile(
    r"\b(since (the (start|beginning) of )?(\d{4}|the war|the conflict|the uprising)|over the (past|last) "
    r"(\w+ )?(years|decades?)|in recent years|(the|a) (war|conflict|civil war|insurgency) (that|which) has)\b", re.I)


# Strike releases say "one strike near Kobani destroyed a checkpoint": in a report about an air war a
# bare "strike" is an airstrike, whatever it destroyed.
_AIR_CONTEXT = re.compile(r"\b(air ?strikes?|airstrikes?|aircraft|warplanes?|fighter jets?|bombers?|drone strikes?|"
                          r"air force|air campaign)\b", re.I)
_BARE_STRIKE = re.compile(r"\bstrikes?\b(?! (action|areas?|zones?|package|by (workers|teachers|drivers)))", re.I)
_NOT_A_STRIKE = {NO_EVENT, "PROPERTY_DISTRUCT", "DISR_WEAP", "CHANGE_TO_GROUP_ACT", "ARMED_CLASH"}


# Non-event labels that name another cause of harm. The other two (DIPLO, ATTRIB: a condemnation, a
# claim of responsibility) talk *about* a conflict event, so a cue beside them still makes one.
_OTHER_HARM = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME"})


@dataclass(frozen=True)
class _Seed:
    start: int  # sentence span in the document
    end: int
    candidates: tuple[EventCandidate, ...]
    label: str
    classification: Classification
    anchor: int  # where in the document the deciding words sit


@lru_cache(maxsize=1)
def _fallbacks() -> dict[str, str]:
    return {row["cue_class"]: row["code"] for row in read_tsv("cue_fallbacks.tsv")}


def event_id(doc_id: str, start: int, code: str) -> str:
    return hashlib.sha1(f"{doc_id}:{start}:{code}:{EVENTS_STAGE}".encode()).hexdigest()[:20]


def _seeds(text: str, ex: DocumentExtraction) -> list[_Seed]:
    by_sentence: dict[tuple[int, int], list[EventCandidate]] = {}
    for c in ex.candidates:
        by_sentence.setdefault((c.sentence.start, c.sentence.end), []).append(c)
    events = frozenset(load_taxonomy().event_codes)
    air_war = _AIR_CONTEXT.search(text) is not None
    seeds = []
    for (start, end), cands in sorted(by_sentence.items()):
        sentence = text[start:end]
        if _BACKGROUND.search(sentence):
            continue
        hits = rule_hits(sentence)
        if decide(hits).label in _OTHER_HARM:
            continue  # an earthquake, a crash, a drug seizure: deaths and arrests, but no conflict event
        found = decide(hits, events)
        label = found.label
        if air_war and label in _NOT_A_STRIKE and _BARE_STRIKE.search(sentence):
            label = "AIR_STRIKE"
        elif label == NO_EVENT:
            label = _fallbacks().get(cands[0].cue_class, "ARMED_CLASH")
        anchor = start + (found.hits[0].start if found.hits else cands[0].trigger.start - start)
        seeds.append(_Seed(start, end, tuple(cands), label, found, anchor))
        second = _second_event(hits, found, events)
        if second is not None:
            seeds.append(_Seed(start, end, tuple(cands), second.label, second, start + second.hits[0].start))
    return seeds


_FORCE_TYPES = {"Explosions/Remote violence", "Battles"}


def _second_event(hits: list[RuleHit], first: Classification, events: frozenset[str]) -> Classification | None:
    if not first.hits:
        return None
    other = decide(hits, events - {first.label})
    if other.label == NO_EVENT or other.score < SECOND_EVENT_SCORE:
        return None
    taken = [(h.start, h.end) for h in first.hits]
    far = all(abs(h.start - s) >= SECOND_EVENT_GAP and abs(h.start - e) >= SECOND_EVENT_GAP
              for h in other.hits for s, e in taken)
    taxonomy = load_taxonomy()
    first_type = taxonomy.by_code(first.label).event_type
    same_family = taxonomy.by_code(other.label).event_type == first_type
    # what a strike or a battle destroyed is its consequence, not a second event
    consequence = other.label == "PROPERTY_DISTRUCT" and first_type in _FORCE_TYPES
    return other if far and not same_family and not consequence else None


def _groups(text: str, seeds: list[_Seed]) -> list[list[_Seed]]:
    """Seeds joined into events: a follow-up sentence joins the event before it."""
    groups: list[list[_Seed]] = []
    for seed in seeds:
        if groups and _escalates(groups[-1][0], seed) and seed.start - groups[-1][-1].end < 400:
            groups[-1].insert(0, seed)  # the escalation decides the sub-type: ACLED codes one event
            continue
        # a sentence no rule recognises ("as warplanes circled overhead") adds to the event before it
        # (unless it is denied or conditional: that must stay an event of its own, with its status)
        unrecognised = not seed.classification.hits and all(c.modality == "asserted" for c in seed.candidates)
        if groups and groups[-1][-1].start != seed.start and seed.start - groups[-1][-1].end < 400 \
                and (unrecognised or _FOLLOW_UP.search(text[seed.start:seed.end])):
            groups[-1].append(seed)
        else:
            groups.append([seed])
    return groups


_DEMONSTRATIONS = {"Protests", "Riots"}


def _escalates(first: _Seed, seed: _Seed) -> bool:
    """A peaceful protest followed by what the police or the crowd did next is one event."""
    taxonomy = load_taxonomy()
    return first.label == "PEACE_PROTEST" and seed.label != "PEACE_PROTEST" and first.start != seed.start \
        and taxonomy.by_code(seed.label).event_type in _DEMONSTRATIONS


def _modality(group: list[_Seed]) -> str:
    """The deciding sentence's modality: the strongest of the cues near the deciding words, because a
    denial or a condition usually governs only one of them ("denied that its warplanes struck")."""
    first = group[0]
    near = [c for c in first.candidates if abs(c.trigger.start - first.anchor) < 60] or list(first.candidates)
    kinds = {c.modality for c in near}
    for kind in ("negated", "hypothetical", "planned"):
        if kind in kinds:
            return kind
    return "asserted"


def _arg(role: str, doc_id: str, offset: int, m: Mention | None) -> EventArgument | None:
    if m is None:
        return None
    return EventArgument(role, Span(doc_id, offset + m.start, offset + m.end), m.text)


def build_event(doc_id: str, text: str, published: dt.date | None, group: list[_Seed],
                entities: list[tuple[int, int, str, str]], country: str | None,
                mentions: Sequence[PlaceMention] = (), places: dict[str, Place] | None = None,
                focus: str | None = None, resolver: ActorResolver | None = None) -> Event:
    taxonomy = load_taxonomy()
    first = group[0]
    kind = taxonomy.by_code(first.label)
    start, end = min(s.start for s in group), max(s.end for s in group)
    sentence = text[first.start:first.end]
    local = [(s - first.start, e - first.start, label, t) for s, e, label, t in entities
             if s >= first.start and e <= first.end]
    trigger = min(first.candidates, key=lambda c: abs(c.trigger.start - first.anchor)).trigger
    initiator, target = actors_around(sentence, trigger.start - first.start, trigger.end - first.start,
                                      actor_mentions(sentence, local))
    span_text = text[start:end]
    in_sentence = event_date(sentence, published)
    when = in_sentence or event_date(span_text, published)
    time_offset = first.start if in_sentence else start
    if when is None:
        # "On 8 May, police raided a lab. A man was arrested.": an undated sentence goes on telling the
        # day the text just named (a day only: a year or a month further back is background)
        lead = max(0, first.start - LEAD_CHARS)
        earlier = event_date(text[lead:first.start], published)
        if earlier is not None and earlier.precision == DAY:
            when, time_offset = earlier, lead
    weapon = weapon_in(sentence)
    located = event_location(text, (first.start, first.end), trigger.start, mentions, places or {}, focus)
    place = place_in(sentence, local)
    if located is not None:
        country = located.place.country or country
    low, best, high = fatality_range(span_text)
    hurt = injured_total(span_text)
    status = _modality(group)
    if status == "asserted":
        status = reporting_status(sentence)
    args = [
        EventArgument("sentence", Span(doc_id, s.start, s.end), text[s.start:s.end])
        for s in sorted(group, key=lambda s: s.start)
    ] + [EventArgument("trigger", trigger, text[trigger.start:trigger.end])]
    args += [a for a in (
        _arg("actor1", doc_id, first.start, initiator), _arg("actor2", doc_id, first.start, target),
        _arg("weapon", doc_id, first.start, weapon),
        EventArgument("place", located.mention.span, located.mention.text) if located is not None
        else _arg("place", doc_id, first.start, place),
    ) if a is not None]
    if when is not None:
        args.append(EventArgument("time", Span(doc_id, time_offset + when.start, time_offset + when.end), when.text))
    for c in find_casualties(span_text):
        args.append(EventArgument("fatalities" if c.kind == "killed" else "injured",
                                  Span(doc_id, start + c.start, start + c.end), c.text))
    date_start, date_end, precision = _dates(when, published)
    front = _front_side(text, (first.start, first.end), located, place, mentions, country, date_start)
    if front is not None and country is None:
        country = front.country
    actors = resolve_event_actors(kind.event_type, kind.sub_event_type, initiator.text if initiator else None,
                                  target.text if target else None, country, date_start, resolver=resolver,
                                  sentence=sentence, trigger=(trigger.start - first.start, trigger.end - first.start),
                                  front=front, before=_sentence_before(text, first.start))
    if country is None:  # no place known, but the armed actors say whose war it is
        country = next((a.country for a in (actors.actor1, actors.actor2) if a is not None and a.country
                        and a.kind not in ("protesters", "rioters", "civilians", "state")), None)
    return Event(
        id=event_id(doc_id, first.start, first.label), type=kind.event_type, subtype=kind.sub_event_type,
        date_start=date_start, date_end=date_end, time_precision=precision, status=status,
        spans=tuple(Span(doc_id, s.start, s.end) for s in sorted(group, key=lambda s: s.start)),
        confidence=_confidence(first.classification),
        actor1=initiator.text if initiator else None, actor2=target.text if target else None,
        weapon=weapon.text if weapon else None,
        fatalities_low=low, fatalities_best=best, fatalities_high=high, injured=hurt,
        code=first.label, arguments=tuple(args), country=country, stage=EVENTS_STAGE,
        place_mention=located.mention if located is not None else None,
        assoc_actors=tuple(a.acled_name or a.name for a in actors.assoc1 + actors.assoc2),
        actor1_id=actors.actor1.actor_id if actors.actor1 else None,
        actor1_acled=actors.actor1.acled_name if actors.actor1 else None,
        actor2_id=actors.actor2.actor_id if actors.actor2 else None,
        actor2_acled=actors.actor2.acled_name if actors.actor2 else None,
    )


def _sentence_before(text: str, start: int) -> str:
    """The sentence (roughly) before ``start``: the text back to the previous full stop but one."""
    own = text[start:]
    if "\n" in own[:len(own) - len(own.lstrip())]:
        return ""  # the sentence opens a paragraph (its span may begin with the line break)
    window = text[max(0, start - LEAD_CHARS):start]
    window = window.rsplit("\n", 1)[1].rstrip() if "\n" in window else window.rstrip()  # not across a paragraph
    cut = window.rfind(". ", 0, max(0, len(window) - 1))
    return window[cut + 2:] if cut >= 0 else window


def _front_side(text: str, sentence: tuple[int, int], located: Located | None, place: Mention | None,
                mentions: Sequence[PlaceMention], country: str | None, day: dt.date | None) -> FrontSide | None:
    """The side of a standing front line (kb/front_lines.tsv) that held where the event happened: by the
    resolved place, else by a front village the sentence names that the geoparser could not place."""
    if day is None:
        return None
    names = [located.place.name, located.mention.text] if located is not None else []
    names += [m.text for m in mentions if sentence[0] <= m.span.start < sentence[1]]
    names += [place.text] if place is not None else []
    at = located.place if located is not None else None
    country = (at.country if at else None) or country
    fronts = load_front_lines()
    return fronts.side_at(at.lat if at else None, at.lon if at else None, country, day, tuple(dict.fromkeys(names))) \
        or fronts.side_in_text(text[sentence[0]:sentence[1]], country, day)


def _dates(when, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, int]:
    if when is not None:
        return when.earliest, when.latest, when.precision
    # Nothing in the text dates it: news reports what happened lately, so the report's date stands in,
    # a week wide, as ACLED codes an event known only "as reported".
    if published is not None:
        return published - dt.timedelta(days=6), published, 2
    return None, None, 3


def _background(event: Event, published: dt.date | None) -> bool:
    """An event dated more than a year before the report is history the report recalls, not news."""
    return published is not None and event.date_end is not None and \
        (published - event.date_end).days > BACKGROUND_DAYS


def _confidence(found: Classification) -> float:
    return found.confidence if found.hits else 0.2


def events_for(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
               resolver: ActorResolver | None = None) -> tuple[Event, ...]:
    """Every event the document reports, happened or not (``Event.status`` says which); actors are
    resolved with ``resolver`` (default: the shipped actor KB's)."""
    entities = [(e.span.start, e.span.end, e.label, e.text) for e in ex.entities]
    country_of = {(c.sentence.start, c.sentence.end): c.country for c in ex.candidates}
    seeds = _seeds(text, ex)
    places = {p.id: p for p in ex.places}
    built = [build_event(doc_id, text, published, group, entities,
                         country_of.get((group[0].start, group[0].end)) or ex.country_focus,
                         ex.place_mentions, places, ex.country_focus, resolver)
             for group in _groups(text, seeds)]
    unique: dict[str, Event] = {}
    for event in built:
        if not _background(event, published):
            unique.setdefault(event.id, event)
    return tuple(unique.values())


@dataclass(frozen=True)
class CodedText:
    """A whole text coded as one event, the way an ACLED note or a CASE snippet is labelled."""

    code: str
    event_type: str
    sub_event_type: str
    fatalities: int
    date_start: dt.date | None
    date_end: dt.date | None
    time_precision: int | None
    classification: Classification


def code_text(text: str, published: dt.date | None = None, *, as_event: bool = True,
              model=None) -> CodedText:
    """One label for the whole of ``text``; ``as_event`` says the text is known to report an event
    (so the labels for non-events do not compete), ``model`` replaces the rules' choice of label."""
    taxonomy = load_taxonomy()
    labels = frozenset(taxonomy.event_codes) if as_event else None
    found = classify(text, labels=labels)
    code = model.predict([text])[0] if model is not None else found.label
    if code == NO_EVENT:
        code = "OTHER" if as_event else code
    kind = taxonomy.by_code(code) if code != NO_EVENT else None
    when = event_date(text, published)
    return CodedText(
        code=code, event_type=kind.event_type if kind else "", sub_event_type=kind.sub_event_type if kind else "",
        fatalities=fatalities_acled(text),
        date_start=when.earliest if when else None, date_end=when.latest if when else None,
        time_precision=when.precision if when else None, classification=found,
    )
