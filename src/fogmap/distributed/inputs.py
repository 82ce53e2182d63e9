"""A run's input: ``--input`` globs expanded into shards (one file each), read into tasks.

Local paths and globs (``corpus/**/*.jsonl``), folders (walked as ingest walks them), and
``s3://``/``gs://`` URIs through pyarrow's filesystems (a clear error where that filesystem is not
available). Every format ingest reads, and Parquet, with the same field map (``-f text=...``).
"""

from __future__ import annotations

import fnmatch
import glob
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path

from ..errors import InputError
from ..ingest import ReadOptions
from ..ingest.walk import input_files, read_file
from ..records import IngestFailure, SourceArticle
from .batch import Task

REMOTE = ("s3://", "gs://", "gcs://", "hdfs://", "abfs://")


def expand(patterns: Sequence[str]) -> list[str]:
    """The shards, in a deterministic order: each pattern's matches sorted, patterns in the order given.
    A pattern that matches nothing is kept, so reading it reports it as a failure."""
    shards: list[str] = []
    for pattern in patterns:
        if pattern.startswith(REMOTE):
            shards += _remote_matches(pattern)
        elif glob.has_magic(pattern):
            shards += sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file()) or [pattern]
        else:
            shards += [str(p) if isinstance(p, Path) else p.path for p in input_files([pattern])]
    return list(dict.fromkeys(shards))


def _filesystem(uri: str):
    from pyarrow import fs
    try:
        return fs.FileSystem.from_uri(uri)
    except Exception as exc:  # pyarrow raises several kinds for a scheme it was built without
        raise InputError(uri, None, f"cannot open this filesystem here ({exc}); copy the files to a local "
                         "folder, or give this machine access (credentials, network)") from None


def _remote_matches(pattern: str) -> list[str]:
    from pyarrow import fs
    scheme = pattern.split("://", 1)[0]
    filesystem, path = _filesystem(pattern)
    if not glob.has_magic(path):
        return [pattern]
    base = path[:min(path.find(c) for c in "*?[" if c in path)].rsplit("/", 1)[0]
    found = filesystem.get_file_info(fs.FileSelector(base, recursive=True))
    return sorted(f"{scheme}://{f.path}" for f in found if f.type == fs.FileType.File and fnmatch.fnmatch(f.path, path))


def read_shard(name: str, options: ReadOptions) -> Iterator[SourceArticle | IngestFailure]:
    """The records of one shard, as ingest reads a file (a remote file is copied to a temporary one)."""
    if not name.startswith(REMOTE):
        path = Path(name)
        if not path.is_file():
            yield IngestFailure(name, None, "no such file" if not glob.has_magic(name) else "no file matches")
            return
        yield from read_file(path, options)
        return
    filesystem, path = _filesystem(name)
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder) / Path(path).name
        with filesystem.open_input_stream(path) as source, local.open("wb") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        for item in read_file(local, options):
            yield _renamed(item, str(local), name)


def _renamed(item: SourceArticle | IngestFailure, local: str, name: str) -> SourceArticle | IngestFailure:
    return replace(item, path=name) if item.path == local else item


def shard_tasks(index: int, name: str, options: ReadOptions, batch_size: int) -> Iterator[Task]:
    """One shard's records cut into batches of ``batch_size`` (``index``: the shard's place in the run)."""
    records = read_shard(name, options)
    batch, start = 0, 0
    while chunk := tuple(islice(records, batch_size)):
        yield Task(index, name, batch, start, chunk)
        batch, start = batch + 1, start + len(chunk)


def tasks(shards: Sequence[str], options: ReadOptions, batch_size: int) -> Iterator[Task]:
    """Every shard's tasks, shards in order."""
    for index, name in enumerate(shards):
        yield from shard_tasks(index, name, options, batch_size)
