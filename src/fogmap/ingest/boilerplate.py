"""Separating reporting from what surrounds it: feed footers, related-link headlines, photo captions.

Pure functions over text. What is not reporting leaves the body (so no span ever points into it)
but is kept as an ``Aside``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Aside

_FOOTER = re.compile(r"\s*The post (?P<title>.+?) appeared first on (?P<outlet>.+?)\.?\s*$", re.S)
_RELATED = re.compile(
    r"^[\s»*•-]*(breaking|read more|related|also read|see also|watch|more|recommended)\s*:", re.I)
_CAPTION_START = re.compile(r"^[\s(\[]*(photo|image|picture|caption|file photo)\b\s*[:(-]?", re.I)
_CREDIT_END = re.compile(
    r"(\((?:photo[^)]*|(?:afp|ap|epa|reuters|getty images)(?:/[^)]*)?|[^)]*getty images)\)"
    r"|/\s*(?:reuters|afp|ap|epa|anadolu|getty images)"
    r"|photo (?:by|credit)[: ][^.]*)\s*\.?\s*$", re.I)
_CAPTION_MAX_WORDS = 40


@dataclass(frozen=True)
class CleanText:
    body: str
    asides: tuple[Aside, ...]
    title: str | None
    outlet: str | None


def normalise(text: str) -> str:
    """Unix line ends, no trailing spaces, at most one blank line between paragraphs."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip()


def is_caption(paragraph: str) -> bool:
    if _CAPTION_START.match(paragraph):
        return True
    return len(paragraph.split()) < _CAPTION_MAX_WORDS and bool(_CREDIT_END.search(paragraph))


def separate(text: str) -> CleanText:
    """Body text, asides, and the title/outlet a WordPress footer names (None when there is none)."""
    title = outlet = None
    text = normalise(text)
    if m := _FOOTER.search(text):
        title, outlet = m["title"].strip(), m["outlet"].strip()
        text = text[:m.start()]
    body: list[str] = []
    asides: list[Aside] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and _RELATED.match(stripped):
            asides.append(Aside("related_link", stripped))
        elif stripped and is_caption(stripped):
            asides.append(Aside("caption", stripped))
        else:
            body.append(line)
    return CleanText(normalise("\n".join(body)), tuple(asides), title, outlet)
