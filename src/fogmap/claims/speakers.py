"""Who speaks: the phrases of a sentence that can be a claim's source, and whose voice each one is.

A speaker is an actor phrase (events/arguments.py and the actor KB, as relations and control read them),
an outlet the KB knows ("Amaq", "TASS", "state news agency SANA"), or a phrase headed by a word of
kb/claim_sources.tsv ("the health ministry", "two security sources", "rescue workers"); pieces that
overlap or stand side by side are one speaker ("Taliban spokesman Zabihullah Mujahid"). Resolved like
any actor, a speaker is then the voice of a party: the nearest actor it belongs to in the KB (Amaq is
the Islamic State's, TASS the Russian state's), else the party its words name ("ISIS-linked"), else the
government its head word stands for ("the Iraqi health ministry", "Russian sources").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..actors.relations import actor_phrases
from ..actors.kb import alias_key
from ..actors.resolve import ActorResolver, ResolvedActor, acled_country_names
from ..geo.countries import load_country_gazetteer
from ..kb import read_tsv
from ..records import ClaimSource, Span
from ..sources.registry import SourceRegistry
from .cues import claim_terms

# kinds of actor that report or monitor: their own word is nobody's side
NOT_PARTIES = frozenset({"media_outlet", "ngo", "igo"})
ARMED_GROUPS = frozenset({"rebel_group", "militia", "jihadist_group", "criminal_group"})
# "the group said", "the militants claimed": a speaker that only points back at an armed group
_GROUP_WORDS = re.compile(r"(?:the )?(?:group|militia|movement|organi[sz]ation|militants|insurgents|jihadists)", re.I)
# of the generic actors the resolver makes of a role and a country ("protesters:SY" of "activists"), only a
# state's own bodies name someone
_STATE_ROLES = frozenset({"state", "state_forces", "police"})
_GENERIC_IDS = frozenset({"unidentified-armed-group", "protesters", "rioters", "civilians"})  # roles with no country


def names_someone(actor: ResolvedActor) -> bool:
    """Whether a resolved phrase names a party: a KB actor, a state's own body, a people's militia; not
    a generic role ("gunmen", "activists", "attackers")."""
    if actor.kind in _STATE_ROLES or actor.actor_id.startswith("ethnic-militia:"):
        return True
    return ":" not in actor.actor_id and actor.actor_id not in _GENERIC_IDS
MAX_NAME_WORDS = 5  # an outlet's name is at most this long ("Russian News Agency TASS")
MAX_ACRONYM = 5  # all-capital aliases this short name an outlet only in capitals ("AA" is not "Aa")
_LEADING = re.compile(r"^(?:(?:on|in|at|after|before|but|and|as|while|when|meanwhile|however|separately|also|then|"
                      r"yesterday|today|late|early|last|earlier|later|overnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                      r"the|a|an)\s+)+", re.I)
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_COMPOUND = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][\w.]*)?)-(?:linked|affiliated|run|controlled|owned|aligned|allied)\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_STATE_OWNED = re.compile(r"\bstate(?:-run|-owned)?\b", re.I)


@dataclass(frozen=True)
class SourceHead:
    kind: str  # organisation | outlet | unnamed
    voice: str  # government | country | ""


@lru_cache(maxsize=1)
def source_heads() -> dict[str, SourceHead]:
    return {row["head"]: SourceHead(row["kind"], row.get("voice", "")) for row in read_tsv("claim_sources.tsv")}


@lru_cache(maxsize=1)
def _modifier() -> re.Pattern[str]:
    """A word that describes a source without naming anyone ("state", "senior", "the")."""
    return re.compile(rf"(?i:{claim_terms()['SOURCE_MODIFIER']})")


@lru_cache(maxsize=1)
def _source_phrase() -> re.Pattern[str]:
    heads = "|".join(sorted(source_heads(), key=len, reverse=True))
    modifier = (r"(?:[A-Z][\w'’.-]*|[\w.]+-(?:linked|affiliated|run|backed|based|led|controlled|owned|aligned|allied)|"
                rf"(?i:{claim_terms()['SOURCE_MODIFIER']}))")
    return re.compile(rf"\b(?:{modifier}\s+){{0,5}}(?i:{heads})\b")


def source_phrases(sentence: str) -> list[tuple[int, int]]:
    """Phrases headed by a source word ("The Idlib health directorate", "two security sources"),
    without the words that only open the clause ("On Friday the ministry" is "ministry")."""
    out = []
    for m in _source_phrase().finditer(sentence):
        lead = _LEADING.match(m.group(0))
        start = m.start() + (lead.end() if lead else 0)
        if start < m.end():
            out.append((start, m.end()))
    return out


@lru_cache(maxsize=4)
def _outlet_keys(resolver: ActorResolver) -> dict[str, bool]:
    """Alias key -> whether it must be written in capitals, for every outlet, monitor and organisation of
    the resolver's KB (built once per resolver)."""
    keys: dict[str, bool] = {}
    for rows in resolver.kb.actors.values():
        for row in rows:
            if row.kind in NOT_PARTIES:
                for alias in (row.name, *row.aliases):
                    letters = alias.replace(".", "")
                    acronym = letters.isupper() and letters.isalpha() and len(letters) <= MAX_ACRONYM
                    key = alias_key(alias)
                    keys[key] = keys.get(key, True) and acronym
    keys.pop("", None)
    return keys


def outlet_names(sentence: str, resolver: ActorResolver) -> list[tuple[int, int]]:
    """Names of outlets, monitors and organisations the KB knows ("Amaq", "TASS", "Reuters"): the
    resolver's scan of a sentence leaves them out, since they report rather than act. The longest name
    from each capitalised word; an acronym only in capitals ("AA", not "Aa")."""
    keys = _outlet_keys(resolver)
    words = list(_NAME_WORD.finditer(sentence))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + size - 1].end()
            if size > 1 and re.search(r"[^\w\s'’.-]", sentence[start:end]):
                continue  # a name does not run across punctuation
            text = sentence[start:end].rstrip(".")
            acronym = keys.get(alias_key(text))
            if acronym is not None and (not acronym or text.replace(".", "").isupper()):
                out.append((start, start + len(text)))
                i += size
                break
        else:
            i += 1
    return out


def merge(spans: list[tuple[int, int]], sentence: str) -> list[tuple[int, int]]:
    """Overlapping phrases, and phrases one space apart, as one."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and (s < merged[-1][1] or sentence[merged[-1][1]:s] == " "):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def speaker_spans(sentence: str, entities: list[tuple[int, int, str, str]], resolver: ActorResolver,
                  country: str | None, day: dt.date | None) -> list[tuple[int, int]]:
    """Every phrase of the sentence that can be whose words a claim reports, as (start, end) in it."""
    spans = actor_phrases(sentence, entities, resolver, country, day)
    spans += source_phrases(sentence) + outlet_names(sentence, resolver)
    return [_trim(sentence, s, e) for s, e in merge(spans, sentence)]


def _trim(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A speaker without its article and without the full stop of a sentence it ends ("TASS." is
    "TASS"; "U.S." keeps its dots)."""
    lead = _DETERMINER.match(sentence, start)
    if lead and lead.end() < end:
        start = lead.end()
    while end > start and (sentence[end - 1] in ",;:" or (sentence[end - 1] == "." and "." not in sentence[start:end - 1])):
        end -= 1
    return start, end


class Voices:
    """Claimant resolution for one document: each phrase to a ClaimSource, with the anaphora of a
    bare "the ministry" or "the agency" read as the last speaker of that head word."""

    def __init__(self, resolver: ActorResolver, doc_id: str) -> None:
        self.resolver = resolver
        self.registry = SourceRegistry(resolver, {})
        self.doc_id = doc_id
        self._by_head: dict[str, ClaimSource] = {}
        self._gazetteer = load_country_gazetteer()

    def source(self, sentence: str, offset: int, span: tuple[int, int], countries: list[str | None],
               day: dt.date | None, persons: list[tuple[int, int]], group: str | None = None) -> ClaimSource:
        """The speaker at ``span`` of ``sentence`` (which starts at ``offset`` in the document); ``group``
        is the armed group the claim's event names, which "the group" points back at."""
        words = sentence[span[0]:span[1]]
        head = words.split()[-1].lower().strip(",.;:'’") if words.split() else ""
        heads = source_heads()
        actor = self._claimant(words, countries, day)
        if actor is None and group is not None and _GROUP_WORDS.fullmatch(words.strip()):
            return ClaimSource(words, Span(self.doc_id, offset + span[0], offset + span[1]), "organisation", group,
                               self.party(group, countries[0], day))
        if actor is None and head in self._by_head and len(words.split()) == 1:
            earlier = self._by_head[head]  # "the ministry": the ministry that spoke before
            return ClaimSource(words, Span(self.doc_id, offset + span[0], offset + span[1]), earlier.kind,
                               earlier.actor_id, earlier.speaks_for_id)
        if any(span[0] <= s and e <= span[1] for s, e in persons) or (actor is not None and actor.how == "person"):
            kind = "person"
        elif actor is not None and actor.kind == "media_outlet":
            kind = "outlet"
        else:
            kind = heads[head].kind if head in heads else "organisation"
        party = self.party(actor.actor_id, countries[0], day) if actor is not None else None
        party = party or self._named_party(words, countries, day) or self._head_voice(words, head, countries[0], day)
        found = ClaimSource(words, Span(self.doc_id, offset + span[0], offset + span[1]), kind,
                            actor.actor_id if actor is not None else None, party)
        if head in heads:
            self._by_head[head] = found
        return found

    def author(self, outlet: str | None, country: str | None, day: dt.date | None) -> ClaimSource:
        """The document's own author: its outlet, resolved when the KB knows it."""
        actor = self.resolver.resolve(outlet, None, day, bare_country=False) if outlet else None
        actor_id = actor.actor_id if actor is not None and actor.kind == "media_outlet" else None
        return ClaimSource(outlet or "the author", None, "author", actor_id,
                           self.party(actor_id, country, day) if actor_id else None)

    def party(self, actor_id: str, country: str | None, day: dt.date | None) -> str | None:
        """The party ``actor_id`` is the voice of: itself, or the nearest actor it belongs to that is no
        outlet or monitor; a transnational group as its branch in ``country`` when the KB has one."""
        for voice in self.registry.voices(actor_id, day):
            kinds = {r.kind for r in self.resolver.kb.actors.get(voice, ())}
            if voice == actor_id and ":" in voice:
                return voice  # a generic state role ("government:XX")
            if kinds and not kinds & NOT_PARTIES:
                return self._branch(voice, country, day)
        return None

    def same_side(self, a: str | None, b: str | None, day: dt.date | None) -> bool:
        """Whether one of two actors is the other or belongs to it (the Syrian army and the Syrian state,
        the Islamic State and its Iraqi province)."""
        if not a or not b:
            return False
        return a == b or a in self.registry.voices(b, day) or b in self.registry.voices(a, day)

    def _branch(self, actor_id: str, country: str | None, day: dt.date | None) -> str:
        rows = self.resolver.kb.actors.get(actor_id, ())
        if not country or not rows or rows[0].country:
            return actor_id
        local = self.resolver.resolve(rows[0].name, country, day)
        return local.actor_id if local is not None and actor_id in self.registry.voices(local.actor_id, day) else actor_id

    def _claimant(self, words: str, countries: list[str | None], day: dt.date | None) -> ResolvedActor | None:
        for country in countries:
            found = self.resolver.resolve(words, country, day, bare_country=True)
            if found is not None and names_someone(found):
                return found
        return None

    def _named_party(self, words: str, countries: list[str | None], day: dt.date | None) -> str | None:
        """The party the words themselves tie the speaker to: "the ISIS-linked agency"."""
        m = _COMPOUND.search(words)
        actor = self._claimant(m.group(1), countries, day) if m else None
        return self.party(actor.actor_id, countries[0], day) if actor is not None else None

    def _head_voice(self, words: str, head: str, country: str | None, day: dt.date | None) -> str | None:
        """The government a source word stands for (kb/claim_sources.tsv voice)."""
        row = source_heads().get(head)
        voice = row.voice if row else ""
        if row is not None and row.kind == "outlet" and _STATE_OWNED.search(words):
            voice = "government"  # "state television", "state-run media": the state's own outlet
        if not voice:
            return None
        named = [cc for w in _CAPITALISED.findall(words) if (cc := self._gazetteer.country_named(_POSSESSIVE.sub("", w)))]
        if named:
            cc = named[0]
        elif voice == "government" and not [w for w in _CAPITALISED.findall(words) if not _modifier().fullmatch(w)]:
            cc = country  # "the health ministry": the government of the country the text is about
        else:
            return None
        state = self.resolver.resolve(acled_country_names().get(cc, cc), None, day) if cc else None
        return state.actor_id if state is not None else None
