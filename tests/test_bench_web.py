"""`fogmap bench-web` end to end on a few hundred synthetic events: it serves the store in a subprocess on
loopback, times the map queries, runs a short load and stops the server."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from fogmap import bench_web, synthetic
from fogmap.cli import app as cli_app


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench_web") / "small.duckdb"
    synthetic.generate(path, synthetic.Plan(events=400, seed=5, start=dt.date(2015, 1, 1), days=90))
    return path


@pytest.mark.slow
def test_the_benchmark_times_the_map_and_runs_a_load(store):
    result = CliRunner().invoke(cli_app, ["bench-web", "--db", str(store), "--runs", "3", "--load-seconds", "2",
                                          "--clients", "3", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["events"] == 400 and report["runs"] == 3
    timed = {t["endpoint"]: t for t in report["viewport"]}
    assert {"/api/events", "/api/events/grid", "/api/events/timeline", "/api/openapi.json"} <= set(timed)
    assert all(t["requests"] == 3 and t["errors"] == 0 and 0 < t["median_ms"] <= t["max_ms"] for t in timed.values())
    load = report["load"]
    assert load["clients"] == 3 and load["errors"] == 0 and load["requests"] > 10
    assert load["overall"]["requests"] == load["requests"] == sum(t["requests"] for t in load["endpoints"])
    assert {"/api/events/{id}", "/api/actors", "/api/stats"} <= {t["endpoint"] for t in load["endpoints"]}


@pytest.mark.slow
def test_a_failing_server_is_an_error_not_a_hang(tmp_path):
    not_a_store = tmp_path / "not.duckdb"
    not_a_store.write_text("not a store")
    plan = bench_web.BenchPlan(runs=1, load_seconds=0, startup_timeout=60)
    with pytest.raises(RuntimeError, match="fogmap serve exited"):
        bench_web.run(not_a_store, plan)


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert bench_web._percentile(values, 50) == 50 and bench_web._percentile(values, 99) == 99
    assert bench_web._percentile([7.0], 99) == 7


def test_a_missing_store_exits_1():
    result = CliRunner().invoke(cli_app, ["bench-web", "--db", "/nonexistent/store.duckdb", "--load-seconds", "0"])
    assert result.exit_code == 1 and "no evidence store" in result.output
