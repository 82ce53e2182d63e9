"""What a claim is about: the party its content names as the doer (kb/claim_acts.tsv), and the event,
relation or control statement of the document it points at.

The content is read with its actor phrases masked, as the cues are; a speaker's own side named by a
pronoun or possessive ("its fighters", "the group's fighters", "they") is an actor phrase marked as
such. An event is found the way a reader finds it: the event the claim's own sentence tells, unless
that sentence only points back ("the attack", "the bombing") — then the last event told before it
that was told afresh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..extract.masking import ACTOR, compile_pattern, mask
from ..kb import read_tsv
from ..records import ControlAssertion, Event, Relation, Span
from .cues import claim_terms, expand

ROLES = ("perpetrator", "backer")
_NEGATED = re.compile(r"(?:\bnot\b|n['’]t\b|\bnever\b|\bno\b)")
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless)\b")


@dataclass(frozen=True)
class Act:
    role: str  # perpetrator | backer
    actor: tuple[int, int]  # the party's words, as offsets into the sentence
    own_side: bool  # a pronoun or possessive of the speaker's own side


@lru_cache(maxsize=1)
def act_patterns() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """(role, whether the party is the match's last actor phrase, regex): a pattern that ends with ACTOR
    names the party last ("carried out by ACTOR"), any other first ("ACTOR carried out")."""
    rows = read_tsv("claim_acts.tsv")
    for row in rows:
        if row["role"] not in ROLES:
            raise ValueError(f"kb/claim_acts.tsv: role {row['role']!r} is not one of {', '.join(ROLES)}")
    return tuple((row["role"], row["pattern"].endswith("ACTOR"), compile_pattern(expand(row["pattern"])))
                 for row in rows)


@lru_cache(maxsize=1)
def _self_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    terms = claim_terms()
    return tuple(re.compile(terms[name], re.I) for name in ("SELF_POSSESSIVE", "SELF_PRONOUN", "SELF_IT"))


@lru_cache(maxsize=1)
def backref() -> re.Pattern[str]:
    return re.compile(claim_terms()["BACKREF"], re.I)


def own_side_phrases(sentence: str, start: int, end: int, pronouns: bool = True, it: bool = False
                     ) -> list[tuple[int, int]]:
    """Where the content ``sentence[start:end]`` names the speaker's own side: its possessives ("its
    fighters"), with ``pronouns`` "they" and "we", and with ``it`` also "it" (a named speaker's: "the
    army said it had shelled", not "officials said it killed nine")."""
    possessive, pronoun, it_word = _self_words()
    found = [(m.start(), m.end()) for m in possessive.finditer(sentence, start, end)]
    for regex, wanted in ((pronoun, pronouns), (it_word, pronouns and it)):
        if wanted:
            found += [(m.start(), m.end()) for m in regex.finditer(sentence, start, end)
                      if not any(s <= m.start() < e for s, e in found)]
    return found


def acts(sentence: str, content: tuple[int, int], actors: Sequence[tuple[int, int]],
         own: Sequence[tuple[int, int]] = ()) -> list[Act]:
    """Who the content says did it (or backed it), in text order: one act per party and role. An act
    that is negated ("rebels had not attacked") or conditional ("if Iran was behind it") names no one."""
    spans = _longest([a for a in actors if not any(a[0] < e and s < a[1] for s, e in own)]) + list(own)
    masked = mask(sentence, sorted(spans))
    offset = {(s, e): o for o, kind, s, e in masked.slots if kind == ACTOR}
    found: dict[tuple[str, tuple[int, int]], Act] = {}
    for role, last, regex in act_patterns():
        for m in regex.finditer(masked.text):
            slots = masked.spans(ACTOR, m.start(), m.end())
            if not slots:
                continue
            actor = slots[-1] if last else slots[0]
            at = offset[actor]
            if not (content[0] <= actor[0] and actor[1] <= content[1]):
                continue
            if _NEGATED.search(masked.text, at + 1, m.end()) or _CONDITIONAL.search(masked.text[:at],
                                                                                 _masked_at(masked, content[0])):
                continue
            found.setdefault((role, actor), Act(role, actor, actor in own))
    return sorted(found.values(), key=lambda a: (a.actor, a.role))


def _longest(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of overlapping phrases the longest ("US forces" over the place name "US" in it)."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda a: (a[0] - a[1], a[0])):
        if not any(s < ke and ks < e for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


def _masked_at(masked, sentence_pos: int) -> int:
    """The masked-text offset of a sentence offset outside every slot."""
    shift = sum((e - s) - 1 for _, _, s, e in masked.slots if e <= sentence_pos)
    return sentence_pos - shift


def _fresh(event: Event, text: str) -> bool:
    """An event whose first sentence tells it, rather than pointing back at one told before."""
    first = event.spans[0]
    return backref().search(text, first.start, first.end) is None


def sentence_events(events: Sequence[Event], sentence: Span) -> list[Event]:
    return [e for e in events if any(sp.start <= sentence.start and sentence.end <= sp.end for sp in e.spans)]


@lru_cache(maxsize=1)
def _references() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    return tuple((re.compile(rf"(?:{row['nouns']})"), frozenset(t for t in row["event_types"].split("|") if t))
                 for row in read_tsv("claim_references.tsv"))


def pointed_kinds(text: str, start: int, end: int) -> frozenset[str] | None:
    """The event types the first phrase of text[start:end] that points back can name (empty: any);
    None when nothing there points back."""
    m = backref().search(text, start, end)
    if m is None:
        return None
    noun = m.group(0).lower().split()[-1]
    return next((types for regex, types in _references() if regex.fullmatch(noun)), frozenset())


def linked_event(events: Sequence[Event], sentence: Span, text: str) -> Event | None:
    """The event a claim in ``sentence`` is about: its own sentence's event if that tells one afresh,
    else the last event told afresh before it (of the kind the sentence points back at: "the bombing"
    is an explosion, whatever casualty count was told in between), else its own, else the first told
    afresh after it."""
    own = sentence_events(events, sentence)
    for event in own:
        if _fresh(event, text):
            return event
    before = [e for e in events if e.spans[0].start < sentence.start and _fresh(e, text)]
    kinds = pointed_kinds(text, sentence.start, sentence.end)
    if kinds:
        before = [e for e in before if e.type in kinds] or before
    if before:
        return max(before, key=lambda e: (e.spans[0].start, e.id))
    if own:
        return own[0]
    after = [e for e in events if e.spans[0].start >= sentence.end and _fresh(e, text)]
    return min(after, key=lambda e: (e.spans[0].start, e.id)) if after else None


def refers_to_event(events: Sequence[Event], sentence: Span, content: Span, text: str) -> bool:
    """Whether the content speaks of an event: it points back at one, or holds the trigger of an event
    its sentence tells."""
    if backref().search(text, content.start, content.end):
        return True
    for event in sentence_events(events, sentence):
        for arg in event.arguments:
            if arg.role == "trigger" and content.start <= arg.span.start and arg.span.end <= content.end:
                return True
    return False


def _inside(span: Span, content: Span) -> bool:
    return content.start <= span.start and span.end <= content.end


def linked_controls(controls: Sequence[ControlAssertion], sentence: Span, content: Span) -> list[ControlAssertion]:
    """Control statements read from the claim's sentence whose place lies in its content."""
    return [c for c in controls if (c.spans[0].start, c.spans[0].end) == (sentence.start, sentence.end)
            and _inside(c.spans[-1], content)]


def linked_relations(relations: Sequence[Relation], sentence: Span, content: Span) -> list[Relation]:
    """Relations stated in the claim's sentence whose two sides lie in its content (a relation read off
    a battle is the event's, not anyone's claim)."""
    return [r for r in relations if r.source == "text" and (r.spans[0].start, r.spans[0].end) == (
        sentence.start, sentence.end) and all(_inside(s, content) for s in r.spans[1:3])]
