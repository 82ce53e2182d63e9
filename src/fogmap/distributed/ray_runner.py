"""The Ray engine: the input shards as a Ray dataset, one actor per worker holding a BatchProcessor.

The only module that imports Ray (``pip install fogmap[ray]``). ``map_batches`` with a callable class
runs the batch function in actors that load the models once each; an actor reads a shard, cuts it
into the same tasks the local engine gets, writes each task's files itself and returns only the
manifests. A killed actor is restarted and its shard run again (Ray Data gives an actor pool's actors
``max_restarts=-1`` and ``max_task_retries=-1``); the tasks run again rewrite the same files
(``output``), so the output neither loses nor repeats a document. A shard is the unit of scheduling:
split a single huge file to spread it over the cluster.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa

from ..errors import ConfigError
from ..ingest import ReadOptions
from ..settings import Settings
from .batch import BatchProcessor
from .inputs import shard_tasks
from .output import TaskManifest, process_task


class RayWorker:
    """One Ray actor: loads the models in ``__init__``; per call reads one shard (on the node, so the
    driver never holds the input) and runs and writes each of its tasks."""

    def __init__(self, settings: Settings, out: str, options: ReadOptions, batch_size: int,
                 processor: type[BatchProcessor] = BatchProcessor) -> None:
        self.processor = processor(settings)
        self.out = Path(out)
        self.options = options
        self.batch_size = batch_size

    def __call__(self, batch: pa.Table) -> pa.Table:
        manifests = [pickle.dumps(process_task(self.processor, task, self.out))
                     for index, name in zip(batch.column("shard").to_pylist(), batch.column("name").to_pylist())
                     for task in shard_tasks(index, name, self.options, self.batch_size)]
        return pa.table({"manifest": pa.array(manifests, pa.binary())})


def run_ray(shards: Sequence[str], out: Path, settings: Settings, options: ReadOptions, batch_size: int,
            workers: int, address: str | None = None,
            processor: type[BatchProcessor] = BatchProcessor) -> Iterator[TaskManifest]:
    """Every task's manifest as its actor finishes it; a shard (one input file) is the unit Ray schedules
    and retries. Joins the cluster at ``address`` (or the one this process already joined), else starts
    a local one with ``workers`` CPUs and stops it at the end."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError("the Ray engine needs Ray: pip install 'fogmap[ray]'") from None
    if not shards:
        return
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 logging_level="WARNING")
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        items = [{"shard": index, "name": name} for index, name in enumerate(shards)]
        constructor = {"settings": settings, "out": str(out.resolve()), "options": options, "batch_size": batch_size,
                       "processor": processor}
        dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            RayWorker, fn_constructor_kwargs=constructor, batch_size=1, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
        )  # an actor pool's actors default to max_restarts=-1, max_task_retries=-1: a killed actor's shard runs again
        for row in dataset.iter_rows():
            yield pickle.loads(row["manifest"])
    finally:
        if started:
            ray.shutdown()
