"""Standing front lines from kb/front_lines.tsv: which side held a point on a day, and who faced it.

A front is known here only where it stood still for years (Donbas between Minsk II and February 2022).
Within a front's polygons, a place the file names by itself decides first (the drawn line is accurate to a
few km; the villages along it are listed by name), then the first polygon that contains the point.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv
from .names import fold, name_key


@dataclass(frozen=True)
class FrontSide:
    front: str
    country: str
    holder: str  # actor id holding the point
    opponent: str  # actor id across the line
    valid_from: dt.date
    valid_to: dt.date | None
    how: str  # "place" (named in the file) or "polygon"
    note: str = ""

    def active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class _Polygon:
    side: FrontSide
    ring: tuple[tuple[float, float], ...]  # (lat, lon)

    def contains(self, lat: float, lon: float) -> bool:
        """Ray casting along the longitude axis; the few polygons here make speed a non-issue."""
        inside = False
        ring = self.ring
        for (y1, x1), (y2, x2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside


@dataclass(frozen=True)
class FrontLines:
    polygons: tuple[_Polygon, ...]
    places: dict[str, tuple[FrontSide, ...]]  # name key -> the sides of every front listing it, by period
    pattern: re.Pattern[str]  # every listed name, folded, longest first

    def side_at(self, lat: float | None, lon: float | None, country: str | None, day: dt.date | None,
                names: tuple[str, ...] = ()) -> FrontSide | None:
        """The side of a standing front that held the place on ``day``: a village the file lists by name
        first (the gazetteer often lacks them, or has a namesake elsewhere), then the polygon holding
        (lat, lon). None off every known front, or without a date."""
        if day is None:
            return None
        named = self.side_named(names, country, day)
        if named is not None or lat is None or lon is None or not country:
            return named
        return next((p.side for p in self.polygons if p.side.country == country and p.side.active_on(day)
                     and p.contains(lat, lon)), None)

    def side_in_text(self, text: str, country: str | None, day: dt.date) -> FrontSide | None:
        """The side holding the first front village ``text`` names (a sentence whose places the
        geoparser could not resolve: "explosions near Kalynove-Borshchuvate")."""
        for match in self.pattern.finditer(_spelling(fold(text))):
            side = self.side_named((match.group(0),), country, day)
            if side is not None:
                return side
        return None

    def side_named(self, names: tuple[str, ...], country: str | None, day: dt.date) -> FrontSide | None:
        """A front village named in ``names``; with no country known, only a name listed in one country."""
        for name in names:
            options = [side for side in self.places.get(_spelling(name_key(name)), ())
                       if side.active_on(day) and country in (None, side.country)]
            if len({side.country for side in options}) == 1:
                return options[0]
        return None


def _spelling(key: str) -> str:
    """One spelling for the transliterations of a Ukrainian or Russian name: "Vodyane" and "Vodiane",
    "Dolomytne" and "Dolomitne" meet (y and i are the same letter in most romanisations used)."""
    return key.replace("y", "i")


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def load_front_lines() -> FrontLines:
    polygons: list[_Polygon] = []
    places: dict[str, list[FrontSide]] = {}
    for row in read_tsv("front_lines.tsv"):
        start = _day(row["valid_from"])
        if start is None:
            raise ValueError(f"front_lines.tsv: {row['front']}: no valid_from")
        side = FrontSide(row["front"], row["country"], row["holder"], row["opponent"], start,
                         _day(row.get("valid_to", "")), row["shape"], row.get("note", ""))
        if row["shape"] == "polygon":
            ring = tuple(tuple(float(v) for v in pair.split(",")) for pair in row["value"].split(";"))
            polygons.append(_Polygon(side, ring))  # type: ignore[arg-type]
        elif row["shape"] == "place":
            places.setdefault(_spelling(name_key(row["value"])), []).append(side)
        else:
            raise ValueError(f"front_lines.tsv: {row['front']}: unknown shape {row['shape']!r}")
    written = sorted({_spelling(fold(row["value"])) for row in read_tsv("front_lines.tsv") if row["shape"] == "place"},
                     key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in written) + r")(?![\w-])")
    return FrontLines(tuple(polygons), {k: tuple(v) for k, v in places.items()}, pattern)
