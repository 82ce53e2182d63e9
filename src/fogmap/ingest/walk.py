"""Finding input files, choosing a reader for each, and turning file-level problems into failures."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import IngestFailure, SourceArticle
from . import formats
from .options import ReadOptions

WHOLE_FILE = {"text", "html", "feed"}
_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "tsv",
    ".parquet": "parquet", ".pq": "parquet",
}


def input_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files under ``paths``, folders walked in sorted order, hidden entries skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                yield IngestFailure(str(path), None, "folder has no files to read")
            yield from found
        elif path.exists():
            yield path
        else:
            yield IngestFailure(str(path), None, "no such file or folder")


def detect_format(path: Path, head: bytes) -> str:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if path.suffix.lower() in _BY_SUFFIX:
        return _BY_SUFFIX[path.suffix.lower()]
    start = head.lstrip()[:200].lower()
    if head.startswith(b"PAR1"):
        return "parquet"
    if start.startswith(b"warc/"):
        return "warc"
    if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
        return "feed"
    if start.startswith((b"<!doctype html", b"<html", b"<")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def read_file(path: Path, options: ReadOptions) -> Iterator[SourceArticle | IngestFailure]:
    where = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(4096)
            if size == 0:
                yield IngestFailure(where, None, "empty file")
                return
            fmt = detect_format(path, head)
            if fmt in WHOLE_FILE:
                if size > options.max_file_bytes:
                    yield IngestFailure(where, None, f"{size} bytes is over the {options.max_file_bytes}-byte limit "
                                        "for a single document (raise [ingest] max_file_bytes if it is real)")
                    return
                data = head + stream.read()
                reader = {"text": formats.read_text, "html": formats.read_html, "feed": formats.read_feed}[fmt]
                yield from reader(where, data, options)
                return
            stream.seek(0)
            if fmt == "warc":
                yield from formats.read_warc(where, stream, options)
            elif fmt == "parquet":
                yield from formats.read_parquet(where, stream, options)
            elif b"\x00" in head and not head.startswith(b"\x1f\x8b"):
                yield IngestFailure(where, None, f"binary data (NUL bytes), not {fmt}")
            elif fmt == "jsonl":
                yield from formats.read_jsonl(where, _maybe_gunzip(stream, head), options)
            else:
                yield from formats.read_csv(where, _maybe_gunzip(stream, head), options,
                                            delimiter="\t" if fmt == "tsv" else ",")
    except PermissionError:
        yield IngestFailure(where, None, "permission denied")
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        yield IngestFailure(where, None, f"corrupt or truncated compressed data: {exc}")
    except OSError as exc:
        yield IngestFailure(where, None, f"cannot read: {exc.strerror or exc}")


def _maybe_gunzip(stream, head: bytes):
    return gzip.GzipFile(fileobj=stream) if head.startswith(b"\x1f\x8b") else stream


def read_paths(paths: Iterable[str | Path], options: ReadOptions) -> Iterator[SourceArticle | IngestFailure]:
    """Every article under ``paths`` in a deterministic order, with a failure for each bad input."""
    for item in input_files(paths):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from read_file(item, options)
