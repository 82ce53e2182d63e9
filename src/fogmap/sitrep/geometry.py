"""The map's geometry: a north-up equirectangular projection fitted to a box of pixels, and rings
thinned to what that many pixels can show (Douglas-Peucker)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

KM_PER_DEGREE = 111.2  # of latitude; a longitude degree is this times cos(latitude)


@dataclass(frozen=True)
class Projection:
    """lon/lat to pixels: x scaled by cos(the middle latitude), so shapes keep their proportions there."""
    west: float
    north: float
    scale: float  # pixels per degree of latitude
    k: float  # cos(middle latitude)
    margin: float
    width: float
    height: float

    @classmethod
    def fit(cls, bbox: tuple[float, float, float, float], width: float, max_height: float,
            margin: float = 8.0) -> Projection:
        west, south, east, north = bbox
        k = math.cos(math.radians((south + north) / 2))
        span_x, span_y = max((east - west) * k, 1e-6), max(north - south, 1e-6)
        scale = min((width - 2 * margin) / span_x, (max_height - 2 * margin) / span_y)
        return cls(west, north, scale, k, margin, width, span_y * scale + 2 * margin)

    def xy(self, lon: np.ndarray | float, lat: np.ndarray | float) -> tuple:
        return ((lon - self.west) * self.k * self.scale + self.margin, (self.north - lat) * self.scale + self.margin)

    def km_per_pixel(self) -> float:
        return KM_PER_DEGREE / self.scale


def path_data(rings: list[np.ndarray]) -> str:
    """SVG path data for rings of pixel coordinates, one decimal (a tenth of a pixel prints sharp)."""
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        coords = " ".join(f"{x:.1f} {y:.1f}" for x, y in ring[:-1])
        parts.append(f"M{coords}Z")
    return "".join(parts)


def nice_length(km: float) -> int:
    """The largest 1, 2 or 5 times a power of ten not above ``km`` (a scale bar's length)."""
    if km <= 1:
        return 1
    power = 10 ** int(math.floor(math.log10(km)))
    return max(step * power for step in (1, 2, 5) if step * power <= km)
