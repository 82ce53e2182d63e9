"""SIGKILL or Ctrl-C in the middle of an ingest, then a re-run, gives exactly the store of a clean run."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fogmap.store.db import Store
from fogmap.store.queries import contents_digest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "wikinews" / "wikinews.jsonl"


def _ingest_command(db: Path) -> list[str]:
    return [sys.executable, "-m", "fogmap", "ingest", str(CORPUS), "--db", str(db), "--quiet"]


def _snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        return contents_digest(store) | {"candidates": store.query("SELECT * FROM event_candidates ORDER BY id")}


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_interrupted_ingest_then_rerun_equals_clean_run(tmp_path, stop):
    config = tmp_path / "small-batches.toml"
    config.write_text("[ingest]\nbatch_size = 8\n")
    env = {**os.environ, "FOGMAP_CONFIG": str(config)}
    clean = tmp_path / "clean.duckdb"
    subprocess.run(_ingest_command(clean), env=env, check=True, capture_output=True)
    expected = _snapshot(clean)
    total = len(expected["documents"])

    rng = random.Random(20261125)
    killed = tmp_path / "killed.duckdb"
    for attempt in range(6):
        for leftover in (killed, Path(f"{killed}.wal")):
            leftover.unlink(missing_ok=True)
        proc = subprocess.Popen(_ingest_command(killed), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(2.5, 6.0) + attempt)
        if proc.poll() is not None:
            continue  # finished before the kill: try again with a new random point
        proc.send_signal(stop)
        code = proc.wait()
        if stop == signal.SIGINT:
            assert code == 130, proc.stderr.read().decode()
        # on a busy machine the kill can land before the store file exists: that is no part-way point
        partial = len(_snapshot(killed)["documents"]) if killed.exists() else 0
        if 0 < partial < total:
            break
    else:
        pytest.fail("could not kill the ingest part-way in six attempts")

    subprocess.run(_ingest_command(killed), env=env, check=True, capture_output=True)
    assert _snapshot(killed) == expected
