"""A trainable sub-event classifier for users with their own labelled data.

Hashed word n-grams plus the rule scores of events/rules.py, fed to a multinomial logistic
regression. Hashing keeps the model free of a vocabulary, so the saved file holds only numbers
(an .npz of weights and settings, never a pickle that could run code when loaded). The rule scores
let a small training set inherit what the rules already know about rare classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from .rules import classify, label_scores, rule_hits

MODEL_FORMAT = "fogmap-events-model/1"
HASH_FEATURES = 2**18
RULE_SCALE = 10.0  # rule scores run to ~20; this keeps them on the scale of the l2-normed n-grams


@dataclass(frozen=True)
class EventModel:
    labels: tuple[str, ...]
    coef: np.ndarray  # (labels, HASH_FEATURES + len(labels))
    intercept: np.ndarray
    trained_on: int

    def scores(self, texts: list[str]) -> np.ndarray:
        return np.asarray(features(texts, self.labels) @ self.coef.T) + self.intercept

    def predict(self, texts: list[str]) -> list[str]:
        if not texts:
            return []
        return [self.labels[i] for i in self.scores(texts).argmax(axis=1)]

    def save(self, path: Path) -> None:
        with open(path, "wb") as out:  # np.savez would append ".npz" to a path without it
            np.savez_compressed(
                out, coef=self.coef, intercept=self.intercept,
                meta=np.array(json.dumps({"format": MODEL_FORMAT, "labels": list(self.labels),
                                          "trained_on": self.trained_on, "hash_features": HASH_FEATURES})))


def load_model(path: Path) -> EventModel:
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        if meta.get("format") != MODEL_FORMAT or meta.get("hash_features") != HASH_FEATURES:
            raise ValueError(f"{path}: not a {MODEL_FORMAT} file")
        return EventModel(tuple(meta["labels"]), data["coef"], data["intercept"], int(meta["trained_on"]))


def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=HASH_FEATURES, ngram_range=(1, 2), alternate_sign=False,
                             binary=True, norm="l2", token_pattern=r"(?u)\b\w[\w'-]*\b")


def rule_features(texts: list[str], labels: tuple[str, ...]) -> sparse.csr_matrix:
    index = {label: i for i, label in enumerate(labels)}
    rows = np.zeros((len(texts), len(labels)))
    for r, text in enumerate(texts):
        for label, score in label_scores(rule_hits(text)).items():
            if label in index:
                rows[r, index[label]] = score / RULE_SCALE
    return sparse.csr_matrix(rows)


def features(texts: list[str], labels: tuple[str, ...]) -> sparse.csr_matrix:
    return sparse.hstack([_vectorizer().transform(texts), rule_features(texts, labels)], format="csr")


def train(texts: list[str], labels: list[str], c: float = 20.0) -> EventModel:
    """Fit on ``texts`` with gold ``labels`` (taxonomy codes)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise ValueError("training needs at least two different labels")
    classes = tuple(sorted(set(labels)))
    fit = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    fit.fit(features(texts, classes), labels)
    coef, intercept = fit.coef_, fit.intercept_
    if len(fit.classes_) == 2:  # a binary fit keeps one row, for the second class; make it two
        coef, intercept = np.vstack([-coef[0], coef[0]]), np.array([-intercept[0], intercept[0]])
    order = [list(fit.classes_).index(label) for label in classes]
    return EventModel(classes, coef[order], intercept[order], len(texts))


def rules_or_model(texts: list[str], model: EventModel | None, labels: frozenset[str] | None = None) -> list[str]:
    """The label for each text from ``model`` when given, else from the shipped rules."""
    if model is not None:
        return model.predict(texts)
    return [classify(text, labels=labels).label for text in texts]
