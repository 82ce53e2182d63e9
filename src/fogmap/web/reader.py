"""The server's one read-only Workspace, shared by every request."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from ..api import Workspace

T = TypeVar("T")


class Reader:
    """Requests run on a pool of threads, and a DuckDB connection must not be used by two threads at once:
    each question to the Workspace holds the lock until its answer is read out."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._lock = threading.Lock()

    def __call__(self, ask: Callable[[Workspace], T]) -> T:
        with self._lock:
            return ask(self.workspace)

    def close(self) -> None:
        with self._lock:
            self.workspace.close()
