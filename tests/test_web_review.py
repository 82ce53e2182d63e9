"""The review endpoints and ingest through the API, in-process: writes need the server's token, a bad
field is a 422 that names it, corrections show beside the machine values, rejected events leave the
list, and a posted article's text is stored verbatim and comes back as JSON data, never markup."""

from __future__ import annotations

import inspect
import json
import warnings
from pathlib import Path

import pytest

import fogmap
from fogmap.web import create_app, routes
from fogmap.web.schemas import CanonicalEvent

with warnings.catch_warnings():  # as in test_web_api: httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

FIXTURE = Path(__file__).parent / "fixtures" / "fusion_articles.jsonl"
TOKEN = "a-review-token-long-enough-to-use"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SCRIPT = "<script>alert('fogmap')</script>"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review") / "store.duckdb"
    with fogmap.open(path) as ws:
        ws.ingest([FIXTURE])
    return path


@pytest.fixture
def client(store, tmp_path):
    copy = tmp_path / "store.duckdb"  # each test writes to its own copy
    copy.write_bytes(store.read_bytes())
    with TestClient(create_app(copy, token=TOKEN)) as test_client:
        yield test_client


def _strike(client, **query) -> dict:
    items = client.get("/api/events", params={"limit": 1000, **query}).json()["items"]
    (strike,) = [e for e in items if e["reports"] == 2]
    return strike


def _review(client, event_id: str, body: dict, headers: dict | None = AUTH):
    return client.post(f"/api/events/{event_id}/review", json=body, headers=headers)


def test_a_review_needs_the_token(client):
    strike = _strike(client)
    body = {"action": "accept", "reviewer": "ana"}
    for headers in (None, {"Authorization": "Bearer not-the-token"}):
        refused = _review(client, strike["id"], body, headers)
        assert refused.status_code == 401 and set(refused.json()) == {"error"}
    assert client.get(f"/api/events/{strike['id']}/reviews").json()["total"] == 0  # nothing written
    done = _review(client, strike["id"], body)
    assert done.status_code == 200, done.text
    assert done.json()["review"]["status"] == "accepted" and done.json()["review"]["by"] == "ana"


def test_a_correction_answers_with_corrected_values_and_the_machine_ones(client):
    strike = _strike(client)
    done = _review(client, strike["id"][:10], {"action": "correct", "reviewer": "ana", "note": "hospital list",
                                              "changes": {"fatalities": 12, "subtype": "Shelling/artillery/missile attack"}})
    assert done.status_code == 200, done.text
    event = done.json()
    assert event["id"] == strike["id"] and event["fatalities"] == 12 and event["code"] == "ART_MISS_ATTACK"
    assert event["review"]["machine"]["fatalities"] == 9 and event["review"]["machine"]["subtype"] == "Air/drone strike"
    assert _strike(client)["fatalities"] == 12  # the list reads corrected values too
    assert client.get("/api/events", params={"type": "Air/drone strike"}).json()["total"] == 0
    history = client.get(f"/api/events/{strike['id']}/reviews").json()
    assert history["total"] == 1 and history["items"][0]["changes"]["fatalities"] == {"before": 9, "after": 12}
    assert history["items"][0]["note"] == "hospital list"
    listed = client.get("/api/reviews", params={"reviewer": "ana", "action": "correct"}).json()
    assert listed["total"] == 1 and listed["items"][0]["event_id"] == strike["id"]
    assert client.get("/api/reviews", params={"reviewer": "bo"}).json()["total"] == 0


@pytest.mark.skipif("review" not in CanonicalEvent.model_fields,
                    reason="web/schemas.py CanonicalEvent does not declare `review` yet, so the list drops it")
def test_the_list_and_the_detail_carry_the_review(client):
    strike = _strike(client)
    _review(client, strike["id"], {"action": "correct", "reviewer": "ana", "changes": {"fatalities": 12}})
    listed = _strike(client)
    assert listed["review"]["status"] == "corrected" and listed["review"]["machine"]["fatalities"] == 9
    detail = client.get(f"/api/events/{strike['id']}").json()["event"]
    assert detail["fatalities"] == 12 and detail["review"]["machine"]["fatalities"] == 9


def test_a_rejected_event_leaves_the_list_and_its_detail_still_answers(client):
    strike = _strike(client)
    total = client.get("/api/events").json()["total"]
    assert _review(client, strike["id"], {"action": "reject", "reviewer": "ana"}).status_code == 200
    after = client.get("/api/events").json()
    assert after["total"] == total - 1 and strike["id"] not in {e["id"] for e in after["items"]}
    detail = client.get(f"/api/events/{strike['id']}")
    assert detail.status_code == 200 and detail.json()["event"]["id"] == strike["id"]
    rejected = client.get("/api/reviews", params={"action": "reject"}).json()["items"]
    assert [r["event_id"] for r in rejected] == [strike["id"]]


@pytest.mark.skipif("include_rejected" not in inspect.signature(routes.events).parameters,
                    reason="web/routes.py: /api/events takes no include_rejected yet")
def test_include_rejected_brings_the_rejected_event_back_marked(client):
    strike = _strike(client)
    _review(client, strike["id"], {"action": "reject", "reviewer": "ana"})
    every = client.get("/api/events", params={"include_rejected": "true", "limit": 1000}).json()["items"]
    (found,) = [e for e in every if e["id"] == strike["id"]]
    assert found["review"]["status"] == "rejected"


@pytest.mark.parametrize("changes, field", [
    ({"fatalities": -1}, "fatalities"),
    ({"fatalities": "many"}, "fatalities"),
    ({"subtype": "Picnic"}, "subtype"),
    ({"date_start": "2019-02-30"}, "date_start"),
    ({"actor1": "Nobody Xyzzy Brigade"}, "actor1"),
    ({"place": "Nowhereville Qqq"}, "place"),
    ({"latitude": 91, "longitude": 36, "place": "x"}, "latitude"),
    ({"weapon": "rifle"}, "weapon"),
])
def test_a_bad_field_is_a_422_that_names_it(client, changes, field):
    strike = _strike(client)
    refused = _review(client, strike["id"], {"action": "correct", "reviewer": "ana", "changes": changes})
    assert refused.status_code == 422, refused.text
    assert set(refused.json()) == {"error"} and refused.json()["error"].startswith(f"{field}:")


def test_bad_requests_are_json_errors(client):
    strike = _strike(client)
    assert _review(client, strike["id"], {"action": "approve", "reviewer": "ana"}).status_code == 422
    assert "reviewer" in _review(client, strike["id"], {"action": "accept", "reviewer": ""}).json()["error"]
    assert "reviewer" in _review(client, strike["id"], {"action": "accept", "reviewer": "x" * 101}).json()["error"]
    assert "changes" in _review(client, strike["id"], {"action": "correct", "reviewer": "ana"}).json()["error"]
    missing = _review(client, "nosuchevent", {"action": "accept", "reviewer": "ana"})
    assert missing.status_code == 404 and set(missing.json()) == {"error"}


def test_a_read_only_server_refuses_writes_with_a_reason(store):
    with TestClient(create_app(store, token=TOKEN, read_only=True)) as reader:
        strike = _strike(reader)
        refused = _review(reader, strike["id"], {"action": "accept", "reviewer": "ana"})
        assert refused.status_code == 403 and "read-only" in refused.json()["error"]
        assert _review(reader, strike["id"], {"action": "accept", "reviewer": "ana"}, None).status_code == 401
        assert reader.post("/api/documents", json={"text": "x"}, headers=AUTH).status_code == 403


def test_an_article_posted_with_the_token_is_ingested_and_its_text_stays_data(client):
    before = client.get("/api/stats").json()["documents"]  # kept by the server until a write
    text = (f"Syrian government warplanes struck the town of Saraqib in Idlib province on Tuesday, killing four "
            f"civilians, a war monitor said. {SCRIPT} Rescue workers searched the rubble.")
    body = {"text": text, "title": f"Strike on Saraqib {SCRIPT}", "url": "https://example.org/saraqib",
            "outlet": "Copy Desk", "published": "2019-09-11"}
    assert client.post("/api/documents", json=body).status_code == 401
    posted = client.post("/api/documents", json=body, headers=AUTH)
    assert posted.status_code == 200, posted.text
    assert b"<script" not in posted.content and b"\\u003cscript" in posted.content
    answer = posted.json()
    assert answer["outcome"] == "ingested" and answer["document"]["text"] == text
    assert answer["document"]["title"] == body["title"] and answer["events"]
    assert {e["doc_id"] for e in answer["events"]} == {answer["document_id"]}
    assert client.get("/api/stats").json()["documents"] == before + 1  # the kept answer went with the write
    stored = client.get(f"/api/documents/{answer['document_id']}").json()["document"]
    assert stored["text"] == text
    again = client.post("/api/documents", json=body, headers=AUTH).json()
    assert again["outcome"] == "already_stored" and again["document_id"] == answer["document_id"]
    bad = client.post("/api/documents", json={**body, "published": "2019-13-40"}, headers=AUTH)
    assert bad.status_code == 422 and bad.json()["error"].startswith("published")
    assert client.post("/api/documents", json={**body, "text": ""}, headers=AUTH).status_code == 422


def test_the_schema_declares_the_review_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/events/{event_id}/review", "/api/events/{event_id}/reviews", "/api/reviews",
            "/api/documents"} <= set(paths)
    assert json.dumps(paths["/api/events/{event_id}/review"]["post"]).count("401") >= 1


def test_serve_prints_the_workbench_address_with_the_token_in_its_fragment(store, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from fogmap.cli import app as cli_app

    started = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(store), "--port", "8124", "--read-only"])
    assert result.exit_code == 0, result.output
    app = started["app"]
    assert f"http://127.0.0.1:8124/#token={app.state.token}" in result.output and app.state.read_only
    assert "read-only" in result.output
    app.state.reader.close()
    chosen = CliRunner().invoke(cli_app, ["serve", "--db", str(store), "--token", TOKEN])
    assert chosen.exit_code == 0 and TOKEN not in chosen.output and "#token=YOUR_TOKEN" in chosen.output
    assert not started["app"].state.read_only
    started["app"].state.reader.close()
