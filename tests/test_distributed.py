"""`fogmap run` (local workers and Ray), its Parquet, `fogmap import-parquet` and `fogmap events --parquet`.

The promise tested: every engine runs the same batch function, so the Parquet of a run holds, id for
id, the records `fogmap ingest` stores for the same input; importing it gives the store ingest gives.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from fogmap.cli import app
from fogmap.distributed import BatchProcessor, Task
from fogmap.distributed.tables import TABLES, schemas
from fogmap.store.schema import EXTRACTION_TABLES

from helpers import REPORTS, write_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
RUNNER = CliRunner()
COMPARED = ("documents", "document_asides", *EXTRACTION_TABLES, "places")
NOT_COMPARED = {"ingest_run", "input_seq", "run_id"}  # the store's run number; the run's input order


def fogmap(*args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def columns(table: str) -> list[str]:
    return [c for c in schemas()[table].names if c not in NOT_COMPARED]


def parquet_rows(out: Path, table: str) -> list[str]:
    files = sorted(glob.glob(str(out / table / "*" / "*.parquet")))
    if not files:
        return []
    with duckdb.connect() as con:
        select = f"SELECT DISTINCT {', '.join(columns(table))}" if table == "places" else \
            f"SELECT {', '.join(columns(table))}"
        return sorted(map(repr, con.execute(f"{select} FROM read_parquet({files!r})").fetchall()))


def store_rows(db: Path, table: str, cols: list[str] | None = None) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(map(repr, con.execute(f"SELECT {', '.join(cols or columns(table))} FROM {table}").fetchall()))


def file_contents(out: Path) -> dict[str, pa.Table]:
    return {str(Path(f).relative_to(out)): pq.read_table(f) for f in sorted(glob.glob(str(out / "*" / "*" / "*.parquet")))}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[Path]:
    """Two shards of distinct documents: the helpers' reports and the claims fixture."""
    folder = tmp_path_factory.mktemp("sample")
    return [write_jsonl(folder / "reports.jsonl", REPORTS), FIXTURES / "claims.jsonl"]


@pytest.fixture(scope="module")
def local_out(sample, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    code, text = fogmap("run", *[a for p in sample for a in ("--input", p)], "--output", out, "--batch-size", 4,
                        "--workers", 1, "--json")
    assert code == 0, text
    assert json.loads(text)["documents"] == len(REPORTS) + 12
    return out


@pytest.fixture(scope="module")
def ingested(sample, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "ingest.duckdb"
    code, text = fogmap("ingest", *sample, "--db", db, "--quiet")
    assert code == 0, text
    return db


def test_local_run_writes_the_records_ingest_stores_id_for_id(local_out, ingested):
    for table in COMPARED:
        assert parquet_rows(local_out, table) == store_rows(ingested, table), table
    assert store_rows(ingested, "events", ["id"])  # the sample has events, claims, places: not a vacuous check
    assert store_rows(ingested, "claims", ["id"])
    reports = store_rows(ingested, "canonical_reports", columns("event_reports"))
    assert parquet_rows(local_out, "event_reports") == reports  # what fusion compares, before fusion


def test_output_is_partitioned_by_day_and_described(local_out, sample):
    days = {Path(p).name for p in glob.glob(str(local_out / "events" / "*"))}
    assert days and all(d.startswith("day=") for d in days)
    assert "day=2019-09-10" in days
    description = json.loads((local_out / "_fogmap.json").read_text())
    assert description["complete"] and description["inputs"] == [str(p) for p in sample]
    assert not glob.glob(str(local_out / "**" / ".*"), recursive=True)  # no temporary file left behind
    with duckdb.connect() as con:  # a plain DuckDB reads it, with the partition as a column
        n = con.execute(f"SELECT count(*) FROM read_parquet('{local_out}/events/*/*.parquet', "
                        "hive_partitioning = true) WHERE day = '2019-09-10'").fetchone()[0]
    assert n > 0


@pytest.mark.slow
def test_one_and_two_local_workers_write_identical_files(local_out, sample, tmp_path):
    out = tmp_path / "two"
    code, text = fogmap("run", *[a for p in sample for a in ("--input", p)], "--output", out, "--batch-size", 4,
                        "--workers", 2, "--quiet")
    assert code == 0, text
    one, two = file_contents(local_out), file_contents(out)
    assert one.keys() == two.keys()
    for name in one:
        assert one[name].equals(two[name]), name


def test_import_parquet_gives_the_store_ingest_gives(sample, tmp_path, settings):
    """With copies (same text, other url) and repeats (same document twice) across shards."""
    repeats = write_jsonl(tmp_path / "repeats.jsonl", REPORTS[:2])  # the same urls and texts: already stored
    copies = write_jsonl(tmp_path / "copies.jsonl", REPORTS[2:4], extra={"url": "https://elsewhere.org/x"})
    inputs = [*sample, repeats, copies]
    out = tmp_path / "out"
    code, text = fogmap("run", *[a for p in inputs for a in ("-i", p)], "-o", out, "--batch-size", 5, "-q")
    assert code == 0, text
    imported, ingested = tmp_path / "imported.duckdb", tmp_path / "ingested.duckdb"
    code, text = fogmap("import-parquet", out, "--db", imported, "--json")
    assert code == 0, text
    first = json.loads(text)
    code, text = fogmap("ingest", *inputs, "--db", ingested, "--json")
    assert code == 0, text
    counts = ("ingested", "already_stored", "copies", "near_duplicates")
    assert {k: first[k] for k in counts} == {k: json.loads(text)[k] for k in counts}
    assert (first["already_stored"], first["copies"]) == (2, 2)
    for table in (*COMPARED, "canonical_events", "canonical_reports", "stage_runs", "near_dup_signatures"):
        cols = None if table not in COMPARED else columns(table)
        if cols is None:
            with duckdb.connect(str(ingested), read_only=True) as con:
                cols = [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        assert store_rows(imported, table, cols) == store_rows(ingested, table, cols), table
    assert store_rows(imported, "canonical_events", ["id"])

    code, text = fogmap("import-parquet", out, "--db", imported, "--json")  # again: nothing new
    assert code == 0 and json.loads(text)["ingested"] == 0
    for table in ("documents", "events", "canonical_events", "claims"):
        assert store_rows(imported, table, ["count(*)"]) == store_rows(ingested, table, ["count(*)"]), table


def test_import_refuses_the_output_of_other_stages(local_out, tmp_path):
    out = tmp_path / "other"
    (out / "documents").mkdir(parents=True)
    description = json.loads((local_out / "_fogmap.json").read_text())
    (out / "_fogmap.json").write_text(json.dumps({**description, "stages": ["fogmap_events_v0"]}))
    code, text = fogmap("import-parquet", out, "--db", tmp_path / "x.duckdb")
    assert code == 2 and "other stages" in text


def test_events_parquet_lists_what_events_db_lists(local_out, ingested):
    for extra in ([], ["--country", "SY"], ["--candidates"], ["--status", "denied"]):
        code, from_parquet = fogmap("events", "--parquet", local_out, "--json", "--limit", 0, *extra)
        assert code == 0, from_parquet
        code, from_store = fogmap("events", "--db", ingested, "--json", "--limit", 0, *extra)
        assert code == 0, from_store
        assert json.loads(from_parquet) == json.loads(from_store), extra
    assert json.loads(fogmap("events", "--parquet", local_out, "--json")[1])


def test_a_malformed_line_is_reported_with_file_and_line_and_the_rest_goes_on(tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", REPORTS[:3])
    lines = bad.read_text().splitlines()
    bad.write_text("\n".join([lines[0], '{"text": "unterminated', *lines[1:]]) + "\n")
    out = tmp_path / "out"
    code, text = fogmap("run", "-i", bad, "-o", out, "--json")
    assert code == 1
    report = json.loads(text)
    assert report["documents"] == 3
    assert len(report["failures"]) == 1 and report["failures"][0].startswith(f"{bad}:line 2: not JSON")
    assert parquet_rows(out, "failures") == [repr((str(bad), "line 2", report["failures"][0].split(": ", 1)[1]))]
    code, text = fogmap("run", "-i", tmp_path / "missing-*.jsonl", "-o", tmp_path / "none", "--json")
    assert code == 1 and "no file matches" in json.loads(text)["failures"][0]


def test_parquet_input_reads_as_json_lines_do(tmp_path, settings):
    from fogmap.distributed.inputs import read_shard
    from fogmap.ingest import ReadOptions, parse_field_map

    source = write_jsonl(tmp_path / "a.jsonl", REPORTS[:3], text_key="body")
    rows = [json.loads(line) for line in source.read_text().splitlines()]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet")
    options = ReadOptions(field_map=parse_field_map(["text=body"]))
    from_jsonl = list(read_shard(str(source), options))
    from_parquet = list(read_shard(str(tmp_path / "a.parquet"), options))
    assert [(a.text, a.url, a.published, a.title) for a in from_parquet] == \
        [(a.text, a.url, a.published, a.title) for a in from_jsonl]
    assert [a.location for a in from_parquet] == ["row 1", "row 2", "row 3"]
    assert [a.format for a in from_parquet] == ["parquet"] * 3


def test_a_task_run_twice_writes_the_same_files(tmp_path, settings):
    from fogmap.distributed.inputs import read_shard
    from fogmap.distributed.output import process_task
    from fogmap.ingest import ReadOptions, parse_field_map

    source = write_jsonl(tmp_path / "a.jsonl", REPORTS[:3])
    task = Task(0, str(source), 0, 0, tuple(read_shard(str(source), ReadOptions(field_map=parse_field_map([])))))
    processor = BatchProcessor(settings)
    first = process_task(processor, task, tmp_path / "out")
    before = file_contents(tmp_path / "out")
    second = process_task(processor, task, tmp_path / "out")
    assert first == second and file_contents(tmp_path / "out") == before
    assert set(TABLES) >= {Path(f).parent.parent.name for f in first.files}


# --- Ray --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_ray_runner_writes_what_the_local_engine_writes(ray_cluster, local_out, sample, tmp_path):
    out = tmp_path / "ray"
    code, text = fogmap("run", "--engine", "ray", "--workers", 2, *[a for p in sample for a in ("--input", p)],
                        "--output", out, "--batch-size", 4, "--quiet")
    assert code == 0, text
    local, ray = file_contents(local_out), file_contents(out)
    assert local.keys() == ray.keys()
    for name in local:
        assert local[name].equals(ray[name]), name


class CrashOnce(BatchProcessor):
    """Kills its own worker process the first time it meets the second batch (a marker file remembers)."""

    marker = ""

    def __call__(self, task: Task):
        if task.batch == 1 and not os.path.exists(self.marker):
            Path(self.marker).write_text("crashed")
            os._exit(1)
        return super().__call__(task)


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_repeats_no_document(ray_cluster, local_out, sample, tmp_path, settings):
    from ray import cloudpickle

    from fogmap.distributed.ray_runner import run_ray
    from fogmap.ingest import ReadOptions, parse_field_map

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test module
    CrashOnce.marker = str(tmp_path / "crashed")
    out = tmp_path / "ray"
    options = ReadOptions(field_map=parse_field_map([]))
    manifests = list(run_ray([str(p) for p in sample], out, settings, options, 4, 2, processor=CrashOnce))
    assert Path(CrashOnce.marker).exists()  # a worker did die
    assert len(manifests) == len({m.key for m in manifests}) == 5  # 2 + 3 tasks, each reported once
    ids = [row.split("'")[1] for row in parquet_rows(out, "documents")]
    assert len(ids) == len(set(ids)) == len(REPORTS) + 12
    for table in COMPARED:
        assert parquet_rows(out, table) == parquet_rows(local_out, table), table
