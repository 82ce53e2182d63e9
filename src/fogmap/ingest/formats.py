"""One reader per input format. Each yields SourceArticles and IngestFailures and never raises
for bad input: a broken record is reported and the next one is read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import feedparser
import lxml.html
import pyarrow as pa
import pyarrow.parquet as pq
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import Aside, IngestFailure, SourceArticle
from .article import decode, make_article
from .options import ReadOptions

Found = Iterator[SourceArticle | IngestFailure]


def read_text(path: str, data: bytes, options: ReadOptions) -> Found:
    text = decode(data, path, None, options.encoding)
    if isinstance(text, IngestFailure):
        yield text
        return
    first = text.strip().split("\n", 1)[0].strip()
    title = first if 0 < len(first.split()) <= 20 and not first.endswith((".", ":", ",")) else None
    yield make_article(text, path, None, "text", options, title=title)


def html_article(html: bytes | str, path: str, location: str | None, options: ReadOptions, url: str | None = None,
                 fmt: str = "html") -> SourceArticle | IngestFailure:
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        return IngestFailure(path, location, f"not parseable HTML: {exc}")
    captions = tuple(
        Aside("caption", " ".join(el.text_content().split()))
        for el in tree.xpath("//figcaption | //*[contains(@class, 'caption')]") if el.text_content().strip()
    )
    extracted = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        return IngestFailure(path, location, "no main text found in the HTML page")
    return make_article(extracted.text, path, location, fmt, options, title=extracted.title,
                        url=url or extracted.url, outlet=extracted.sitename, published=extracted.date,
                        asides=captions)


def read_html(path: str, data: bytes, options: ReadOptions) -> Found:
    if b"\x00" in data[:8192]:
        yield IngestFailure(path, None, "binary data (NUL bytes), not HTML")
        return
    yield html_article(data, path, None, options)


def _feed_text(entry: dict) -> str:
    html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    if "<" not in html:
        return html
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    for block in tree.xpath("//p | //br | //div | //li | //h1 | //h2 | //h3"):
        block.tail = "\n\n" + (block.tail or "")
    return tree.text_content()


def read_feed(path: str, data: bytes, options: ReadOptions) -> Found:
    feed = feedparser.parse(data)
    if feed.bozo and not any(_feed_text(e).strip() for e in feed.entries):
        yield IngestFailure(path, None, f"malformed feed: {feed.get('bozo_exception', 'unreadable')}")
        return
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        location = f"item {number}"
        text = _feed_text(entry)
        if len(text.encode()) > options.max_record_bytes:
            yield IngestFailure(path, location, f"item larger than the {options.max_record_bytes}-byte limit")
            continue
        if not text.strip():
            yield IngestFailure(path, location, "feed item has no text")
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None
        yield make_article(text, path, location, "feed", options, title=entry.get("title"),
                           url=entry.get("link"), outlet=outlet, published=published)


def read_warc(path: str, stream: BinaryIO, options: ReadOptions) -> Found:
    number = 0
    size = Path(path).stat().st_size
    records = ArchiveIterator(stream)
    try:
        for record in records:
            number += 1
            if record.rec_type is None:
                yield IngestFailure(path, f"record {number}", "not a WARC record (no WARC-Type header)")
                continue
            if record.rec_type != "response":
                continue
            content_type = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in content_type.lower():
                continue
            payload = record.content_stream().read(options.max_record_bytes + 1)
            if len(payload) > options.max_record_bytes:
                yield IngestFailure(path, f"record {number}", f"larger than the {options.max_record_bytes}-byte limit")
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield html_article(payload, path, f"record {number}", options, url=url, fmt="warc")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield IngestFailure(path, f"record {number + 1}", f"unreadable WARC record, rest of file skipped: {exc}")
        return
    if records.offset < size:  # warcio stops quietly at a truncated gzip member
        yield IngestFailure(path, f"record {number + 1}",
                            f"truncated or unreadable data from byte {records.offset} of {size}; rest of file skipped")


def _record_article(row: dict, path: str, location: str, fmt: str, options: ReadOptions) -> SourceArticle | IngestFailure:
    fields = options.field_map
    text = row.get(fields["text"])
    if not isinstance(text, str) or not text.strip():
        return IngestFailure(path, location, f"no text in field {fields['text']!r} (use --field text=COLUMN)")
    return make_article(text, path, location, fmt, options, title=row.get(fields["title"]),
                        url=row.get(fields["url"]), outlet=row.get(fields["outlet"]),
                        published=row.get(fields["published"]))


def read_jsonl(path: str, stream: BinaryIO, options: ReadOptions) -> Found:
    limit = options.max_record_bytes
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        location = f"line {number}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of an oversized line without holding it
            yield IngestFailure(path, location, f"line longer than the {limit}-byte record limit")
            continue
        if not line.strip():
            continue
        text = decode(line, path, location, options.encoding)
        if isinstance(text, IngestFailure):
            yield text
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError as exc:
            yield IngestFailure(path, location, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(row, dict):
            yield IngestFailure(path, location, f"a JSON line must be an object, got {type(row).__name__}")
            continue
        yield _record_article(row, path, location, "jsonl", options)


def read_csv(path: str, stream: BinaryIO, options: ReadOptions, delimiter: str = ",") -> Found:
    csv.field_size_limit(options.max_record_bytes)
    text = io.TextIOWrapper(stream, encoding=options.encoding or "utf-8-sig", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    row_number = 0
    try:
        header = next(reader, None)
        if not header:
            yield IngestFailure(path, None, "empty CSV: no header row")
            return
        while True:
            row_number += 1
            location = f"row {row_number}"
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield IngestFailure(path, location, f"malformed CSV row: {exc}")
                continue
            if len(values) != len(header):
                yield IngestFailure(path, location, f"has {len(values)} fields, the header has {len(header)}")
                continue
            yield _record_article(dict(zip(header, values)), path, location, "csv", options)
    except UnicodeDecodeError as exc:
        yield IngestFailure(path, f"row {row_number}", f"not valid {options.encoding or 'UTF-8'} "
                            f"(byte {exc.start} of a read block); rest of file skipped; pass --encoding")


def read_parquet(path: str, source: BinaryIO | str, options: ReadOptions) -> Found:
    """Rows of a Parquet file, in order, with the same field map as JSON lines and CSV (``row N``)."""
    try:
        parquet = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        yield IngestFailure(path, None, f"not a readable Parquet file: {exc}")
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                number += 1
                yield _record_article(row, path, f"row {number}", "parquet", options)
    except (pa.ArrowException, OSError) as exc:
        yield IngestFailure(path, f"row {number + 1}", f"unreadable Parquet data: {exc}; rest of file skipped")
