"""schemathesis against the app's own OpenAPI schema, in-process (ASGI): whatever parameters the schema
allows (and many it does not), no endpoint answers 500. A store of the project's fixture articles (real
documents, events, claims) and a few synthetic events gives each operation rows to read."""

from __future__ import annotations

import warnings
from pathlib import Path

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode

import fogmap
from fogmap.web import create_app

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
EXAMPLES = 25  # per operation: about 30 operations in well under a minute


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "store.duckdb"
    with fogmap.open(path) as ws:
        report = ws.ingest([ARTICLES / "attribution.jsonl", ARTICLES / "claims.jsonl"])
    assert report.ingested and not report.failures
    return path


@pytest.fixture(scope="module")
def app(store):
    return create_app(store, token="a-test-token-long-enough-to-use")


SETTINGS = hypothesis.settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                               suppress_health_check=list(hypothesis.HealthCheck))


def _server_errors(operation, mode: GenerationMode) -> list[str]:
    """The first request (shrunk) of ``mode`` for which the operation answers 5xx, if any."""
    found: list[str] = []

    @SETTINGS
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
    def probe(case) -> None:
        try:  # the in-process transport raises what the app's 500 handler logged and answered
            status = str(case.call().status_code)
        except Exception as exc:  # noqa: BLE001 - any exception out of the app is a server error
            status = f"500 ({type(exc).__name__}: {exc})"
        if status.startswith("5"):
            found[:] = [f"{operation.label} ({mode.value}): {status} for query={case.query} "
                        f"path={case.path_parameters}"]
            raise AssertionError(found[0])

    try:
        probe()
    except AssertionError:
        pass
    return found


# schemathesis's own pytest loaders (``schema.parametrize``, ``from_fixture``) read a pytest node
# attribute pytest 9 no longer has: the operations are walked here, each a Hypothesis test of its own.
@pytest.mark.slow
def test_no_operation_answers_a_server_error(app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    errors = [error for operation in operations for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
              for error in _server_errors(operation, mode)]
    assert not errors, "\n".join(errors)


def test_the_schema_lists_the_map_endpoints(app):
    with TestClient(app) as client:
        openapi = client.get("/api/openapi.json").json()
    assert {"/api/events/grid", "/api/events/timeline"} <= set(openapi["paths"])
    grid = {p["name"]: p for p in openapi["paths"]["/api/events/grid"]["get"]["parameters"]}
    assert grid["zoom"]["required"] and grid["zoom"]["schema"]["maximum"] == 18
    cell = openapi["components"]["schemas"]["GridCell"]["properties"]
    assert {"lat", "lon", "count", "fatalities", "types", "event_id", "bbox"} == set(cell)
