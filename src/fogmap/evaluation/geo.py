"""`fogmap eval geo`: place recognition and resolution against the LGL and GeoWebNews XML.

Recognition: fogmap's place mentions against the gold toponym spans (GeoWebNews: only the kinds
that are place names), exact span match and overlap (one gold span per predicted span).
Resolution is measured given the gold spans, as the geoparsing literature does: every gold span
of an article becomes a mention (the words around it still say "province", "near", ...), all of
them are resolved together in the article's context, and each guess is compared with the gold
coordinates (accuracy within 161 km, median error) and the gold GeoNames id.
"""

from __future__ import annotations

import time

import psutil
from pathlib import Path
from typing import Any, Callable

from ..extract.extractor import Extractor, TextToExtract
from ..geo.resolve import DEFAULT_APPROACH, load_geoparser, reports_violence
from .geoparsing import GoldArticle, GoldToponym, read_geoparsing, resolution_scores
from .metrics import prf

BATCH = 64  # articles extracted at a time


def _corpus_name(path: Path, articles: list[GoldArticle]) -> str:
    kinds = {t.kind for a in articles for t in a.toponyms}
    return "GeoWebNews" if kinds - {"Literal"} else "LGL"


def _gold_toponyms(article: GoldArticle) -> list[GoldToponym]:
    return [t for t in article.toponyms if t.is_toponym]


def _recognition_counts(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> tuple[int, int]:
    """(exact matches, overlap matches), each gold span matched at most once."""
    exact = len(set(gold) & set(predicted))
    free = sorted(set(gold))
    overlap = 0
    for start, end in sorted(set(predicted)):
        hit = next((g for g in free if g[0] < end and start < g[1]), None)
        if hit is not None:
            free.remove(hit)
            overlap += 1
    return exact, overlap


def evaluate_geo(path: Path, extractor: Extractor, approach: str = DEFAULT_APPROACH,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    articles, dropped = read_geoparsing(path)
    rss_before, started = psutil.Process().memory_info().rss, time.perf_counter()
    geoparser = load_geoparser(approach)
    loading = {"seconds": round(time.perf_counter() - started, 3),
               "rss_added_mb": round((psutil.Process().memory_info().rss - rss_before) / 2**20, 1)}
    exact = overlap = n_pred = n_gold = 0
    pairs: list = []
    id_gold = id_hit = unresolved = 0
    geo_seconds = 0.0
    for first in range(0, len(articles), BATCH):
        batch = articles[first:first + BATCH]
        extractions = extractor([TextToExtract(a.id, a.text) for a in batch])
        for article, extraction in zip(batch, extractions):
            gold = _gold_toponyms(article)
            started = time.perf_counter()
            predicted = geoparser.recogniser(article.text, extraction.entities, extraction.sentences,
                                             extraction.country_focus)
            mentions = [geoparser.recogniser.mention_at(article.text, t.start, t.end, "gold") for t in gold]
            resolved = geoparser.resolver.resolve(mentions, extraction.country_focus, reports_violence(extraction))
            geo_seconds += time.perf_counter() - started
            e, o = _recognition_counts([(t.start, t.end) for t in gold], [(m.start, m.end) for m in predicted])
            exact, overlap = exact + e, overlap + o
            n_pred, n_gold = n_pred + len({(m.start, m.end) for m in predicted}), n_gold + len({(t.start, t.end) for t in gold})
            for t, r in zip(gold, resolved):
                if t.lat is None or t.lon is None:
                    continue
                place = r.place
                pairs.append((t, (place.lat, place.lon) if place else None))
                unresolved += place is None
                if t.geonameid:
                    id_gold += 1
                    id_hit += place is not None and place.id == f"geonames:{t.geonameid}"
        if progress:
            progress(min(first + BATCH, len(articles)), len(articles))
    scores = resolution_scores(pairs)
    resolved_pairs = [(t, guess) for t, guess in pairs if guess is not None]
    of_resolved = resolution_scores(resolved_pairs)["accuracy_161km"] if resolved_pairs else None
    return {
        "corpus": _corpus_name(path, articles), "file": str(path), "approach": approach,
        "articles": len(articles), "gold_spans": n_gold, "dropped_spans": dropped,
        "recognition_exact": prf(exact, n_pred, n_gold), "recognition_overlap": prf(overlap, n_pred, n_gold),
        "resolution": {**scores, "unresolved": unresolved, "accuracy_161km_of_resolved": of_resolved,
                       "geonames_id_match": round(id_hit / id_gold, 4) if id_gold else None,
                       "with_geonames_id": id_gold},
        "geo_ms_per_article": round(1000 * geo_seconds / max(1, len(articles)), 2),
        # the gazetteer index, supplements and admin-1 areas, loaded in this process (the index file
        # already built by `make install`; first use builds it, ~10 s)
        "geoparser_load": loading,
    }
