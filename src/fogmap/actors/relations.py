"""Relations between actors with dates and provenance: who backs, is allied with, fights or
negotiates with whom — from what the text says ("US-backed Kurdish forces", "talks between the
government and the rebels") and from the event record (the two sides of an armed clash were hostile
that day). Patterns live in kb/relation_patterns.tsv and run on the masked sentence
(extract/masking.py); a negated, wished or planned statement yields nothing. A battle read off a
sentence that itself says the two sides are allies ("Wagner fought alongside Haftar's forces"), or whose
"side" is only a town the document names, is no hostility.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..events.arguments import actor_mentions
from ..extract.masking import (ACTOR, compile_pattern, is_place_name, mask, names_of_places, stated_confidence,
                              unasserted)
from ..extract.timex import event_date
from ..kb import read_tsv
from ..records import DocumentExtraction, Event, Relation, Sentence, Span
from .resolve import ActorResolver, ResolvedActor, default_resolver

RELATIONS_STAGE = "fogmap_relations_v2"
KINDS = ("backs", "allied", "hostile", "negotiates")
# Events whose two sides fought each other (ACLED battles; a violent clash of two armed parties)
HOSTILE_EVENT_TYPES = frozenset({"Battles"})
# Words without which no pattern of kb/relation_patterns.tsv can match: a sentence without one is skipped
# before its actor phrases are looked up ("arm" is not "army", "accord" is not "according to")
_GATE = re.compile(r"\b(backed|backs|support|sponsor|fund(?:s|ed|ing)\b|arm(?:s|ed|ing)\b|train(?:s|ed|ing)\b|equip|"
                   r"suppl|allie|ally|aligned|joined forces|teamed|sided|merged|alongside|affiliat|linked|alliance|"
                   r"partner|fought|fight|clash|battl|war\b|waging|waged|enem|rival|foe|hostilit|confrontation|"
                   r"negotiat|talk|truce|ceasefire|cease-fire|deal\b|agree|accord\b)", re.I)
_COMPOUND = re.compile(r"\b([A-Z][\w.]*)(?=-(?:backed|supported|sponsored|funded|armed|trained|equipped|allied|"
                       r"aligned|affiliated|linked)\b)")
# An office between a party's name and a person's ("Turkish President Recep Tayyip Erdogan", "Kremlin
# spokesman Dmitry Peskov"): one person, who acts for the party, not two actors side by side.
_TITLE = re.compile(r"\s+(?:(?:prime|foreign|defen[cs]e|interior|deputy|chief|senior|military|army|top)\s+)?"
                    r"(?:president|minister|spokes(?:man|woman|person)|leader|commander|envoy|negotiator|king|emir|"
                    r"crown prince|chief|general|official)\s+", re.I)
# Between "X-backed" and the backed party's words, at most one word of description ("southern")
_BACKED_GAP = re.compile(r" (?:[\w-]+ )?")
# How the KB reads a generic word ("officials", "positions", "people"): the phrases read by position
# already cover the generic actors that matter, and such a word alone is more often no party at all
_GENERIC = frozenset({"description"})
# Stated relations that put two parties on one side: the same sentence's "fought" is then no clash between them
_SAME_SIDE = frozenset({"allied", "backs"})


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


def actor_phrases(sentence: str, entities: list[tuple[int, int, str, str]], resolver: ActorResolver,
                  country: str | None = None, day: dt.date | None = None) -> list[tuple[int, int]]:
    """The phrases of one sentence that name a party, as (start, end) in it: those read by position
    (events/arguments.py) widened to the actor names the knowledge base finds in the sentence (the
    tagger may see "Tahrir al-Sham's" in "Hayat Tahrir al-Sham's", or "Wagner" in "Wagner mercenaries"),
    with a person's office joined to the person ("Turkish President Recep Tayyip Erdogan")."""
    spans = sorted({(m.start, m.end) for m in actor_mentions(sentence, entities)}
                   | set(_named_in(resolver, sentence, country, day)))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and (s < merged[-1][1] or _TITLE.fullmatch(sentence[merged[-1][1]:s])):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


@lru_cache(maxsize=64)
def _named_in(resolver: ActorResolver, sentence: str, country: str | None, day: dt.date | None
              ) -> tuple[tuple[int, int], ...]:
    """The spans of the actor names the KB finds in a sentence; kept for a while, since the control and
    the relations stage read the same sentences of a document one after the other."""
    named = resolver.find_in_text(sentence, country, day)
    return tuple((s, e) for s, e, actor in named
                 # a lower-case function word names no one, whatever alias it spells ("had", "HaD")
                 if actor.how not in _GENERIC and sentence[s:e] not in STOP_WORDS)


Cut = dict[tuple[int, int], tuple[tuple[int, int], tuple[int, int]]]  # backed phrase -> (whole phrase, backer)


def _split_compounds(sentence: str, actors: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], Cut]:
    """ "US-backed Kurdish forces" is two actors, the backer and the backed: split a phrase that starts
    with such a compound, and add the compound's first word as an actor of its own. Also returns, for
    each backed phrase so cut, the whole phrase ("Iran-backed Houthis" is a name the KB may know) and
    the backer's words."""
    out = list(actors)
    whole: Cut = {}
    for m in _COMPOUND.finditer(sentence):
        after = sentence.find(" ", m.end(1))
        backer = (m.start(1), m.end(1))
        cut = []
        for s, e in out:
            if s <= m.start(1) and e > after > 0:
                whole[(after + 1, e)] = ((m.start(1), e), backer)
                cut.append((after + 1, e))
            else:
                if after > 0 and _BACKED_GAP.fullmatch(sentence[after:s]):  # "UAE-backed southern separatists"
                    whole[(s, e)] = ((m.start(1), e), backer)
                cut.append((s, e))
        out = cut + [backer]
    return out, whole


def sentence_entities(ex: DocumentExtraction, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """The entity mentions inside text[start:end] as (start, end, label, words), offsets from ``start``:
    how the sentence-reading stages (relations, control, claims) take them."""
    return [(e.span.start - start, e.span.end - start, e.label, e.text) for e in ex.entities
            if start <= e.span.start and e.span.end <= end]


def gated_sentences(text: str, ex: DocumentExtraction, gate: re.Pattern[str]
                    ) -> Iterator[tuple[Sentence, str, list[tuple[int, int, str, str]], list[str | None]]]:
    """The document's sentences a cheap ``gate`` lets through, each with its words, its entities and
    its countries (what every per-sentence reader of relations, control and claims starts from)."""
    for s in ex.sentences:
        sentence = text[s.start:s.end]
        if gate.search(sentence):
            yield s, sentence, sentence_entities(ex, s.start, s.end), sentence_countries(ex, s.start, s.end)


def sentence_countries(ex: DocumentExtraction, start: int, end: int) -> list[str | None]:
    """Where a sentence's descriptions ("government forces", "Kurdish fighters") are read, in order: the
    document's focus, then the countries of the towns and areas the sentence names (a country named in
    it is as often a party, "brokered by Russia", or a source's home, "the Britain-based monitor"), then
    no country."""
    countries = {p.id: p.country for p in ex.places if p.feature != "A.PCLI"}
    named = [countries.get(m.place_id) for m in ex.place_mentions
             if m.relation != "demonym" and start <= m.span.start and m.span.end <= end]
    return list(dict.fromkeys([c for c in (ex.country_focus, *named) if c] + [None]))


def _resolve_side(resolver: ActorResolver, sentence: str, side: tuple[int, int],
                  whole: Cut, countries: list[str | None], day: dt.date | None) -> ResolvedActor | None:
    """One side of a relation: a phrase cut out of "X-backed ..." is read whole first, as long as that
    does not name the backer."""
    words = sentence[side[0]:side[1]]
    if side not in whole:
        return _resolve(resolver, [words], countries, day)
    phrase, backer = whole[side]
    backer_actor = _resolve(resolver, [sentence[backer[0]:backer[1]]], countries, day)
    return _resolve(resolver, [sentence[phrase[0]:phrase[1]], words], countries, day,
                    not_this=backer_actor.actor_id if backer_actor else None)


def _resolve(resolver: ActorResolver, words: list[str], countries: list[str | None], day: dt.date | None,
             not_this: str | None = None) -> ResolvedActor | None:
    """The first of `words` (the phrase, then wider or narrower readings of it) that names an actor in
    the first country that knows one; `not_this` is an actor the phrase must not be read as (the backer
    inside "US-backed forces")."""
    for text in words:
        for country in countries:
            found = resolver.resolve(text, country, day)
            if found is not None and found.actor_id != not_this:
                return found
    return None


def _relation_id(doc_id: str, kind: str, a: int, b: int, source: str) -> str:
    return hashlib.sha1(f"{doc_id}:{kind}:{a}:{b}:{source}:{RELATIONS_STAGE}".encode()).hexdigest()[:20]


def relations_for(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
                  events: tuple[Event, ...] = (), resolver: ActorResolver | None = None) -> tuple[Relation, ...]:
    """Relations the document states, and hostility between the two sides of each battle it reports;
    actors are resolved with ``resolver`` (default: the shipped actor KB's)."""
    out = _stated_relations(doc_id, text, published, ex, resolver or default_resolver())
    place_names = names_of_places(ex)
    same_side = {(r.spans[0].start, _pair(r.actor_a, r.actor_a_id, r.actor_b, r.actor_b_id))
                 for r in out if r.kind in _SAME_SIDE}
    for event in events:
        if event.type in HOSTILE_EVENT_TYPES and event.actor1 and event.actor2 and event.status in (
                "asserted", "reported") and event.actor1.lower() != event.actor2.lower():
            args = {a.role: a.span for a in event.arguments}
            if "actor1" not in args or "actor2" not in args:
                continue
            # "Wagner fought alongside Haftar's forces" is read as a battle by the events stage; "the army
            # retook Palmyra" may give the town as a side: neither is two parties fighting each other
            if any(is_place_name(words, place_names) for words in (event.actor1, event.actor2)):
                continue
            if (event.spans[0].start, _pair(event.actor1, event.actor1_id, event.actor2, event.actor2_id)) in same_side:
                continue
            out.append(Relation(
                actor_a=event.actor1, kind="hostile", actor_b=event.actor2, date_start=event.date_start,
                actor_a_id=event.actor1_id, actor_b_id=event.actor2_id,
                date_end=event.date_end, spans=(event.spans[0], args["actor1"], args["actor2"]),
                id=_relation_id(doc_id, "hostile", args["actor1"].start, args["actor2"].start, "event"),
                confidence=round(0.6 * event.confidence + 0.2, 3), source="event", stage=RELATIONS_STAGE,
            ))
    return tuple(out)


def _pair(words_a: str, id_a: str | None, words_b: str, id_b: str | None) -> frozenset[str]:
    """Two actors, by resolved id when known, else by their words, in either order."""
    return frozenset((id_a or words_a.lower(), id_b or words_b.lower()))


def _stated_relations(doc_id: str, text: str, published: dt.date | None, ex: DocumentExtraction,
                      resolver: ActorResolver) -> list[Relation]:
    out: list[Relation] = []
    place_names = names_of_places(ex)
    for s, sentence, entities, countries in gated_sentences(text, ex, _GATE):
        phrases = actor_phrases(sentence, entities, resolver, countries[0], published)
        split, whole = _split_compounds(sentence, phrases)
        actors = [a for a in split if not is_place_name(sentence[a[0]:a[1]], place_names)]
        for stated in sentence_relations(sentence, actors):
            when = event_date(sentence, published)
            day = when.earliest if when else published
            a, b = stated.actor_a, stated.actor_b
            words_a, words_b = sentence[a[0]:a[1]], sentence[b[0]:b[1]]
            ra, rb = (_resolve_side(resolver, sentence, side, whole, countries, day) for side in (a, b))
            out.append(Relation(
                actor_a=words_a, kind=stated.kind, actor_b=words_b,
                actor_a_id=ra.actor_id if ra else None, actor_b_id=rb.actor_id if rb else None,
                date_start=day, date_end=when.latest if when else published,
                spans=(Span(doc_id, s.start, s.end), Span(doc_id, s.start + a[0], s.start + a[1]),
                       Span(doc_id, s.start + b[0], s.start + b[1])),
                id=_relation_id(doc_id, stated.kind, s.start + a[0], s.start + b[0], "text"),
                confidence=stated.confidence, source="text", stage=RELATIONS_STAGE,
            ))
    return out
