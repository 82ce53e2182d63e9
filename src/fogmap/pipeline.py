"""Wiring the stages: read -> identify -> de-duplicate -> extract -> write, in batches.

Stages outside spaCy are plain functions in the registry that ``build_pipeline`` returns; the
spaCy stages run inside the ``extract_v1`` stage. Every batch is written in one transaction, in
input order, whatever the number of worker processes, so an interrupted run followed by a re-run
gives the store a clean run would have given.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path

from .actors.relations import RELATIONS_STAGE, relations_for
from .actors.resolve import default_resolver
from .actors.user_files import actor_file_stamps
from .claims import CLAIMS_STAGE, claims_for
from .control.statements import CONTROL_STAGE, control_for
from .events.assemble import EVENTS_STAGE, events_for
from .extract.extractor import Extractor, TextToExtract, extraction_stages
from .extract.nlp import load_nlp
from .fusion import FUSION_STAGE, plan_update, reports_of
from .geo.areas import load_areas
from .geo.countries import load_country_gazetteer
from .geo.resolve import load_geoparser
from .ingest import ReadOptions, read_paths
from .ingest.dedup import Fingerprint, fingerprint, signature_from_bytes, similarity
from .ingest.identity import to_document
from .records import (Claim, ControlAssertion, Document, DocumentExtraction, Event, EventReport, FusionUpdate,
                      IngestFailure, IngestReport, Relation, SourceArticle)
from .settings import Settings
from .store import lookups
from .store.db import Store, is_interruption
from .store.writes import BatchCounts, NearDupEntry, finish_run, start_run, write_batch

Stage = Callable[..., object]


def build_pipeline(settings: Settings) -> dict[str, Stage]:
    """The registry of non-spaCy stages, by versioned name. Later stages are added here.

    Building it checks the user's actor files (ConfigError naming file and line) and builds the actor
    resolver once for the events, control, relations and claims stages; they run in this process, after
    the workers' extraction, so worker processes never need it."""
    resolver = default_resolver(settings.actors.files)
    return {
        "identify_v1": to_document,
        "fingerprint_v1": lambda text: fingerprint(text, settings.dedup),
        "extract_v1": lambda: make_extractor(settings),
        EVENTS_STAGE: partial(events_for, resolver=resolver),
        CONTROL_STAGE: partial(control_for, resolver=resolver),
        RELATIONS_STAGE: partial(relations_for, resolver=resolver),
        CLAIMS_STAGE: partial(claims_for, resolver=resolver),
        FUSION_STAGE: plan_update,
    }


def make_extractor(settings: Settings) -> Extractor:
    model = settings.extract.model
    geoparse, areas = None, None
    if settings.extract.places:
        geoparse, areas = load_geoparser(), load_areas()
    return Extractor(load_nlp(model), load_country_gazetteer(), extraction_stages(model, settings.extract.places),
                     batch_size=settings.extract.docs_per_task, geoparse=geoparse, areas=areas)


# --- de-duplication -------------------------------------------------------------------------


@dataclass
class _Pending:
    """Documents decided on but not yet committed: later documents must see them too."""

    ids: set[str] = field(default_factory=set)
    originals: dict[str, str] = field(default_factory=dict)  # content hash -> original id
    signatures: dict[str, Fingerprint] = field(default_factory=dict)


class DuplicateFinder:
    """Sorts a batch into new documents, copies, near-duplicates and ones already stored."""

    def __init__(self, store: Store, settings: Settings, stages: dict[str, Stage]) -> None:
        self.store = store
        self.settings = settings.dedup
        self.fingerprint = stages["fingerprint_v1"]
        self.pending = _Pending()
        self.batches: deque[list[str]] = deque()

    def classify(self, docs: Sequence[Document]) -> tuple[list[Document], dict[str, Fingerprint], BatchCounts]:
        stored_ids = lookups.existing_ids(self.store, [d.id for d in docs])
        stored_hashes = lookups.originals_by_hash(self.store, [d.content_hash for d in docs])
        prints = {d.id: self.fingerprint(d.text) for d in docs} if self.settings.near_duplicates else {}
        keys = sorted({k for fp in prints.values() if fp for k in fp.bands})
        stored_sigs = {i: signature_from_bytes(b) for i, b in lookups.near_dup_candidates(self.store, keys).items()}
        kept: list[Document] = []
        originals_fp: dict[str, Fingerprint] = {}
        counts = BatchCounts()
        for doc in docs:
            if doc.id in stored_ids or doc.id in self.pending.ids:
                counts = replace(counts, already_stored=counts.already_stored + 1)
                continue
            original = stored_hashes.get(doc.content_hash) or self.pending.originals.get(doc.content_hash)
            if original:
                doc = replace(doc, duplicate_of=original, duplicate_kind="copy", similarity=1.0)
                counts = replace(counts, copies=counts.copies + 1)
            elif (fp := prints.get(doc.id)) and (match := self._near_match(fp, stored_sigs)):
                doc = replace(doc, duplicate_of=match[0], duplicate_kind="near", similarity=match[1])
                counts = replace(counts, near_duplicates=counts.near_duplicates + 1)
            else:
                self.pending.originals[doc.content_hash] = doc.id
                if fp := prints.get(doc.id):
                    originals_fp[doc.id] = fp
                    self.pending.signatures[doc.id] = fp
                counts = replace(counts, ingested=counts.ingested + 1)
            self.pending.ids.add(doc.id)
            kept.append(doc)
        self.batches.append([d.id for d in kept])
        return kept, originals_fp, counts

    def _near_match(self, fp: Fingerprint, stored: dict) -> tuple[str, float] | None:
        bands = set(fp.bands)
        candidates = dict(stored)
        candidates.update({i: p.signature for i, p in self.pending.signatures.items() if bands & set(p.bands)})
        scored = [(similarity(fp.signature, sig), doc_id) for doc_id, sig in candidates.items()]
        scored = [(s, i) for s, i in scored if s >= self.settings.threshold]
        if not scored:
            return None
        best_score, best_id = min(scored, key=lambda s: (-s[0], s[1]))  # most similar, then lowest id
        return best_id, round(best_score, 4)

    def settle_oldest(self) -> None:
        """The oldest pending batch is committed: the store answers for it from now on."""
        for doc_id in self.batches.popleft():
            self.pending.ids.discard(doc_id)
            self.pending.signatures.pop(doc_id, None)
        live = set().union(*self.batches) if self.batches else set()
        self.pending.originals = {h: i for h, i in self.pending.originals.items() if i in live}


# --- extraction, in this process or in worker processes -------------------------------------

_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = make_extractor(settings)


def _extract_in_worker(items: list[TextToExtract]) -> list[DocumentExtraction]:
    assert _WORKER_EXTRACTOR is not None, "worker not initialised"
    return _WORKER_EXTRACTOR(items)


class _Done:
    """A finished result that looks like a Future, for the single-process path."""

    def __init__(self, value: list[DocumentExtraction]) -> None:
        self.value = value

    def result(self) -> list[DocumentExtraction]:
        return self.value


class ExtractionRunner:
    """Runs the extract stage on batches: in-process with one worker, else in a process pool."""

    def __init__(self, settings: Settings, workers: int, stages: dict[str, Stage]) -> None:
        self.workers = max(1, workers)
        self.pool: ProcessPoolExecutor | None = None
        self.local: Extractor | None = None
        if self.workers == 1:
            self.local = stages["extract_v1"]()
        else:
            context = multiprocessing.get_context("spawn")  # no DuckDB handle or thread crosses a fork
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                            initializer=_init_worker, initargs=(settings,))

    def submit(self, items: list[TextToExtract]) -> Future | _Done:
        if self.local is not None:
            return _Done(self.local(items))
        assert self.pool is not None
        return self.pool.submit(_extract_in_worker, items)

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


# --- the ingest run -------------------------------------------------------------------------

# Called after each committed batch with the running totals and the batch's failures.
ProgressHook = Callable[[IngestReport, Sequence[IngestFailure]], None]


@dataclass
class _Batch:
    documents: list[Document]
    fingerprints: dict[str, Fingerprint]
    failures: list[IngestFailure]
    counts: BatchCounts
    extraction: Future | _Done


def _batches(items: Iterator[SourceArticle | IngestFailure], size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


@contextmanager
def extraction_run(settings: Settings, workers: int | None, stages: dict[str, Stage]) -> Iterator[ExtractionRunner]:
    """An ExtractionRunner for one run, closed however the run ends (its queued work cancelled when it
    did not finish); DuckDB's form of a Ctrl-C comes out as KeyboardInterrupt."""
    runner = ExtractionRunner(settings, workers or settings.extract.workers, stages)
    finished = False
    try:
        yield runner
        finished = True
    except Exception as exc:
        if is_interruption(exc):
            raise KeyboardInterrupt from exc
        raise
    finally:
        runner.close(cancel=not finished)


def run_ingest(store: Store, paths: Iterable[str | Path], settings: Settings, read_options: ReadOptions,
               workers: int | None = None, progress: ProgressHook | None = None) -> IngestReport:
    """Ingest every readable document under ``paths`` into ``store``; failures are reported, not raised."""
    stages = build_pipeline(settings)
    finder = DuplicateFinder(store, settings, stages)
    names = stage_names(settings)
    run_id = start_run(store)
    totals = RunTotals(run_id)
    window: deque[_Batch] = deque()
    finished = False
    try:
        with extraction_run(settings, workers, stages) as runner:
            for chunk in _batches(read_paths(paths, read_options), settings.ingest.batch_size):
                window.append(_prepare(chunk, finder, runner, stages))
                while len(window) > runner.workers:
                    _commit(store, run_id, window.popleft(), finder, totals, stages, names, progress)
            while window:
                _commit(store, run_id, window.popleft(), finder, totals, stages, names, progress)
        finished = True
    finally:
        finish_run(store, run_id, interrupted=not finished)
    return totals.report(interrupted=False)


def _prepare(chunk: list, finder: DuplicateFinder, runner: ExtractionRunner, stages: dict[str, Stage]) -> _Batch:
    failures = [item for item in chunk if isinstance(item, IngestFailure)]
    identify = stages["identify_v1"]
    documents, fingerprints, counts = finder.classify(
        [identify(item) for item in chunk if isinstance(item, SourceArticle)]
    )
    to_extract = [TextToExtract(d.id, d.text, d.outlet) for d in documents if d.duplicate_of is None]
    return _Batch(documents, fingerprints, failures, counts, runner.submit(to_extract))


@dataclass
class RunTotals:
    """The running counts of an ingest (or import) run."""

    run_id: int
    ingested: int = 0
    already_stored: int = 0
    copies: int = 0
    near_duplicates: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    def add(self, counts: BatchCounts, failures: Sequence[IngestFailure]) -> None:
        self.ingested += counts.ingested
        self.already_stored += counts.already_stored
        self.copies += counts.copies
        self.near_duplicates += counts.near_duplicates
        self.failures.extend(failures)

    def report(self, interrupted: bool) -> IngestReport:
        return IngestReport(self.run_id, self.ingested, self.already_stored, self.copies,
                            self.near_duplicates, tuple(self.failures), interrupted)


@dataclass(frozen=True)
class DocumentRecords:
    """What the stages after extraction make of documents, each on its own: no store, no other document."""

    events: list[Event]
    controls: list[ControlAssertion]
    relations: list[Relation]
    claims: list[Claim]


@dataclass(frozen=True)
class Derived:
    """What the stages after extraction make of a batch of documents."""

    events: list[Event]
    controls: list[ControlAssertion]
    relations: list[Relation]
    fusion: FusionUpdate
    claims: list[Claim] = field(default_factory=list)


def derive_records(documents: dict[str, Document], extractions: Sequence[DocumentExtraction],
                   stages: dict[str, Stage]) -> DocumentRecords:
    """Events, control statements, relations and claims of extracted documents (``documents`` by id), one
    document at a time: the part of ``derive`` every engine (ingest, ``fogmap run`` local or on Ray) shares.
    Claims point at the document's events, control statements and relations, so they are read last."""
    assemble = stages[EVENTS_STAGE]
    events = [event for ex in extractions
              for event in assemble(ex.doc_id, documents[ex.doc_id].text, documents[ex.doc_id].published, ex)]
    read_control, read_relations, read_claims = stages[CONTROL_STAGE], stages[RELATIONS_STAGE], stages[CLAIMS_STAGE]
    controls, relations, claims = [], [], []
    by_doc: dict[str, list] = {}
    for e in events:
        by_doc.setdefault(e.spans[0].doc_id, []).append(e)
    for ex in extractions:
        doc = documents[ex.doc_id]
        own = tuple(by_doc.get(ex.doc_id, ()))
        own_controls = read_control(ex.doc_id, doc.text, doc.published, ex, own)
        own_relations = read_relations(ex.doc_id, doc.text, doc.published, ex, own)
        controls += own_controls
        relations += own_relations
        claims += read_claims(ex.doc_id, doc.text, doc.published, ex, own, tuple(own_controls), tuple(own_relations),
                              doc.outlet)
    return DocumentRecords(events, controls, relations, claims)


def batch_reports(records: DocumentRecords, documents: dict[str, Document],
                  extractions: Sequence[DocumentExtraction]) -> list[EventReport]:
    """The reports fusion compares for a batch's events (pure: the documents' own places)."""
    places = {p.id: p for ex in extractions for p in ex.places}
    return reports_of(records.events, documents, places)


def derive(store: Store, documents: dict[str, Document], extractions: Sequence[DocumentExtraction],
           stages: dict[str, Stage]) -> Derived:
    """``derive_records`` and the canonical-level change of extracted documents (``documents`` by id).
    Fusion reads the store as the batches before left it."""
    records = derive_records(documents, extractions, stages)
    fusion = stages[FUSION_STAGE](store, batch_reports(records, documents, extractions),
                                  [ex.doc_id for ex in extractions])
    return Derived(records.events, records.controls, records.relations, fusion, records.claims)


def stage_names(settings: Settings) -> tuple[str, ...]:
    """The versioned stages a document extracted now goes through (recorded in stage_runs)."""
    return (*extraction_stages(settings.extract.model, settings.extract.places), EVENTS_STAGE, CONTROL_STAGE,
            RELATIONS_STAGE, CLAIMS_STAGE, FUSION_STAGE, *actor_file_stamps(settings.actors.files))


def _commit(store: Store, run_id: int, batch: _Batch, finder: DuplicateFinder, totals: RunTotals,
            stages: dict[str, Stage], names: Sequence[str], progress: ProgressHook | None) -> None:
    extractions = batch.extraction.result()
    near = [NearDupEntry(i, fp.to_bytes(), fp.bands) for i, fp in batch.fingerprints.items()]
    derived = derive(store, {d.id: d for d in batch.documents}, extractions, stages)
    write_batch(store, run_id, batch.documents, extractions, near, batch.failures, batch.counts, names,
                derived.events, derived.controls, derived.relations, derived.fusion, derived.claims)
    finder.settle_oldest()
    totals.add(batch.counts, batch.failures)
    if progress:
        progress(totals.report(False), batch.failures)
