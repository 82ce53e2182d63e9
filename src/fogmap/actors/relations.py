"""Relations between actors with dates and provenance: who backs, is allied with, fights or
negotiates with whom — from what the text says ("US-backed Kurdish forces", "talks between the
government and the rebels") and from the event record (the two sides of an armed clash were hostile
that day). Patterns live in kb/relation_patterns.tsv and run on the masked sentence
(extract/masking.py); a negated, wished or planned statement yields nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from ..events.arguments import actor_mentions
from ..extract.masking import (ACTOR, compile_pattern, is_place_name, mask, names_of_places, stated_confidence,
                              unasserted)
from ..extract.timex import event_date
from ..kb import read_tsv
from ..records import DocumentExtraction, Event, Relation, Span
from .resolve import default_resolver

RELATIONS_STAGE = "fogmap_relations_v1"
KINDS = ("backs", "allied", "hostile", "negotiates")
# Events whose two sides fought each other (ACLED battles; a violent clash of two armed parties)
HOSTILE_EVENT_TYPES = frozenset({"Battles"})
_GATE = re.compile(r"(backed|support|sponsor|fund|arm|train|equip|suppl|allie|ally|aligned|joined forces|teamed|"
                   r"sided|merged|alongside|affiliat|linked|alliance|partner|fought|fight|clash|battl|war|enem|"
                   r"rival|foe|hostilit|confrontation|negotiat|talks|truce|ceasefire|cease-fire|deal|agreement|accord)",
                   re.I)
_COMPOUND = re.compile(r"\b([A-Z][\w.]*)(?=-(?:backed|supported|sponsored|funded|armed|trained|equipped|allied|"
                       r"aligned|affiliated|linked)\b)")


@dataclass(frozen=True)
class _Pattern:
    kind: str
    forward: bool  # the first actor of the match is actor_a
    confidence: float
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def relation_patterns() -> tuple[_Pattern, ...]:
    return tuple(_Pattern(row["kind"], row["order"] == "ab", float(row["confidence"]), compile_pattern(row["pattern"]))
                 for row in read_tsv("relation_patterns.tsv"))


@dataclass(frozen=True)
class Stated:
    kind: str
    actor_a: tuple[int, int]
    actor_b: tuple[int, int]
    confidence: float


def sentence_relations(sentence: str, actors: list[tuple[int, int]]) -> list[Stated]:
    """The relations one sentence states between its actor phrases (spans are offsets into it)."""
    if len(actors) < 2 or not _GATE.search(sentence):
        return []
    masked = mask(sentence, actors)
    found: list[Stated] = []
    seen = set()
    for pattern in relation_patterns():
        for m in pattern.regex.finditer(masked.text):
            if unasserted(masked, m.start(), m.end()):
                continue
            pair = masked.spans(ACTOR, m.start(), m.end())
            if len(pair) < 2:
                continue
            a, b = (pair[0], pair[-1]) if pattern.forward else (pair[-1], pair[0])
            key = (pattern.kind, a, b)
            if key in seen or a == b:
                continue
            seen.add(key)
            found.append(Stated(pattern.kind, a, b, stated_confidence(pattern.confidence, sentence)))
    return found


def _split_compounds(sentence: str, actors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "US-backed Kurdish forces" is two actors, the backer and the backed: split a phrase that starts
    with such a compound, and add the compound's first word as an actor of its own."""
    out = list(actors)
    for m in _COMPOUND.finditer(sentence):
        after = sentence.find(" ", m.end(1))
        out = [(after + 1, e) if s <= m.start(1) and e > after > 0 else (s, e) for s, e in out]
        out.append((m.start(1), m.end(1)))
    return out


def _relation_id(doc_id: str, kind: str, a: int, b: int, source: str) -> str:
    return hashlib.sha1(f"{doc_id}:{kind}:{a}:{b}:{source}:{RELATIONS_STAGE}".encode()).hexdigest()[:20]


def relations_for(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
                  events: tuple[Event, ...] = ()) -> tuple[Relation, ...]:
    """Relations the document states, and hostility between the two sides of each battle it reports."""
    out: list[Relation] = []
    resolver = default_resolver()
    place_names = names_of_places(ex)
    for s in ex.sentences:
        sentence = text[s.start:s.end]
        if not _GATE.search(sentence):
            continue
        entities = [(e.span.start - s.start, e.span.end - s.start, e.label, e.text) for e in ex.entities
                    if s.start <= e.span.start and e.span.end <= s.end]
        actors = [a for a in _split_compounds(sentence, [(m.start, m.end) for m in actor_mentions(sentence, entities)])
                  if not is_place_name(sentence[a[0]:a[1]], place_names)]
        for stated in sentence_relations(sentence, actors):
            when = event_date(sentence, published)
            day = when.earliest if when else published
            a, b = stated.actor_a, stated.actor_b
            words_a, words_b = sentence[a[0]:a[1]], sentence[b[0]:b[1]]
            ra, rb = (resolver.resolve(w, ex.country_focus, day) for w in (words_a, words_b))
            out.append(Relation(
                actor_a=words_a, kind=stated.kind, actor_b=words_b,
                actor_a_id=ra.actor_id if ra else None, actor_b_id=rb.actor_id if rb else None,
                date_start=day, date_end=when.latest if when else published,
                spans=(Span(doc_id, s.start, s.end), Span(doc_id, s.start + a[0], s.start + a[1]),
                       Span(doc_id, s.start + b[0], s.start + b[1])),
                id=_relation_id(doc_id, stated.kind, s.start + a[0], s.start + b[0], "text"),
                confidence=stated.confidence, source="text", stage=RELATIONS_STAGE,
            ))
    for event in events:
        if event.type in HOSTILE_EVENT_TYPES and event.actor1 and event.actor2 and event.status in (
                "asserted", "reported") and event.actor1.lower() != event.actor2.lower():
            args = {a.role: a.span for a in event.arguments}
            if "actor1" not in args or "actor2" not in args:
                continue
            out.append(Relation(
                actor_a=event.actor1, kind="hostile", actor_b=event.actor2, date_start=event.date_start,
                actor_a_id=event.actor1_id, actor_b_id=event.actor2_id,
                date_end=event.date_end, spans=(event.spans[0], args["actor1"], args["actor2"]),
                id=_relation_id(doc_id, "hostile", args["actor1"].start, args["actor2"].start, "event"),
                confidence=round(0.6 * event.confidence + 0.2, 3), source="event", stage=RELATIONS_STAGE,
            ))
    return tuple(out)
