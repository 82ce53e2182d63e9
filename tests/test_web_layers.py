"""The workbench's own routes in-process: the page and its static files (with the Content-Security-Policy
that keeps script out), the basemap thinned from the shipped admin-1 shapes, and control areas on a date."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import fogmap
from fogmap.geo.areas import load_areas
from fogmap.web import create_app
from fogmap.geo.simplify import thin_ring
from fogmap.web.layers import basemap

with warnings.catch_warnings():  # as in test_web_api.py: httpx 0.28 is the pinned test client
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("layers") / "store.duckdb"
    with fogmap.open(path) as ws:
        assert not ws.ingest([ARTICLES / "relations_control.jsonl"]).failures
    with TestClient(create_app(path, token="a-test-token-long-enough-to-use")) as test_client:
        yield test_client


def test_the_page_is_served_with_a_policy_that_allows_no_foreign_or_inline_script(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert '<script type="module" src="/static/js/main.js">' in response.text
    assert "http://" not in response.text and "https://" not in response.text  # no CDN


def test_static_files_are_served_with_their_type_and_nothing_outside_the_folder(client):
    script = client.get("/static/js/main.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    for path in ("/static/../layers.py", "/static/%2e%2e/layers.py", "/static/js/nope.js", "/static/js"):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"] == "application/json", path


def test_the_api_page_loads_its_files_from_the_server_not_a_cdn(client):
    response = client.get("/api/docs")
    if response.status_code == 503:  # a clone whose vendored files are not there yet
        assert "make install" in response.json()["error"]
        return
    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in response.text and "cdn" not in response.text.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_no_page_code_writes_markup_from_strings():
    """Article text is untrusted: the page builds every node with DOM calls (api.js h()), never innerHTML."""
    folder = Path(fogmap.__file__).parent / "web" / "static" / "js"
    for script in folder.glob("*.js"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{script.name} uses {sink}"


def test_thinning_keeps_a_rings_shape_within_the_tolerance_and_drops_specks():
    angles = np.linspace(0, 2 * np.pi, 401)
    circle = np.column_stack((np.cos(angles), np.sin(angles)))
    circle[-1] = circle[0]
    thin = thin_ring(circle, 0.01)
    assert 8 < len(thin) < 60 and (thin[0] == thin[-1]).all()
    # every dropped point lies within the tolerance of the thinned outline (a polygon inside the circle)
    radius = np.hypot(thin[:, 0], thin[:, 1])
    assert np.allclose(radius, 1.0)
    assert len(thin_ring(circle * 0.001, 0.01)) == 0  # smaller than the tolerance: nothing to draw


def test_the_basemap_is_every_countrys_areas_thinned_and_gzipped_when_asked(client):
    response = client.get("/api/basemap", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    assert response.num_bytes_downloaded == len(basemap("low").gzipped) < 1_500_000  # the world, for a browser
    shapes = response.json()
    assert shapes["type"] == "FeatureCollection" and shapes["detail"] == "low"
    areas = [f for f in shapes["features"] if f["properties"]["layer"] == "admin1"]
    outlines = {f["id"]: f for f in shapes["features"] if f["properties"]["layer"] == "country"}
    assert {f["properties"]["country"] for f in areas} >= {"SY", "IQ", "UA", "US"} and len(areas) > 3000
    points = sum(len(r) for f in areas for p in _polygons(f["geometry"]) for r in p)
    assert points < load_areas().n_points / 3
    # a country's outline is its border and coast, not its provinces' inner borders
    syria = outlines["SY"]["geometry"]
    assert syria["type"] == "MultiLineString"
    assert sum(map(len, syria["coordinates"])) < sum(
        len(r) for f in areas if f["properties"]["country"] == "SY" for p in _polygons(f["geometry"]) for r in p) / 2
    aleppo = next(f for f in shapes["features"] if f["properties"]["name"] == "Aleppo")
    assert aleppo["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert client.get("/api/basemap", params={"detail": "city"}).status_code == 422


def _polygons(geometry: dict) -> list:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def test_control_areas_name_the_holder_and_hatch_what_is_fought_over(client):
    body = client.get("/api/control/areas", params={"at": "2021-01-01", "country": "SY"}).json()
    areas = {f["properties"]["admin1"]: f["properties"] for f in body["features"] if f["properties"]["kind"] == "admin1"}
    assert body["at"] == "2021-01-01" and body["country"] == "SY"
    idlib = areas["Idlib"]
    assert idlib["contested"] and idlib["holder"] is None and idlib["holders"]  # Saraqib is fought over
    assert idlib["sources"] and all(s["sentence"] for s in idlib["sources"])
    assert {"Idlib", "Saraqib"} <= set(idlib["places"])
    places = [f for f in body["features"] if f["properties"]["kind"] == "place"]
    assert places and all(f["geometry"]["type"] == "Point" for f in places)
    assert all(f["properties"]["country"] == "SY" for f in body["features"])


def test_control_areas_check_their_parameters(client):
    for query in ({"at": "2021-02-30"}, {"at": "2021-01-01", "country": "SYR"}, {}):
        response = client.get("/api/control/areas", params=query)
        assert response.status_code == 422 and set(response.json()) == {"error"}, query
