"""`fogmap review`: an analyst's accept, correct or reject of an event, kept beside the machine record."""

from __future__ import annotations

import typer

review_app = typer.Typer()
