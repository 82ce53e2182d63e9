"""Label scores as the shared tasks define them: per-class P/R/F1, macro and support-weighted F1."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def per_class(gold: list[str], pred: list[str], labels: list[str] | None = None) -> list[ClassScore]:
    labels = labels or sorted(set(gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    out = []
    for label in labels:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        out.append(ClassScore(label, p, r, _f1(p, r), tp[label] + fn[label]))
    return out


def macro_f1(scores: list[ClassScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def weighted_f1(scores: list[ClassScore]) -> float:
    total = sum(s.support for s in scores)
    return sum(s.f1 * s.support for s in scores) / total if total else 0.0


def accuracy(gold: list, pred: list) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def confusion(gold: list[str], pred: list[str], top: int = 25) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) mistakes."""
    return [(g, p, n) for (g, p), n in Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(top)]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}
