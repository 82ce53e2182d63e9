"""`fogmap eval fusion`: canonical events against incident groups of articles (FA-KES-style JSON lines).

Each article is an item; its gold cluster is the articles sharing its incident key (FA-KES: date and
location). fogmap's cluster for an article is the canonical event of its lead: the first event it
reports of its publication day (news is what happened that day; a story often opens by recalling an
older attack), else the first event it reports. An article with no event is its own cluster, a copy
takes its original's. The one-a-day baseline puts articles together whose lead events share date, admin-1 (else
country) and ACLED event type. Both are scored with B-cubed precision, recall and F1 (Bagga & Baldwin),
with a paired bootstrap interval of fogmap's F1 less the baseline's.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import FogmapError
from ..ingest.identity import content_hash, document_id

FAKES_FIELDS = {"text": "article_content", "title": "article_title", "published": "date_iso", "outlet": "source"}
FAKES_GROUP = ("date_iso", "location")


def read_gold(path: Path, text_key: str, url_key: str, group_keys: Sequence[str]) -> list[tuple[str, tuple]]:
    """(document id, incident key) per article, in file order; the id is the one ingest gives it."""
    if not path.is_file():
        raise FogmapError(f"{path}: no such file; fusion is scored on FA-KES-style JSON lines "
                          "(e.g. ../shared/eval/fakes/fakes.jsonl, which fogmap does not ship)")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = [k for k in (text_key, *group_keys) if k not in row]
        if missing:
            raise FogmapError(f"{path}: line {number} has no {', '.join(missing)} (map fields with -f, group with --group)")
        url = row.get(url_key)
        items.append((document_id(url, content_hash(row[text_key])), tuple(row[k] for k in group_keys)))
    return items


def _item_scores(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> list[tuple[float, float]]:
    """Each item's B-cubed (precision, recall): the share of its predicted cluster that is in its gold
    cluster, and the share of its gold cluster that is in its predicted one."""
    pred_members: dict[Hashable, set[int]] = defaultdict(set)
    gold_members: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        pred_members[p].add(i)
        gold_members[g].add(i)
    scores = []
    for p, g in zip(predicted, gold):
        both = len(pred_members[p] & gold_members[g])
        scores.append((both / len(pred_members[p]), both / len(gold_members[g])))
    return scores


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _mean_f1(scores: Sequence[tuple[float, float]], items: Sequence[int]) -> float:
    return _f1(sum(scores[i][0] for i in items) / len(items), sum(scores[i][1] for i in items) / len(items))


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of item clusterings given as one label per item."""
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    scores = _item_scores(predicted, gold)
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(_f1(precision, recall), 4)}


def f1_difference_interval(a: Sequence[Hashable], b: Sequence[Hashable], gold: Sequence[Hashable],
                           resamples: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of F1(a) - F1(b) by a paired bootstrap over incident groups (items' B-cubed scores
    held fixed, groups drawn with replacement): whether one clustering is clearly above the other."""
    scores_a, scores_b = _item_scores(a, gold), _item_scores(b, gold)
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        groups[g].append(i)
    members = list(groups.values())
    rng = random.Random(seed)
    diffs = []
    for _ in range(resamples):
        items = [i for _ in members for i in rng.choice(members)]
        diffs.append(_mean_f1(scores_a, items) - _mean_f1(scores_b, items))
    diffs.sort()
    return round(diffs[int(0.025 * resamples)], 4), round(diffs[int(0.975 * resamples) - 1], 4)


def _news(r: Mapping[str, Any]) -> bool:
    """The report is of its document's publication day: what the story is news of."""
    return r["published"] is not None and r["window_start"] == r["published"]


def _leads(reports: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Mapping[str, Any]], dict[str, set[str]]]:
    """Each document's lead report (a copy takes its original's) and every canonical event it reports."""
    lead: dict[str, Mapping[str, Any]] = {}
    events: dict[str, set[str]] = defaultdict(set)
    original = {}
    for r in reports:
        original[r["doc_id"]] = r["duplicate_of"]
        if r["canonical_id"] is not None:
            first = lead.setdefault(r["doc_id"], r)
            if not _news(first) and _news(r):
                lead[r["doc_id"]] = r
            events[r["doc_id"]].add(r["canonical_id"])
    for doc, orig in original.items():
        if orig and orig in lead:
            lead[doc], events[doc] = lead[orig], events[orig]
    return lead, events


def score_fusion(gold: Sequence[tuple[str, tuple]], reports: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Scores of fogmap's canonical events and of the one-a-day baseline against the incident groups."""
    lead, events = _leads(reports)
    labels = [g for _, g in gold]
    fused, baseline = [], []
    for n, (doc, _) in enumerate(gold):
        r = lead.get(doc)
        fused.append(r["canonical_id"] if r else ("alone", n))
        baseline.append((r["window_start"], r["admin1"] or r["country"], r["type"]) if r else ("alone", n))
    groups: dict[tuple, list[int]] = defaultdict(list)
    for n, g in enumerate(labels):
        groups[g].append(n)
    shared = [ns for ns in groups.values() if len(ns) > 1]
    per_group = [len({fused[n] for n in ns}) for ns in shared]
    all_events = [len(set().union(*(events.get(gold[n][0], set()) for n in ns))) for ns in shared]
    return {
        "corpus": "fusion", "articles": len(gold), "incident_groups": len(groups), "groups_of_two_or_more": len(shared),
        "articles_with_an_event": sum(1 for doc, _ in gold if doc in lead),
        "fogmap": bcubed(fused, labels), "one_a_day": bcubed(baseline, labels),
        "f1_above_one_a_day_ci95": f1_difference_interval(fused, baseline, labels),
        "singletons": bcubed(list(range(len(gold))), labels),
        "canonical_events_per_group": round(sum(per_group) / len(per_group), 3) if per_group else None,
        "all_canonical_events_per_group": round(sum(all_events) / len(all_events), 3) if all_events else None,
    }
