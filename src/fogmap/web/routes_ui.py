"""The workbench page and its static files, and the map layers it draws (basemap, control areas)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
