"""How inputs are read: field mapping, default date, size limits, encoding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import ConfigError

FIELDS = ("text", "title", "url", "published", "outlet")


def _default_map() -> dict[str, str]:
    return {name: name for name in FIELDS}


@dataclass(frozen=True)
class ReadOptions:
    field_map: Mapping[str, str] = field(default_factory=_default_map)
    published_default: dt.date | None = None  # only for documents with no date of their own
    max_file_bytes: int = 50 * 2**20  # whole-file formats (text, HTML)
    max_record_bytes: int = 5 * 2**20  # one JSON line, CSV row, feed item or WARC record
    encoding: str | None = None  # None: UTF-8 (a BOM is allowed), anything else is an error


def parse_field_map(pairs: Iterable[str]) -> dict[str, str]:
    """["text=article_content"] -> the full mapping from fogmap's keys to the input's keys."""
    mapping = _default_map()
    for pair in pairs:
        key, sep, source = pair.partition("=")
        key, source = key.strip(), source.strip()
        if not sep or not source:
            raise ConfigError(f"--field {pair!r}: write it as KEY=COLUMN, e.g. text=article_content")
        if key not in FIELDS:
            raise ConfigError(f"--field {pair!r}: unknown key {key!r}; valid keys: {', '.join(FIELDS)}")
        mapping[key] = source
    return mapping
