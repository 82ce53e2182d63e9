"""`fogmap bench-web`: the web API timed over loopback, as a browser would meet it.

Starts `fogmap serve` on a free loopback port in a subprocess, then (a) times map queries one at a
time: a viewport around a busy area and one month, on /api/events, /api/events/grid and
/api/events/timeline, with a trivial endpoint in the same run so machine noise shows; and (b) a load
run: concurrent clients for a bounded time over the main read endpoints, counting every non-2xx
answer or failed request as an error. Then stops the server. Only loopback is ever addressed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import math
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
TARGET_MS = 150.0  # issue 8: a viewport + one-month query, median
SCREEN_PX = 1200  # the map's width the grid's zoom is chosen for


@dataclass(frozen=True)
class BenchPlan:
    runs: int = 30
    load_seconds: float = 30.0
    clients: int = 50
    seed: int = 1
    startup_timeout: float = 120.0
    request_timeout: float = 60.0


@dataclass(frozen=True)
class Timing:
    endpoint: str
    requests: int
    errors: int
    median_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float


@dataclass(frozen=True)
class LoadRun:
    seconds: float
    clients: int
    requests: int
    errors: int
    per_second: float
    overall: Timing
    endpoints: list[Timing]
    error_samples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WebBench:
    db: str
    events: int
    runs: int
    viewport: list[Timing]  # /api/events, grid, timeline and the baselines, one request at a time
    target_ms: float
    meets_target: bool  # /api/events and /api/events/grid medians under target_ms
    load: LoadRun | None


def run(db: str | Path, plan: BenchPlan = BenchPlan(), *, note: Callable[[str], None] = lambda _: None) -> WebBench:
    """Serve ``db`` and measure; the server is stopped whatever happens."""
    rng = random.Random(plan.seed)
    with _server(Path(db), plan, note) as base:
        with httpx.Client(base_url=base, timeout=plan.request_timeout) as client:
            areas = _Areas.probe(client)
            note(f"timing {plan.runs} viewport + one-month queries per endpoint")
            viewport = _time_viewports(client, areas, plan.runs, rng)
        load = None
        if plan.load_seconds > 0:
            note(f"load run: {plan.clients} clients for {plan.load_seconds:g} s")
            load = asyncio.run(_load(base, areas, plan, rng))
    measured = {t.endpoint: t for t in viewport}
    meets = all(measured[name].median_ms < TARGET_MS and not measured[name].errors
                for name in ("/api/events", "/api/events/grid"))
    return WebBench(str(db), areas.events, plan.runs, viewport, TARGET_MS, meets, load)


# --- the server -------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _serve_command(db: Path, port: int) -> list[str]:
    from .cli_serve import serve  # only to ask whether this fogmap's serve takes --read-only

    command = [sys.executable, "-m", "fogmap", "serve", "--db", str(db), "--host", HOST, "--port", str(port)]
    if "read_only" in inspect.signature(serve).parameters:
        command.append("--read-only")  # a benchmark writes nothing
    return command


@contextmanager
def _server(db: Path, plan: BenchPlan, note: Callable[[str], None]) -> Iterator[str]:
    if not db.is_file():
        raise FileNotFoundError(f"{db}: no evidence store here (make one with `fogmap generate-events`)")
    port = _free_port()
    env = {**os.environ, "FOGMAP_TOKEN": secrets.token_urlsafe(24)}
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(_serve_command(db, port), stdout=log, stderr=subprocess.STDOUT, env=env,
                                   stdin=subprocess.DEVNULL)
        try:
            base = f"http://{HOST}:{port}"
            note(f"starting fogmap serve on {base}")
            _wait_ready(process, base, plan.startup_timeout, log)
            yield base
        finally:
            _stop(process)


def _wait_ready(process: subprocess.Popen, base: str, timeout: float, log: Any) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            tail = log.read()[-2000:].strip()
            raise RuntimeError(f"fogmap serve exited with {process.returncode}: {tail}")
        try:
            if httpx.get(f"{base}/api/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"fogmap serve did not answer within {timeout:g} s")


def _stop(process: subprocess.Popen) -> None:
    """Ctrl-C first (uvicorn finishes its requests and closes the store), then harder."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
            return
        except subprocess.TimeoutExpired:
            process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- what to ask --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Areas:
    """Where and when the store is busy, read from the API itself."""

    events: int
    centres: list[tuple[float, float]]  # (lon, lat) of the busiest cells
    months: list[str]  # YYYY-MM-01 of the months with events
    event_ids: list[str]

    @staticmethod
    def probe(client: httpx.Client) -> _Areas:
        grid = _json(client, "/api/events/grid", {"zoom": 4})
        cells = sorted(grid["cells"], key=lambda c: -c["count"])[:8]
        months = [b["date"] for b in _json(client, "/api/events/timeline", {"bucket": "month"})["series"]
                  if sum(b["counts"].values())]
        if not cells or not months:
            raise RuntimeError("the store has no placed, dated canonical event to query")
        ids = [e["id"] for e in _json(client, "/api/events", {"limit": 200})["items"]]
        return _Areas(grid["total"], [(c["lon"], c["lat"]) for c in cells], months, ids)

    def viewport(self, rng: random.Random) -> tuple[str, int]:
        """A map view of 2-8 degrees around a busy area, and the zoom a 1,200 px map shows it at."""
        lon, lat = rng.choice(self.centres)
        lon, lat = lon + rng.uniform(-1, 1), lat + rng.uniform(-1, 1)
        wide = rng.uniform(2, 8)
        high = wide * 0.6
        box = (max(lon - wide / 2, -180), max(lat - high / 2, -90), min(lon + wide / 2, 180), min(lat + high / 2, 90))
        zoom = max(0, min(18, int(math.log2(360 * SCREEN_PX / 256 / wide))))
        return ",".join(f"{v:.4f}" for v in box), zoom

    def month(self, rng: random.Random) -> tuple[str, str]:
        first = rng.choice(self.months)
        year, month = int(first[:4]), int(first[5:7])
        following = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
        return first, (dt.date.fromisoformat(following) - dt.timedelta(days=1)).isoformat()


def _json(client: httpx.Client, path: str, query: dict[str, Any]) -> dict[str, Any]:
    response = client.get(path, params=query)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}: {response.text[:300]}")
    return response.json()


def _map_requests(areas: _Areas, rng: random.Random) -> list[tuple[str, dict[str, Any]]]:
    bbox, zoom = areas.viewport(rng)
    since, until = areas.month(rng)
    window = {"bbox": bbox, "since": since, "until": until}
    return [("/api/events", {**window, "limit": 100}), ("/api/events/grid", {**window, "zoom": zoom}),
            ("/api/events/timeline", window)]


_BASELINES = [("/api/openapi.json", {}), ("/api/stats", {})]


def _time_viewports(client: httpx.Client, areas: _Areas, runs: int, rng: random.Random) -> list[Timing]:
    for path, query in _map_requests(areas, rng) + _BASELINES:  # warm up: the first answers build caches
        client.get(path, params=query)
    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    for _ in range(runs):
        for path, query in _map_requests(areas, rng) + _BASELINES:
            began = time.perf_counter()
            try:
                ok = client.get(path, params=query).is_success
            except httpx.HTTPError:
                ok = False
            times.setdefault(path, []).append((time.perf_counter() - began) * 1000)
            errors[path] = errors.get(path, 0) + (not ok)
    return [_timing(path, ms, errors[path]) for path, ms in times.items()]


def _timing(endpoint: str, ms: list[float], errors: int) -> Timing:
    return Timing(endpoint, len(ms), errors, round(statistics.median(ms), 1), _percentile(ms, 90),
                  _percentile(ms, 99), round(max(ms), 1))


def _percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value at or above p% of them."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 1)


# --- the load run ---------------------------------------------------------------------------------

def _load_request(areas: _Areas, rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    """(endpoint name, path, query) of one request of the mix: the map's three and the other read endpoints."""
    kind = rng.choice(("events", "grid", "timeline", "event", "actors", "control", "claims", "stats"))
    if kind in ("events", "grid", "timeline"):
        path, query = dict(zip(("events", "grid", "timeline"), _map_requests(areas, rng)))[kind]
        return path, path, query
    if kind == "event":
        return "/api/events/{id}", f"/api/events/{rng.choice(areas.event_ids)}", {}
    if kind == "control":
        return "/api/control", "/api/control", {"at": areas.month(rng)[1]}
    return f"/api/{kind}", f"/api/{kind}", {"limit": 50} if kind in ("actors", "claims") else {}


async def _load(base: str, areas: _Areas, plan: BenchPlan, rng: random.Random) -> LoadRun:
    seeds = [rng.random() for _ in range(plan.clients)]
    times: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    samples: list[str] = []
    limits = httpx.Limits(max_connections=plan.clients, max_keepalive_connections=plan.clients)
    async with httpx.AsyncClient(base_url=base, timeout=plan.request_timeout, limits=limits) as client:
        began = time.perf_counter()
        deadline = began + plan.load_seconds

        async def one_client(seed: float) -> None:
            mine = random.Random(seed)
            while time.perf_counter() < deadline:
                name, path, query = _load_request(areas, mine)
                start = time.perf_counter()
                try:
                    response = await client.get(path, params=query)
                    failed = None if response.is_success else f"{response.status_code} {path}"
                except httpx.HTTPError as exc:
                    failed = f"{type(exc).__name__} {path}"
                times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
                if failed:
                    errors[name] = errors.get(name, 0) + 1
                    if len(samples) < 10:
                        samples.append(failed)

        await asyncio.gather(*(one_client(s) for s in seeds))
        seconds = time.perf_counter() - began
    every = [ms for values in times.values() for ms in values]
    failed = sum(errors.values())
    return LoadRun(round(seconds, 1), plan.clients, len(every), failed, round(len(every) / seconds, 1),
                   _timing("all", every, failed),
                   [_timing(name, ms, errors.get(name, 0)) for name, ms in sorted(times.items())], samples)
