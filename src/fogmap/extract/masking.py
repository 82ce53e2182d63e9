"""A sentence with its actor phrases and place mentions written over by one-character tokens, so that
patterns about who did what to which place stay short: "Kurdish-led forces captured the town of
Manbij" reads "A captured P" (kb/control_patterns.tsv and kb/relation_patterns.tsv write ACTOR and
PLACE; `compile_pattern` turns them into the tokens). The tokens are control characters no text has,
so lower-casing cannot touch them and no word ("took place") can pass for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import DocumentExtraction

ACTOR, PLACE = "\x01", "\x02"
ATTRIBUTED = 0.8  # confidence factor for a statement someone is only reported to have made
# words that make a statement say nothing about what is so: negated, failed, wished, planned, conditional
_UNASSERTED = re.compile(r"\b(not|never|n't|no longer|failed to|fail to|denied|deny|denies|refused to|"
                         r"attempt(?:ed|ing|s)? to|tr(?:y|ied|ying) to|seek(?:s|ing)? to|aim(?:s|ed|ing)? to|"
                         r"plan(?:s|ned|ning)? to|threaten(?:s|ed)? to|vow(?:s|ed)? to|accus(?:ed|es|ing)|"
                         r"would|could|may|might|if)\b")
_POSSESSIVE = re.compile(r"['’]s\b")  # right after a place: the place owns what follows ("Turkey's troops")
_SAID = re.compile(r"\b(said|says|claimed|claims|reported(?:ly)?|according to|announced|alleged(?:ly)?)\b", re.I)
UNASSERTED_BEFORE = 30  # characters before a match in which such a word still governs it


@dataclass(frozen=True)
class Masked:
    text: str  # the sentence, lower-cased, with the tokens written over the phrases
    slots: tuple[tuple[int, str, int, int], ...]  # (offset in text, token, start, end in the sentence)

    def spans(self, token: str, start: int, end: int) -> list[tuple[int, int]]:
        """The sentence spans of the `token` slots inside text[start:end], in order."""
        return [(s, e) for offset, kind, s, e in self.slots if kind == token and start <= offset < end]


# A party and those said to back it, as the subject of a statement ("the Malian army, backed by Wagner
# mercenaries, captured Kidal"): the first ACTOR is the subject, the backers are relations' business.
SUBJECT = r"ACTOR(?:,? (?:\w+ )?(?:backed|supported|aided|assisted|helped|joined|accompanied) by ACTOR,?)?"


# A place as the object of a statement, with the words that say which part or what kind of place it is
# ("most of PLACE", "the ancient city of PLACE", "the key port city of PLACE").
WHERE = (r"(?:(?:most|much|all|parts?|the rest|the centre|the center) of )?(?:the )?"
         r"(?:(?:[\w'-]+ ){0,2}(?:town|city|village|port|district|region|province|governorate|area|outskirts|"
         r"centre|center|stronghold|capital|suburbs?) of (?:the )?)?PLACE")


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern of the kb files: SUBJECT and WHERE are written out, ACTOR and PLACE become the masked
    sentence's tokens."""
    pattern = pattern.replace("SUBJECT", SUBJECT).replace("WHERE", WHERE)
    return re.compile(pattern.replace("ACTOR", ACTOR).replace("PLACE", PLACE))


def mask(sentence: str, actors: list[tuple[int, int]], places: list[tuple[int, int]] = ()) -> Masked:
    """Places win where an actor phrase overlaps one, except a phrase in which a place owns what follows
    ("Turkey's troops", "Iran's Revolutionary Guards"): that names a party, not where. A place merely
    next to an actor noun stays a place ("Homs rebel-held areas"). Of overlapping actor phrases the first
    wins."""
    owned = [(ps, pe) for ps, pe in places for s, e in actors
             if s <= ps and _POSSESSIVE.match(sentence, pe) and pe + 2 < e]
    spans = [(s, e, PLACE) for s, e in places if (s, e) not in owned]
    for s, e in actors:
        if not any(s < pe and ps < e for ps, pe, _ in spans):
            spans.append((s, e, ACTOR))
    spans.sort()
    kept, last = [], -1
    for s, e, kind in spans:
        if s >= last:
            kept.append((s, e, kind))
            last = e
    pieces: list[str] = []
    slots, at, length = [], 0, 0
    for s, e, kind in kept:
        pieces.append(sentence[at:s])
        length += s - at
        slots.append((length, kind, s, e))
        pieces.append(kind)
        length += 1
        at = e
    pieces.append(sentence[at:])
    return Masked("".join(pieces).lower(), tuple(slots))


def is_place_name(words: str, place_names: set[str]) -> bool:
    """Whether an actor phrase is only the name of a place the document names ("Sinjar" read as the
    subject of "Sinjar was captured"): a place, not a party. `place_names` are lower case."""
    words = words.strip().lower()
    return (words[4:] if words.startswith("the ") else words) in place_names


def names_of_places(ex: DocumentExtraction) -> set[str]:
    """Lower-cased names of the towns, areas and features the document names; countries are left out,
    since a country is also a state that acts ("Iran has long supported the Houthis")."""
    countries = {p.id for p in ex.places if p.feature == "A.PCLI"}
    return {m.name.lower() for m in ex.place_mentions
            if m.place_id and m.place_id not in countries and m.relation != "demonym"}


def unasserted(masked: Masked, start: int, end: int) -> bool:
    """Whether a pattern match at masked.text[start:end] is negated, wished, planned or conditional."""
    return bool(_UNASSERTED.search(masked.text[max(0, start - UNASSERTED_BEFORE):end]))


def stated_confidence(base: float, sentence: str) -> float:
    """A pattern's confidence, lowered when the sentence only reports someone saying so."""
    return round(base * (ATTRIBUTED if _SAID.search(sentence) else 1.0), 3)
