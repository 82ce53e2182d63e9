"""Who ACLED says did what to whom, against the actors fogmap resolves for each note's first event.

Scored per note (a note is one event): actor1 and actor2 accuracy of the resolved ACLED names, and the
recall of ACLED's associated actors among the event's. Names are compared after normalisation:
- case and runs of whitespace do not count;
- a closed regime period counts as its open form: ACLED relabels "Military Forces of Yemen (2012-)"
  as "(2012-2022)" once the period ends, so the same actor-period reads differently by export date;
- a gold "X and/or Y" (ACLED's way of saying either may have done it) is matched by X or by Y;
- an empty gold actor2 is matched by no actor2 (most protests have none), so actor2 accuracy also
  rewards leaving it blank; ``actor2_accuracy_when_coded`` counts only notes whose gold has one.
A note in which fogmap finds no event is coded as a whole (its label from the rules, as the event-type
score does) and its actors are the first two its first sentence names, the way acled_places places
such a note from its first sentence.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actors.resolve import ActorResolver
from ..events.actors import resolve_event_actors
from ..events.assemble import code_text
from ..geo.fronts import load_front_lines
from ..records import DocumentExtraction, Event
from .corpus_files import open_corpus

_CLOSED_PERIOD = re.compile(r"\((\d{4})-\d{4}\)")
_SPACE = re.compile(r"\s+")
CONFUSIONS_SHOWN = 15


@dataclass(frozen=True)
class AcledActors:
    line: int
    actor1: str
    actor2: str
    assoc: tuple[str, ...]  # assoc_actor_1 and assoc_actor_2, split on ACLED's "; "


@dataclass(frozen=True)
class NoteActors:
    """The ACLED names fogmap gives one note's event."""

    actor1: str | None
    actor2: str | None
    assoc: tuple[str, ...] = ()


def event_actors(event: Event) -> NoteActors:
    return NoteActors(event.actor1_acled, event.actor2_acled, event.assoc_actors)


def note_actors(text: str, extraction: DocumentExtraction, country: str | None,
                resolver: ActorResolver | None = None) -> NoteActors:
    """Actors of a note in which no event was recognised: the note coded whole, its first sentence read."""
    coded = code_text(text)
    first = extraction.sentences[0] if extraction.sentences else None
    sentence = text[first.start:first.end] if first else text
    front = load_front_lines().side_in_text(sentence, country, coded.date_start) if coded.date_start else None
    found = resolve_event_actors(coded.event_type, coded.sub_event_type, None, None, country or (front and front.country),
                                 coded.date_start, resolver, sentence=sentence, front=front)
    return NoteActors(found.actor1.acled_name if found.actor1 else None,
                      found.actor2.acled_name if found.actor2 else None,
                      tuple(a.acled_name or a.name for a in found.assoc1 + found.assoc2))


def read_acled_actors(path: Path) -> dict[int, AcledActors]:
    """Gold actors by CSV line number (the line numbering of acled_places.read_acled_places)."""
    out: dict[int, AcledActors] = {}
    with open_corpus(path) as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            assoc = tuple(a.strip() for col in ("assoc_actor_1", "assoc_actor_2")
                          for a in (row.get(col) or "").split(";") if a.strip())
            out[line] = AcledActors(line, (row.get("actor1") or "").strip(), (row.get("actor2") or "").strip(), assoc)
    return out


def normalise_actor(name: str | None) -> str:
    return _CLOSED_PERIOD.sub(r"(\1-)", _SPACE.sub(" ", (name or "").strip().casefold()))


def actor_matches(gold: str, predicted: str | None) -> bool:
    """Whether ``predicted`` is the gold actor (an empty gold wants no prediction)."""
    if not gold.strip():
        return not predicted
    options = {normalise_actor(g) for g in gold.split(" and/or ")} | {normalise_actor(gold)}
    return normalise_actor(predicted) in options if predicted else False


def _kind(name: str) -> str:
    """The family of an ACLED name, for the breakdown: generic crowd/civilians, state, unidentified, named."""
    if name.startswith(("Protesters", "Rioters", "Civilians")):
        return "crowd"
    if name.startswith(("Military Forces", "Police Forces", "Government of")):
        return "state"
    if name.startswith("Unidentified"):
        return "unidentified"
    return "named" if name else "none"


def score_acled_actors(gold: dict[int, AcledActors], predicted: dict[int, NoteActors | None]) -> dict[str, Any]:
    """Actor accuracy over the notes in ``predicted`` (line -> the actors of the note's event, or None)."""
    lines = [line for line in predicted if line in gold]
    hits1 = hits2 = coded2 = hits2_coded = assoc_total = assoc_found = 0
    by_kind: dict[str, list[int]] = {}
    confusions: Counter = Counter()
    for line in lines:
        g, event = gold[line], predicted[line]
        a1 = event.actor1 if event else None
        a2 = event.actor2 if event else None
        ok1 = actor_matches(g.actor1, a1)
        ok2 = actor_matches(g.actor2, a2)
        hits1 += ok1
        hits2 += ok2
        if g.actor2:
            coded2 += 1
            hits2_coded += ok2
        kind = by_kind.setdefault(_kind(g.actor1), [0, 0])
        kind[0] += ok1
        kind[1] += 1
        if not ok1:
            confusions[(g.actor1, a1 or "")] += 1
        ours = {normalise_actor(a) for a in (event.assoc if event else ())}
        assoc_total += len(g.assoc)
        assoc_found += sum(normalise_actor(a) in ours for a in g.assoc)
    n = len(lines)
    return {
        "n": n,
        "actor1_accuracy": round(hits1 / n, 4) if n else None,
        "actor2_accuracy": round(hits2 / n, 4) if n else None,
        "actor2_accuracy_when_coded": round(hits2_coded / coded2, 4) if coded2 else None,
        "assoc_recall": round(assoc_found / assoc_total, 4) if assoc_total else None,
        "actor1_accuracy_by_kind": {k: round(v[0] / v[1], 4) for k, v in sorted(by_kind.items())},
        "actor1_confusions": [{"gold": g, "predicted": p, "n": k} for (g, p), k in confusions.most_common(CONFUSIONS_SHOWN)],
    }
