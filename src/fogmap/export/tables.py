"""What each export holds, and writing it with DuckDB's COPY (streamed, no rows in Python)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConfigError
from ..store.db import Store
from ..store.queries import CANDIDATE_SELECT

EXPORTABLE = {
    "candidates": CANDIDATE_SELECT + " ORDER BY c.event_date NULLS LAST, c.doc_id, c.trigger_start",
    "documents": """SELECT id, url, outlet, title, published, format, duplicate_of, duplicate_kind, similarity,
                           country_focus, word_count, source_path, source_location, content_hash, text
                    FROM documents ORDER BY id""",
    "sentences": """SELECT s.doc_id, s.seq, s.start_char, s.end_char, s.parsed,
                           substring(d.text, s.start_char + 1, s.end_char - s.start_char) AS text
                    FROM sentences s JOIN documents d ON d.id = s.doc_id ORDER BY s.doc_id, s.seq""",
    "entities": """SELECT doc_id, start_char, end_char, label, text, sentence_seq, stage
                   FROM entity_mentions ORDER BY doc_id, start_char""",
}

EXPORT_FORMATS = {"jsonl": "(FORMAT JSON)", "csv": "(FORMAT CSV, HEADER)", "parquet": "(FORMAT PARQUET)"}


def export_records(store: Store, what: str, fmt: str, path: str | Path) -> int:
    """Write one kind of record to ``path``; returns the number of rows written.

    The file appears whole or not at all: it is written beside the target and renamed.
    """
    if what not in EXPORTABLE:
        raise ConfigError(f"cannot export {what!r}; choose one of: {', '.join(EXPORTABLE)}")
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    literal = str(partial).replace("'", "''")
    store.con.execute(f"COPY ({EXPORTABLE[what]}) TO '{literal}' {EXPORT_FORMATS[fmt]}")
    os.replace(partial, target)
    return int(store.scalar(f"SELECT count(*) FROM ({EXPORTABLE[what]})"))
