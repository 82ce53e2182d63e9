"""Map reads at scale: events aggregated into grid cells for a viewport, counts over time."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
