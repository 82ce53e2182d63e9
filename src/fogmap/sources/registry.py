"""The source registry: a document's outlet or a claim's claimant as a source with a reliability grade
and the actors it speaks for.

Outlets and claimants are actors of the actor KB (kb/actors/media.tsv holds the outlets: wires, state
and party media, armed groups' agencies, monitors). Whose voice a source is comes from
kb/actor_affiliations.tsv: TASS is part of the Russian state, Fars is affiliated with the IRGC, Amaq
speaks for the Islamic State. Two sources that share a voice are not independent of each other (a
claim TASS makes and RT repeats is one claim), and a source is self-interested about any actor whose
voice it shares (the Russian defence ministry denying a Russian strike).

Reliability grades come from the user's files (settings [sources] files): TSV with the columns
`source` (an actor id, or a name as outlets are written), `reliability` (A-F) and `note`. A source
no file grades is F, "cannot be judged" (grades.py).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..actors.resolve import ActorResolver
from ..errors import ConfigError
from ..geo.outlets import outlet_key
from .grades import DEFAULT_GRADE, grades

# affiliations along which a source speaks for its parent (a branch, an agency, a franchise, a proxy;
# for an outlet, also its funder: see SourceRegistry._speaks_for)
VOICE_RELATIONS = ("part_of", "affiliate_of", "proxy_of")
_COLUMNS = ("source", "reliability")


@dataclass(frozen=True)
class SourceProfile:
    """One source as fogmap judges it, with where each judgement came from."""

    name: str  # as written: the outlet of a document, a claimant's words
    actor_id: str | None  # the actor KB's id, when the name resolves to one
    reliability: str  # A-F
    graded_by: str  # "file.tsv:12", or "default" (never graded: F)
    voices: tuple[str, ...]  # actor ids it speaks for: itself, then its parents, nearest first

    @property
    def key(self) -> str:
        """What tells one source from another: its actor id, else its name as outlets are keyed."""
        return self.actor_id or "outlet:" + outlet_key(self.name)


class SourceRegistry:
    def __init__(self, resolver: ActorResolver, graded: dict[str, tuple[str, str]]) -> None:
        self.resolver = resolver
        self._graded = graded  # source key -> (grade, "file:line")

    def profile(self, name: str, day: date | None = None) -> SourceProfile:
        actor = self.resolver.resolve(name, None, day, bare_country=True) if name.strip() else None
        actor_id = actor.actor_id if actor is not None and ":" not in actor.actor_id else None
        voices = self.voices(actor_id, day) if actor_id else ()
        key = actor_id or "outlet:" + outlet_key(name)
        grade, where = self._graded.get(key) or self._graded.get("outlet:" + outlet_key(name)) or (DEFAULT_GRADE,
                                                                                                  "default")
        return SourceProfile(name, actor_id, grade, where, voices)

    def voices(self, actor_id: str, day: date | None = None) -> tuple[str, ...]:
        """``actor_id`` and every actor it speaks for through part_of / affiliate_of / proxy_of rows valid
        on ``day`` (any day when None), nearest first, each once."""
        out, frontier = [actor_id], [actor_id]
        while frontier:
            nxt = []
            for child in frontier:
                for aff in self.resolver.kb.affiliations:
                    if (aff.child == child and self._speaks_for(aff.child, aff.relation) and aff.parent not in out
                            and (day is None or aff.active_on(day))):
                        out.append(aff.parent)
                        nxt.append(aff.parent)
            frontier = nxt
        return tuple(out)

    def _speaks_for(self, child: str, relation: str) -> bool:
        # a state-funded outlet (RT, "backed_by" the Russian state) is its funder's voice; an armed
        # group backed by a state is not that state's mouthpiece
        if relation in VOICE_RELATIONS:
            return True
        return relation == "backed_by" and any(r.kind == "media_outlet" for r in self.resolver.kb.actors.get(child, ()))

    @staticmethod
    def independent(a: SourceProfile, b: SourceProfile) -> bool:
        """Two sources whose word counts twice: not the same source, and no voice in common."""
        if a.key == b.key:
            return False
        return not (set(a.voices) & set(b.voices))

    def self_interested(self, source: SourceProfile, actor_id: str | None, day: date | None = None) -> bool:
        """Whether the source speaks for ``actor_id`` or for what ``actor_id`` is part of: its word about
        that actor is that actor's own."""
        if not actor_id or not source.voices:
            return False
        return bool(set(source.voices) & set(self.voices(actor_id, day)))


def _read_grades(path: Path, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot be read as UTF-8 text ({exc.__class__.__name__})")
        return []
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not numbered:
        return []
    header = next(csv.reader([numbered[0][1]], delimiter="\t"))
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        problems.append(f"{path}:{numbered[0][0]}: the header lacks {', '.join(missing)} "
                        "(a source grade file has the columns source, reliability, note)")
        return []
    rows = []
    for n, line in numbered[1:]:
        cells = next(csv.reader([line], delimiter="\t"))
        rows.append((n, dict(zip(header, cells))))
    return rows


def _graded(resolver: ActorResolver, files: Sequence[str | Path],
            problems: list[str]) -> dict[str, tuple[str, str]]:
    known = grades()
    graded: dict[str, tuple[str, str]] = {}
    for f in files:
        path = Path(f)
        for n, row in _read_grades(path, problems):
            where = f"{path}:{n}"
            name, grade = (row.get("source") or "").strip(), (row.get("reliability") or "").strip().upper()
            if not name:
                problems.append(f"{where}: no source named")
                continue
            if grade not in known:
                problems.append(f"{where}: reliability {grade or '(empty)'!r} is not a grade (A-F, the Admiralty scale)")
                continue
            actor_id = name if name in resolver.kb.actors else None
            if actor_id is None:
                actor = resolver.resolve(name)
                actor_id = actor.actor_id if actor is not None and ":" not in actor.actor_id else None
            graded[actor_id or "outlet:" + outlet_key(name)] = (grade, where)  # a later file wins
    return graded


def registry_problems(resolver: ActorResolver, files: Sequence[str | Path]) -> list[str]:
    """Every problem of the user's grade files, each naming file and line."""
    problems: list[str] = []
    _graded(resolver, files, problems)
    return problems


def load_registry(resolver: ActorResolver, files: Sequence[str | Path] = ()) -> SourceRegistry:
    """The registry over ``resolver``'s actors with the grades of ``files``; ConfigError on one line
    naming the first problem (file:line)."""
    problems: list[str] = []
    graded = _graded(resolver, files, problems)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"source grade file {problems[0]}{more}")
    return SourceRegistry(resolver, graded)
