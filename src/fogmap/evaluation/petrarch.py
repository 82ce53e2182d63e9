"""PETRARCH validation records: are conflict events found, and are denied or conditional ones kept out?

The records carry CAMEO codes, not ACLED ones, so the comparison is by sentence: a sentence whose
gold holds a material-conflict or protest code (CAMEO 14 protest, 171/173/175 seize, arrest,
repress, 18 assault, 19 fight, 20 mass violence) should yield a happened event, and one without
should not. The second check is the one that matters for honesty: every sentence that has a
negation, denial, condition, wish, modal or future word near a conflict cue and still gave a
happened event is listed, so that a person can read each and judge whether the word governs it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from ..errors import FogmapError
from ..events.assemble import events_for
from ..extract.extractor import Extractor, TextToExtract
from .corpus_files import read_json_lines
from .metrics import prf

CONFLICT_ROOTS = ("14", "171", "173", "175", "18", "19", "20")
# Independent of the parse on purpose: the words that *might* make an event not happen.
GUARD_WORDS = re.compile(
    r"\b(den(y|ies|ied|ying)|reject(s|ed)?|not|n't|never|no|if|unless|whether|would|could|might|may|should|"
    r"will|wo|shall|wants?|wanted|wish(es|ed)?|hope[sd]?|urge[sd]?|plan(s|ned|ning)?|threat(en|ens|ened)?|"
    r"vow(s|ed)?|intend(s|ed)?|prepar(e|es|ed|ing))\b", re.I)
DEFAULT_DATE = dt.date(2008, 8, 1)


def _published(value: str | None) -> dt.date:
    try:
        return dt.datetime.strptime(value or "", "%Y%m%d").date()
    except ValueError:
        return DEFAULT_DATE  # the stylised unit-test records carry no real date


def _conflict_gold(record: dict[str, Any]) -> bool:
    codes = [str(g.get("event") or "") for g in record.get("gold_events", [])]
    return any(code.startswith(CONFLICT_ROOTS) for code in codes)


def read_petrarch(path: Path) -> list[dict[str, Any]]:
    records = read_json_lines(path)
    for line_no, record in enumerate(records, start=1):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise FogmapError(f"{path}: record {line_no} needs a 'text' string")
    return records


def evaluate_petrarch(path: Path, extractor: Extractor,
                      progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    records = read_petrarch(path)
    found = extractor([TextToExtract(str(r.get("id", n)), r["text"]) for n, r in enumerate(records)])
    tp = predicted = gold = 0
    statuses: dict[str, int] = {}
    guarded: list[dict[str, Any]] = []
    held_back: list[dict[str, Any]] = []
    for n, (record, ex) in enumerate(zip(records, found), start=1):
        text = record["text"]
        events = events_for(ex.doc_id, text, _published(record.get("date")), ex)
        for event in events:
            statuses[event.status] = statuses.get(event.status, 0) + 1
        happened = [e for e in events if e.happened]
        is_gold = _conflict_gold(record)
        tp += bool(happened) and is_gold
        predicted += bool(happened)
        gold += is_gold
        row = {"id": record.get("id"), "text": text,
               "events": [{"code": e.code, "status": e.status} for e in events]}
        if happened and GUARD_WORDS.search(text):
            guarded.append(row)
        if any(not e.happened for e in events):
            held_back.append(row)
        if progress and n % 100 == 0:
            progress(n, len(records))
    return {"corpus": "petrarch", "file": str(path), "sentences": len(records),
            "conflict_sentences": prf(tp, predicted, gold), "statuses": dict(sorted(statuses.items())),
            "happened_with_guard_word": guarded, "held_back": held_back}
