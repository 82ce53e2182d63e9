"""`fogmap generate-events` and `fogmap bench-web`: a synthetic store of a million events and the web API measured on it."""

from __future__ import annotations

import typer

scale_app = typer.Typer()
