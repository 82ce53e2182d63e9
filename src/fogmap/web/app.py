"""``create_app(db_path)``: the analyst workbench's server, a JSON API over one evidence store: reads open
to whoever reaches it, writes (reviews, posted articles) with the token."""

from __future__ import annotations

import secrets
import threading
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from .. import __version__, api
from ..errors import StoreError
from ..settings import Settings
from .errors import JSONData, install_error_handlers
from .guard import MAX_BODY_BYTES, RequestGuard
from .reader import Reader
from . import layers, routes, routes_map, routes_review, routes_sitrep, routes_ui


def create_app(db_path: str | Path, *, token: str | None = None, settings: Settings | None = None,
               allowed_hosts: Collection[str] | None = None, max_body: int = MAX_BODY_BYTES,
               read_only: bool = False) -> FastAPI:
    """The app over the store at ``db_path``, opened now for writing (migrated if older), or ``read_only``
    (writes then answer 403); StoreError if it cannot be: no store is ever created here, and a DuckDB
    file that is not a fogmap store is refused. ``token`` guards the write endpoints; without one, a
    random one is made (``app.state.token``). ``allowed_hosts``: the Host names to answer to (None: any)."""
    if not Path(db_path).is_file():
        raise StoreError(f"{db_path}: no evidence store here (run `fogmap ingest` first or pass --db)")
    reader = Reader(api.open(db_path, settings, read_only=read_only))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the page asks for the basemap first, and thinning the world's shapes takes seconds: start now
        threading.Thread(target=layers.basemap, args=("low",), name="fogmap-basemap", daemon=True).start()
        yield
        reader.close()

    app = FastAPI(
        title="fogmap", version=__version__, lifespan=lifespan,
        description="JSON over a fogmap evidence store: events, documents with their spans, actors, relations, "
                    "control, claims and attribution assessments; analysts' reviews and posted articles "
                    "(writes need the server's token).",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # /api/docs: routes_ui, offline
        default_response_class=JSONData,
    )
    app.state.reader = reader
    app.state.token = token or secrets.token_urlsafe(32)
    app.state.read_only = read_only
    install_error_handlers(app)
    app.add_middleware(RequestGuard, max_body=max_body, allowed_hosts=allowed_hosts)
    # routes_map first: its /api/events/grid and /api/events/timeline must not be taken for /api/events/{event_id}
    for module in (routes_map, routes, routes_review, routes_sitrep):
        app.include_router(module.router)
    app.include_router(routes_ui.router)  # last: the page and its files answer whatever /api does not
    return app
