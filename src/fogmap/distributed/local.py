"""The local engine: ``--workers N`` processes on this machine, each holding one BatchProcessor.

Tasks go to the workers a few at a time (the input is read as the run goes, never held whole); each
worker writes its task's files itself, exactly as a Ray actor does, and sends back the manifest.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..settings import Settings
from .batch import BatchProcessor, Task
from .output import TaskManifest, process_task

_PROCESSOR: BatchProcessor | None = None
QUEUED_PER_WORKER = 2  # tasks waiting per worker: keeps every worker busy, bounds the memory read ahead


def _init_worker(settings: Settings) -> None:
    global _PROCESSOR
    _PROCESSOR = BatchProcessor(settings)


def _run_in_worker(task: Task, out: str) -> TaskManifest:
    assert _PROCESSOR is not None, "worker not initialised"
    return process_task(_PROCESSOR, task, Path(out))


def run_local(tasks: Iterable[Task], out: Path, settings: Settings, workers: int) -> Iterator[TaskManifest]:
    """Every task's manifest, in task order, as the tasks finish."""
    if workers <= 1:
        processor = BatchProcessor(settings)
        for task in tasks:
            yield process_task(processor, task, out)
        return
    context = multiprocessing.get_context("spawn")  # no DuckDB handle or thread crosses a fork
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[Future] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(_run_in_worker, task, str(out)))
                while len(pending) > workers * QUEUED_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
