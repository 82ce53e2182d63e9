"""WikiEvents (KAIROS) documents: are attack and death triggers found, and their arguments read?

A gold Conflict.Attack.* trigger counts as found when one of fogmap's event candidates of an
attack-like cue class overlaps it; Life.Die.* likewise with the killing cues. Arguments are scored on
the events whose trigger matched, by head match (the gold argument's last word inside fogmap's span):
Attacker <- actor1, Target and Victim <- actor2, Instrument <- weapon words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from ..events.assemble import events_for
from ..extract.extractor import Extractor, TextToExtract
from .corpus_files import read_json_lines
from .metrics import prf

ATTACK_CUES = {"air_strike", "armed_clash", "attack", "chemical", "explosion", "shelling", "shooting", "siege"}
DIE_CUES = {"killing"}
FAMILIES = {"Conflict.Attack": ATTACK_CUES, "Life.Die": DIE_CUES}
ROLES = {"Attacker": ("actor1",), "Target": ("actor2",), "Victim": ("actor2", "fatalities"),
         "Instrument": ("weapon",)}


def _char_offsets(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for token in tokens:
        found = text.find(token, at)
        if found < 0:
            spans.append((at, at))
            continue
        spans.append((found, found + len(token)))
        at = found + len(token)
    return spans


def read_wikievents(path: Path) -> list[dict[str, Any]]:
    return read_json_lines(path)


def evaluate_wikievents(path: Path, extractor: Extractor,
                        progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    docs = read_wikievents(path)
    trig = {family: [0, 0, 0] for family in FAMILIES}  # tp, predicted, gold
    args = {role: [0, 0, 0] for role in ROLES}
    for n, doc in enumerate(docs, start=1):
        text = doc["text"]
        offsets = _char_offsets(text, doc["tokens"])
        ex = extractor([TextToExtract(doc["doc_id"], text)])[0]
        events = events_for(doc["doc_id"], text, dt.date(2100, 1, 1), ex)
        for family, cues in FAMILIES.items():
            ours = [c for c in ex.candidates if c.cue_class in cues]
            gold = [m for m in doc["event_mentions"] if m["event_type"].startswith(family)]
            trig[family][1] += len(ours)
            trig[family][2] += len(gold)
            for m in gold:
                start, end = offsets[m["trigger"]["start"]][0], offsets[m["trigger"]["end"] - 1][1]
                hit = [c for c in ours if c.trigger.start < end and start < c.trigger.end]
                if hit:
                    trig[family][0] += 1
                    _score_arguments(text, m, hit[0], events, args)
    return {"corpus": "wikievents", "file": str(path), "documents": len(docs),
            "triggers": {f: prf(*v) for f, v in trig.items()},
            "arguments": {r: prf(*v) for r, v in args.items()}}


def _score_arguments(text: str, mention: dict, candidate, events, args: dict) -> None:
    event = next((e for e in events if any(s.start <= candidate.trigger.start < s.end for s in e.spans)), None)
    ours = {role: [a for a in event.arguments if a.role in wanted] if event else []
            for role, wanted in ROLES.items()}
    gold_roles = {}
    for arg in mention["arguments"]:
        if arg["role"] in ROLES:
            gold_roles.setdefault(arg["role"], []).append(arg["text"])
    for role in ROLES:
        golds = gold_roles.get(role, [])
        preds = ours[role][:1] if role != "Victim" else ours[role][:2]
        args[role][1] += len(preds)
        args[role][2] += len(golds)
        for g in golds:
            head = g.split()[-1].lower() if g.split() else ""
            if head and any(head in text[p.span.start:p.span.end].lower() for p in preds):  # the words, not the weapon's name
                args[role][0] += 1
