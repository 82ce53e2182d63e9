"""Gold toponyms from the geoparsing corpora of "A Pragmatic Guide to Geoparsing Evaluation".

Two XML layouts are read: LGL (``<toponym><start/><end/><phrase/><gaztag geonameid><lat/><lon/>``)
and GeoWebNews (``<toponym><extractedName/><type/><start/><end/><geonamesID/><latitude/><longitude/>``).
GeoWebNews also marks what kind of mention a span is; only real place names count for recognition
(its "expressions" such as "the city's north" and its non-toponyms do not), and only mentions with
coordinates count for resolution.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import FogmapError
from .corpus_files import open_corpus

# GeoWebNews types that are place names (the Pragmatic Guide's literal and associative toponyms).
TOPONYM_KINDS = frozenset({"Literal", "Metonymic", "Mixed", "Literal_Modifier", "Non_Literal_Modifier",
                           "Embedded_Literal", "Embedded_Non_Lit", "Coercion", "Homonym", "Demonym", "Language"})


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str  # GeoWebNews type; "Literal" for LGL, which marks no types
    lat: float | None
    lon: float | None
    geonameid: str | None

    @property
    def is_toponym(self) -> bool:
        return self.kind in TOPONYM_KINDS


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def _toponym(node: ET.Element, text: str) -> GoldToponym:
    start, end = int(node.findtext("start", "0")), int(node.findtext("end", "0"))
    gaz = node.find("gaztag")
    if gaz is not None:  # LGL
        return GoldToponym(start, end, node.findtext("phrase", text[start:end]), "Literal",
                           _float(gaz.find("lat")), _float(gaz.find("lon")), gaz.get("geonameid"))
    return GoldToponym(start, end, node.findtext("extractedName", text[start:end]),
                       node.findtext("type", "Literal") or "Literal",
                       _float(node.find("latitude")), _float(node.find("longitude")),
                       node.findtext("geonamesID") or None)


def read_geoparsing(path: Path) -> tuple[list[GoldArticle], int]:
    """Every article with its gold toponyms, and how many gold spans were dropped because they do
    not lie inside their text (GeoWebNews has a few with negative offsets)."""
    with open_corpus(path) as f:
        try:
            root = ET.parse(f).getroot()
        except ET.ParseError as exc:
            raise FogmapError(f"{path}: not XML ({exc})") from None
    articles, dropped = [], 0
    for n, node in enumerate(root.iter("article")):
        text = node.findtext("text", "")
        toponyms = [_toponym(t, text) for t in node.iter("toponym")]
        kept = tuple(t for t in toponyms if 0 <= t.start < t.end <= len(text))
        dropped += len(toponyms) - len(kept)
        articles.append(GoldArticle(node.get("docid") or node.get("file") or str(n), text, kept))
    return articles, dropped


EARTH_RADIUS_KM = 6371.0088
WITHIN_KM = 161.0  # 100 miles: the geoparsing literature's "accuracy@161"


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    from math import asin, cos, radians, sin, sqrt

    p1, p2, dlat, dlon = radians(lat1), radians(lat2), radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(p1) * cos(p2) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def resolution_scores(pairs: list[tuple[GoldToponym, tuple[float, float] | None]]) -> dict[str, float | int]:
    """Accuracy within 161 km and median error over gold toponyms with coordinates; a toponym left
    unresolved counts as wrong and as the largest error (half the Earth's circumference)."""
    from statistics import median

    errors = []
    for gold, guess in pairs:
        if gold.lat is None or gold.lon is None:
            continue
        errors.append(km_between(gold.lat, gold.lon, *guess) if guess else 20037.5)
    if not errors:
        return {"n": 0, "accuracy_161km": 0.0, "median_km": 0.0}
    return {"n": len(errors), "accuracy_161km": round(sum(e <= WITHIN_KM for e in errors) / len(errors), 4),
            "median_km": round(median(errors), 1)}
