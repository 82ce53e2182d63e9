"""The situation report as one self-contained HTML page."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
