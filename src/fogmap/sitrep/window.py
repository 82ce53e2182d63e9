"""The report's window: the days it covers, from a start date or a duration counted back from its end."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MAX_DAYS = 366  # a year is the longest window one brief can summarise; the API and CLI refuse longer
_DURATION = re.compile(r"(\d{1,4})([dwm])")


@dataclass(frozen=True)
class Window:
    since: dt.date  # the first day covered
    until: dt.date  # the last day covered (inclusive)

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Window:
        """The window of equal length just before this one, for "up or down" comparisons."""
        end = self.since - dt.timedelta(days=1)
        return Window(end - dt.timedelta(days=self.days - 1), end)


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, or that month's last day when it is shorter (31 March -> 28 February)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def parse_window(since: str | None, until: str | None = None, *, today: dt.date | None = None,
                 default: str = "7d") -> Window:
    """A window from ``since`` (YYYY-MM-DD, or Nd / Nw / Nm counted back from ``until``: "30d" ending
    2015-06-30 starts on 2015-06-01) and ``until`` (YYYY-MM-DD; default today). ValueError says what
    is wrong and what is valid."""
    end = _day(until, "until") if until else (today or dt.date.today())
    text = (since or default).strip().lower()
    found = _DURATION.fullmatch(text)
    if found:
        n, unit = int(found.group(1)), found.group(2)
        if n < 1:
            raise ValueError(f"since: {since!r} is an empty window; use at least 1d")
        if unit == "m":
            start = _months_back(end, n) + dt.timedelta(days=1)
        else:
            start = end - dt.timedelta(days=n * (7 if unit == "w" else 1) - 1)
    else:
        start = _day(text, "since", durations=True)
    window = Window(start, end)
    if start > end:
        raise ValueError(f"since: {start} is after until {end}")
    if window.days > MAX_DAYS:
        raise ValueError(f"the window {start}..{end} is {window.days} days; a report covers at most {MAX_DAYS}")
    return window


def _day(text: str, name: str, durations: bool = False) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        also = " or a duration such as 7d, 2w, 3m" if durations else ""
        raise ValueError(f"{name}: {text!r} is not a date; use YYYY-MM-DD{also}") from None
