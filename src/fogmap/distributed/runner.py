"""``fogmap run``: expand the input, claim the output folder, hand the tasks to an engine, sum up."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..ingest import ReadOptions
from ..pipeline import stage_names
from ..settings import Settings
from .inputs import expand, tasks
from .local import run_local
from .output import TaskManifest, run_description, start_output, write_description

ENGINES = ("local", "ray")


@dataclass
class RunReport:
    """What a run wrote; ``failures`` names each input record that could not be read (path:location)."""

    output: str
    engine: str
    workers: int
    shards: int
    tasks: int = 0
    documents: int = 0
    files: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, manifest: TaskManifest) -> None:
        self.tasks += 1
        self.documents += manifest.documents
        self.files += len(manifest.files)
        self.failures.extend(manifest.failures)


RunHook = Callable[[RunReport], None]


def run(inputs: Sequence[str], out: str | Path, settings: Settings, options: ReadOptions, *, engine: str = "local",
        workers: int | None = None, batch_size: int | None = None, address: str | None = None,
        progress: RunHook | None = None) -> RunReport:
    """Extract every document of ``inputs`` (paths, globs, URIs) into Parquet under ``out``."""
    if engine not in ENGINES:
        raise ConfigError(f"engine {engine!r}: choose {' or '.join(ENGINES)}")
    out = Path(out)
    workers = workers or settings.extract.workers
    shards = expand(inputs)
    description = run_description(settings, stage_names(settings), shards)
    start_output(out, description)
    size = batch_size or settings.ingest.batch_size
    if engine == "ray":
        from .ray_runner import run_ray  # Ray is an optional extra: imported only when asked for
        manifests = run_ray(shards, out, settings, options, size, workers, address)
    else:
        manifests = run_local(tasks(shards, options, size), out, settings, workers)
    report = RunReport(str(out), engine, workers, len(shards))
    for manifest in manifests:
        report.add(manifest)
        if progress:
            progress(report)
    write_description(out, {**description, "complete": True, "tasks": report.tasks, "documents": report.documents,
                            "failed": len(report.failures)})
    return report
