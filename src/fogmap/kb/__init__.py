"""Shipped knowledge as data files; ``kb_path(name)`` finds one inside the installed package."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def kb_path(name: str) -> Traversable:
    return resources.files("fogmap").joinpath("kb").joinpath(name)


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated kb file with a header line; blank lines and '#' comments skipped."""
    lines = [
        line for line in kb_path(name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def read_lines(name: str) -> list[str]:
    return [
        line.strip() for line in kb_path(name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
