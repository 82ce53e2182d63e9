"""A run's Parquet queried in place with DuckDB: ``fogmap events --parquet DIR``.

An in-memory DuckDB database where each table of the run is a view over its files
(``read_parquet(..., hive_partitioning = true)``) under the store's table name, so the store's own
queries (store.queries) run on it unchanged: the same filters, the same columns, the same order.
Fusion has not run on a run's output, so there are no canonical events here; a document that was in
two shards shows twice (``fogmap import-parquet`` de-duplicates).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb

from ..store import queries
from ..store.db import Store
from .output import read_description
from .tables import TABLES, schemas


class ParquetStore(Store):
    """The tables of a ``fogmap run`` output folder as read-only views (closing it leaves the files as they are)."""

    def __init__(self, directory: str | Path) -> None:  # noqa: super().__init__ would open a store file
        self.path = Path(directory)
        read_description(self.path)  # refuses a folder that is not a run's output
        self.con = duckdb.connect(":memory:")
        for table in TABLES:
            files = self.path / table / "*" / "*.parquet"
            if any(self.path.glob(f"{table}/*/*.parquet")):
                source = f"read_parquet('{str(files).replace(chr(39), chr(39) * 2)}', hive_partitioning = true)"
            else:  # a table no task had rows for: empty, with its columns
                columns = ", ".join(f"NULL::{_duck_type(f.type)} AS {f.name}" for f in schemas()[table])
                source = f"(SELECT {columns} WHERE false)"
            distinct = "DISTINCT " if table == "places" else ""  # every task that met a place wrote it
            self.con.execute(f"CREATE VIEW {table} AS SELECT {distinct}* FROM {source}")


def _duck_type(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_list(arrow_type):
        return _duck_type(arrow_type.value_type) + "[]"
    return {"string": "VARCHAR", "int8": "TINYINT", "int16": "SMALLINT", "int32": "INTEGER", "int64": "BIGINT",
            "uint64": "UBIGINT", "double": "DOUBLE", "float": "FLOAT", "bool": "BOOLEAN", "date32[day]": "DATE",
            "binary": "BLOB"}.get(str(arrow_type), "VARCHAR")


def parquet_events(directory: str | Path, *, candidates: bool = False, modality: str | None = None,
                   status: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                   country: str | None = None, type: str | None = None,  # noqa: A002
                   doc_id: str | None = None, limit: int | None = 50) -> list[dict[str, Any]]:
    """What ``fogmap events`` lists from a store, listed from a run's Parquet."""
    with ParquetStore(directory) as source:
        if doc_id:
            doc_id = queries.resolve_doc_id(source, doc_id)
        if candidates:
            return queries.candidates(source, queries.CandidateFilter(since, until, country, type, modality, doc_id,
                                                                      limit))
        return queries.events(source, queries.EventFilter(since, until, country, type, status, doc_id, limit))
