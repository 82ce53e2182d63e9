"""Running the extraction stages beyond one process: ``fogmap run`` (local worker processes or Ray)
writes Parquet, ``fogmap import-parquet`` merges it into a store, ``fogmap events --parquet`` queries it.

Every engine calls the same batch function (``batch.BatchProcessor``) and the same writer
(``output.write_task``), so the files do not depend on the engine or the number of workers. This
package never imports Ray: only ``ray_runner`` does, when the Ray engine is asked for.
"""

from .batch import BatchProcessor, Task
from .runner import RunReport, run

__all__ = ["BatchProcessor", "RunReport", "Task", "run"]
