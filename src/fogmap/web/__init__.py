"""The analyst workbench's server: ``create_app(db_path)`` and the JSON API it serves under /api."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
