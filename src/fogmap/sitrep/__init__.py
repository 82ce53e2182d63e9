"""The situation report (issue 8): for one or more countries and a window of days, the counts by type
and area against the window before, the notable events with their sources, control changes and open
attribution questions, on one self-contained HTML page that prints to PDF (`fogmap sitrep`, GET /api/sitrep)."""

from __future__ import annotations

from .gather import MAX_COUNTRIES, country_codes, gather
from .page import render_html
from .window import MAX_DAYS, Window, parse_window

__all__ = ["MAX_COUNTRIES", "MAX_DAYS", "Window", "country_codes", "gather", "parse_window", "render_html"]
