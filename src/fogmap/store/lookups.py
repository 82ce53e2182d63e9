"""Reads the ingest path needs to decide what is new: ids, content hashes, near-duplicate buckets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa

from .db import Store


def existing_ids(store: Store, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    if not ids:
        return set()
    with store.registered("_fogmap_q", pa.table({"id": pa.array(ids, pa.string())})):
        rows = store.con.execute("SELECT d.id FROM documents d JOIN _fogmap_q q ON d.id = q.id").fetchall()
    return {r[0] for r in rows}


def originals_by_hash(store: Store, hashes: Iterable[str]) -> dict[str, str]:
    """content hash -> id of the original document (never a duplicate) that has that text."""
    hashes = list(hashes)
    if not hashes:
        return {}
    with store.registered("_fogmap_q", pa.table({"h": pa.array(hashes, pa.string())})):
        rows = store.con.execute(
            """SELECT d.content_hash, min(coalesce(d.duplicate_of, d.id)) FROM documents d
               JOIN _fogmap_q q ON d.content_hash = q.h GROUP BY d.content_hash"""
        ).fetchall()
    return dict(rows)


def near_dup_candidates(store: Store, keys: Sequence[tuple[int, int]]) -> dict[str, bytes]:
    """Documents sharing at least one LSH bucket with ``keys``: id -> MinHash signature bytes."""
    if not keys:
        return {}
    table = pa.table({
        "band": pa.array([k[0] for k in keys], pa.int16()),
        "bucket": pa.array([k[1] for k in keys], pa.uint64()),
    })
    with store.registered("_fogmap_q", table):
        rows = store.con.execute(
            """SELECT DISTINCT s.doc_id, s.signature FROM near_dup_bands b
               JOIN _fogmap_q q ON b.band = q.band AND b.bucket = q.bucket
               JOIN near_dup_signatures s ON s.doc_id = b.doc_id"""
        ).fetchall()
    return {doc_id: bytes(sig) for doc_id, sig in rows}
