"""Re-extraction: the current stages run again on documents already in the store.

Use it after upgrading fogmap or editing an actor file: `--stale` picks the documents an older set
of stages extracted (a store made before fusion existed has no canonical events until then). Each
batch replaces its documents' extractions, events, control statements, relations and canonical
links in one transaction, so an interrupted run leaves every document either as it was or wholly
re-extracted. Fusion dissolves only the clusters the documents' old reports were in and rewrites
only those and the clusters their new reports join (fusion.incremental). A copy is never extracted:
asking for one re-extracts its original.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .extract.extractor import TextToExtract
from .pipeline import build_pipeline, derive, extraction_run, stage_names
from .settings import Settings
from .store import queries
from .store.db import Store
from .store.writes import rewrite_documents


@dataclass(frozen=True)
class ReextractReport:
    documents: int  # re-extracted
    events: int  # events they now report
    canonical_written: int  # canonical events created or changed
    canonical_dropped: int  # canonical events dissolved (their reports may live on in a written one)


# Called after each committed batch with the running totals and the number of documents asked for.
ReextractHook = Callable[[ReextractReport, int], None]


def run_reextract(store: Store, settings: Settings, doc_ids: Sequence[str], workers: int | None = None,
                  progress: ReextractHook | None = None) -> ReextractReport:
    """Extract ``doc_ids`` (stored originals) again with the current stages."""
    stages = build_pipeline(settings)
    names = stage_names(settings)
    done = events = written = dropped = 0
    size = settings.ingest.batch_size
    with extraction_run(settings, workers, stages) as runner:
        for n in range(0, len(doc_ids), size):
            documents = {d.id: d for d in (queries.document(store, i) for i in doc_ids[n:n + size])}
            extractions = runner.submit([TextToExtract(d.id, d.text, d.outlet) for d in documents.values()]).result()
            derived = derive(store, documents, extractions, stages)
            rewrite_documents(store, extractions, {i: d.published for i, d in documents.items()}, names,
                              derived.events, derived.controls, derived.relations, derived.fusion, derived.claims)
            done += len(documents)
            events += len(derived.events)
            written += len(derived.fusion.canonicals)
            dropped += len(set(derived.fusion.removed) - {c.id for c in derived.fusion.canonicals})
            if progress:
                progress(ReextractReport(done, events, written, dropped), len(doc_ids))
    return ReextractReport(done, events, written, dropped)


def documents_to_reextract(store: Store, settings: Settings, ids: Sequence[str], *, every: bool = False,
                           stale: bool = False) -> list[str]:
    """The originals named by ``ids`` (prefixes; a copy names its original), or every original, or those
    whose recorded stages are not the current ones; in id order, each once."""
    chosen: set[str] = set()
    if every:
        chosen |= set(queries.original_ids(store))
    if stale:
        chosen |= set(queries.documents_not_through(store, stage_names(settings)))
    for prefix in ids:
        chosen.add(queries.original_of(store, queries.resolve_doc_id(store, prefix)))
    return sorted(chosen)
