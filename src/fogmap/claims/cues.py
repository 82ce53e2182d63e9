"""Reported speech in one sentence: who speaks, with which words, about what part of the sentence.

A sentence is read with its speaker phrases masked (extract/masking.py), so "The ISIS-linked agency Amaq
said its fighters had carried out the bombing" reads "SPEAKER said its fighters had carried out the
bombing" and the patterns of kb/claim_cues.tsv stay short: they say where the cue is, which side of it
the content lies on, and which slot is the speaker, the accused (TARGET) or a source that passes the
speaker's words on (RELAY). Links ("..., Reuters reported, citing two security sources", "according to
Russian sources quoted by TASS") lengthen the chain of the statement they follow; a statement whose
content opens with another statement ("officials said Amaq had claimed ...") only relays it.
Everything here is pure: masked text in, offsets into the sentence out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..events.rules import expand_terms, load_terms
from ..extract.masking import ACTOR, Masked, compile_pattern
from ..kb import read_tsv

# verbs whose statements are claims; "inner"/"outer" rows are links, "relay" a statement with a relay slot
VERBS = ("say", "confirm", "hint", "speculate", "responsibility", "accuse", "deny", "relay", "author")
LINKS = ("inner", "outer")
CONTENT_SIDES = ("after", "before", "group", "sentence", "link")
# After a "CONTENT, SPEAKER said" cue only an adverbial ("on Friday", "in a statement") or another clause
# after a comma may follow; anything else means the speaker's words follow the verb instead.
_TAIL = re.compile(r"(?:\s+(?:on|late on|early on|in|at|during|via|through|over|after|before|from|last|this|"
                   r"earlier|later|yesterday|today|overnight|quoted|cited|citing|quoting|as|relayed|carried)\b[^,;]*)?\s*(?:[,;].*)?[\s.!?\"'”’)]*", re.S)
# Words between a speaker and its cue that take the statement back: "no group has claimed", "did not say"
_NEGATED = re.compile(r"(?:\bnot\b|n['’]t\b|\bnever\b|\byet to\b|\brefused to\b|\bdeclined to\b|\bno longer\b)")
_NO_ONE = re.compile(r"^(?:no|nobody|none|no one|neither)\b", re.I)
# A second verb of saying coordinated after the content ends the content ("... for the attack and said ...")
_NEXT_CLAUSE = r";|\s+(?:and|but|while)\s+{AUX}(?:{SAY}|{CONFIRM}|{HINT}|{DENY})\b"
_CLOSING = ".!?\"'”’) \n\t"
NEST_GAP = 6  # characters between a statement's content start and a nested statement's speaker ("that ")


@dataclass(frozen=True)
class CuePattern:
    verb: str
    content: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Statement:
    """One statement in a sentence, as offsets into it. ``relays`` are the sources that pass the
    speaker's words on (outermost first), ``quoted`` those the speaker passes on (in order): the chain
    is relays, speaker, quoted, and the last of it is whose words these are."""

    verb: str
    cue: tuple[int, int]
    content: tuple[int, int]
    speaker: tuple[int, int] | None  # None: the article's own author
    target: tuple[int, int] | None = None
    relays: tuple[tuple[int, int], ...] = ()
    quoted: tuple[tuple[int, int], ...] = ()
    relayed_cues: tuple[tuple[str, tuple[int, int]], ...] = ()  # (verb, cue) of statements that relay this one

    @property
    def chain(self) -> tuple[tuple[int, int] | None, ...]:
        return (*self.relays, self.speaker, *self.quoted)

    @property
    def region(self) -> tuple[int, int]:
        """Where the statement's words lie: speaker, cue, content and every source of its chain."""
        spans = [self.cue, self.content, *(s for s in self.chain if s is not None)]
        return min(s for s, _ in spans), max(e for _, e in spans)


@lru_cache(maxsize=1)
def claim_terms() -> dict[str, str]:
    """kb/claim_terms.tsv with every term that uses another written out."""
    terms = load_terms("claim_terms.tsv")
    for _ in range(3):  # terms nest at most this deep
        terms = {name: expand_terms(pattern, terms) for name, pattern in terms.items()}
    return terms


def expand(pattern: str) -> str:
    """A kb pattern with its {NAME} terms, and its SPEAKER / TARGET / RELAY slots as named groups (a
    phrase's article stays outside its slot: "the ministry" is the slot "ministry")."""
    pattern = expand_terms(pattern, claim_terms())
    for slot in ("SPEAKER", "TARGET", "RELAY"):
        pattern = pattern.replace(slot, f"(?:(?:the|a|an) )?(?P<{slot.lower()}>ACTOR)")
    return pattern


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[CuePattern, ...]:
    rows = read_tsv("claim_cues.tsv")
    for row in rows:
        if row["verb"] not in VERBS + LINKS or row["content"] not in CONTENT_SIDES:
            raise ValueError(f"kb/claim_cues.tsv: unknown verb or content side in {row}")
    return tuple(CuePattern(row["verb"], row["content"], compile_pattern(expand(row["pattern"]))) for row in rows)


@lru_cache(maxsize=1)
def _reported() -> re.Pattern[str]:
    """Words that give a sentence to someone other than its author: a verb of saying, "according to", a
    quotation, the first or second person (a reporter does not write "I", "we" or "you")."""
    terms = claim_terms()
    verbs = "|".join(terms[name] for name in ("SAY", "CONFIRM", "HINT", "SPECULATE", "DENY"))
    return re.compile(rf"(?i:\b(?:{verbs}|according to|citing|quoting|quoted|cited|told)\b)|[\"“”]|"
                      r"\b(?:I|I['’]m|I['’]ve|[Ww]e|[Yy]ou|[Mm]y|[Oo]ur)\b")


@lru_cache(maxsize=1)
def _next_clause() -> re.Pattern[str]:
    return re.compile(expand_terms(_NEXT_CLAUSE, claim_terms()), re.I)


def to_sentence(masked: Masked, pos: int) -> int:
    """The sentence offset of a masked-text offset (a slot's own offset is its phrase's start)."""
    shift = 0
    for offset, _, start, end in masked.slots:
        if offset > pos:
            break
        if offset == pos:
            return start
        shift += (end - start) - 1
    return pos + shift


def _slot(masked: Masked, m: re.Match[str], group: str) -> tuple[int, int] | None:
    if group not in m.re.groupindex or m.start(group) < 0:
        return None
    return next(((s, e) for offset, kind, s, e in masked.slots if offset == m.start(group) and kind == ACTOR), None)


def clause_end(sentence: str, start: int) -> int:
    """Where the content that starts at ``start`` ends: the sentence's end without its closing
    punctuation, or a coordinated second verb of saying."""
    found = _next_clause().search(sentence, start)
    end = found.start() if found else len(sentence)
    while end > start and sentence[end - 1] in _CLOSING:
        end -= 1
    return end


def _strip(sentence: str, start: int, end: int) -> tuple[int, int]:
    while start < end and sentence[start] in " \n\t\"'“‘(":
        start += 1
    while end > start and sentence[end - 1] in _CLOSING + ",;:":
        end -= 1
    return start, end


def _content(sentence: str, masked: Masked, m: re.Match[str], side: str) -> tuple[int, int] | None:
    if side == "after":
        start = to_sentence(masked, m.end())
        return _strip(sentence, start, clause_end(sentence, start))
    if side == "before":
        if not _TAIL.fullmatch(masked.text, m.end()):
            return None
        return _strip(sentence, 0, to_sentence(masked, m.start()))
    if side == "group":
        return to_sentence(masked, m.start("content")), to_sentence(masked, m.end("content"))
    return _strip(sentence, 0, len(sentence))


def _negated(sentence: str, masked: Masked, speaker: tuple[int, int] | None, m: re.Match[str]) -> bool:
    if speaker is None:
        return False
    if _NO_ONE.match(sentence[speaker[0]:speaker[1]].strip()):
        return True
    return bool(_NEGATED.search(masked.text, m.start("speaker") + 1, m.end("cue")))


def statements(sentence: str, masked: Masked) -> list[Statement]:
    """Every claim-making statement of one sentence, in text order, links applied and relaying
    statements folded into the ones they relay. The author speaks only where no one else does: not in
    a sentence with a verb of saying, "according to" or a quotation, even one no pattern reads."""
    found: list[Statement] = []
    for pattern in cue_patterns():
        if pattern.verb in LINKS or pattern.verb == "author":
            continue
        for m in pattern.regex.finditer(masked.text):
            cue = (to_sentence(masked, m.start("cue")), to_sentence(masked, m.end("cue")))
            if any(cue[0] < s.cue[1] and s.cue[0] < cue[1] for s in found):
                continue  # an earlier row read these words already
            speaker = _slot(masked, m, "speaker")
            content = _content(sentence, masked, m, pattern.content)
            if speaker is None or content is None or content[1] <= content[0] or _negated(sentence, masked, speaker, m):
                continue
            relay = _slot(masked, m, "relay")
            found.append(_linked(masked, m.end(), Statement(
                "say" if pattern.verb == "relay" else pattern.verb, cue, content, speaker,
                target=_slot(masked, m, "target"), relays=(relay,) if relay else ())))
    found = _fold_relays(found)
    if not found and not _reported().search(sentence):
        found = _author(sentence, masked)
    return sorted(found, key=lambda s: s.cue)


def _linked(masked: Masked, end: int, statement: Statement) -> Statement:
    """The statement with the links that follow its match ("citing X", "quoted by X") in its chain."""
    while True:
        for pattern in cue_patterns():
            if pattern.verb not in LINKS:
                continue
            m = pattern.regex.match(masked.text, end)
            source = _slot(masked, m, "speaker") if m else None
            if m and source:
                if pattern.verb == "inner":
                    statement = replace(statement, quoted=(*statement.quoted, source))
                else:
                    statement = replace(statement, relays=(source, *statement.relays))
                end = m.end()
                break
        else:
            return statement


def _fold_relays(found: list[Statement]) -> list[Statement]:
    """A statement whose content opens with another statement's speaker only passes that one on: the
    inner statement keeps the outer chain before its own, and the cue of the outer (for its hedge)."""
    out = list(found)
    for outer in found:
        inner = next((s for s in found if s is not outer and s.speaker is not None
                      and outer.content[0] <= s.speaker[0] <= outer.content[0] + NEST_GAP
                      and s.cue[1] <= outer.content[1]), None)
        if inner is None or outer not in out or inner not in out:
            continue
        out[out.index(inner)] = replace(inner, relays=(*outer.chain, *inner.relays),
                                        relayed_cues=((outer.verb, outer.cue), *outer.relayed_cues, *inner.relayed_cues))
        out.remove(outer)
    return out


def _author(sentence: str, masked: Masked) -> list[Statement]:
    """The article's own author hedging ("might be a sign that", "it is likely that", "probably"): one
    statement per sentence, the first such words."""
    for pattern in cue_patterns():
        if pattern.verb != "author":
            continue
        m = pattern.regex.search(masked.text)
        if m is None:
            continue
        cue = (to_sentence(masked, m.start("cue")), to_sentence(masked, m.end("cue")))
        content = _content(sentence, masked, m, pattern.content)
        if content and content[1] > content[0]:
            return [Statement("author", cue, content, None)]
    return []
