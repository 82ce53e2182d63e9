"""Time expressions in English news text, resolved against the publication date.

Each rule is a compiled regex plus a resolver returning a date range and an ACLED time_precision
(1 day, 2 week or a few days, 3 month or longer). Resolvers return None rather than guess: an
ambiguous slash date, a future expression ("next Tuesday") or a relative one without a publication
date yields nothing. Overlapping matches are settled longest first, so "Friday, January 4, 2019"
is one absolute date, not a weekday plus a date.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from fogmap.kb import read_tsv

DAY, WEEK, MONTH = 1, 2, 3
_ONE_DAY = datetime.timedelta(days=1)
# Datelines can run a day or two ahead of the stored publication date (time zones, late editions).
_DATELINE_SLACK = datetime.timedelta(days=2)


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    text: str
    earliest: datetime.date
    latest: datetime.date
    precision: int
    anchored: bool


@dataclass(frozen=True)
class _Range:
    earliest: datetime.date
    latest: datetime.date
    precision: int
    anchored: bool


_MONTHS = {
    name: i for i, names in enumerate(
        [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]) for name in names
}
_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2}

# Month names are matched case-sensitively (capitalised) so the modal "may" and the verb "march"
# never read as months; the inline (?i:...) groups elsewhere keep ordinary words case-blind.
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_RE = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_NUM = r"(?:\d{1,2}|a couple of|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PART = r"(?:morning|afternoon|evening|night)"


# --- small date helpers ---------------------------------------------------------------------


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def _previous_month(day: datetime.date, back: int = 1) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - back
    return index // 12, index % 12 + 1


def _third(year: int, month: int, part: str) -> tuple[datetime.date, datetime.date]:
    # ACLED-style thirds: early 1-10, mid 11-20, late 21-end
    first, last = _month_range(year, month)
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _weekday_on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _yearless(month: int, day: int, published: datetime.date) -> datetime.date | None:
    # news reports the past: the latest year putting the date on or before publication (plus a
    # dateline's slack); walking back a few years lets 29 February find its leap year
    for year in range(published.year + 1, published.year - 8, -1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + _DATELINE_SLACK:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _count(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _NUMBERS[word]


def _day(day: datetime.date, anchored: bool = True) -> _Range:
    return _Range(day, day, DAY, anchored)


# --- holidays -------------------------------------------------------------------------------


def _easter(year: int) -> datetime.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher)
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    return datetime.date(year, month, (h + el - 7 * m + 114) % 31 + 1)


@lru_cache(maxsize=1)
def _lunar_holidays() -> dict[str, tuple[datetime.date, ...]]:
    table: dict[str, list[datetime.date]] = {}
    for row in read_tsv("holidays.tsv"):
        table.setdefault(row["name"], []).append(datetime.date.fromisoformat(row["date"]))
    return {name: tuple(sorted(dates)) for name, dates in table.items()}


def _holiday_ranges(key: str, years: range) -> list[tuple[datetime.date, datetime.date]]:
    """Every occurrence of a holiday within the years, as (first day, last day)."""
    fixed = {"new_years_eve": (12, 31), "new_years_day": (1, 1), "christmas_eve": (12, 24),
             "christmas": (12, 25), "nowruz": (3, 21)}
    if key in fixed:
        month, day = fixed[key]
        return [(datetime.date(y, month, day),) * 2 for y in years]
    if key == "easter":
        return [(_easter(y),) * 2 for y in years]
    lunar = _lunar_holidays()
    if key == "eid":
        # a bare "Eid" is whichever of the two came last
        return [(d, d) for d in sorted(lunar["eid_al_fitr"] + lunar["eid_al_adha"]) if d.year in years]
    if key == "ramadan":
        ends = lunar["eid_al_fitr"]
        spans = []
        for start in lunar["ramadan"]:
            end = next((e - _ONE_DAY for e in ends if start < e <= start + datetime.timedelta(days=31)),
                       start + datetime.timedelta(days=29))
            if start.year in years:
                spans.append((start, end))
        return spans
    return [(d, d) for d in lunar[key] if d.year in years]


_HOLIDAY_NAMES = [
    (r"New\s+Year['’]?s\s+Eve", "new_years_eve"),
    (r"New\s+Year['’]?s(?:\s+Day)?", "new_years_day"),
    (r"Christmas\s+Eve", "christmas_eve"),
    (r"Christmas(?:\s+Day)?", "christmas"),
    (r"Easter(?:\s+Sunday)?", "easter"),
    (r"(?:Nowruz|Norouz|Nowrouz|Newroz|Navruz|Nauroz)", "nowruz"),
    (r"Eid[\s-]+(?:al|ul|el)[\s-]+Fitr", "eid_al_fitr"),
    (r"Eid[\s-]+(?:al|ul|el)[\s-]+Adha", "eid_al_adha"),
    (r"Eid(?![\s-]+(?:al|ul|el)[\s-])", "eid"),
    (r"Ramadan|Ramadhan|Ramzan", "ramadan"),
]
# bare words that are also ordinary nouns or names ("Christmas market", "Tariq Ramadan") count
# only after a word that makes them a time
_NEEDS_CONTEXT = {"christmas", "easter", "eid", "ramadan"}
_HOLIDAY_CONTEXT = re.compile(
    r"(?i:\b(?:on|at|over|during|in|of|this|last|since|throughout|until)\s+"
    r"(?:the\s+)?(?:holy\s+month\s+of\s+)?)$")


def _holiday_key(name: str) -> str | None:
    for pattern, key in _HOLIDAY_NAMES:
        if re.fullmatch(pattern, name):
            return key
    return None


def _resolve_holiday(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    key = _holiday_key(m["name"])
    if key is None:
        return None
    bare = key in _NEEDS_CONTEXT and re.fullmatch(r"[A-Za-z]+", m["name"]) is not None
    if bare and not m["eve"] and not _HOLIDAY_CONTEXT.search(text[:m.start()]):
        return None
    if m["year"]:
        year = int(m["year"])
        spans = _holiday_ranges(key, range(year, year + 1))[:1]
    elif published is None:
        return None
    else:
        spans = _holiday_ranges(key, range(published.year - 1, published.year + 1))
    if m["eve"]:
        # the eve is a day of its own, not the holiday's whole span
        spans = [(first - _ONE_DAY,) * 2 for first, _ in spans]
    if m["year"] is None and published is not None:
        # the most recent occurrence that had begun by publication, cut short at it
        spans = [(first, min(last, published)) for first, last in spans if first <= published]
    if not spans:
        return None
    first, last = max(spans)
    return _Range(first, last, MONTH if first != last or key == "ramadan" and not m["eve"] else DAY,
                  m["year"] is None)


# prepositions that make a bare month name or year a time ("in May", "since 2019")
_MONTH_CONTEXT = re.compile(
    r"\b(?i:in|during|since|until|till|through|throughout|of|from|to|and|by|between)\s+$")
_YEAR_CONTEXT = re.compile(r"\b(?i:in|during|since|throughout)\s+$")


# --- resolvers ------------------------------------------------------------------------------

_Resolver = Callable[[re.Match[str], datetime.date | None, str], _Range | None]


def _resolve_iso(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(day, anchored=False) if day else None


def _resolve_slash(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if a <= 12 and b <= 12 and a != b:
        return None  # 06/05/2020: day-first or month-first, no way to tell
    month, day = (a, b) if b > 12 else (b, a)
    found = _safe_date(year, month, day)
    return _day(found, anchored=False) if found else None


def _resolve_date(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    month, day = _month_number(m["mon"]), int(m["day"])
    if m["year"]:
        found = _safe_date(int(m["year"]), month, day)
        return _day(found, anchored=False) if found else None
    if published is None:
        return None
    found = _yearless(month, day, published)
    return _day(found) if found else None


def _resolve_month(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    month = _month_number(m["mon"])
    part = (m["part"] or "").lower()
    part = {"the end of": "late", "the beginning of": "early", "the start of": "early",
            "the middle of": "mid"}.get(" ".join(part.split()), part)
    if m["year"]:
        year, anchored = int(m["year"]), False
    else:
        if not part and not m["pre"] and not _MONTH_CONTEXT.search(text[:m.start()]):
            return None  # a bare "May" is too often the verb or a name
        if published is None:
            return None
        modifier = (m["pre"] or "").lower()
        if modifier == "this":
            year = published.year
            if month > published.month:
                return None
        elif modifier == "last":
            year = published.year if month < published.month else published.year - 1
        else:
            year = published.year if month <= published.month else published.year - 1
        anchored = True
    first, last = _third(year, month, part) if part else _month_range(year, month)
    if published is not None and anchored and first > published:
        return None  # "late May" written on 12 May has not happened yet
    return _Range(first, last, WEEK if part else MONTH, anchored)


def _resolve_year(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if not _YEAR_CONTEXT.search(text[:m.start()]):
        return None  # "2020 elections", "killed 2020 people": a number, not a time
    year = int(m["year"])
    return _Range(datetime.date(year, 1, 1), datetime.date(year, 12, 31), MONTH, False)


def _resolve_weekday(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    modifier = (m["mod"] or "").lower()
    if published is None or modifier in {"next", "coming", "every", "each"}:
        return None
    day = _weekday_on_or_before(published, _WEEKDAYS[m["wd"].lower()])
    if modifier in {"last", "past"} and day == published:
        day -= datetime.timedelta(days=7)  # "last Tuesday" written on a Tuesday is a week back
    return _day(day)


def _resolve_fixed(offset_start: int, offset_end: int, precision: int) -> _Resolver:
    def resolve(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
        if published is None:
            return None
        return _Range(published + datetime.timedelta(days=offset_start),
                      published + datetime.timedelta(days=offset_end), precision, True)
    return resolve


def _resolve_this_week(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    return _Range(_monday(published), published, WEEK, True) if published else None


def _resolve_last_week(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if published is None:
        return None
    monday = _monday(published) - datetime.timedelta(days=7)
    return _Range(monday, monday + datetime.timedelta(days=6), WEEK, True)


def _resolve_this_month(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    return _Range(published.replace(day=1), published, MONTH, True) if published else None


def _resolve_last_month(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if published is None:
        return None
    year, month = _previous_month(published)
    part = (m["part"] or "").lower().replace("earlier", "early")
    if part:
        return _Range(*_third(year, month, part), WEEK, True)
    return _Range(*_month_range(year, month), MONTH, True)


def _resolve_this_year(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    return _Range(published.replace(month=1, day=1), published, MONTH, True) if published else None


def _resolve_last_year(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if published is None:
        return None
    year = published.year - 1
    return _Range(datetime.date(year, 1, 1), datetime.date(year, 12, 31), MONTH, True)


def _resolve_ago(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if published is None:
        return None
    n, unit = _count(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        return _day(published - datetime.timedelta(days=n))
    if unit == "week":
        # the Monday-to-Sunday week holding the day n weeks back
        monday = _monday(published - datetime.timedelta(days=7 * n))
        return _Range(monday, min(monday + datetime.timedelta(days=6), published), WEEK, True)
    if unit == "month":
        return _Range(*_month_range(*_previous_month(published, n)), MONTH, True)
    year = published.year - n
    return _Range(datetime.date(year, 1, 1), datetime.date(year, 12, 31), MONTH, True)


def _resolve_weekend(m: re.Match[str], published: datetime.date | None, text: str) -> _Range | None:
    if published is None:
        return None
    # the Saturday strictly before publication: a Sunday paper's weekend is Saturday and today
    saturday = _weekday_on_or_before(published - _ONE_DAY, 5)
    return _Range(saturday, saturday + _ONE_DAY, WEEK, True)


# --- rules ----------------------------------------------------------------------------------

_HOLIDAY_ALT = "|".join(p for p, _ in _HOLIDAY_NAMES)

_RULES: list[tuple[re.Pattern[str], _Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), _resolve_iso),
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b"), _resolve_iso),
    (re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b"), _resolve_slash),
    # 6 May 2020 / 6th of May / Friday, 4 January 2019
    (re.compile(rf"\b(?:{_WEEKDAY_RE},?\s+)?(?:(?i:the)\s+)?(?P<day>\d{{1,2}}){_ORD}(?:\s+(?i:of))?\s+"
                rf"(?P<mon>{_MONTH_RE})(?:,?\s+(?P<year>{_YEAR}))?(?![\w-])"), _resolve_date),
    # May 6, 2020 / May 6th / Friday, January 4, 2019
    (re.compile(rf"\b(?:{_WEEKDAY_RE},?\s+)?(?P<mon>{_MONTH_RE})\s+(?P<day>\d{{1,2}}){_ORD}\b(?![:.]\d)"
                rf"(?:,?\s+(?P<year>{_YEAR})\b)?"), _resolve_date),
    # in December / December 2019 / late May / mid-May 2020 / the end of May
    (re.compile(rf"(?:\b(?P<pre>(?i:last|this))\s+)?"
                rf"(?:\b(?P<part>(?i:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                rf"the\s+middle\s+of))[\s-]+)?"
                rf"\b(?P<mon>{_MONTH_FULL})\b(?!\s+\d{{1,2}}{_ORD}\b)(?:,?\s+(?P<year>{_YEAR})\b)?"),
     _resolve_month),
    (re.compile(rf"\b(?P<year>{_YEAR})\b(?![-/.]\d)"), _resolve_year),
    # on the eve of Eid / Christmas Day 2019
    (re.compile(rf"(?P<eve>(?i:(?:on\s+)?the\s+eve\s+of)\s+(?:(?i:the)\s+)?)?\b(?P<name>{_HOLIDAY_ALT})\b"
                rf"(?:\s+(?P<year>{_YEAR})\b)?"), _resolve_holiday),
    (re.compile(r"(?i)\bthe\s+day\s+before\s+yesterday\b"), _resolve_fixed(-2, -2, DAY)),
    (re.compile(rf"(?i)\b(?:late\s+|early\s+)?(?:yesterday(?:\s+{_PART})?|last\s+night|overnight)\b"),
     _resolve_fixed(-1, -1, DAY)),
    (re.compile(r"(?i)\b(?:earlier\s+|later\s+)?today\b|\btonight\b"
                r"|\b(?:early\s+|late\s+)?this\s+(?:morning|afternoon|evening)\b"), _resolve_fixed(0, 0, DAY)),
    # Tuesday / on Tuesday night / last Tuesday; "next Tuesday" matches only to be refused
    (re.compile(rf"(?:\b(?i:(?P<mod>last|past|this|next|coming|every|each))\s+)?\b(?P<wd>{_WEEKDAY_RE})\b"
                rf"(?!s\b)(?:\s+(?i:{_PART})\b)?"), _resolve_weekday),
    (re.compile(r"(?i)\b(?:earlier\s+|late\s+|early\s+)?this\s+week\b"), _resolve_this_week),
    (re.compile(r"(?i)\b(?:earlier\s+|late\s+|early\s+)?last\s+week\b"), _resolve_last_week),
    (re.compile(r"(?i)\b(?:in\s+)?(?:recent\s+days|the\s+(?:past|last)\s+(?:(?:few|several)\s+days|week))\b"),
     _resolve_fixed(-7, 0, WEEK)),
    (re.compile(r"(?i)\b(?:a\s+few|several)\s+days\s+ago\b"), _resolve_fixed(-7, -1, WEEK)),
    (re.compile(rf"(?i)\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"), _resolve_ago),
    (re.compile(r"(?i)\b(?:earlier\s+)?this\s+month\b"), _resolve_this_month),
    (re.compile(r"(?i)\b(?:(?P<part>early|mid|late|earlier)[\s-]+)?last\s+month\b"), _resolve_last_month),
    (re.compile(r"(?i)\b(?:earlier\s+)?this\s+year\b"), _resolve_this_year),
    (re.compile(r"(?i)\blast\s+year\b"), _resolve_last_year),
    (re.compile(r"(?i)\b(?:over|at|on|during)\s+the\s+weekend\b|\b(?:last|this|past)\s+weekend\b"),
     _resolve_weekend),
]


def find_times(text: str, published: datetime.date | None) -> list[TimeMention]:
    """Every resolvable time expression, in text order, none overlapping."""
    return list(_find_times(text, published))


@lru_cache(maxsize=256)  # an event reads its sentence, then maybe the same text as its whole span
def _find_times(text: str, published: datetime.date | None) -> tuple[TimeMention, ...]:
    candidates: list[tuple[int, int, _Range | None]] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            # a refused match (None) still claims its span: "May 32" must not resurface as "in May"
            candidates.append((m.start(), m.end(), resolve(m, published, text)))
    chosen: list[tuple[int, int, _Range | None]] = []
    for start, end, found in sorted(candidates, key=lambda c: (c[0] - c[1], c[2] is None, c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, found))
    return tuple(
        TimeMention(start, end, text[start:end], r.earliest, r.latest, r.precision, r.anchored)
        for start, end, r in sorted(chosen, key=lambda c: c[0]) if r is not None
    )


_LEAD_BEFORE = re.compile(r"(?:^|[.!?\n])\s*(?:On|on)\s+$")
_LEAD_AFTER = re.compile(r"\s*,")


def event_date(text: str, published: datetime.date | None) -> TimeMention | None:
    """The date of the text's main event: an "On <date>, ..." lead, else the first single day,
    else the most precise mention."""
    mentions = find_times(text, published)
    if not mentions:
        return None
    for mention in mentions:
        if _LEAD_BEFORE.search(text[:mention.start]) and _LEAD_AFTER.match(text, mention.end):
            return mention
    for mention in mentions:
        if mention.precision == DAY:
            return mention
    return min(mentions, key=lambda mention: mention.precision)
