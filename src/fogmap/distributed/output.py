"""Writing a run's output: per task, per table, per published day, one Parquet file written atomically.

``DIR/<table>/day=YYYY-MM-DD/part-<task key>.parquet`` (hive partitioning; ``day=unknown`` for rows
without a date). The task key is a function of the shard, the batch and the stage names, so a task
run twice (Ray retrying a killed worker's task) writes the same files again: no duplicates, no
losses. Each file is written under a temporary name in its folder and renamed into place, so a
reader never sees half a file. The partition key is ``day``, not ``date``: control_assertions has a
``date`` column of its own (the day a statement is about), and the two would collide in a reader.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from .. import __version__
from ..errors import ConfigError
from ..settings import Settings
from .batch import BatchProcessor, Task
from .tables import DOCUMENT_TABLES, TABLES, UNDATED, result_rows, to_arrow

RUN_FILE = "_fogmap.json"
PARTITION = "day"


@dataclass(frozen=True)
class TaskManifest:
    """What one task wrote: small enough to send back from a Ray actor."""

    key: str
    documents: int
    failures: tuple[str, ...]
    files: tuple[str, ...]


def task_key(task: Task, stages: Sequence[str]) -> str:
    """Sortable in input order, and the same for the same shard, batch and stages however often it runs."""
    digest = hashlib.sha256("\n".join([task.name, str(task.batch), *stages]).encode()).hexdigest()[:12]
    return f"{task.shard:05d}-{task.batch:05d}-{digest}"


def settings_digest(settings: Settings) -> str:
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def process_task(processor: BatchProcessor, task: Task, out: Path) -> TaskManifest:
    """Run the batch function on one task and write its files: what every engine's worker does."""
    result = processor(task)
    rows = result_rows(result)
    day = {d.id: d.published.isoformat() if d.published else UNDATED for d in result.documents}
    key = task_key(task, processor.names)
    files: list[str] = []
    for table in TABLES:
        by_day: dict[str, list[dict]] = {}
        for row in rows.get(table, []):
            doc_id = row.get("doc_id", row.get("id")) if table in DOCUMENT_TABLES else None
            by_day.setdefault(day.get(doc_id, UNDATED), []).append(row)
        for when, part in sorted(by_day.items()):
            files.append(_write_atomically(out / table / f"{PARTITION}={when}" / f"part-{key}.parquet",
                                           to_arrow(table, part)))
    return TaskManifest(key, len(result.documents), tuple(str(f) for f in result.failures), tuple(files))


def _write_atomically(path: Path, table) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # hidden: globs and readers skip it
    pq.write_table(table, temporary)
    os.replace(temporary, path)
    return str(path)


def run_description(settings: Settings, stages: Sequence[str], inputs: Sequence[str]) -> dict:
    return {"fogmap_version": __version__, "stages": list(stages), "settings_digest": settings_digest(settings),
            "inputs": list(inputs)}


def start_output(out: Path, description: dict) -> None:
    """Claim ``out`` for a run: refuse a folder another fogmap, other stages or other settings wrote."""
    previous = read_description(out) if (out / RUN_FILE).exists() else None
    if previous is not None:
        for key in ("stages", "settings_digest"):
            if previous.get(key) != description[key]:
                raise ConfigError(f"{out}: written by a run with other {key.replace('_', ' ')}; "
                                  "write to a new folder")
    out.mkdir(parents=True, exist_ok=True)
    write_description(out, {**description, "complete": False})


def write_description(out: Path, description: dict) -> None:
    temporary = out / f".{RUN_FILE}.tmp"
    temporary.write_text(json.dumps(description, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, out / RUN_FILE)


def read_description(out: Path) -> dict:
    try:
        return json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{out}: no {RUN_FILE} here; not the output of `fogmap run`") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{out}/{RUN_FILE}: unreadable ({exc})") from None
