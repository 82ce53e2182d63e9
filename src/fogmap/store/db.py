"""Opening the DuckDB evidence store, migrating it, and running transactions.

DuckDB allows one writing process per file; readers in other processes are refused while it is
held, so commands open the store only for as long as they need it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import SchemaVersionError, StoreError
from .schema import MIGRATIONS, SCHEMA_VERSION

DB_ENV = "FOGMAP_DB"
DEFAULT_DB = "fogmap.duckdb"


def is_interruption(exc: BaseException) -> bool:
    """DuckDB turns a Ctrl-C that lands mid-query into its own error, not KeyboardInterrupt."""
    if isinstance(exc, duckdb.InterruptException):
        return True
    if isinstance(exc, duckdb.Error) and "KeyboardInterrupt" in str(exc):
        return True  # a Ctrl-C while DuckDB reads registered Arrow data comes back as InvalidInputException
    return isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()


def default_db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


class Store:
    """A connection to one evidence store file, migrated to the current schema on open."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no evidence store here (run `fogmap ingest` first or pass --db)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"{self.path}: cannot open the evidence store: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a fogmap evidence store ({exc})") from exc
        try:
            if read_only:
                self._check_version()
            else:
                self._migrate()
        except BaseException:
            self.con.close()  # a refused file is not kept open (nor locked) by this process
            raise

    # --- life cycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: an exception (or Ctrl-C) inside rolls back; SIGKILL leaves the WAL to replay."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # --- schema -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()[0][0]
        if not exists:
            return 0
        rows = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows[0][0] or 0)

    def _foreign(self) -> bool:
        """A DuckDB file with tables of its own and no fogmap schema: someone else's database."""
        return self.schema_version() == 0 and self.con.execute(
            "SELECT count(*) FROM information_schema.tables").fetchall()[0][0] > 0

    def _refuse_foreign(self) -> None:
        if self._foreign():
            raise StoreError(f"{self.path}: a DuckDB database that is not a fogmap store (it has tables, but no "
                             "fogmap schema); pass another --db")

    def _check_version(self) -> None:
        self._refuse_foreign()
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path}: written by a newer fogmap (schema {version}, this one knows {SCHEMA_VERSION}); upgrade fogmap"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema {version} is older than {SCHEMA_VERSION}; open it once for writing to migrate")

    def _migrate(self) -> None:
        self._refuse_foreign()  # never add fogmap's tables to someone else's database
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            self._check_version()
        for number, description, sql in MIGRATIONS:
            if number <= version:
                continue
            with self.transaction() as con:
                if number == 1:
                    con.execute(
                        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
                    )
                con.execute(sql)
                con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)", [number, description, dt.datetime.now()]
                )

    # --- bulk helpers -----------------------------------------------------------------------
    def insert_rows(self, table: str, rows: Sequence[dict[str, Any]], schema: pa.Schema | None = None) -> None:
        """Insert dict rows through Arrow: one statement however many rows (executemany is slow)."""
        if not rows:
            return
        with self.registered("_fogmap_rows", pa.Table.from_pylist(list(rows), schema=schema)):
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _fogmap_rows")

    @contextmanager
    def registered(self, name: str, table: pa.Table) -> Iterator[None]:
        """An Arrow table visible to SQL as ``name`` for the duration of the block (zero-copy)."""
        self.con.register(name, table)
        try:
            yield
        except BaseException:
            # a Ctrl-C inside the block aborts the transaction, and DuckDB then refuses the unregister:
            # that second error must not hide the interruption (the caller's exit code depends on it)
            with suppress(duckdb.Error):
                self.con.unregister(name)
            raise
        self.con.unregister(name)

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params or []))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        rows = self.con.execute(sql, list(params or [])).fetchall()  # fetch all: DuckDB 2 refuses open results
        return rows[0][0] if rows else None
