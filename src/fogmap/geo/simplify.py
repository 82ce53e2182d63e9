"""Douglas-Peucker thinning of outlines: the points without which no dropped point lies farther than a
tolerance from the line. One implementation for the shapes shipped (scripts/build_areas.py), the
workbench's basemap and the situation report's map."""

from __future__ import annotations

import numpy as np


def thin_ring(ring: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on a closed ring (n x 2, first point == last): the points that keep every dropped
    one within ``tolerance`` (degrees, or pixels: the units of the points) of the outline. A ring too small to matter at that scale comes back
    with fewer than 4 points, which the caller drops."""
    if len(ring) < 4 or max(np.ptp(ring, axis=0)) < tolerance:
        return ring[:0]
    far = int(np.hypot(*(ring - ring[0]).T).argmax())  # a closed ring's ends coincide: split it there first
    return ring[_kept(ring, tolerance, [(0, far), (far, len(ring) - 1)])]


def thin_line(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker on an open line; its ends always stay."""
    return line[_kept(line, tolerance, [(0, len(line) - 1)])]


def _kept(points: np.ndarray, tolerance: float, stack: list[tuple[int, int]]) -> np.ndarray:
    keep = np.zeros(len(points), dtype=bool)
    for a, b in stack:
        keep[a] = keep[b] = True
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        inner, p, q = points[a + 1:b], points[a], points[b]
        dx, dy = q - p
        length = float(np.hypot(dx, dy))
        if length == 0:
            dist = np.hypot(*(inner - p).T)
        else:
            dist = np.abs(dx * (inner[:, 1] - p[1]) - dy * (inner[:, 0] - p[0])) / length
        i = int(dist.argmax())
        if dist[i] > tolerance:
            k = a + 1 + i
            keep[k] = True
            stack += [(a, k), (k, b)]
    return keep
