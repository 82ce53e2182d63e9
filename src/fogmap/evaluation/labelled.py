"""CASE 2021 task 2 and ACLED exports: a text in, a sub-event label (and for ACLED fatalities and a
date) out, scored against the file's own labels."""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import FogmapError
from .corpus_files import open_corpus
from ..events.assemble import code_text
from ..events.model import EventModel, train
from ..events.taxonomy import load_taxonomy
from .metrics import accuracy, confusion, macro_f1, per_class, weighted_f1

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class LabelledText:
    text: str
    label: str  # taxonomy code
    fatalities: int | None = None
    event_date: dt.date | None = None




def read_case2021(path: Path) -> list[LabelledText]:
    """TSV with a header: id, EventSnippet, SubType."""
    with open_corpus(path) as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or len(rows[0]) < 3:
        raise FogmapError(f"{path}: expected a TSV with columns id, EventSnippet, SubType")
    taxonomy = load_taxonomy()
    return [LabelledText(r[1], taxonomy.by_name(r[2]).code) for r in rows[1:] if len(r) >= 3]


def read_acled(path: Path) -> list[LabelledText]:
    """An ACLED export: notes, sub_event_type, fatalities, event_date."""
    with open_corpus(path) as f:
        reader = csv.DictReader(f)
        missing = {"notes", "sub_event_type"} - set(reader.fieldnames or ())
        if missing:
            raise FogmapError(f"{path}: not an ACLED export (missing {', '.join(sorted(missing))})")
        taxonomy = load_taxonomy()
        out = []
        for line, row in enumerate(reader, start=2):
            try:
                code = taxonomy.by_name(row["sub_event_type"]).code
            except KeyError as exc:
                raise FogmapError(f"{path}:{line}: {exc.args[0]}") from None
            out.append(LabelledText(row["notes"], code, _int(row.get("fatalities")), _date(row.get("event_date"))))
    return out


def read_labelled_tsv(path: Path) -> list[LabelledText]:
    """A user's own training file: TSV text<TAB>label (label = code or ACLED sub-event type)."""
    taxonomy = load_taxonomy()
    out = []
    with open_corpus(path) as f:
        for line, row in enumerate(csv.reader(f, delimiter="\t"), start=1):
            if len(row) < 2 or (line == 1 and row[1].lower() in {"label", "subtype", "sub_event_type"}):
                continue
            try:
                out.append(LabelledText(row[0], taxonomy.by_name(row[1]).code))
            except KeyError as exc:
                raise FogmapError(f"{path}:{line}: {exc.args[0]}") from None
    return out


def read_training_file(path: Path) -> list[LabelledText]:
    return read_acled(path) if path.suffix.lower() == ".csv" else read_labelled_tsv(path)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str | None) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y"):
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _label_report(gold: list[str], pred: list[str], labels: list[str]) -> dict[str, Any]:
    scores = per_class(gold, pred, labels)
    return {
        "n": len(gold), "accuracy": round(accuracy(gold, pred), 4),
        "weighted_f1": round(weighted_f1(scores), 4), "macro_f1": round(macro_f1(scores), 4),
        "per_class": [{"label": s.label, "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                       "f1": round(s.f1, 4), "support": s.support} for s in scores],
        "confusions": [{"gold": g, "predicted": p, "n": n} for g, p, n in confusion(gold, pred)],
    }


def evaluate_case2021(path: Path, model: EventModel | None = None) -> dict[str, Any]:
    items = read_case2021(path)
    gold = [i.label for i in items]
    pred = [code_text(i.text, as_event=False, model=model).code for i in items]
    report = _label_report(gold, pred, sorted(set(gold)))
    acled_only = [k for k, g in enumerate(gold) if load_taxonomy().by_code(g).is_event]
    report["acled_labels_weighted_f1"] = round(weighted_f1(per_class(
        [gold[k] for k in acled_only], [pred[k] for k in acled_only],
        sorted({gold[k] for k in acled_only}))), 4)
    return {"corpus": "case2021", "file": str(path), "model": "trained" if model else "rules", **report}


def evaluate_acled(path: Path, model: EventModel | None = None, progress: Progress | None = None) -> dict[str, Any]:
    items = read_acled(path)
    coded = []
    for n, item in enumerate(items, start=1):
        coded.append(code_text(item.text, model=model))
        if progress and n % 200 == 0:
            progress(n, len(items))
    return {"corpus": "acled", "file": str(path), "model": "trained" if model else "rules",
            **_acled_scores(items, [c.code for c in coded], coded)}


def _acled_scores(items: list[LabelledText], pred: list[str], coded=None) -> dict[str, Any]:
    taxonomy = load_taxonomy()
    gold = [i.label for i in items]
    report = _label_report(gold, pred, sorted(set(gold)))
    report["event_type_accuracy"] = round(accuracy(
        [taxonomy.by_code(g).event_type for g in gold], [taxonomy.by_code(p).event_type for p in pred]), 4)
    if coded is not None:
        with_fat = [(i.fatalities, c.fatalities) for i, c in zip(items, coded) if i.fatalities is not None]
        with_date = [(i.event_date, c.date_start if c.time_precision == 1 else None) for i, c in zip(items, coded)
                     if i.event_date is not None]
        report["fatalities_exact"] = round(accuracy(*zip(*with_fat)), 4) if with_fat else None
        report["event_date_exact"] = round(accuracy(*zip(*with_date)), 4) if with_date else None
    return report


def cross_validate(path: Path, folds: int, seed: int = 0, progress: Progress | None = None) -> dict[str, Any]:
    """K-fold cross-validation of the trainable path on an ACLED export (or a labelled TSV)."""
    items = read_training_file(path)
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    pred: list[str] = [""] * len(items)
    for k in range(folds):
        test = set(order[k::folds])
        fitted = train([items[i].text for i in order if i not in test], [items[i].label for i in order if i not in test])
        tested = sorted(test)
        for i, label in zip(tested, fitted.predict([items[i].text for i in tested])):
            pred[i] = label
        if progress:
            progress(k + 1, folds)
    return {"corpus": "acled" if path.suffix.lower() == ".csv" else "tsv", "file": str(path),
            "model": f"trained, {folds}-fold cross-validation", **_acled_scores(items, pred)}
