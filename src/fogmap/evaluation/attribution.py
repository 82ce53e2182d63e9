"""`fogmap eval attribution`: the event-history prior ranking hidden perpetrators, leave-one-out.

Each event of the file with a named perpetrator (ACLED: actor1; GTD: a gname other than "Unknown")
is a target in turn: its perpetrator is hidden and the candidates are ranked from the rest of the
file only. The prior's counts are the whole file less the target (``HistoryIndex.hidden``); its
weights are fitted on the other folds only (``FOLDS`` folds by position in the file), so the
target's perpetrator is in neither. GTD rows whose gname is "Unknown" are the unattributed set: never
targets, and not part of the history either (an event with no perpetrator counts for nobody). The
columns the prior reads, and those it never may, are listed in ``fogmap.attribution.history``.

Beside it, in the same run, the back-off baseline: the most frequent perpetrator among the other
events with the same (country, admin1, sub-event type, actor2), backing off to (country, admin1,
sub-event type), (country, admin1), (country) and all events, at the first level with any. It ranks
the actors of that level by count, ties broken by their counts at the coarser levels in turn, then
by name; its top-3 counts only these (the issue's definition; ``top3_with_coarser_levels`` goes on
into the coarser levels' actors). Its probabilities are the relative frequencies at that level with
one event's worth escaping to the next coarser level, and so on down to all events, whose escape is
"other": p(a) = n_a / (N + 1) + 1 / (N + 1) x (the same at the next level). That is a proper
distribution over every actor in the rest of the file and "other", in the baseline's own order.

Measures, overall and for ACLED's violent event types (Battles, Explosions/Remote violence, Violence
against civilians):
- top-1 / top-3: the hidden perpetrator is the first / among the first three named candidates
  ("other" is never a hit);
- log loss: mean -ln p(hidden perpetrator), where an actor that is not a candidate is scored with
  the probability of "other" (the outcome space is the candidates plus "other");
- Brier score: mean over events of the sum over that outcome space of (p - outcome)^2;
- expected calibration error of the top-1 prediction: the top named candidate's probability is its
  confidence, being the hidden perpetrator its correctness; events go into 10 bins of equal width on
  [0, 1] (bin = min(floor(10 x confidence), 9)); ECE = sum over bins of (events in bin / events) x
  |share correct in bin - mean confidence in bin|. An event without any candidate has confidence 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..attribution import VIOLENT_EVENT_TYPES, EventContext, HistoryModel, PastEvent, fit_on, history_index
from ..errors import FogmapError
from .corpus_files import open_corpus

FOLDS = 5  # weight folds: more folds cost a fit each and changed nothing measurable (10 vs 5 on ACLED)
ECE_BINS = 10
GTD_UNKNOWN = "Unknown"
ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1")
GTD_COLUMNS = ("iyear", "imonth", "iday", "country_txt", "provstate", "city", "attacktype1_txt", "gname")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Ranking:
    """One target's ranked named candidates and the probabilities the measures need."""

    ranked: tuple[str, ...]
    top_probability: float  # of ranked[0]; 0 when there is no candidate
    truth_probability: float  # of the hidden perpetrator, or of "other" when it is not a candidate
    squared_error: float  # the Brier sum over candidates and "other"
    beyond: tuple[str, ...] = ()  # the baseline's actors of coarser levels, ranked after ``ranked``


# --- reading ------------------------------------------------------------------------------------


def _float(value: str | None) -> float | None:
    try:
        number = float(value) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _int(value: str | None) -> int | None:
    number = _float(value)
    return int(number) if number is not None and number >= 0 else None


def _acled_date(value: str | None) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d-%b-%Y"):
        try:
            return dt.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _rows(path: Path, required: Sequence[str], what: str) -> list[dict[str, str]]:
    """The CSV's rows as dicts; GTD releases are Windows-1252, ACLED exports UTF-8."""
    try:
        with open_corpus(path) as f:  # says plainly when the file is not there
            raw = f.buffer.read()
    except OSError as exc:
        raise FogmapError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in required if c not in (reader.fieldnames or ())]
    if missing:
        raise FogmapError(f"{path}: not {what} (missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)})")
    try:
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as exc:
        raise FogmapError(f"{path}: not a readable CSV ({exc})") from None


def read_acled_events(path: Path) -> list[PastEvent]:
    """An ACLED export as past events; only the columns the prior may read are kept."""
    events = []
    for row in _rows(path, ACLED_COLUMNS, "an ACLED export"):
        context = EventContext(
            date=_acled_date(row.get("event_date")), country=row.get("country", ""), admin1=row.get("admin1", ""),
            admin2=row.get("admin2", ""), location=row.get("location", ""), latitude=_float(row.get("latitude")),
            longitude=_float(row.get("longitude")), event_type=row.get("event_type", ""),
            sub_event_type=row.get("sub_event_type", ""), actor2=row.get("actor2", ""), inter2=row.get("inter2", ""),
            fatalities=_int(row.get("fatalities")), source=row.get("source", ""))
        events.append(PastEvent(context, row.get("actor1", "")))
    return events


def _gtd_date(row: dict[str, str]) -> dt.date | None:
    year, month, day = _int(row.get("iyear")), _int(row.get("imonth")), _int(row.get("iday"))
    if not year or not month:
        return None
    try:
        return dt.date(year, month, day or 1)  # the GTD writes 0 for an unknown day
    except ValueError:
        return None


def read_gtd_events(path: Path) -> list[PastEvent]:
    """A GTD CSV as past events: attack type as sub-event type, target sub-type as actor2 and target
    type as its kind, weapon type as the means; "Unknown" perpetrators become unattributed ("")."""
    events = []
    for row in _rows(path, GTD_COLUMNS, "a GTD CSV"):
        context = EventContext(
            date=_gtd_date(row), country=row.get("country_txt", ""), admin1=row.get("provstate", ""),
            location=row.get("city", ""), latitude=_float(row.get("latitude")), longitude=_float(row.get("longitude")),
            sub_event_type=row.get("attacktype1_txt", ""), actor2=row.get("targsubtype1_txt", ""),
            inter2=row.get("targtype1_txt", ""), fatalities=_int(row.get("nkill")), weapon=row.get("weaptype1_txt", ""))
        gname = row.get("gname", "")
        events.append(PastEvent(context, "" if gname == GTD_UNKNOWN else gname))
    return events


# --- the two rankers ----------------------------------------------------------------------------


def ranking_from(names: Sequence[str], probabilities: Sequence[float], other: float, truth: str) -> Ranking:
    """A ranker's named candidates (most probable first), their probabilities and "other"'s, scored
    against the hidden perpetrator ``truth``."""
    truth_p = next((p for n, p in zip(names, probabilities) if n == truth), None)
    squared = sum((p - (n == truth)) ** 2 for n, p in zip(names, probabilities))
    squared += (other - (truth_p is None)) ** 2
    return Ranking(tuple(names), probabilities[0] if names else 0.0, other if truth_p is None else truth_p, squared)


def model_rankings(events: Sequence[PastEvent], folds: int = FOLDS, progress: Progress | None = None) -> list[Ranking]:
    """Each event's ranking by the history prior, leave-one-out, weights from the other folds."""
    index = history_index(events)
    fold_of = [i % folds for i in range(len(index.events))]
    rankings: list[Ranking | None] = [None] * len(index.events)
    for fold in range(folds):
        weights = fit_on([e for e, f in zip(index.events, fold_of) if f != fold])
        model = HistoryModel(index, weights)
        for i, event in enumerate(index.events):
            if fold_of[i] == fold:
                prior = model.prior(event.context, hidden=i)
                rankings[i] = ranking_from([c.actor for c in prior.candidates],
                                       [c.probability for c in prior.candidates], prior.other, event.actor1)
        if progress:
            progress(fold + 1, folds)
    return [r for r in rankings if r is not None]


BASELINE_LEVELS = (("country", "admin1", "sub_event_type", "actor2"), ("country", "admin1", "sub_event_type"),
                   ("country", "admin1"), ("country",), ())


def _baseline_distribution(levels: Sequence[dict[str, int]]) -> tuple[dict[str, float], float]:
    """Relative frequencies at each level with one event's worth escaping to the next, coarser one;
    what escapes the last level is "other". A proper distribution whose order is the back-off's:
    by count at the first level, then at each coarser one."""
    probabilities: dict[str, float] = {}
    mass = 1.0
    for counts in levels:
        total = sum(counts.values())
        if not total:
            continue
        for actor, n in counts.items():
            probabilities[actor] = probabilities.get(actor, 0.0) + mass * n / (total + 1)
        mass /= total + 1
    return probabilities, mass


def baseline_rankings(events: Sequence[PastEvent]) -> list[Ranking]:
    """Each event's ranking by the back-off baseline, leave-one-out (see the module docstring)."""
    named = [e for e in events if e.actor1]
    tables: list[dict[tuple, dict[str, int]]] = [{} for _ in BASELINE_LEVELS]
    keys = [[tuple(getattr(e.context, f) for f in fields) for fields in BASELINE_LEVELS] for e in named]
    for event, event_keys in zip(named, keys):
        for table, key in zip(tables, event_keys):
            counts = table.setdefault(key, {})
            counts[event.actor1] = counts.get(event.actor1, 0) + 1
    out = []
    for event, event_keys in zip(named, keys):
        # the rest of the file: the event's own perpetrator counted once less at every level
        levels = [{a: n - (a == event.actor1) for a, n in table[key].items() if n - (a == event.actor1) > 0}
                  for table, key in zip(tables, event_keys)]
        used = next((i for i, counts in enumerate(levels) if counts), len(levels))
        probabilities, other = _baseline_distribution(levels[used:])
        order = sorted(probabilities, key=lambda a: (-probabilities[a], a))
        shortlist = [a for a in order if a in levels[used]] if used < len(levels) else []
        full = ranking_from(order, [probabilities[a] for a in order], other, event.actor1)
        out.append(Ranking(tuple(shortlist), full.top_probability, full.truth_probability, full.squared_error,
                           tuple(a for a in order if a not in shortlist)))
    return out


# --- the measures -------------------------------------------------------------------------------


def calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error over equal-width confidence bins (see the module docstring)."""
    if not len(confidence):
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            error += members.sum() * abs(correct[members].mean() - confidence[members].mean())
    return float(error / len(confidence))


def measures(rankings: Sequence[Ranking], truths: Sequence[str]) -> dict[str, Any]:
    n = len(rankings)
    if not n:
        return {"n": 0, "top1": None, "top3": None, "log_loss": None, "brier": None, "ece": None}
    top1 = np.array([r.ranked[:1] == (t,) for r, t in zip(rankings, truths)])
    top3 = np.array([t in r.ranked[:3] for r, t in zip(rankings, truths)])
    truth_p = np.array([max(r.truth_probability, 1e-15) for r in rankings])
    confidence = np.array([r.top_probability for r in rankings])
    out = {"n": n, "top1": round(float(top1.mean()), 4), "top3": round(float(top3.mean()), 4),
           "log_loss": round(float(-np.log(truth_p).mean()), 4),
           "brier": round(float(np.mean([r.squared_error for r in rankings])), 4),
           "ece": round(calibration_error(confidence, top1), 4)}
    if any(r.beyond for r in rankings):
        out["top3_with_coarser_levels"] = round(float(np.mean([t in (r.ranked + r.beyond)[:3]
                                                                for r, t in zip(rankings, truths)])), 4)
    return out


def _scores(rankings: Sequence[Ranking], named: Sequence[PastEvent]) -> dict[str, Any]:
    truths = [e.actor1 for e in named]
    violent = [i for i, e in enumerate(named) if e.context.event_type in VIOLENT_EVENT_TYPES]
    return {"overall": measures(rankings, truths),
            "violent": measures([rankings[i] for i in violent], [truths[i] for i in violent])}


def evaluate_attribution(path: Path, file_format: str = "acled", folds: int = FOLDS,
                         progress: Progress | None = None) -> dict[str, Any]:
    """Leave-one-out scores of the history prior and of the back-off baseline on one file."""
    readers = {"acled": read_acled_events, "gtd": read_gtd_events}
    if file_format not in readers:
        raise FogmapError(f"unknown format {file_format!r} (valid: {', '.join(readers)})")
    started = time.perf_counter()
    events = readers[file_format](path)
    named = [e for e in events if e.actor1]
    if len(named) < 2:
        raise FogmapError(f"{path}: fewer than two events with a named perpetrator; nothing to rank")
    model = _scores(model_rankings(named, folds, progress), named)
    baseline = _scores(baseline_rankings(named), named)
    return {"corpus": "attribution", "format": file_format, "file": str(path), "events": len(events),
            "targets": len(named), "unattributed": len(events) - len(named), "folds": folds,
            "model": model, "baseline": baseline, "seconds": round(time.perf_counter() - started, 1)}
