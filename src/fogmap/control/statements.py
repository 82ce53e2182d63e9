"""Control statements: "X captured Y", "Y remains under X's control", "X was driven out of Y".

A sentence is read with its actor phrases and place mentions masked ("Kurdish-led forces captured
the town of Manbij" becomes "ACTOR captured PLACE"), so the patterns in kb/control_patterns.tsv stay
short and readable and never have to know what an actor or a place looks like. Sentences without a
control word are skipped before any masking. A statement that is negated, wished or planned ("failed
to capture", "aims to retake") says nothing about who holds the place and yields no assertion; an
attributed one ("rebels said they had captured") keeps a lower confidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from ..actors.relations import actor_phrases, sentence_countries, sentence_entities
from ..actors.resolve import ActorResolver, default_resolver
from ..extract.masking import (ACTOR, PLACE, compile_pattern, is_place_name, mask, names_of_places,
                              stated_confidence, unasserted)
from ..extract.timex import event_date
from ..kb import read_tsv
from ..records import ControlAssertion, DocumentExtraction, Event, PlaceMention, Span

CONTROL_STAGE = "fogmap_control_v2"
_GATE = re.compile(
    r"\b(captur|seiz|took|taken|retak|retook|recaptur|overr[au]n|liberat|regain|wrest|enter|storm|swept|push|advanc|"
    r"fell|fallen|control|hold|held|occup|run|ran|driven|forced|expel|oust|rout|kicked|chased|flushed|"
    r"withdr|retreat|pulled|evacuat|fled|abandon|lost|ceded|handed|pockets|fight|battle|struggle|clashes|contested)",
    re.I)
_COMPOUND_ACTOR = re.compile(r"\b([A-Za-z]+)(?=-(?:held|controlled|run|occupied)\b)")


@dataclass(frozen=True)
class _Pattern:
    status: str
    confidence: float
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def control_patterns() -> tuple[_Pattern, ...]:
    return tuple(_Pattern(row["status"], float(row["confidence"]), compile_pattern(row["pattern"]))
                 for row in read_tsv("control_patterns.tsv"))


def _assertion_id(doc_id: str, start: int, status: str, place: tuple[int, int]) -> str:
    key = f"{doc_id}:{start}:{status}:{place[0]}:{CONTROL_STAGE}".encode()
    return hashlib.sha1(key).hexdigest()[:20]


def sentence_statements(sentence: str, actors: list[tuple[int, int]], places: list[tuple[int, int]]
                        ) -> list[tuple[str, float, tuple[int, int] | None, tuple[int, int]]]:
    """(status, confidence, actor span or None, place span) for each control statement in one sentence;
    spans are offsets into `sentence`. "Fighting for control of X" names no actor."""
    if not places or not _GATE.search(sentence):
        return []
    masked = mask(sentence, actors, places)
    found, seen = [], set()
    for pattern in control_patterns():
        for m in pattern.regex.finditer(masked.text):
            if unasserted(masked, m.start(), m.end()):
                continue
            place = next(iter(masked.spans(PLACE, m.start(), m.end())), None)
            actor = next(iter(masked.spans(ACTOR, m.start(), m.end())), None)
            if place is None or (actor is None and pattern.status != "contested") or place in seen:
                continue
            seen.add(place)
            found.append((pattern.status, stated_confidence(pattern.confidence, sentence), actor, place))
    return found


def _actor_spans(sentence: str, entities: list[tuple[int, int, str, str]], resolver: ActorResolver,
                 country: str | None, day: dt.date | None) -> list[tuple[int, int]]:
    spans = actor_phrases(sentence, entities, resolver, country, day)
    spans += [(m.start(1), m.end(1)) for m in _COMPOUND_ACTOR.finditer(sentence)]
    return spans


# Sub-events that change who holds a place (kb/event_taxonomy.tsv): their actor1 takes the event's place
TERRITORY_CODES = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"})
EVENT_CONFIDENCE = 0.6  # a capture read off an event record, less direct than a sentence saying so


def _from_events(events: tuple[Event, ...], statements: list[ControlAssertion]) -> list[ControlAssertion]:
    """A territory-changing event whose words no control statement already read: its actor1 took its place."""
    stated = {(c.spans[0].start, c.place_id) for c in statements}
    out = []
    for e in events:
        m = e.place_mention
        if e.code not in TERRITORY_CODES or not e.actor1 or m is None or e.status not in ("asserted", "reported"):
            continue
        if (e.spans[0].start, m.place_id) in stated:
            continue
        actor = next((a.span for a in e.arguments if a.role == "actor1"), None)
        out.append(ControlAssertion(
            id=_assertion_id(m.span.doc_id, e.spans[0].start, "captured", (m.span.start, m.span.end)),
            actor=e.actor1, place=m.text, status="captured", confidence=EVENT_CONFIDENCE,
            spans=(e.spans[0], *((actor,) if actor else ()), m.span), date=e.date_start,
            place_id=m.place_id, actor_id=e.actor1_id, stage=CONTROL_STAGE))
    return out


def control_for(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
                events: tuple[Event, ...] = (), resolver: ActorResolver | None = None) -> tuple[ControlAssertion, ...]:
    """Every control statement in the document, dated by its sentence (else the publication date), and
    the captures its territory-changing events imply; actors are resolved with ``resolver`` (default:
    the shipped actor KB's)."""
    places = [m for m in ex.place_mentions if m.relation != "demonym"]
    countries = {p.id: p.country for p in ex.places}
    place_names = names_of_places(ex)
    resolver = resolver or default_resolver()
    out: list[ControlAssertion] = []
    for s in ex.sentences:
        local_places = [m for m in places if s.start <= m.span.start and m.span.end <= s.end]
        sentence = text[s.start:s.end]
        if not local_places or not _GATE.search(sentence):
            continue
        entities = sentence_entities(ex, s.start, s.end)
        by_span = {(m.span.start - s.start, m.span.end - s.start): m for m in local_places}
        country = sentence_countries(ex, s.start, s.end)[0]
        actors = [a for a in _actor_spans(sentence, entities, resolver, country, published)
                  if not is_place_name(sentence[a[0]:a[1]], place_names)]
        for status, confidence, actor, place in sentence_statements(sentence, actors, list(by_span)):
            mention: PlaceMention = by_span[place]
            when = event_date(sentence, published)
            day = when.earliest if when else published
            who = sentence[actor[0]:actor[1]] if actor else ""
            resolved = resolver.resolve(who, countries.get(mention.place_id) or ex.country_focus, day) if who else None
            spans = [Span(doc_id, s.start, s.end)]
            if actor is not None:
                spans.append(Span(doc_id, s.start + actor[0], s.start + actor[1]))
            spans.append(mention.span)
            out.append(ControlAssertion(
                id=_assertion_id(doc_id, s.start, status, place), status=status, confidence=confidence,
                actor=who, place=mention.text, spans=tuple(spans), date=day, place_id=mention.place_id,
                actor_id=resolved.actor_id if resolved else None, stage=CONTROL_STAGE,
            ))
    return tuple(out + _from_events(events, out))
