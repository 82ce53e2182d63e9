"""Writing one ingest batch: documents, their near-duplicate index rows and their extractions.

Everything for a batch goes in one transaction, so a crash leaves either the whole batch or none
of it, and a re-run picks up exactly where the last committed batch ended.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from ..records import (CanonicalEvent, Claim, ControlAssertion, Document, DocumentExtraction, Event, FusionUpdate,
                       IngestFailure, Place, Relation)
from .db import Store
from .review import rehome_reviews
from .schema import EXTRACTION_TABLES


_BANDS = pa.schema([("band", pa.int16()), ("bucket", pa.uint64()), ("doc_id", pa.string())])


@dataclass(frozen=True)
class NearDupEntry:
    doc_id: str
    signature: bytes
    bands: tuple[tuple[int, int], ...]  # (band number, bucket key)


@dataclass(frozen=True)
class BatchCounts:
    ingested: int = 0
    already_stored: int = 0
    copies: int = 0
    near_duplicates: int = 0


def start_run(store: Store) -> int:
    run_id = int(store.scalar("SELECT nextval('ingest_run_ids')"))
    store.con.execute("INSERT INTO ingest_runs (id, started_at) VALUES (?, now())", [run_id])
    return run_id


def finish_run(store: Store, run_id: int, *, interrupted: bool) -> None:
    store.con.execute(
        "UPDATE ingest_runs SET finished_at = now(), interrupted = ? WHERE id = ?", [interrupted, run_id]
    )


def document_row(doc: Document, run_id: int, country_focus: str | None) -> dict:
    return {
        "id": doc.id, "url": doc.url, "outlet": doc.outlet, "title": doc.title, "published": doc.published,
        "fetched": doc.fetched, "lang": doc.lang, "text": doc.text, "content_hash": doc.content_hash,
        "duplicate_of": doc.duplicate_of, "duplicate_kind": doc.duplicate_kind, "similarity": doc.similarity,
        "source_path": doc.source_path, "source_location": doc.source_location, "format": doc.format,
        "word_count": len(doc.text.split()), "country_focus": country_focus, "ingest_run": run_id,
    }


def _extraction_rows(ex: DocumentExtraction, published_by_doc: dict) -> dict[str, list[dict]]:
    sentences = [
        {"doc_id": s.doc_id, "seq": s.seq, "start_char": s.start, "end_char": s.end, "parsed": s.parsed}
        for s in ex.sentences
    ]
    entities = [
        {"doc_id": e.span.doc_id, "start_char": e.span.start, "end_char": e.span.end, "label": e.label,
         "text": e.text, "sentence_seq": e.sentence_seq, "stage": e.stage}
        for e in ex.entities
    ]
    candidates = [
        {"id": c.id, "doc_id": c.sentence.doc_id, "sentence_start": c.sentence.start,
         "sentence_end": c.sentence.end, "trigger_start": c.trigger.start, "trigger_end": c.trigger.end,
         "trigger_text": c.trigger_text, "cue": c.cue, "cue_class": c.cue_class, "acled_type": c.acled_type,
         "modality": c.modality, "parsed": c.parsed, "country": c.country,
         "event_date": published_by_doc.get(ex.doc_id), "stage": c.stage}
        for c in ex.candidates
    ]
    places = [
        {"doc_id": m.span.doc_id, "start_char": m.span.start, "end_char": m.span.end, "place_id": m.place_id,
         "precision": m.precision, "score": m.score, "reason": m.reason, "text": m.text, "name": m.name,
         "relation": m.relation,
         "stage": m.stage}
        for m in ex.place_mentions
    ]
    return {"sentences": sentences, "entity_mentions": entities, "event_candidates": candidates,
            "place_mentions": places}


def place_row(p: Place) -> dict:
    return {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "feature": p.feature, "admin1": p.admin1,
            "admin2": p.admin2, "country": p.country, "source": p.source}


def write_places(store: Store, places: Sequence[Place]) -> None:
    """Add places not yet stored (caller holds the transaction)."""
    write_place_rows(store, [place_row(p) for p in {p.id: p for p in places}.values()])


def write_place_rows(store: Store, rows: Sequence[dict]) -> None:
    """Add places not yet stored. A place's record is a function of its id and the shipped gazetteer, so
    a place already stored is kept as it is (caller holds the transaction)."""
    if not rows:
        return
    table = pa.Table.from_pylist(list({r["id"]: r for r in rows}.values()))
    with store.registered("_fogmap_places", table):
        store.con.execute("INSERT OR IGNORE INTO places BY NAME SELECT * FROM _fogmap_places")


def _event_row(e: Event) -> dict:
    place = next((a for a in e.arguments if a.role == "place"), None)
    located = e.place_mention
    return {
        "id": e.id, "doc_id": e.spans[0].doc_id, "type": e.type, "subtype": e.subtype, "code": e.code,
        "date_start": e.date_start, "date_end": e.date_end, "time_precision": e.time_precision,
        "status": e.status, "place_start": place.span.start if place else None,
        "place_end": place.span.end if place else None,
        "place_id": located.place_id if located else None, "precision": located.precision if located else None,
        "actor1": e.actor1, "actor1_id": e.actor1_id, "actor1_acled": e.actor1_acled,
        "actor2_id": e.actor2_id, "actor2_acled": e.actor2_acled, "assoc_actors": list(e.assoc_actors), "actor2": e.actor2,
        "weapon": e.weapon, "fatalities_low": e.fatalities_low, "fatalities_best": e.fatalities_best,
        "fatalities_high": e.fatalities_high, "injured": e.injured, "confidence": e.confidence,
        "country": e.country, "stage": e.stage,
    }


def _control_roles(c: ControlAssertion) -> tuple[str, ...]:
    """The roles of a control assertion's spans: sentence, [actor,] place."""
    return ("sentence", "actor", "place") if c.actor else ("sentence", "place")


def _claim_row(c: Claim) -> dict:
    claimant = c.chain[-1].span if c.chain else None
    return {
        "id": c.id, "doc_id": c.span_cue.doc_id, "claimant": c.claimant, "about": c.about or None,
        "about_kind": c.about_kind, "stance": c.stance, "hedge": c.hedge, "cue_start": c.span_cue.start,
        "cue_end": c.span_cue.end, "content_start": c.span_content.start, "content_end": c.span_content.end,
        "sentence_start": c.sentence.start if c.sentence else None, "sentence_end": c.sentence.end if c.sentence else None,
        "claimant_kind": c.claimant_kind, "claimant_id": c.claimant_id,
        "claimant_start": claimant.start if claimant else None, "claimant_end": claimant.end if claimant else None,
        "speaks_for_id": c.speaks_for_id, "actor": c.actor, "actor_id": c.actor_id,
        "actor_start": c.actor_span.start if c.actor_span else None, "actor_end": c.actor_span.end if c.actor_span else None,
        "fatalities": c.fatalities, "injured": c.injured, "stage": c.stage,
    }


def derived_rows(extractions: Sequence[DocumentExtraction], published: dict, events: Sequence[Event],
                  controls: Sequence[ControlAssertion], relations: Sequence[Relation],
                  claims: Sequence[Claim] = ()) -> dict[str, list[dict]]:
    """Every extraction table's rows for these documents (``published`` by document id)."""
    rows: dict[str, list[dict]] = {table: [] for table in EXTRACTION_TABLES}
    for ex in extractions:
        for table, table_rows in _extraction_rows(ex, published).items():
            rows[table].extend(table_rows)
    rows["events"] = [_event_row(e) for e in events]
    rows["event_spans"] = [
        {"event_id": e.id, "doc_id": a.span.doc_id, "start_char": a.span.start, "end_char": a.span.end,
         "role": a.role, "text": a.text}
        for e in events for a in e.arguments
    ]
    rows["control_assertions"] = [
        {"id": c.id, "doc_id": c.spans[0].doc_id, "actor": c.actor, "actor_id": c.actor_id, "place_id": c.place_id,
         "place_text": c.place, "status": c.status, "date": c.date, "confidence": c.confidence,
         "stage": c.stage}
        for c in controls
    ]
    rows["control_spans"] = [
        {"control_id": c.id, "doc_id": span.doc_id, "start_char": span.start, "end_char": span.end, "role": role}
        for c in controls for span, role in zip(c.spans, _control_roles(c))
    ]
    rows["relations"] = [
        {"id": r.id, "doc_id": r.spans[0].doc_id, "actor_a": r.actor_a, "kind": r.kind, "actor_b": r.actor_b,
         "actor_a_id": r.actor_a_id, "actor_b_id": r.actor_b_id, "date_start": r.date_start, "date_end": r.date_end,
         "confidence": r.confidence, "source": r.source, "stage": r.stage}
        for r in {r.id: r for r in relations}.values()
    ]
    rows["relation_spans"] = [
        {"relation_id": r.id, "doc_id": span.doc_id, "start_char": span.start, "end_char": span.end, "role": role}
        for r in {r.id: r for r in relations}.values() for span, role in zip(r.spans, ("sentence", "actor_a", "actor_b"))
    ]
    unique_claims = list({c.id: c for c in claims}.values())
    rows["claims"] = [_claim_row(c) for c in unique_claims]
    rows["claim_sources"] = [
        {"claim_id": c.id, "doc_id": c.span_cue.doc_id, "seq": seq, "words": s.words, "kind": s.kind,
         "actor_id": s.actor_id, "speaks_for_id": s.speaks_for_id, "start_char": s.span.start if s.span else None,
         "end_char": s.span.end if s.span else None}
        for c in unique_claims for seq, s in enumerate(c.chain)
    ]
    return rows


def aside_rows(documents: Sequence[Document]) -> list[dict]:
    return [{"doc_id": d.id, "seq": i, "kind": a.kind, "text": a.text} for d in documents for i, a in enumerate(d.asides)]


def write_batch(
    store: Store,
    run_id: int,
    documents: Sequence[Document],
    extractions: Sequence[DocumentExtraction],
    near_dups: Sequence[NearDupEntry],
    failures: Sequence[IngestFailure],
    counts: BatchCounts,
    stages: Sequence[str],
    events: Sequence[Event] = (),
    controls: Sequence[ControlAssertion] = (),
    relations: Sequence[Relation] = (),
    fusion: FusionUpdate | None = None,
    claims: Sequence[Claim] = (),
) -> None:
    focus = {ex.doc_id: ex.country_focus for ex in extractions}
    rows = derived_rows(extractions, {d.id: d.published for d in documents}, events, controls, relations, claims)
    rows["documents"] = [document_row(d, run_id, focus.get(d.id)) for d in documents]
    rows["document_asides"] = aside_rows(documents)
    places = [place_row(p) for p in {p.id: p for ex in extractions for p in ex.places}.values()]
    write_batch_rows(store, run_id, rows, [ex.doc_id for ex in extractions], places, near_dups, failures, counts,
                     stages, fusion)


def write_batch_rows(store: Store, run_id: int, rows: dict[str, list[dict]], extracted_ids: Sequence[str],
                     places: Sequence[dict], near_dups: Sequence[NearDupEntry], failures: Sequence[IngestFailure],
                     counts: BatchCounts, stages: Sequence[str], fusion: FusionUpdate | None = None) -> None:
    """One batch in one transaction, from table rows (``rows``: documents, document_asides and the
    extraction tables): what ingest writes, and what import-parquet writes from a run's Parquet."""
    with store.transaction():
        store.insert_rows("documents", rows.get("documents", []))
        store.insert_rows("document_asides", rows.get("document_asides", []))
        store.insert_rows("near_dup_signatures", [{"doc_id": n.doc_id, "signature": n.signature} for n in near_dups])
        store.insert_rows("near_dup_bands", [
            {"band": band, "bucket": bucket, "doc_id": n.doc_id} for n in near_dups for band, bucket in n.bands
        ], schema=_BANDS)
        write_place_rows(store, places)
        replace_extractions(store, extracted_ids, rows, stages)
        if fusion is not None:
            write_fusion(store, fusion)
        store.insert_rows("ingest_failures", [
            {"run_id": run_id, "path": f.path, "location": f.location, "message": f.message} for f in failures
        ])
        store.con.execute(
            """UPDATE ingest_runs SET ingested = ingested + ?, already_stored = already_stored + ?,
               copies = copies + ?, near_duplicates = near_duplicates + ?, failed = failed + ? WHERE id = ?""",
            [counts.ingested, counts.already_stored, counts.copies, counts.near_duplicates, len(failures), run_id],
        )


def replace_extractions(store: Store, doc_ids: Sequence[str], rows: dict[str, list[dict]], stages: Sequence[str]) -> None:
    """Swap one set of documents' extraction rows for new ones (caller holds the transaction)."""
    if not doc_ids:
        return
    with store.registered("_fogmap_ids", pa.table({"doc_id": pa.array(list(doc_ids), pa.string())})):
        for table in (*EXTRACTION_TABLES, "stage_runs"):
            store.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _fogmap_ids)")
    for table in EXTRACTION_TABLES:
        store.insert_rows(table, rows.get(table, []))
    store.insert_rows("stage_runs", [{"doc_id": d, "stage": s} for d in doc_ids for s in stages])


def rewrite_documents(store: Store, extractions: Sequence[DocumentExtraction], published: dict, stages: Sequence[str],
                      events: Sequence[Event], controls: Sequence[ControlAssertion], relations: Sequence[Relation],
                      fusion: FusionUpdate, claims: Sequence[Claim] = ()) -> None:
    """Swap stored documents' extractions, derived records and canonical links for new ones, in one
    transaction: a document is either wholly as before or wholly re-extracted."""
    rows = derived_rows(extractions, published, events, controls, relations, claims)
    with store.transaction():
        write_places(store, [p for ex in extractions for p in ex.places])
        replace_extractions(store, [ex.doc_id for ex in extractions], rows, stages)
        write_fusion(store, fusion)
        for ex in extractions:
            store.con.execute("UPDATE documents SET country_focus = ? WHERE id = ?", [ex.country_focus, ex.doc_id])


def _canonical_row(c: CanonicalEvent) -> dict:
    return {
        "id": c.id, "code": c.code, "type": c.type, "subtype": c.subtype, "date_start": c.date_start,
        "date_end": c.date_end, "time_precision": c.time_precision, "window_start": c.window_start,
        "window_end": c.window_end, "country": c.country, "admin1": c.admin1, "place_id": c.place_id,
        "place_name": c.place_name, "latitude": c.lat, "longitude": c.lon, "geo_precision": c.geo_precision,
        "actor1_id": c.actor1_id, "actor1_acled": c.actor1_acled, "actor2_id": c.actor2_id,
        "actor2_acled": c.actor2_acled, "fatalities": c.fatalities, "fatalities_low": c.fatalities_low,
        "fatalities_best": c.fatalities_best, "fatalities_high": c.fatalities_high, "reports": len(c.doc_ids),
        "sources": c.sources, "disputed": c.disputed, "stage": c.stage,
        "disputes": json.dumps([{"field": d.field, "values": [list(v) for v in d.values]} for d in c.disputes]),
    }


def write_fusion(store: Store, update: FusionUpdate) -> None:
    """Drop the clusters a batch touched (and the replaced documents' links), write their new state, and
    re-point the reviews of replaced events (caller holds the transaction)."""
    ids = pa.table({"id": pa.array(sorted(set(update.removed) | {c.id for c in update.canonicals}), pa.string())})
    docs = pa.table({"doc_id": pa.array(list(update.replaced_docs), pa.string())})
    with store.registered("_fogmap_canonical_ids", ids), store.registered("_fogmap_fused_docs", docs):
        store.con.execute("DELETE FROM canonical_reports WHERE canonical_id IN (SELECT id FROM _fogmap_canonical_ids) "
                          "OR doc_id IN (SELECT doc_id FROM _fogmap_fused_docs)")
        store.con.execute("DELETE FROM canonical_events WHERE id IN (SELECT id FROM _fogmap_canonical_ids)")
        for table in ("hypotheses", "hypothesis_evidence", "assessments"):  # about events that change or go
            store.con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT id FROM _fogmap_canonical_ids)")
    store.insert_rows("canonical_events", [_canonical_row(c) for c in update.canonicals])
    store.insert_rows("canonical_reports", [
        {"canonical_id": cid, **{k: getattr(r, k) for k in r.__dataclass_fields__}} for cid, r in update.reports
    ])
    rehome_reviews(store)  # an analyst's review follows its event to the id fusion gave it, never dropped
