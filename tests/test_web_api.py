"""The read-only JSON API (issue 8, step 1) in-process, with Starlette's TestClient, on a store built in
tmp_path from the project's own attribution and claims articles, plus one pasted article whose text
carries a <script> tag (text is data: it must come back as a JSON string, never as markup)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogmap.cli import app as cli_app
from fogmap.web import create_app
from helpers import store_with
from fogmap.web.guard import RequestGuard
from fogmap.web.schemas import CanonicalEvent, ReportEvent

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
TOKEN = "a-test-token-long-enough-to-use"
SCRIPT = "<script>alert('fogmap')</script>"
PASTED = {"url": "https://example.org/kharkiv-market-pasted", "outlet": "Copy Desk", "published": "2022-04-03",
          "title": "Shelling hits market in Kharkiv",
          "text": f"Russian forces shelled a market in Kharkiv on Saturday, killing two civilians. {SCRIPT} "
                  "The regional governor said the strike hit at noon."}
ANBAR = "42.0,33.5,43.0,34.0"  # Ain al-Asad air base and Hit, not Baghdad or Tarmiyah


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path, report = store_with(tmp_path_factory.mktemp("web"), [ARTICLES / "attribution.jsonl", ARTICLES / "claims.jsonl"],
                              PASTED)
    assert report.ingested == 19 and not report.failures
    return path


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def every_event(client) -> list[dict]:
    body = _ok(client, "/api/events", limit=1000)
    assert body["total"] == len(body["items"]) > 10
    return body["items"]


@pytest.fixture(scope="module")
def attack(every_event) -> dict:
    """The canonical event of the three reports of the drone attack on Ain al-Asad."""
    found = [e for e in every_event if e["reports"] == 3]
    assert len(found) == 1
    return found[0]


def _ok(client, path: str, **query) -> dict:
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def _error(client, path: str, expected: int, **query) -> str:
    response = client.get(path, params=query)
    assert response.status_code == expected, response.text
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"error"}
    return response.json()["error"]


# --- events: filters and pages -------------------------------------------------------------------------

def test_pages_walk_every_event_once_and_say_where_the_next_one_starts(client, every_event):
    seen, offset = [], 0
    while offset is not None:
        body = _ok(client, "/api/events", limit=5, offset=offset)
        assert body["total"] == len(every_event) and body["limit"] == 5 and body["offset"] == offset
        assert len(body["items"]) == min(5, len(every_event) - offset)
        seen += [e["id"] for e in body["items"]]
        offset = body["next_offset"]
    assert seen == [e["id"] for e in every_event]  # a stable order: no event twice, none left out
    assert _ok(client, "/api/events", offset=len(every_event))["items"] == []
    assert "limit" in _error(client, "/api/events", 422, limit=1001)
    assert "limit" in _error(client, "/api/events", 422, limit=0)


def test_a_bbox_keeps_the_events_inside_it_and_drops_those_outside(client, every_event):
    west, south, east, north = map(float, ANBAR.split(","))
    inside = {e["id"] for e in every_event if e["longitude"] is not None
              and west <= e["longitude"] <= east and south <= e["latitude"] <= north}
    body = _ok(client, "/api/events", bbox=ANBAR)
    assert {e["id"] for e in body["items"]} == inside and body["total"] == len(inside)
    assert 0 < len(inside) < len(every_event)
    assert all(e["place_name"] != "Baghdad" for e in body["items"])  # Baghdad (44.4 E) is outside
    reports = _ok(client, "/api/events", bbox=ANBAR, level="report")["items"]
    assert reports and all(west <= r["longitude"] <= east and south <= r["latitude"] <= north for r in reports)


def test_since_and_until_keep_the_events_that_overlap_the_window(client, every_event):
    body = _ok(client, "/api/events", since="2023-01-01", until="2023-10-31")
    expected = [e["id"] for e in every_event if e["date_end"] >= "2023-01-01" and e["date_start"] <= "2023-10-31"]
    assert [e["id"] for e in body["items"]] == expected and len(expected) == 2
    assert all(e["date_end"] >= "2023-11-01" for e in _ok(client, "/api/events", since="2023-11-01")["items"])


def test_type_matches_an_acled_type_or_sub_event_type(client, every_event):
    battles = _ok(client, "/api/events", type="Battles")["items"]
    assert battles and {e["type"] for e in battles} == {"Battles"}
    assert len(battles) == sum(e["type"] == "Battles" for e in every_event)
    drones = _ok(client, "/api/events", type="Air/drone strike")["items"]
    assert drones and {e["subtype"] for e in drones} == {"Air/drone strike"}


def test_actor_matches_either_side_and_country_one_country(client, every_event):
    kh = _ok(client, "/api/events", actor="iq-kataib-hezbollah")["items"]
    assert len(kh) == sum("iq-kataib-hezbollah" in (e["actor1_id"], e["actor2_id"]) for e in every_event) >= 2
    civilians = _ok(client, "/api/events", actor="civilians:IQ")["items"]
    assert civilians and all(e["actor2_id"] == "civilians:IQ" for e in civilians)
    syria = _ok(client, "/api/events", country="sy")["items"]
    assert syria and {e["country"] for e in syria} == {"SY"}
    assert len(syria) == sum(e["country"] == "SY" for e in every_event)


def test_report_level_lists_each_documents_event_with_its_status_and_confidence(client, every_event):
    body = _ok(client, "/api/events", level="report", limit=1000)
    assert body["level"] == "report" and body["total"] > len(every_event)
    assert {r["status"] for r in body["items"]} <= {"asserted", "reported", "claimed", "denied"}
    sure = _ok(client, "/api/events", level="report", min_confidence=0.9, limit=1000)["items"]
    assert sure and all(r["confidence"] >= 0.9 for r in sure) and len(sure) <= body["total"]
    assert "level=report" in _error(client, "/api/events", 422, status="negated")


def test_the_declared_models_name_every_column_the_store_gives(client):
    # through the server's own Workspace: it holds the store open for writing, and DuckDB refuses a second,
    # read-only connection to the file from the same process
    canonical = client.app.state.reader(lambda ws: ws.event_page(limit=1)[0][0])
    report = client.app.state.reader(lambda ws: ws.event_page(level="report", limit=1)[0][0])
    assert set(canonical) == set(CanonicalEvent.model_fields)
    assert set(report) == set(ReportEvent.model_fields)


# --- one event, its spans, its documents -----------------------------------------------------------------

def test_an_event_comes_with_its_reports_and_the_words_behind_every_field(client, attack):
    detail = _ok(client, f"/api/events/{attack['id'][:8]}")
    assert detail["id"] == attack["id"] and detail["event"]["reports"] == 3
    assert len(detail["reports"]) == 3 and len(detail["documents"]) == 3
    texts = {d["id"]: _ok(client, f"/api/documents/{d['id']}")["document"]["text"] for d in detail["documents"]}
    for report in detail["reports"]:
        roles = {a["role"] for a in report["arguments"]}
        assert {"sentence", "trigger"} <= roles
        for argument in report["arguments"]:
            assert texts[report["doc_id"]][argument["start_char"]:argument["end_char"]] == argument["words"]
    # a report's id names the same canonical event
    assert _ok(client, f"/api/events/{detail['reports'][0]['id']}")["id"] == attack["id"]


def test_a_document_comes_with_its_marks_as_spans(client, attack):
    doc_id = attack["report_events"][0]["doc_id"]
    body = _ok(client, f"/api/documents/{doc_id[:10]}")
    text = body["document"]["text"]
    assert body["document"]["id"] == doc_id and body["sentences"] and body["events"]
    for entity in body["entities"]:
        assert text[entity["start_char"]:entity["end_char"]] == entity["text"]


def test_article_text_is_data_never_markup(client):
    doc_id = next(d["doc_id"] for e in _ok(client, "/api/events", country="UA")["items"] for d in e["report_events"])
    response = client.get(f"/api/documents/{doc_id}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert SCRIPT in response.json()["document"]["text"]
    assert b"<script" not in response.content and b"\\u003cscript\\u003e" in response.content


def test_unknown_ids_are_404_json(client):
    for path in ("/api/events/ffffffffffff", "/api/documents/ffffffffffff", "/api/actors/no-such-actor",
                 "/api/attribution/ffffffffffff", "/api/no-such-endpoint"):
        assert _error(client, path, 404)


@pytest.mark.parametrize("query", [
    {"bbox": "1,2,3"}, {"bbox": "a,b,c,d"}, {"bbox": "-181,0,10,10"}, {"bbox": "0,-91,10,10"},
    {"bbox": "10,0,0,10"}, {"bbox": "nan,0,10,10"}, {"since": "2023-02-30"}, {"until": "yesterday"},
    {"since": "20230201"}, {"country": "SYR"}, {"type": "x" * 201}, {"min_confidence": "2"}, {"level": "city"},
])
def test_bad_parameters_are_422_json_that_name_the_parameter(client, query):
    assert next(iter(query)) in _error(client, "/api/events", 422, **query)


# --- actors, relations, control, claims, stats ----------------------------------------------------------

def test_actors_list_and_one_actor_with_its_kb_entry_and_events(client):
    listed = _ok(client, "/api/actors", limit=3)
    assert len(listed["items"]) == 3 and listed["next_offset"] == 3 and listed["total"] > 3
    kh = _ok(client, "/api/actors/iq-kataib-hezbollah")
    assert kh["in_kb"] and kh["kind"] == "militia" and "KH" in kh["aliases"]
    assert kh["events_as_actor1"] >= 2 and kh["first_event"] <= kh["last_event"]
    assert any(a["parent"] == "iq-pmf" for a in kh["affiliations"])
    generic = _ok(client, "/api/actors/civilians:IQ")
    assert not generic["in_kb"] and generic["country"] == "IQ" and generic["events_as_actor2"] >= 1


def test_relations_control_and_stats_answer_with_json(client):
    relations = _ok(client, "/api/relations")["items"]
    assert any(r["kind"] == "backs" and r["a_key"] == "ir-state" for r in relations)
    assert _ok(client, "/api/relations", actor="ir-state", at="2023-12-31")["items"]
    control = _ok(client, "/api/control", at="2024-01-01", country="IQ")
    assert control["at"] == "2024-01-01" and control["country"] == "IQ" and isinstance(control["items"], list)
    assert "at" in _error(client, "/api/control", 422)
    assert _ok(client, "/api/stats")["documents"] == 19


def test_claims_about_a_canonical_event_are_paginated(client, attack):
    every = _ok(client, "/api/claims", event=attack["id"], limit=1000)
    reports = {r["event_id"] for r in attack["report_events"]}
    assert every["total"] == len(every["items"]) >= 4 and {c["about"] for c in every["items"]} <= reports
    first = _ok(client, "/api/claims", event=attack["id"], limit=2)
    assert first["next_offset"] == 2 and first["items"] == every["items"][:2]
    denials = _ok(client, "/api/claims", event=attack["id"], stance="denies")["items"]
    assert denials and {c["stance"] for c in denials} == {"denies"}
    assert "stance" in _error(client, "/api/claims", 422, stance="maybe")


# --- attribution ---------------------------------------------------------------------------------------

def test_the_attribution_of_an_event_has_hypotheses_and_evidence_items(client, attack, store):
    a = _ok(client, f"/api/attribution/{attack['id']}")
    assert a["leader"] == "iq-kataib-hezbollah" and a["hypotheses"][0]["actor"] == a["leader"]
    assert a["items"] and all(item["cells"] and item["sentence"] for item in a["items"])
    listed = _ok(client, "/api/attribution", since="2023-11-01", country="IQ", limit=5)
    assert attack["id"] in {x["event"]["id"] for x in listed["items"]} and listed["total"] >= len(listed["items"])
    assert client.app.state.reader(lambda ws: ws.store.scalar("SELECT count(*) FROM assessments")) == 0  # never saved


# --- safety --------------------------------------------------------------------------------------------

def test_writing_needs_the_token(client):
    assert client.post("/api/ping-write").status_code == 401
    wrong = client.post("/api/ping-write", headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 401 and set(wrong.json()) == {"error"}
    right = client.post("/api/ping-write", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json() == {"ok": True}


def test_a_body_over_a_megabyte_is_refused(client):
    response = client.post("/api/ping-write", content=b"x" * 1_000_001, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "body" in response.json()["error"]


def test_a_chunked_body_is_counted_as_it_arrives_and_a_foreign_host_refused():
    async def reads_the_body(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    guarded = TestClient(RequestGuard(reads_the_body, max_body=1000, allowed_hosts=["testserver"]))
    assert guarded.post("/", content=iter([b"x" * 600, b"x" * 600])).status_code == 413
    assert guarded.post("/", content=iter([b"x" * 600, b"x" * 300])).status_code == 200
    assert guarded.get("/", headers={"Host": "rebound.example"}).status_code == 400


def test_a_failure_is_logged_and_answered_without_its_details(store, monkeypatch, caplog):
    with TestClient(create_app(store), raise_server_exceptions=False) as fresh:
        def broken(top):
            raise RuntimeError("secret detail /srv/private/path")
        monkeypatch.setattr(fresh.app.state.reader.workspace, "stats", broken)
        response = fresh.get("/api/stats")
    assert response.status_code == 500 and set(response.json()) == {"error"}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "secret detail" in caplog.text


def test_the_openapi_schema_lists_every_endpoint(client):
    schema = _ok(client, "/api/openapi.json")
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/actors",
            "/api/actors/{actor_id}", "/api/relations", "/api/control", "/api/claims", "/api/attribution",
            "/api/attribution/{event_id}", "/api/stats", "/api/ping-write"} <= set(schema["paths"])
    assert {"CanonicalEvent", "ReportEvent", "CanonicalEventPage", "EventDetail"} <= set(schema["components"]["schemas"])
    assert client.get("/api/docs").status_code == 200


# --- the command ---------------------------------------------------------------------------------------

def test_serve_refuses_a_missing_store_and_runs_one_worker_on_loopback(store, tmp_path, monkeypatch):
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and "no evidence store" in result.output and not missing.exists()
    started = {}
    import uvicorn
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(store), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert started["host"] == "127.0.0.1" and started["port"] == 8123 and started["workers"] == 1
    assert started["app"].state.token in result.output  # made, and printed for the write endpoints to come
    started["app"].state.reader.close()
