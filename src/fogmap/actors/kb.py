"""The actor knowledge base: kb/actors/*.tsv, affiliations, people, generic descriptions.

Shipped rows load first; a user file passed as ``extra_files`` replaces every shipped row of an id it
names (all periods at once, so a user can re-period an actor) and may add new ids. ``check`` lists
schema problems instead of raising, so one test can show all of them at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..kb import kb_path, read_tsv

KINDS = frozenset({
    "state", "state_forces", "police", "rebel_group", "jihadist_group", "militia", "political_group",
    "ethnic_group", "civilians", "igo", "ngo", "media_outlet", "person", "criminal_group",
})
RELATIONS = frozenset({"part_of", "affiliate_of", "successor_of", "proxy_of", "backed_by"})
ROLES = frozenset({
    "state_forces", "police", "government", "rebels", "jihadists", "unidentified_armed_group",
    "protesters", "rioters", "civilians",
})
ACTOR_COLUMNS = ("id", "name", "kind", "country", "aliases", "wikidata", "acled_name", "valid_from", "valid_to", "note")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")
# apostrophes and dots vanish ("Hay'at" = "Hayat", "U.N." = "UN"); other punctuation, hyphens included,
# becomes a space so "al-Sham" and "al Sham" meet
_DROP = re.compile(r"['’‘ʼʻʿʾ`´.]")
_SPACE = re.compile(r"[^a-z0-9]+")


LOCAL_MARK = "~"


@lru_cache(maxsize=1 << 16)
def alias_key(text: str) -> str:
    """Lowercase, accents folded, punctuation removed, leading "the " dropped."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    key = _SPACE.sub(" ", _DROP.sub("", folded.lower())).strip()
    return key[4:] if key.startswith("the ") else key


def _day(text: str) -> date | None:
    """A YYYY / YYYY-MM / YYYY-MM-DD bound as its first day. Periods are half-open [from, to): valid_to is
    the first day the row no longer holds, so one row can end on the day the next begins (Assad fell on
    2024-12-08, his successors' rows start that day) and "2019-03" can end one row and start the next."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class _Period:
    valid_from: str
    valid_to: str

    def span(self) -> tuple[date, date]:
        return (_day(self.valid_from) or date.min, _day(self.valid_to) or date.max)

    def active_on(self, day: date) -> bool:
        start, end = self.span()
        return start <= day < end

    def overlaps(self, other: _Period) -> bool:
        (a0, a1), (b0, b1) = self.span(), other.span()
        return a0 < b1 and b0 < a1


@dataclass(frozen=True)
class ActorEntry(_Period):
    id: str
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...]
    wikidata: str
    acled_name: str
    note: str
    source: str = ""  # file the row came from, for error messages


@dataclass(frozen=True)
class Affiliation(_Period):
    child: str
    parent: str
    relation: str
    note: str


@dataclass(frozen=True)
class Person(_Period):
    id: str
    name: str
    aliases: tuple[str, ...]
    acts_for: str
    office: str
    wikidata: str


@dataclass(frozen=True)
class Theatre(_Period):
    """In one country's war an actor's forces are coded as another actor's: Saudi and Emirati jets over
    Yemen fly for the Saudi-led coalition ("Operation Restoring Hope" in ACLED)."""
    actor: str
    country: str
    acts_as: str
    note: str


@dataclass(frozen=True)
class RoleDefault(_Period):
    """Whom a generic role means in one country's war: "the insurgents" in Cabo Delgado, "the
    separatists" in Donbas, "jihadists" in Somalia."""
    country: str
    role: str
    actor: str
    note: str


@dataclass(frozen=True)
class Description:
    phrase: str
    role: str
    note: str


@dataclass
class ActorKB:
    actors: dict[str, list[ActorEntry]]
    affiliations: list[Affiliation]
    people: dict[str, list[Person]]
    descriptions: list[Description]
    ambiguities: dict[str, frozenset[str]]  # alias key -> actor ids it may legitimately name
    load_problems: list[str] = field(default_factory=list)  # malformed lines, reported by check()
    theatres: list[Theatre] = field(default_factory=list)
    role_defaults: list[RoleDefault] = field(default_factory=list)
    _alias_index: dict[str, list[ActorEntry]] = field(default_factory=dict, repr=False)
    # (alias key, actor id) pairs of aliases written "~Military Police": generic words that name this
    # actor only in its own country (Brazil's military police, not every country's)
    local_aliases: frozenset[tuple[str, str]] = field(default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[ActorEntry]] = defaultdict(list)
        local: set[tuple[str, str]] = set()
        for rows in self.actors.values():
            for row in rows:
                for key in {alias_key(a) for a in (row.name, *row.aliases)} - {""}:
                    index[key].append(row)
                local.update((alias_key(a), row.id) for a in row.aliases if a.startswith(LOCAL_MARK))
        self._alias_index = dict(index)
        self.local_aliases = frozenset(local)

    def names_here(self, key: str, row: ActorEntry, country: str | None) -> bool:
        """Whether the alias ``key`` can name ``row`` in ``country`` (a local alias only at home)."""
        return (key, row.id) not in self.local_aliases or row.country == country

    def by_alias(self, alias: str) -> list[ActorEntry]:
        """Every row (all periods) that the alias names; the caller picks by date and country."""
        return list(self._alias_index.get(alias_key(alias), ()))

    def alias_keys(self) -> Iterable[str]:
        return self._alias_index.keys()

    def active(self, actor_id: str, day: date) -> ActorEntry | None:
        return next((r for r in self.actors.get(actor_id, ()) if r.active_on(day)), None)


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _read_file(path: Path, label: str, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of one actor file with their line numbers; what cannot be read is a problem, not a crash
    (a user's file may be anything: missing, binary, another encoding, empty)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(f"{label}: not UTF-8 text (byte {exc.start}); save it as a UTF-8 TSV file")
        return []
    except OSError as exc:
        problems.append(f"{label}: cannot read ({exc.strerror or exc})")
        return []
    if "\x00" in text:
        problems.append(f"{label}: a binary file, not a TSV file")
        return []
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    header = lines[0][1].split("\t") if lines else []
    if tuple(header) != ACTOR_COLUMNS:
        missing = [c for c in ACTOR_COLUMNS if c not in header]
        problems.append(f"{label}:{lines[0][0] if lines else 1}: header is not {'/'.join(ACTOR_COLUMNS)}"
                        + (f" (missing {', '.join(missing)})" if missing else ""))
        return []  # rows read under a wrong header would only add confusing follow-on problems
    rows = []
    for n, ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) != len(header):  # a lost or extra tab shifts every later column silently
            problems.append(f"{label}:{n}: {cells[0]!r} has {len(cells)} columns, not {len(header)}")
        rows.append((n, dict(zip(header, cells))))
    return rows


def _actor(row: dict[str, str], source: str) -> ActorEntry:
    g = lambda k: (row.get(k) or "").strip()  # noqa: E731 - a short getter keeps the constructor readable
    return ActorEntry(valid_from=g("valid_from"), valid_to=g("valid_to"), id=g("id"), name=g("name"),
                      kind=g("kind"), country=g("country"), aliases=_split(row.get("aliases")),
                      wikidata=g("wikidata"), acled_name=g("acled_name"), note=g("note"), source=source)


def load_actor_kb(extra_files: Sequence[str | Path] = ()) -> ActorKB:
    """The shipped actor KB, with the actor rows of ``extra_files`` replacing or adding ids."""
    actors: dict[str, list[ActorEntry]] = defaultdict(list)
    problems: list[str] = []
    folder = kb_path("actors")
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".tsv"):
            for line, row in _read_file(Path(str(item)), item.name, problems):
                actors[row.get("id", "").strip()].append(_actor(row, f"{item.name}:{line}"))
    for extra in extra_files:
        user: dict[str, list[ActorEntry]] = defaultdict(list)
        for line, row in _read_file(Path(extra), str(extra), problems):
            user[row.get("id", "").strip()].append(_actor(row, f"{extra}:{line}"))
        actors.update(user)  # a user id replaces all shipped periods of that id
    affiliations = [
        Affiliation(valid_from=r.get("valid_from", ""), valid_to=r.get("valid_to", ""), child=r["child"],
                    parent=r["parent"], relation=r["relation"], note=r.get("note", ""))
        for r in read_tsv("actor_affiliations.tsv")]
    people: dict[str, list[Person]] = defaultdict(list)
    for r in read_tsv("actor_people.tsv"):
        people[r["id"]].append(Person(valid_from=r.get("valid_from", ""), valid_to=r.get("valid_to", ""),
                                      id=r["id"], name=r["name"], aliases=_split(r.get("aliases")),
                                      acts_for=r["acts_for"], office=r.get("office", ""),
                                      wikidata=r.get("wikidata", "")))
    descriptions = [Description(r["phrase"], r["role"], r.get("note", ""))
                    for r in read_tsv("actor_descriptions.tsv")]
    ambiguities = {alias_key(r["alias"]): frozenset(_split(r["actors"]))
                   for r in read_tsv("actor_ambiguities.tsv")}
    theatres = [Theatre(valid_from=r.get("valid_from", ""), valid_to=r.get("valid_to", ""), actor=r["actor"],
                        country=r["country"], acts_as=r["acts_as"], note=r.get("note", ""))
                for r in read_tsv("actor_theatres.tsv")]
    role_defaults = [RoleDefault(valid_from=r.get("valid_from", ""), valid_to=r.get("valid_to", ""),
                                 country=r["country"], role=r["role"], actor=r["actor"], note=r.get("note", ""))
                     for r in read_tsv("actor_role_defaults.tsv")]
    return ActorKB(dict(actors), affiliations, dict(people), descriptions, ambiguities, problems, theatres,
                   role_defaults)


def _date_problems(where: str, p: _Period) -> list[str]:
    out = [f"{where}: bad date {d!r}" for d in (p.valid_from, p.valid_to) if d and not _DATE.match(d)]
    if not out:
        try:
            start, end = p.span()
            if start >= end:
                out.append(f"{where}: valid_from not before valid_to")
        except ValueError as err:
            out.append(f"{where}: bad date ({err})")
    return out


def check(kb: ActorKB, countries: frozenset[str] | None = None) -> list[str]:
    """Every schema problem of the KB, as readable messages; an empty list means it is sound."""
    if countries is None:
        countries = frozenset(r["iso2"] for r in read_tsv("countries.tsv"))
    problems: list[str] = list(kb.load_problems)
    for actor_id, rows in kb.actors.items():
        seen: set[str] = set()
        for row in rows:
            where = f"{row.source}: {actor_id or '<no id>'} {row.valid_from}".rstrip()
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", actor_id):
                problems.append(f"{where}: id is not a lowercase slug")
            if row.valid_from in seen:
                problems.append(f"{where}: duplicate (id, valid_from)")
            seen.add(row.valid_from)
            if row.kind not in KINDS:
                problems.append(f"{where}: unknown kind {row.kind!r}")
            if row.country and row.country not in countries:
                problems.append(f"{where}: bad country code {row.country!r}")
            if row.wikidata and not _QID.match(row.wikidata):
                problems.append(f"{where}: bad wikidata id {row.wikidata!r}")
            if not row.name:
                problems.append(f"{where}: no name")
            problems += _date_problems(where, row)
        # the same id in two overlapping periods would make "the row valid on day D" ambiguous
        for i, a in enumerate(rows):
            problems += [f"{a.source}: {actor_id}: periods {a.valid_from} and {b.valid_from} overlap"
                         for b in rows[i + 1:] if a.overlaps(b)]
    for aff in kb.affiliations:
        where = f"actor_affiliations.tsv: {aff.child} {aff.relation} {aff.parent}"
        problems += [f"{where}: unknown id {x!r}" for x in (aff.child, aff.parent) if x not in kb.actors]
        if aff.relation not in RELATIONS:
            problems.append(f"{where}: unknown relation")
        problems += _date_problems(where, aff)
    for person_id, periods in kb.people.items():
        seen_p: set[tuple[str, str]] = set()
        for p in periods:
            where = f"actor_people.tsv: {person_id} {p.acts_for} {p.valid_from}"
            if p.acts_for not in kb.actors:
                problems.append(f"{where}: unknown id {p.acts_for!r}")
            if (p.acts_for, p.valid_from) in seen_p:
                problems.append(f"{where}: duplicate row")
            seen_p.add((p.acts_for, p.valid_from))
            if p.wikidata and not _QID.match(p.wikidata):
                problems.append(f"{where}: bad wikidata id {p.wikidata!r}")
            problems += _date_problems(where, p)
    for t in kb.theatres:
        where = f"actor_theatres.tsv: {t.actor} in {t.country} as {t.acts_as}"
        problems += [f"{where}: unknown id {x!r}" for x in (t.actor, t.acts_as) if x not in kb.actors]
        problems += [f"{where}: bad country code {t.country!r}"] if t.country not in countries else []
        problems += _date_problems(where, t)
    for d in kb.role_defaults:
        where = f"actor_role_defaults.tsv: {d.role} in {d.country}"
        problems += [f"{where}: unknown id {d.actor!r}"] if d.actor not in kb.actors else []
        problems += [f"{where}: unknown role"] if d.role not in ROLES else []
        problems += [f"{where}: bad country code {d.country!r}"] if d.country not in countries else []
        problems += _date_problems(where, d)
    problems += [f"actor_descriptions.tsv: {d.phrase!r}: unknown role {d.role!r}"
                 for d in kb.descriptions if d.role not in ROLES]
    for key, ids in kb.ambiguities.items():
        problems += [f"actor_ambiguities.tsv: {key!r}: unknown id {x!r}" for x in ids if x not in kb.actors]
    problems += _alias_clashes(kb)
    return problems


def _alias_clashes(kb: ActorKB) -> list[str]:
    """Alias keys naming two actors that could both be meant: same country (or one transnational), same time."""
    out: list[str] = []
    for key in kb.alias_keys():
        rows = kb.by_alias(key)
        ids = {r.id for r in rows}
        if len(ids) < 2 or ids <= kb.ambiguities.get(key, frozenset()):
            continue
        clash = sorted({
            tuple(sorted((a.id, b.id))) for i, a in enumerate(rows) for b in rows[i + 1:]
            if a.id != b.id and a.overlaps(b) and (a.country == b.country or not a.country or not b.country)})
        out += [f"alias {key!r} names both {a} and {b}; declare it in actor_ambiguities.tsv" for a, b in clash]
    return out
