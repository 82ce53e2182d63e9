"""Turning one found text plus its metadata into a SourceArticle (or a failure)."""

from __future__ import annotations

from ..records import Aside, IngestFailure, SourceArticle
from .boilerplate import separate
from .dates import dateline_date, parse_published
from .options import ReadOptions


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def make_article(text: str, path: str, location: str | None, fmt: str, options: ReadOptions, *,
                 title: object = None, url: object = None, outlet: object = None, published: object = None,
                 asides: tuple[Aside, ...] = ()) -> SourceArticle | IngestFailure:
    cleaned = separate(text)
    if not cleaned.body:
        return IngestFailure(path, location, "no text to ingest (empty after removing boilerplate)")
    date = parse_published(published) or dateline_date(cleaned.body) or options.published_default
    return SourceArticle(
        text=cleaned.body, path=path, location=location, format=fmt,
        title=_clean(title) or cleaned.title, url=_clean(url), outlet=_clean(outlet) or cleaned.outlet,
        published=date, asides=asides + cleaned.asides,
    )


def decode(data: bytes, path: str, location: str | None, encoding: str | None) -> str | IngestFailure:
    """Text of ``data``: UTF-8 (BOM allowed) unless an encoding is forced; a wrong byte is a failure."""
    if b"\x00" in data[:8192]:
        return IngestFailure(path, location, "binary data (NUL bytes), not text")
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        return IngestFailure(path, location, f"not valid {encoding or 'UTF-8'} at byte {exc.start} "
                                             "(pass --encoding, e.g. --encoding latin-1, if that is what it is)")
    except LookupError:
        return IngestFailure(path, location, f"unknown encoding {encoding!r}")
