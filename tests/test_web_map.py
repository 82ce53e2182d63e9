"""The map's reads (issue 8): /api/events/grid and /api/events/timeline in-process, on a small synthetic
store in which a few events have lost their coordinates."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from fogmap import synthetic
from fogmap.store import mapping
from fogmap.store.db import Store
from fogmap.web import create_app

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

UNPLACED = ("syn-c00000007", "syn-c00000100", "syn-c00000250")
SYRIA = "35.6,32.3,42.4,37.3"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "map.duckdb"
    synthetic.generate(path, synthetic.Plan(events=400, seed=3, start=dt.date(2015, 1, 1), days=120))
    with Store(path) as s:
        s.con.execute("UPDATE canonical_events SET latitude = NULL, longitude = NULL WHERE list_contains(?, id)",
                      [list(UNPLACED)])
    return path


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as test_client:
        yield test_client


def _ok(client, path: str, **query) -> dict:
    response = client.get(path, params=query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def _total(client, **query) -> int:
    return _ok(client, "/api/events", limit=1, **query)["total"]


FILTERS = [{}, {"country": "SY"}, {"type": "Battles"}, {"since": "2015-02-01", "until": "2015-02-28"},
           {"bbox": SYRIA}, {"min_confidence": 0.8}, {"type": "AIR_STRIKE", "since": "2015-03-01"}]


@pytest.mark.parametrize("query", FILTERS)
def test_grid_cells_sum_to_the_total_the_event_list_counts(client, query):
    grid = _ok(client, "/api/events/grid", zoom=5, **query)
    assert grid["total"] == _total(client, **query) > 0
    assert sum(c["count"] for c in grid["cells"]) + grid["unplaced"] == grid["total"]
    assert all(sum(c["types"].values()) == c["count"] for c in grid["cells"])


def test_events_without_coordinates_are_counted_but_in_no_cell(client):
    grid = _ok(client, "/api/events/grid", zoom=3)
    assert grid["unplaced"] == len(UNPLACED) and grid["total"] == 400
    assert not {c["event_id"] for c in grid["cells"]} & set(UNPLACED)
    assert _ok(client, "/api/events/grid", zoom=3, bbox="-180,-90,180,90")["unplaced"] == 0  # a box needs a place


def test_a_one_event_cell_sits_on_its_event_and_names_it(client):
    event = _ok(client, "/api/events", limit=1, country="SY")["items"][0]
    lon, lat = event["longitude"], event["latitude"]
    box = f"{lon - 0.0001},{lat - 0.0001},{lon + 0.0001},{lat + 0.0001}"
    (cell,) = _ok(client, "/api/events/grid", zoom=18, bbox=box)["cells"]
    assert cell["count"] == 1 and cell["event_id"] == event["id"]
    assert (cell["lat"], cell["lon"]) == pytest.approx((lat, lon), abs=1e-6)
    assert cell["bbox"] == pytest.approx([lon, lat, lon, lat])
    assert cell["types"] == {event["type"]: 1} and cell["fatalities"] == event["fatalities"]


def test_a_cell_of_many_is_at_their_mean_inside_their_box(client):
    cells = [c for c in _ok(client, "/api/events/grid", zoom=2)["cells"] if c["count"] > 1]
    assert cells and all(c["event_id"] is None for c in cells)
    for c in cells:
        west, south, east, north = c["bbox"]
        assert west <= c["lon"] <= east and south <= c["lat"] <= north


def test_the_cell_follows_the_zoom(client):
    grids = [_ok(client, "/api/events/grid", zoom=z, bbox=SYRIA) for z in (3, 6, 9)]
    assert [g["cell_deg"] for g in grids] == pytest.approx([90 / 8, 90 / 64, 90 / 512])
    counts = [len(g["cells"]) for g in grids]
    assert counts[0] < counts[1] < counts[2]
    assert len({g["total"] for g in grids}) == 1  # finer cells, the same events
    side = grids[2]["cell_deg"]
    for c in grids[2]["cells"]:  # a cell's events all lie in one grid square
        west, south, east, north = c["bbox"]
        assert int(west // side) == int(east // side) and int(south // side) == int(north // side)


def test_filters_narrow_the_cells(client):
    battles = _ok(client, "/api/events/grid", zoom=4, type="Battles")
    assert battles["cells"] and all(set(c["types"]) == {"Battles"} for c in battles["cells"])
    syria = _ok(client, "/api/events/grid", zoom=4, country="sy")
    everything = _ok(client, "/api/events/grid", zoom=4)
    assert 0 < syria["total"] < everything["total"]
    assert _ok(client, "/api/events/grid", zoom=4, actor="no-such-actor")["cells"] == []


@pytest.mark.parametrize("query, says", [
    ({"zoom": 19}, "zoom"), ({"zoom": -1}, "zoom"), ({}, "zoom"), ({"zoom": "near"}, "zoom"),
    ({"zoom": 3, "bbox": "1,2"}, "bbox"), ({"zoom": 3, "bbox": "40,30,35,37"}, "bbox"),
    ({"zoom": 3, "bbox": "nan,1,2,3"}, "bbox"), ({"zoom": 18}, "zoom"),  # the whole world in 64 px cells
    ({"zoom": 3, "since": "2015-02-30"}, "since"), ({"zoom": 3, "country": "Syria"}, "country"),
    ({"zoom": 3, "min_confidence": 2}, "min_confidence"),
])
def test_bad_grid_parameters_are_422_json(client, query, says):
    response = client.get("/api/events/grid", params=query)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"error"} and says in response.json()["error"]


def test_the_timeline_counts_every_dated_event_once(client):
    for query in FILTERS:
        series = _ok(client, "/api/events/timeline", **query)["series"]
        assert sum(sum(b["counts"].values()) for b in series) == _total(client, **query)


def test_the_timeline_bucket_follows_the_window(client):
    assert _ok(client, "/api/events/timeline")["bucket"] == "week"  # 120 days of events
    month = _ok(client, "/api/events/timeline", since="2015-02-01", until="2015-02-28")
    assert month["bucket"] == "day"
    days = [b["date"] for b in month["series"]]
    assert days == [(dt.date(2015, 2, 1) + dt.timedelta(d)).isoformat() for d in range(28)]  # no gap
    weeks = _ok(client, "/api/events/timeline", bucket="week")["series"]
    assert all(dt.date.fromisoformat(b["date"]).weekday() == 0 for b in weeks)
    months = _ok(client, "/api/events/timeline", bucket="month")["series"]
    assert [b["date"] for b in months] == ["2015-01-01", "2015-02-01", "2015-03-01", "2015-04-01"]
    assert sum(b["fatalities"] for b in months) == sum(b["fatalities"] for b in weeks)


def test_the_timeline_of_nothing_is_empty(client):
    assert _ok(client, "/api/events/timeline", actor="no-such-actor")["series"] == []


@pytest.mark.parametrize("query, says", [
    ({"bucket": "year"}, "bucket"), ({"since": "2015-03-01", "until": "2015-02-01"}, "since"),
    ({"bbox": "1,2,3"}, "bbox"), ({"bucket": "day", "since": "1990-01-01", "until": "2015-01-01"}, "bucket"),
])
def test_bad_timeline_parameters_are_422_json(client, query, says):
    response = client.get("/api/events/timeline", params=query)
    assert response.status_code == 422, response.text
    assert says in response.json()["error"]


def test_bucket_arithmetic():
    day = dt.date.fromisoformat
    assert mapping.default_bucket(day("2015-01-01"), day("2015-03-31")) == "day"
    assert mapping.default_bucket(day("2015-01-01"), day("2016-06-30")) == "week"
    assert mapping.default_bucket(day("2014-01-01"), day("2016-12-31")) == "month"
    assert mapping.bucket_count(day("2015-01-30"), day("2015-03-02"), "month") == 3
    assert mapping.bucket_count(day("2015-01-01"), day("2015-01-31"), "day") == 31
    assert mapping.cells_spanned((0.0, 0.0, 89.9, 89.9), 0) == 1
    assert mapping.cells_spanned(None, 0) == 5 * 3  # the edges 180 and 90 start cells of their own


def test_the_map_shows_events_as_analysts_left_them(tmp_path):
    """A rejected event leaves the grid and the timeline; a corrected place moves its event's cell."""
    path = tmp_path / "reviewed.duckdb"
    synthetic.generate(path, synthetic.Plan(events=50, seed=3, start=dt.date(2015, 1, 1), days=30))
    with TestClient(create_app(path)) as client:
        before = _ok(client, "/api/events/grid", zoom=3)["total"]
        client.app.state.reader(lambda ws: ws.review("syn-c00000001", "reject", "tester"))
        client.app.state.reader(lambda ws: ws.review("syn-c00000002", "correct", "tester", changes={
            "place": "Nowhere in particular", "latitude": -45.5, "longitude": -120.5}))
        grid = _ok(client, "/api/events/grid", zoom=12, bbox="-121,-46,-120,-45")
        timeline = _ok(client, "/api/events/timeline", bucket="month")["series"]
        assert _ok(client, "/api/events/grid", zoom=3)["total"] == before - 1 == _total(client)
    (moved,) = grid["cells"]
    assert moved["event_id"] == "syn-c00000002" and (moved["lat"], moved["lon"]) == (-45.5, -120.5)
    assert sum(sum(b["counts"].values()) for b in timeline) == before - 1
