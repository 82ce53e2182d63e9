"""The workbench page and its static files, and the map layers it draws (basemap, control areas)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, Response

from . import layers, params
from .errors import error_response
from .routes import Read

router = APIRouter()

STATIC = Path(__file__).parent / "static"
# The page's second line of defence against script in article text (the first: the page's code builds
# every node with textContent, never innerHTML). Leaflet positions its panes with inline styles.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_PAGE_HEADERS = {"content-security-policy": CSP, "referrer-policy": "no-referrer", "cache-control": "no-cache"}
_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".png": "image/png",
          ".svg": "image/svg+xml", ".map": "application/json"}


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=_PAGE_HEADERS)


@router.get("/api/docs", include_in_schema=False)
def api_docs() -> Response:
    """Swagger UI over the schema from the copy `make install` vendors (FastAPI's own page loads it from a CDN)."""
    vendor = "/static/vendor/swagger-ui"
    if not (STATIC / "vendor" / "swagger-ui" / "swagger-ui-bundle.js").is_file():
        return error_response(503, "the API page's files are missing: run `make install` (the schema itself is at "
                                   "/api/openapi.json)")
    return get_swagger_ui_html(openapi_url="/api/openapi.json", title="fogmap API",
                               swagger_js_url=f"{vendor}/swagger-ui-bundle.js", swagger_css_url=f"{vendor}/swagger-ui.css",
                               swagger_favicon_url=f"{vendor}/favicon-32x32.png")


@router.get("/static/{path:path}", include_in_schema=False)
def static(path: str) -> Response:
    """A file under static/, never outside it; an unknown kind of file is not served."""
    root = STATIC.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file() or target.suffix not in _TYPES:
        return error_response(404, f"no such file: /static/{path}")
    return FileResponse(target, media_type=_TYPES[target.suffix], headers=_PAGE_HEADERS)


@router.get("/api/basemap", summary="Admin-1 areas of the world, thinned for a browser map")
def basemap(request: Request, detail: Annotated[layers.Detail, Query(
        description="low: country-scale borders (~1 MB gzipped); high: district-scale ones")] = "low") -> Response:
    """GeoJSON of the shipped admin-1 areas, computed once per detail and kept; gzipped when the client
    accepts it (the map draws it instead of tiles, so the workbench needs no internet)."""
    shapes = layers.basemap(detail)
    headers = {"cache-control": "public, max-age=86400", "vary": "accept-encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(shapes.gzipped, media_type="application/geo+json",
                        headers={**headers, "content-encoding": "gzip"})
    return Response(shapes.body, media_type="application/geo+json", headers=headers)


@router.get("/api/control/areas", summary="Admin-1 areas by who holds them on a date")
def control_areas(read: Read, at: Annotated[str, Query(max_length=10, description="YYYY-MM-DD")],
                  country: params.Country = None) -> dict[str, Any]:
    """GeoJSON: each admin-1 area with a place the store knows the control of, its holder (or
    ``contested`` with every holder), the places and their sources; then the places as points."""
    day, code = params.day(at, "at"), params.country(country)
    return read(lambda ws: layers.control_areas(ws, day, code))
