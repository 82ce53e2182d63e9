"""Opening a labelled corpus the user points at: the one place that says it is not shipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from ..errors import FogmapError


def open_corpus(path: Path) -> IO[str]:
    if not path.exists():
        raise FogmapError(f"{path}: no such file (the evaluation corpora are not shipped with fogmap; "
                          "point at your own copy)")
    return path.open(encoding="utf-8", newline="")


def read_json_lines(path: Path) -> list[Any]:
    """Every non-blank line as JSON; a bad line is an error naming the file and line."""
    records = []
    with open_corpus(path) as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise FogmapError(f"{path}:{line_no}: not JSON ({exc.msg})") from None
    return records
