"""A mention's words to a canonical actor, on a date, in a country.

An event's actor mention is a short phrase read by position ("Houthi fighters", "two unknown gunmen",
"Kremlin spokesman Dmitry Peskov", "Turkey's troops"). Resolution tries, in order: the whole phrase as
an alias; a country or people word before a generic phrase ("Syrian regime forces", "Israeli jets");
a person the KB knows (they act for an actor on that date); any alias inside the phrase, longest first;
a generic phrase ("unknown gunmen", "protesters") made concrete by the country. Every index is built
once, so resolving a mention costs a handful of dictionary look-ups over its few word n-grams.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..geo.countries import load_country_gazetteer
from ..kb import read_tsv
from .kb import ActorEntry, ActorKB, Person, alias_key, load_actor_kb

MAX_NGRAM = 8  # words; no alias or person name in the KB is longer
FOUND_CACHE = 256  # sentences whose actors find_in_text remembers
ACRONYM_MAX = 5  # all-caps aliases this short match only in capitals ("IS" is not "is")

# Generic roles: how ACLED writes their names once the country is known, and the id prefix used for them.
_GENERIC = {
    "unidentified_armed_group": "Unidentified Armed Group",
    "protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians",
}
# State roles: the per-country actor of states.tsv that the role names ({cc}-military, ...).
_STATE_ROLE = {"state_forces": ("military", "Military Forces of"), "police": ("police", "Police Forces of"),
               "government": ("state", "Government of")}
_ROLE_KIND = {"state_forces": "state_forces", "police": "police", "government": "state",
              "unidentified_armed_group": "militia", "protesters": "protesters", "rioters": "rioters",
              "civilians": "civilians"}
# Words that count or hedge a phrase without naming anyone ("two", "dozens of", "suspected").
_LEADING = re.compile(
    r"^(?:(?:the|a|an|some|several|many|dozens of|hundreds of|scores of|a group of|a number of|\d[\d,]*|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|at least|more than|"
    r"suspected|alleged|other|more)\s+)+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CONJUNCTION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)\s*", re.I)
_CAPITALISED = re.compile(r"^[A-Z]")
_TOKEN = re.compile(r"[^\s,;:()\"“”.!?]+(?:\.(?=[A-Za-z]))?[^\s,;:()\"“”.!?]*")
# "the OSCE SMM observed ...": who saw or said it, not who did it
_REPORTER = re.compile(r"^\s+(?:[A-Z]{2,6}\s+)?(?:has\s+|have\s+)?(?:observed|recorded|reported|documented|noted|"
                       r"heard|monitored|counted|confirmed|said|says|told)\b")
_SOURCES = frozenset({"media_outlet", "ngo"})  # they report and monitor; ACLED never codes them as a party


@dataclass(frozen=True)
class ResolvedActor:
    actor_id: str  # a KB id, or "<role>:<ISO2>" for a generic actor ("protesters:PK")
    name: str
    acled_name: str | None  # ACLED's actor name on the day, when known
    kind: str
    country: str | None
    how: str  # alias | person | description | demonym+description | possessive | alias-in-phrase
    matched: str  # the words that decided it


@lru_cache(maxsize=1)
def acled_country_names() -> dict[str, str]:
    """ISO2 -> the country's name as ACLED writes it (kb/acled_countries.tsv where it differs from
    kb/countries.tsv)."""
    names = {row["iso2"]: row["name"] for row in read_tsv("countries.tsv")}
    names.update({row["iso2"]: row["acled_name"] for row in read_tsv("acled_countries.tsv")})
    return names


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return 0 < len(letters) <= ACRONYM_MAX and letters.isupper() and letters.isalpha()


class ActorResolver:
    """Resolves actor mentions against one loaded :class:`ActorKB`."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        self._countries = load_country_gazetteer().countries  # normalised name/alias/demonym -> ISO2
        self._acled_country = acled_country_names()
        self._descriptions = {alias_key(d.phrase): d.role for d in kb.descriptions}
        self._people: dict[str, list[Person]] = defaultdict(list)
        for periods in kb.people.values():
            for p in periods:
                for key in {alias_key(a) for a in (p.name, *p.aliases)} - {""}:
                    self._people[key].append(p)
        # keys that only all-caps aliases produce: "IS", "AA", "SNA" must be written in capitals
        spelled: dict[str, set[bool]] = defaultdict(set)
        for rows in kb.actors.values():
            for row in rows:
                for alias in (row.name, *row.aliases):
                    spelled[alias_key(alias)].add(_is_acronym(alias))
        self._acronyms = frozenset(k for k, kinds in spelled.items() if kinds == {True})
        self._country_keys = {alias_key(name): cc for name, cc in self._countries.items()}
        self._aliases = {key: kb.by_alias(key) for key in kb.alias_keys()}  # keyed look-ups, no re-folding
        self._ethnic = _ethnic_groups()
        # the first words any actor phrase can start with: find_in_text skips every other word at once
        self._first_words = frozenset(key.split()[0] for table in (self._aliases, self._people, self._descriptions,
                                                                   self._country_keys, self._ethnic)
                                      for key in table if key)
        # every word-prefix of every name: the scanner stops lengthening a phrase no name continues
        self._prefixes = frozenset(" ".join(words[:n]) for table in (self._aliases, self._people, self._descriptions,
                                                                   self._country_keys)
                                   for words in (key.split() for key in table if key)
                                   for n in range(1, len(words) + 1))
        self._part_of: dict[str, list] = defaultdict(list)
        self._branches: dict[str, list] = defaultdict(list)  # transnational id -> its national branches
        for aff in kb.affiliations:
            if aff.relation == "part_of":
                self._part_of[aff.child].append(aff)
            if aff.relation in ("part_of", "affiliate_of"):
                self._branches[aff.parent].append(aff)
        self._found: dict[tuple[str, str | None, date | None], list] = {}  # find_in_text's last answers
        self._role_defaults: dict[tuple[str, str], list] = defaultdict(list)
        for d in kb.role_defaults:
            self._role_defaults[(d.role, d.country)].append(d)
        self._theatres: dict[tuple[str, str], list] = defaultdict(list)
        for t in kb.theatres:
            self._theatres[(t.actor, t.country)].append(t)
        # a state or political body -> its armed forces (part_of rows whose child is state forces)
        self._forces: dict[str, list] = defaultdict(list)
        for aff in kb.affiliations:
            if aff.relation == "part_of" and any(r.kind == "state_forces" for r in kb.actors.get(aff.child, ())):
                self._forces[aff.parent].append(aff)

    # --- the public face -------------------------------------------------------------------------------
    def resolve(self, text: str, country: str | None = None, day: date | None = None,
                bare_country: bool = True) -> ResolvedActor | None:
        """The one actor ``text`` names, or None (unknown name, no actor, or a role the country cannot fix).
        ``bare_country``: a country or people named alone is its state ("Turkish" in "Turkish-backed")."""
        words = _clean(text)
        if not words:
            return None
        ethnic = self._ethnic_militia([alias_key(w) for w in words], country)
        if ethnic is not None and ethnic[0] == len(words):
            return replace(ethnic[1], matched=" ".join(words))
        return (self._whole_alias(words, country, day) or self._alias_and_head(words, country, day)
                or self._owner_and_role(words, country, day)
                or self._person(words, day) or self._alias_inside(words, country, day)
                or self._description(words, country, day)
                or (self._country_itself(words, day) if bare_country else None))

    def resolve_all(self, text: str, country: str | None = None, day: date | None = None) -> list[ResolvedActor]:
        """Every actor a coordinated phrase names ("ISIS and al-Qaeda fighters"), in order, each once."""
        whole = self.resolve(text, country, day)
        parts = [p for p in _CONJUNCTION.split(text) if p.strip()]
        if len(parts) < 2:
            return [whole] if whole else []
        found: list[ResolvedActor] = []
        for part in parts:
            r = self.resolve(part, country, day, bare_country=False)
            if r is not None and all(r.actor_id != f.actor_id for f in found):
                found.append(r)
        # "Syrian and Russian forces": the shared head noun belongs to every part
        head = parts[-1].split()[-1]
        if len(found) < len(parts) and len(parts[-1].split()) > 1:
            found = []
            for part in parts:
                r = self.resolve(part if part == parts[-1] else f"{part} {head}", country, day)
                if r is not None and all(r.actor_id != f.actor_id for f in found):
                    found.append(r)
        if len(found) >= 2:
            return found
        return [whole] if whole else found

    def forces_of(self, actor: ResolvedActor, day: date | None = None) -> ResolvedActor:
        """The armed forces acting for a state or a governing body ("Pakistan", "the GNA") on the day;
        the actor itself when it has none."""
        if actor.kind not in ("state", "political_group"):
            return actor  # a coalition or an army is already the force that acts
        for aff in self._forces.get(actor.actor_id, ()):
            if day is None or aff.active_on(day):
                row = _on_day(self.kb.actors.get(aff.child, []), day)
                if row is not None and (day is None or row.active_on(day)):
                    return self._from_row(row, day, actor.how, actor.matched)
        return actor

    def by_id(self, actor_id: str, day: date | None = None, how: str = "kb") -> ResolvedActor | None:
        """The KB actor ``actor_id`` as it was on ``day`` (its ACLED name of the period)."""
        row = _on_day(self.kb.actors.get(actor_id, []), day)
        return self._from_row(row, day, how, "") if row is not None else None

    def in_theatre(self, actor: ResolvedActor, country: str | None, day: date | None = None) -> ResolvedActor:
        """The actor as coded in ``country``'s war (kb/actor_theatres.tsv): Saudi forces striking in Yemen
        are the Saudi-led coalition; elsewhere, or with no such row, the actor itself."""
        if not country:
            return actor
        for t in self._theatres.get((actor.actor_id, country), ()):
            if day is None or t.active_on(day):
                row = _on_day(self.kb.actors.get(t.acts_as, []), day)
                if row is not None:
                    return self._from_row(row, day, f"{actor.how}+theatre", actor.matched)
        return actor

    def unknown_candidates(self, mentions: Iterable[str], country: str | None = None,
                           day: date | None = None) -> list[str]:
        """Mentions that look like an organisation's name (capitalised words, not a known country or
        people) but resolve to nothing: material for a user's actor file."""
        out: list[str] = []
        for text in mentions:
            words = _clean(text)
            if not words or not all(_CAPITALISED.match(w) or w.lower() in {"of", "al", "the", "for", "and"}
                                    for w in words):
                continue
            if _norm(" ".join(words)) in self._countries or self.resolve(text, country, day) is not None:
                continue
            if text.strip() not in out:
                out.append(text.strip())
        return out

    def find_in_text(self, text: str, country: str | None = None,
                     day: date | None = None) -> list[tuple[int, int, ResolvedActor]]:
        """Every actor named in ``text`` (a sentence), left to right, as (start, end, actor): the
        fallback when the phrase read by position names nobody. Bare country names are places here,
        and news outlets and monitors are sources, so neither counts. An event's sentence is read several
        ways (subject, agent, coordination), so the last answers are kept."""
        key = (text, country, day)
        cached = self._found.get(key)
        if cached is None:
            cached = self._found[key] = self._find_in_text(text, country, day)
            if len(self._found) > FOUND_CACHE:
                self._found.pop(next(iter(self._found)))
        return list(cached)

    def _find_in_text(self, text: str, country: str | None,
                      day: date | None) -> list[tuple[int, int, ResolvedActor]]:
        tokens = list(_TOKEN.finditer(text))
        keys = [_token_key(t.group(0)) for t in tokens]
        found: list[tuple[int, int, ResolvedActor]] = []
        i = 0
        while i < len(tokens):
            hit = self._match_at(text, tokens, keys, i, country, day)
            if hit is None:
                i += 1
                continue
            size, actor = hit
            size += self._head_noun(keys, i + size, actor)
            if actor.kind not in _SOURCES and not _REPORTER.match(text[tokens[i + size - 1].end():]):
                found.append((tokens[i].start(), tokens[i + size - 1].end(), actor))
            i += size
        return found

    def _head_noun(self, keys: list[str], j: int, actor: ResolvedActor) -> int:
        """How many words after a named actor are only its head noun ("LNA forces", "PKK militants",
        "Houthi fighters"): part of the same mention, not a second, generic actor."""
        if actor.how not in ("alias", "person") or ":" in actor.actor_id or actor.kind == "state":
            return 0
        for n in (2, 1):
            if j + n <= len(keys) and self._descriptions.get(" ".join(keys[j:j + n])) in _HEAD_ROLES:
                return n
        return 0

    def _longest_possible(self, keys: list[str], i: int) -> int:
        """How many tokens from ``i`` some name could span: as far as the words stay a prefix of a name,
        or of a people word followed by a role ("Syrian regime forces")."""
        limit = min(MAX_NGRAM, len(keys) - i)
        longest = 0
        for size in range(1, limit + 1):
            if " ".join(keys[i:i + size]) not in self._prefixes:
                break
            longest = size
        for cut in range(1, min(3, limit - 1) + 1):
            if " ".join(keys[i:i + cut]) in self._country_keys:
                for size in range(cut + 1, limit + 1):
                    if " ".join(keys[i + cut:i + size]) not in self._prefixes:
                        break
                    longest = max(longest, size)
        return longest

    def _match_at(self, text: str, tokens: list[re.Match[str]], keys: list[str], i: int, country: str | None,
                  day: date | None) -> tuple[int, ResolvedActor] | None:
        """The longest phrase starting at token ``i`` that names an actor, and its length in tokens."""
        if keys[i].split(" ", 1)[0] not in self._first_words:  # a token's key may hold two words ("al-Sham")
            return None
        ethnic = self._ethnic_militia(keys[i:i + 4], country)
        if ethnic is not None:
            size, actor = ethnic
            return size, replace(actor, matched=text[tokens[i].start():tokens[i + size - 1].end()])
        for size in range(self._longest_possible(keys, i), 0, -1):
            key = " ".join(keys[i:i + size])
            phrase = text[tokens[i].start():tokens[i + size - 1].end()]
            if not key:
                continue
            if key not in self._country_keys:
                rows = [r for r in self._aliases.get(key, ()) if self.kb.names_here(key, r, country)]
                if rows and not (key in self._acronyms and not phrase.replace(".", "").replace("'s", "").isupper()):
                    row = self._pick_row(rows, country, day)
                    if row is not None:
                        return size, self._from_row(row, day, "alias", phrase, country)
                person = self._pick_person(self._people.get(key, []), day)
                if person:
                    row = self._pick_row(self.kb.actors.get(person[0].acts_for, []), None, day)
                    if row is not None:
                        return size, self._from_row(row, day, "person", phrase)
            role = self._descriptions.get(key)
            if role is not None and (i == 0 or not phrase[:1].isupper()):
                # "military forces of Armenia": the role, then whose
                for n in (3, 2, 1):
                    j = i + size
                    if j + n < len(keys) + 1 and j < len(keys) and keys[j] == "of":
                        owner = self._country_keys.get(" ".join(keys[j + 1:j + 1 + n]))
                        if owner is not None and role in _STATE_ROLE:
                            actor = self._role(role, owner, day, "description+of", phrase)
                            if actor is not None:
                                return size + 1 + n, actor
                actor = self._role(role, country, day, "description", phrase)
                if actor is not None:
                    return size, actor
            for cut in range(min(3, size - 1), 0, -1):
                owner = self._country_keys.get(" ".join(keys[i:i + cut]))
                role = self._descriptions.get(" ".join(keys[i + cut:i + size]))
                if owner is not None and role is not None:
                    actor = self._role(role, owner, day, "demonym+description", phrase)
                    if actor is not None:
                        return size, actor
        return None

    # --- the ways a phrase names an actor ----------------------------------------------------------------
    def _whole_alias(self, words: list[str], country: str | None, day: date | None) -> ResolvedActor | None:
        row = self._alias_row(" ".join(words), country, day)
        return self._from_row(row, day, "alias", " ".join(words), country) if row else None

    def _ethnic_militia(self, keys: list[str], country: str | None) -> tuple[int, ResolvedActor] | None:
        """"Fulani militiamen", "Tiv militias", "Murle raiders": a people's armed men, which ACLED codes as
        "<People> Ethnic Militia (<Country>)" (the event's country, else the people's only home)."""
        for n in (2, 1):
            group = self._ethnic.get(" ".join(keys[:n])) if len(keys) > n else None
            if group is None:
                continue
            for m in (2, 1):
                if len(keys) >= n + m and " ".join(keys[n:n + m]) in _MILITIA_WORDS:
                    name, homes = group
                    where = country or (homes[0] if len(homes) == 1 else None)
                    label = f"{name} Ethnic Militia" + (f" ({self._acled_country.get(where, where)})" if where else "")
                    slug = alias_key(name).replace(" ", "-")
                    return n + m, ResolvedActor(f"ethnic-militia:{slug}:{where or ''}", label, label, "militia",
                                                where, "ethnic", "")
        return None

    def _country_itself(self, words: list[str], day: date | None) -> ResolvedActor | None:
        """A country or people named alone ("Turkish-backed" -> "Turkish"): the state."""
        text = _POSSESSIVE.sub("", " ".join(words))
        if not text[:1].isupper() or (len(text) <= ACRONYM_MAX and text.lower() in _SHORT_WORDS and not text.isupper()):
            return None  # "us", "car" in lower case are words, not countries
        cc = self._countries.get(_norm(text))
        return self._role("government", cc, day, "country", " ".join(words)) if cc else None

    def _alias_and_head(self, words: list[str], country: str | None, day: date | None) -> ResolvedActor | None:
        """A name and the noun saying what it is: "military police forces", "LNA fighters"."""
        for n in (2, 1):
            if len(words) > n and self._descriptions.get(alias_key(" ".join(words[-n:]))) in _HEAD_ROLES:
                found = self._whole_alias(words[:-n], country, day)
                if found is not None and found.kind != "state":  # "Turkey's troops" are its military
                    return found
        return None

    def _owner_and_role(self, words: list[str], country: str | None, day: date | None) -> ResolvedActor | None:
        """"Syrian army", "Turkey's troops", "regime's airbase", "Pakistani protesters"."""
        if alias_key(" ".join(words)) in self._descriptions:
            return None  # "police forces", "army soldiers": one generic phrase, not an owner and a role
        for cut in range(min(3, len(words) - 1), 0, -1):
            owner, rest = words[:cut], words[cut:]
            role = self._descriptions.get(alias_key(" ".join(rest)))
            if role is None:
                continue
            possessive = bool(_POSSESSIVE.search(owner[-1]))
            owner_text = _POSSESSIVE.sub("", " ".join(owner))
            owner_cc = self._countries.get(_norm(owner_text))
            how = "possessive" if possessive else "demonym+description"
            if owner_cc is not None:
                return self._role(role, owner_cc, day, how, " ".join(words))
            owner_role = self._descriptions.get(alias_key(owner_text))
            if owner_role in _STATE_ROLE and role in _STATE_ROLE and country:
                # "the regime's airbase", "government soldiers": the context country's state
                return self._role(role if role != "government" else owner_role, country, day, how, " ".join(words))
            row = self._alias_row(owner_text, country, day)
            if row is not None and (possessive or role in ("rebels", "jihadists", "unidentified_armed_group")):
                if row.kind == "state" and role in _STATE_ROLE:
                    return self._role(role, row.country, day, how, " ".join(words))
                return self._from_row(row, day, how, " ".join(words), country)
        return None

    def _person(self, words: list[str], day: date | None) -> ResolvedActor | None:
        for gram in _ngrams(words):
            for person in self._pick_person(self._people.get(alias_key(gram), []), day):
                row = self._pick_row(self.kb.actors.get(person.acts_for, []), None, day)
                if row is not None:
                    return self._from_row(row, day, "person", gram)
        return None

    def _alias_inside(self, words: list[str], country: str | None, day: date | None) -> ResolvedActor | None:
        """The longest alias inside the phrase ("Houthi fighters", "Kremlin spokesman")."""
        for gram in _ngrams(words[:MAX_NGRAM + 2]):
            if len(gram.split()) == len(words):
                continue  # the whole phrase was tried first
            if _norm(_POSSESSIVE.sub("", gram)) in self._countries and len(words) > 1:
                continue  # "Iraqi" inside "Iraqi villagers" names a country, not the Iraqi state
            row = self._alias_row(gram, country, day)
            if row is not None:
                return self._from_row(row, day, "alias-in-phrase", gram, country)
        return None

    def _description(self, words: list[str], country: str | None, day: date | None) -> ResolvedActor | None:
        for gram in _ngrams(words):
            role = self._descriptions.get(alias_key(gram))
            if role is not None:
                if role in _NAMEABLE_ROLES and _named_qualifier(words, gram):
                    # "Kurdish forces", "Qzorvel Brigade": someone's forces, not the country's own nor
                    # unidentified; left unresolved, the name reaches `fogmap actors --unknown`
                    return None
                return self._role(role, country, day, "description", gram)
        return None

    # --- picking rows ----------------------------------------------------------------------------------
    def _alias_row(self, text: str, country: str | None, day: date | None) -> ActorEntry | None:
        key = alias_key(_POSSESSIVE.sub("", text))
        rows = [r for r in self.kb.by_alias(key) if self.kb.names_here(key, r, country)]
        if not rows:
            return None
        if key in self._acronyms and not text.replace(".", "").replace("'s", "").isupper():
            return None
        return self._pick_row(rows, country, day)

    def _pick_row(self, rows: Sequence[ActorEntry], country: str | None, day: date | None) -> ActorEntry | None:
        """The row of the actor meant: the country's when the alias is shared, the period on the day."""
        if not rows:
            return None
        ids = {r.id for r in rows}
        if len(ids) > 1:
            local = [r for r in rows if r.country and r.country == country]
            if local:
                rows = local
            elif country is not None:
                rows = [r for r in rows if not r.country] or rows
            if len({r.id for r in rows}) > 1:
                active = [r for r in rows if day is None or r.active_on(day)]
                if len({r.id for r in active}) != 1:
                    return None  # an acronym two actors share, and nothing says which
                rows = active
        row = _on_day(rows, day)
        return self._branch(row, country, day) if row is not None and not row.country and country else row

    def _branch(self, row: ActorEntry, country: str, day: date | None) -> ActorEntry:
        """"ISIS" in Libya is the Islamic State's Libyan province: the national branch of a
        transnational actor in the event's country, when the KB has one; else the actor it is coded as
        in that country's war (kb/actor_theatres.tsv: "ISIS" in Mali is the Sahel province)."""
        for aff in self._branches.get(row.id, ()):
            if day is None or aff.active_on(day):
                child = _on_day(self.kb.actors.get(aff.child, []), day)
                if child is not None and child.country == country:
                    return child
        for t in self._theatres.get((row.id, country), ()):
            if day is None or t.active_on(day):
                coded = _on_day(self.kb.actors.get(t.acts_as, []), day)
                if coded is not None:
                    return coded  # "ISIS" in Mali is the Islamic State's Sahel province
        return row

    def _pick_person(self, periods: Sequence[Person], day: date | None) -> list[Person]:
        if day is None:
            return [p for p in periods if not p.valid_to][:1] or list(periods[-1:])
        return [p for p in periods if p.active_on(day)][:1]

    # --- building results ------------------------------------------------------------------------------
    def _from_row(self, row: ActorEntry, day: date | None, how: str, matched: str,
                  country: str | None = None) -> ResolvedActor:
        acled = self._acled_on_day(row.acled_name, row.country, day) if row.acled_name else \
            self._parent_acled(row, day)
        if not acled and not row.country and country and row.kind == "jihadist_group":
            # ACLED names a transnational group's fighters by country: "Islamic State (Egypt)"
            acled = f"{row.name} ({self._acled_country.get(country, country)})"
        return ResolvedActor(row.id, row.name, acled or row.name, row.kind, row.country or None, how, matched)

    def _acled_on_day(self, name: str, country: str | None, day: date | None) -> str:
        """ACLED names a state's units after the state's forces in the period: "{military} Military
        Police" is "Military Forces of Brazil (2019-) Military Police" in 2020 and "(2023-)" later."""
        if "{" not in name or not country:
            return name
        filled = name
        for slot, suffix in (("{military}", "military"), ("{police}", "police"), ("{government}", "state")):
            if slot in filled:
                state = _on_day(self.kb.actors.get(f"{country.lower()}-{suffix}", []), day)
                filled = filled.replace(slot, state.acled_name if state and state.acled_name else
                                        f"{_STATE_ROLE[_SLOT_ROLE[suffix]][1]} {self._acled_country.get(country, country)}")
        return filled

    def _parent_acled(self, row: ActorEntry, day: date | None) -> str | None:
        """ACLED codes a unit as the force it belongs to (the Danab brigade as the Somali military): the
        ACLED name of the nearest part_of ancestor that has one, on the day."""
        current = row.id
        for _ in range(3):
            parent = next((a.parent for a in self._part_of.get(current, ()) if day is None or a.active_on(day)), None)
            if parent is None:
                return None
            up = _on_day(self.kb.actors.get(parent, []), day)
            if up is not None and up.acled_name:
                return up.acled_name
            current = parent
        return None

    def _role(self, role: str, country: str | None, day: date | None, how: str, matched: str) -> ResolvedActor | None:
        if role in _STATE_ROLE:
            if country is None:
                return None
            suffix, prefix = _STATE_ROLE[role]
            row = _on_day(self.kb.actors.get(f"{country.lower()}-{suffix}", []), day)
            if row is not None:
                return self._from_row(row, day, how, matched)
            name = f"{prefix} {self._acled_country.get(country, country)}"
            return ResolvedActor(f"{role.replace('_', '-')}:{country}", name, name, _ROLE_KIND[role], country,
                                 how, matched)
        if role in _GENERIC:
            label = _GENERIC[role]
            acled = f"{label} ({self._acled_country.get(country, country)})" if country else None
            return ResolvedActor(f"{role.replace('_', '-')}:{country}" if country else role.replace("_", "-"),
                                 acled or label, acled, _ROLE_KIND[role], country, how, matched)
        for d in self._role_defaults.get((role, country or ""), ()):
            if day is None or d.active_on(day):
                row = _on_day(self.kb.actors.get(d.actor, []), day)
                if row is not None:
                    return self._from_row(row, day, f"{how}+country", matched, country)
        return None  # rebels, jihadists: which group is meant needs more than a country


def _on_day(rows: Sequence[ActorEntry], day: date | None) -> ActorEntry | None:
    """The row valid on ``day``; without a day, the open-ended (current) row; outside every period, the
    nearest one (a report may name a group a little before its founding date in the KB)."""
    if not rows:
        return None
    if day is None:
        return next((r for r in rows if not r.valid_to), rows[-1])
    for r in rows:
        if r.active_on(day):
            return r
    return min(rows, key=lambda r: min(abs((day - b).days) for b in r.span() if b not in (date.min, date.max))
               if any(b not in (date.min, date.max) for b in r.span()) else 0)


_SHORT_WORDS = frozenset({"us", "uk", "uae", "drc", "car"})  # acronyms of countries that are also words
_SLOT_ROLE = {"military": "state_forces", "police": "police", "state": "government"}
_NAMEABLE_ROLES = frozenset({"state_forces", "police", "government", "unidentified_armed_group", "rebels", "jihadists"})
_PLAIN_OPENERS = frozenset({"several", "some", "many", "dozens", "hundreds", "thousands", "two", "three", "four",
                            "five", "armed", "masked", "unidentified", "unknown", "suspected", "local", "foreign",
                            "heavily", "fleeing", "retreating", "advancing", "allied", "rival"})


def _named_qualifier(words: list[str], gram: str) -> bool:
    """A capitalised word outside the generic phrase names whose forces they are ("Kurdish forces"); a
    first word capitalised only because it opens the sentence ("Several soldiers") does not."""
    inside = set(gram.split())
    opener = words[:1] if words and words[0].lower() not in _PLAIN_OPENERS | STOP_WORDS else []
    return any(w[:1].isupper() and w not in inside for w in words[1:] + opener)


# generic heads that, right after a name, only say what kind of thing the named actor is
_HEAD_ROLES = frozenset({"state_forces", "police", "unidentified_armed_group", "rebels", "jihadists"})


# words that, after a people's name, make its armed men ("Fulani herdsmen", "Tiv militias")
_MILITIA_WORDS = frozenset({
    "militia", "militias", "militiamen", "militia men", "gunmen", "herders", "herdsmen", "raiders", "youths",
    "youth", "fighters", "pastoralists", "attackers", "assailants", "tribesmen", "vigilantes", "ethnic militia",
    "ethnic militias", "communal militia", "communal militias", "community militia", "armed men", "cattle raiders"})


@lru_cache(maxsize=1)
def _ethnic_groups() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Alias key -> (the people's name as ACLED writes it, its home countries), from kb/ethnic_groups.tsv."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for row in read_tsv("ethnic_groups.tsv"):
        homes = tuple(c for c in row.get("home", "").split("|") if c)
        for alias in (row["name"], *row.get("aliases", "").split("|")):
            if alias.strip():
                out.setdefault(alias_key(alias), (row["name"], homes))
    return out


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    """A word's alias key, memoised: the same words recur in every sentence. "pro-Houthi" counts as
    "Houthi" (ACLED codes a side's fighters as the side), as `_clean` does for whole phrases."""
    if token[:4].lower() == "pro-" and len(token) > 4:
        token = token[4:]
    return alias_key(_POSSESSIVE.sub("", token))


def _clean(text: str) -> list[str]:
    """The naming words: counts and hedges dropped; "pro-Houthi forces" are the Houthis' own (ACLED
    codes a side's fighters as the side), and "anti-Houthi" says who they are not, so it goes."""
    text = _LEADING.sub("", text.strip().strip(",.;:\"'“”()"))
    words = [w[4:] if w.lower().startswith("pro-") and len(w) > 4 else w for w in text.split()
             if not w.lower().startswith("anti-")]
    return words


def _norm(text: str) -> str:
    """The country gazetteer's key: lower case, no leading "the"."""
    text = text.strip().lower()
    return text[4:] if text.startswith("the ") else text


def _ngrams(words: list[str]) -> Iterable[str]:
    """Word n-grams, longest first, then left to right."""
    for size in range(min(len(words), MAX_NGRAM), 0, -1):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start:start + size])


@lru_cache(maxsize=4)
def default_resolver(extra: tuple[str, ...] = ()) -> ActorResolver:
    """The resolver over the shipped KB and the user's actor files ``extra`` (paths; an id they name
    replaces the shipped actor), built once per process and set of files. A bad user file raises
    ConfigError naming the file and line, before anything is resolved with it."""
    from .user_files import check_user_files  # here, not at the top: only user files need it

    check_user_files(extra)
    return ActorResolver(load_actor_kb(extra))
