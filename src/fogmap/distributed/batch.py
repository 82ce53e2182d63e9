"""The one batch function every engine runs: input records of one task in, every per-document record out.

It makes what ingest makes of a document (identity, extraction, events, control statements,
relations, claims, and the reports fusion compares) except what needs the store or the other
documents: de-duplication and fusion run when the output is imported (``importer``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..extract.extractor import TextToExtract
from ..pipeline import DocumentRecords, batch_reports, build_pipeline, derive_records, stage_names
from ..records import Document, DocumentExtraction, EventReport, IngestFailure, SourceArticle
from ..settings import Settings

SEQ_SHIFT = 32  # input_seq = shard index << SEQ_SHIFT | position in the shard: input order across shards


@dataclass(frozen=True)
class Task:
    """One batch of one input shard (a file): the unit a worker runs and writes, and retries."""

    shard: int  # the shard's index in the run's input list
    name: str  # the shard: a file path or URI
    batch: int  # the batch's index within the shard
    start: int  # position in the shard of the first item
    items: tuple[SourceArticle | IngestFailure, ...]


@dataclass(frozen=True)
class BatchResult:
    """The records of one task's documents, in input order (``seq`` by document id)."""

    documents: list[Document]
    seq: dict[str, int]
    extractions: list[DocumentExtraction]
    records: DocumentRecords
    reports: list[EventReport]
    failures: list[IngestFailure]


class BatchProcessor:
    """Loads the models (spaCy, gazetteer, geoparser, actor resolver) once; called once per task.

    A callable class, as Ray Data's ``map_batches`` wants for actors and a local worker process holds
    in a global."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stages = build_pipeline(settings)
        self.extract = self.stages["extract_v1"]()
        self.names = stage_names(settings)

    def __call__(self, task: Task) -> BatchResult:
        documents: dict[str, Document] = {}
        seq: dict[str, int] = {}
        failures = []
        for offset, item in enumerate(task.items):
            if isinstance(item, IngestFailure):
                failures.append(item)
                continue
            doc = self.stages["identify_v1"](item)
            if doc.id not in documents:  # the same document twice in one batch is one document
                documents[doc.id] = doc
                seq[doc.id] = task.shard << SEQ_SHIFT | (task.start + offset)
        extractions = self.extract([TextToExtract(d.id, d.text, d.outlet) for d in documents.values()])
        records = derive_records(documents, extractions, self.stages)
        return BatchResult(list(documents.values()), seq, extractions, records,
                           batch_reports(records, documents, extractions), failures)
