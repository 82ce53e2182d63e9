"""The server's one Workspace, shared by every request, and the answers worth keeping between writes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..api import Workspace

T = TypeVar("T")

KEPT_ANSWERS = 256


class Reader:
    """Requests run on a pool of threads, and a DuckDB connection must not be used by two threads at once:
    each question to the Workspace holds the lock until its answer is read out. (A pool of connections
    was measured slower: DuckDB already runs one query on every core; docs/PERFORMANCE.md.)

    Answers asked for with ``cached`` are kept until the next ``write``: the store changes only through
    this server while it holds the file, so a kept answer is never stale. Callers must not change one."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()

    def __call__(self, ask: Callable[[Workspace], T]) -> T:
        with self._lock:
            return ask(self.workspace)

    def cached(self, key: Hashable, ask: Callable[[Workspace], T]) -> T:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
            answer = ask(self.workspace)
            self._kept[key] = answer
            if len(self._kept) > KEPT_ANSWERS:
                self._kept.popitem(last=False)
            return answer

    def write(self, ask: Callable[[Workspace], T]) -> T:
        """A question that changes the store: every kept answer is forgotten, whether it succeeds or not."""
        with self._lock:
            try:
                return ask(self.workspace)
            finally:
                self._kept.clear()

    def close(self) -> None:
        with self._lock:
            self._kept.clear()
            self.workspace.close()
