"""Document identity: the content hash and the stable document id."""

from __future__ import annotations

import hashlib
import re

from ..records import Document, SourceArticle

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with runs of white space made one space: re-wrapped copies hash alike."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def document_id(url: str | None, text_hash: str) -> str:
    """Same url and same text give the same id, so re-ingesting anything is a no-op."""
    return hashlib.sha256(f"{url or ''}\n{text_hash}".encode()).hexdigest()[:20]


def to_document(article: SourceArticle) -> Document:
    digest = content_hash(article.text)
    return Document(
        id=document_id(article.url, digest),
        text=article.text,
        content_hash=digest,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        source_path=article.path,
        source_location=article.location,
        format=article.format,
        asides=article.asides,
    )
