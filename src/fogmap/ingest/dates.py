"""Publication dates from metadata strings and from a dateline at the top of a text.

Regular expressions and ``datetime`` only: a date that is not written out in full (no year, an
ambiguous 04/01/2019) stays unknown rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_MDY = re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I)
_DMY = re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:$|[T\s])")
# A dateline is at the very start, possibly after a place name in capitals ("BEIRUT, ").
_DATELINE_PREFIX = re.compile(r"^\s*(?:[A-Z][A-Z .'-]{1,40},\s*)?")


def _build(year: str, month: str, day: str) -> dt.date | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    try:
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def _written_out(text: str) -> dt.date | None:
    for pattern in (_MDY, _DMY):
        m = pattern.match(text)
        if m:
            return _build(m["year"], m["month"], m["day"])
    return None


def parse_published(value: object) -> dt.date | None:
    """A metadata date: ISO 8601, RFC 822, or a written-out date; anything else is unknown."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if m := _ISO.match(text):
        return _build(m["year"], m["month"], m["day"])
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            return email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            return None
    return _written_out(text)


def dateline_date(text: str) -> dt.date | None:
    """The date of a dateline opening the text ("Friday, January 4, 2019", "BEIRUT, Jan 4, 2019 (Reuters) -")."""
    head = text[:120]
    start = _DATELINE_PREFIX.match(head)
    return _written_out(head[start.end():] if start else head)
