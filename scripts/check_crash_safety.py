"""SIGKILL an ingest at a random moment, re-run it, and compare the store with a clean run's.

Usage: python scripts/check_crash_safety.py INGEST-ARGS...   e.g.
  python scripts/check_crash_safety.py ../shared/eval/fakes/fakes.jsonl -f text=article_content \
      -f title=article_title -f published=date_iso -f outlet=source
Prints one JSON line: the kill time, documents present after the kill, and whether the digests match.
Exit code 0 when they match.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fogmap.store.db import Store
from fogmap.store.queries import contents_digest


def _ingest(args: list[str], db: Path) -> list[str]:
    return [sys.executable, "-m", "fogmap", "ingest", *args, "--db", str(db), "--quiet"]


def _digest(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        return contents_digest(store)


def main() -> int:
    args = sys.argv[1:]
    seed = int(time.time())
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="fogmap-crash-") as tmp:
        clean, killed = Path(tmp, "clean.duckdb"), Path(tmp, "killed.duckdb")
        started = time.perf_counter()
        subprocess.run(_ingest(args, clean), check=False, capture_output=True)
        clean_seconds = time.perf_counter() - started
        expected = _digest(clean)
        kill_at = rng.uniform(0.3, 0.9) * clean_seconds  # the first seconds load spaCy
        proc = subprocess.Popen(_ingest(args, killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(kill_at)
        still_running = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after_kill = len(_digest(killed)["documents"])
        subprocess.run(_ingest(args, killed), check=False, capture_output=True)
        same = _digest(killed) == expected
    print(json.dumps({"seed": seed, "clean_run_seconds": round(clean_seconds, 1), "killed_at_seconds": round(kill_at, 1),
                      "killed_mid_run": still_running, "documents_after_kill": after_kill,
                      "documents_clean": len(expected["documents"]), "identical_after_rerun": same}))
    return 0 if same and still_running else 1


if __name__ == "__main__":
    sys.exit(main())
