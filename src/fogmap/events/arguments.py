"""An event's fields read off its sentence by position, without a full parse.

News sentences put the initiator before the verb and the target after it ("Houthi forces shelled
a market"), or swap them in the passive ("three soldiers were killed by gunmen"). Reading actors by
position from named entities and a list of actor nouns (kb/actor_nouns.txt) gets most of them at
the cost of a regex, which is what keeps extraction faster than a full parse of every sentence.
The actors stage later resolves these mentions to canonical actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_lines, read_tsv

ACTOR_LABELS = ("ORG", "NORP", "PERSON", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
_WINDOW = 90  # characters either side of a trigger in which an actor is looked for
_MODIFIER = (r"(?:(?:the|a|an|some|several|dozens of|hundreds of|\d+|two|three|four|five|six|seven|eight|nine|"
             r"ten|unidentified|unknown|suspected|armed|masked|alleged|rival|local|foreign|government|"
             r"pro-[\w-]+|anti-[\w-]+|(?-i:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?))\s+){0,4}")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?\w+ed\s+by\s+$|\bby\s+$", re.I)
_ATTRIBUTION = re.compile(
    r"\b(according to|said|says|told|reported(ly)?|quoted|claimed that|alleged(ly)?|citing|sources said|"
    r"a statement|state media|state news agency)\b", re.I)
_AIMED = re.compile(r"\b(on|against|targeting|at)\s+(the\s+)?([\w-]+\s+){0,2}$", re.I)
# "the OSCE SMM observed explosions": the phrase before the verb is who saw it, not who did it
_REPORTER = re.compile(r"^\s+(?:[A-Z]{2,6}\s+)?(?:has\s+|have\s+)?(?:observed|recorded|reported|documented|noted|"
                       r"heard|monitored|counted|confirmed|said|says|told)\b")
# "clashes erupted between X and Y": both sides follow the trigger
_BETWEEN = re.compile(r"^\s*(?:\w+\s+){0,2}?between\b", re.I)
_CLAIM = re.compile(r"\b(claim(ed|s|ing)? (full |sole )?(responsibility|credit)|took credit|"
                    r"claimed the (attack|bombing|killing)|said (it|they) (had )?carried out)\b", re.I)
_DENIAL = re.compile(r"\b(denied (any |all )?(involvement|responsibility|role|links?)|rejected (the )?"
                     r"(accusations?|allegations?)|denied (being|having been) (behind|responsible))\b", re.I)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _actor_pattern() -> re.Pattern[str]:
    nouns = sorted(read_lines("actor_nouns.txt"), key=len, reverse=True)
    head = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"\b{_MODIFIER}(?:{head})\b", re.I)


@lru_cache(maxsize=1)
def _weapons() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row["weapon"], re.compile(row["pattern"], re.I)) for row in read_tsv("weapons.tsv"))


def actor_mentions(sentence: str, entities: list[tuple[int, int, str, str]]) -> list[Mention]:
    """Phrases in ``sentence`` that can name a party: actor-noun phrases and ORG/NORP/PERSON/GPE
    entities (offsets relative to the sentence), longest first where they overlap."""
    found = [Mention(m.start(), m.end(), m.group(0).strip()) for m in _actor_pattern().finditer(sentence)]
    found += [Mention(s, e, t) for s, e, label, t in entities
              if label in ACTOR_LABELS and not (label == "GPE" and _after_place_word(sentence, s))
              and not _after_bearing(sentence, s)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        # "militia fighters", "Taliban gunmen": two names side by side are one party
        if kept and m.start < kept[-1].end or kept and sentence[kept[-1].end:m.start] == " ":
            if m.end > kept[-1].end:
                kept[-1] = Mention(kept[-1].start, m.end, sentence[kept[-1].start:m.end])
            continue
        kept.append(m)
    return [_trim(m) for m in kept]


def _after_bearing(sentence: str, start: int) -> bool:
    """"one strike north of Sinjar", "near Hit": a place whatever label the tagger gave it (Sinjar an
    organisation, Hit a nationality, Ar Raqqah a person); unlike "of", these words never introduce a party."""
    return re.search(r"\b((north|south|east|west|north-?east|north-?west|south-?east|south-?west)(ern)?\s+of|near|"
                     r"outside|around|nearby)\s+(the\s+)?$", sentence[max(0, start - 24):start], re.I) is not None


def _after_place_word(sentence: str, start: int) -> bool:
    """"in Taiz" names where, not who."""
    return re.search(r"\b(in|near|at|outside|around|into|from|across|to|of|over)\s+(the\s+)?$",
                     sentence[max(0, start - 12):start], re.I) is not None


_LEADING = re.compile(r"(?:(?:if|when|while|but|and|as|after|before|on|in|at|then|meanwhile|however|"
                      r"separately|also|the|a|an)\s+)+", re.I)


def _trim(m: Mention) -> Mention:
    lead = _LEADING.match(m.text)
    if lead is None:
        return m
    return Mention(m.start + lead.end(), m.end, m.text[lead.end():])


def actors_around(sentence: str, trigger_start: int, trigger_end: int,
                  mentions: list[Mention]) -> tuple[Mention | None, Mention | None]:
    """(initiator, target) for the trigger at ``[trigger_start, trigger_end)`` of ``sentence``."""
    before = [m for m in mentions if m.end <= trigger_start and trigger_start - m.end <= _WINDOW
              and not _REPORTER.match(sentence[m.end:])]
    after = [m for m in mentions if m.start >= trigger_end and m.start - trigger_end <= _WINDOW]
    if len(after) >= 2 and _BETWEEN.match(sentence[trigger_end:after[0].start]):
        return after[0], after[1]
    passive_by = [m for m in after if _PASSIVE.search(sentence[max(0, m.start - 40):m.start])]
    if passive_by:
        if _passive_trigger(sentence, trigger_start, trigger_end):
            return passive_by[0], before[-1] if before else None
        # "condemned an attack by X on Y": the phrase before a noun is who speaks about it, not its target.
        aimed = [m for m in after if m is not passive_by[0] and _AIMED.search(sentence[max(0, m.start - 20):m.start])]
        if aimed:
            return passive_by[0], aimed[0]
        # ... unless it was the one hurt: "a soldier was wounded in an attack by militants".
        hurt = before and re.search(r"\b(was|were|been)\s+(\w+ly\s+)?\w+(ed|en)\b", sentence[before[-1].end:trigger_start], re.I)
        return passive_by[0], before[-1] if hurt else None
    if _passive_trigger(sentence, trigger_start, trigger_end):
        return None, before[-1] if before else None
    return (before[-1] if before else None), (after[0] if after else None)


def _passive_trigger(sentence: str, start: int, end: int) -> bool:
    """"three soldiers were killed": the phrase before the verb is the target, not the initiator."""
    return re.search(r"\b(was|were|been|being|is|are|got)\s+(\w+ly\s+)?$", sentence[max(0, start - 25):start], re.I) \
        is not None and sentence[start:end].lower().endswith(("ed", "en", "shot", "hit", "struck"))


def weapon_in(text: str) -> Mention | None:
    for weapon, pattern in _weapons():
        m = pattern.search(text)
        if m:
            return Mention(m.start(), m.end(), weapon)
    return None


def place_in(sentence: str, entities: list[tuple[int, int, str, str]]) -> Mention | None:
    """The event's place mention: a place entity introduced by in/near/at/outside first, else the first."""
    places = [(s, e, t) for s, e, label, t in entities if label in PLACE_LABELS]
    for s, e, t in places:
        if re.search(r"\b(in|near|at|outside|around|of|into|on|from)\s+(the\s+)?([\w-]+\s+){0,3}$",
                      sentence[max(0, s - 40):s], re.I):
            return Mention(s, e, t)
    return Mention(*places[0]) if places else None


def reporting_status(sentence: str) -> str:
    """claimed / denied / reported / asserted for an event that the modality rules left asserted."""
    if _CLAIM.search(sentence):
        return "claimed"
    if _DENIAL.search(sentence):
        return "denied"
    if _ATTRIBUTION.search(sentence):
        return "reported"
    return "asserted"
