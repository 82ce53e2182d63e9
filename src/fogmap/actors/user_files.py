"""The user's own actor files (`--actors FILE`, settings `[actors] files`), checked before any work starts.

A user file is judged by the problems it adds to the shipped KB's (those are a test's business, not the
user's), and every problem names the file and line, so the user can fix it without guessing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError
from .kb import ActorKB, check, load_actor_kb

# check()'s words for one alias naming two actors at once (kb._alias_clashes)
_CLASH = re.compile(r"^alias '(?P<key>[^']*)' names both (?P<a>\S+) and (?P<b>\S+?);")


def user_file_problems(files: Sequence[str | Path]) -> list[str]:
    """Every problem the files bring to the KB: unreadable or malformed lines, bad values, duplicate
    (id, valid_from) rows, overlapping periods, and aliases that now name two actors at once."""
    if not files:
        return []
    shipped = set(check(load_actor_kb()))
    kb = load_actor_kb(files)
    labels = tuple(f"{f}:" for f in files)
    return [p if p.startswith(labels) else _locate(p, kb, labels) for p in check(kb) if p not in shipped]


def _locate(problem: str, kb: ActorKB, labels: tuple[str, ...]) -> str:
    """An alias clash says which actors, not where: prefix the user's row that brought the alias."""
    clash = _CLASH.match(problem)
    if not clash:
        return problem
    rows = [r for r in kb.by_alias(clash["key"]) if r.id in (clash["a"], clash["b"]) and r.source.startswith(labels)]
    if not rows:
        return problem
    # a user file cannot declare an ambiguity in the shipped actor_ambiguities.tsv: the fix is in the file
    return f"{rows[0].source}: {problem.split(';')[0]}; drop the alias from one of them, or narrow its country or dates"


def check_user_files(files: Sequence[str | Path]) -> None:
    """Raise ConfigError, on one line, naming the first problem (file:line) the user's files bring."""
    problems = user_file_problems(files)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s) in the actor files)" if len(problems) > 1 else ""
        raise ConfigError(f"actor file {problems[0]}{more}")


def actor_file_stamps(files: Sequence[str | Path]) -> tuple[str, ...]:
    """Each user file as "actors:NAME@DIGEST" (its content's), recorded with the stages a document went
    through: the store says which actor coding its events follow, and an edited file reads differently."""
    return tuple(f"actors:{Path(f).name}@{hashlib.sha1(Path(f).read_bytes()).hexdigest()[:12]}" for f in files)
