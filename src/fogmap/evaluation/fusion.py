"""`fogmap eval fusion`: canonical events against incident groups of articles (FA-KES-style JSON lines).

Each article is an item; its gold cluster is the articles sharing its incident key (FA-KES: date and
location). fogmap's cluster for an article is the canonical event of the first event it reports (its
lead: news opens with what happened); an article with no event, and a copy of one, is its own or its
original's. The one-a-day baseline puts articles together whose lead events share date, admin-1 (else
country) and ACLED event type. Both are scored with B-cubed precision, recall and F1 (Bagga & Baldwin).
"""

from __future__ import annotations

import json
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


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of item clusterings given as one label per item."""
    pred_members: dict[Hashable, set[int]] = defaultdict(set)
    gold_members: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        pred_members[p].add(i)
        gold_members[g].add(i)
    n = len(gold)
    if not n:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    precision = recall = 0.0
    for i, (p, g) in enumerate(zip(predicted, gold)):
        both = len(pred_members[p] & gold_members[g])
        precision += both / len(pred_members[p])
        recall += both / len(gold_members[g])
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _leads(reports: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Mapping[str, Any]], dict[str, set[str]]]:
    """Each document's lead report (a copy takes its original's) and every canonical event it reports."""
    lead: dict[str, Mapping[str, Any]] = {}
    events: dict[str, set[str]] = defaultdict(set)
    original = {}
    for r in reports:
        original[r["doc_id"]] = r["duplicate_of"]
        if r["canonical_id"] is not None:
            lead.setdefault(r["doc_id"], r)
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
        "singletons": bcubed(list(range(len(gold))), labels),
        "canonical_events_per_group": round(sum(per_group) / len(per_group), 3) if per_group else None,
        "all_canonical_events_per_group": round(sum(all_events) / len(all_events), 3) if all_events else None,
    }
