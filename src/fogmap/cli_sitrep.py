"""`fogmap sitrep`: a situation report as one self-contained HTML page."""

from __future__ import annotations

import typer

sitrep_app = typer.Typer()
