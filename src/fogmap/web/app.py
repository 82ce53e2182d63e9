"""``create_app(db_path)``: the analyst workbench's server, a read-only JSON API over one evidence store."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from .. import __version__, api
from ..settings import Settings
from .errors import JSONData, install_error_handlers
from .guard import MAX_BODY_BYTES, RequestGuard
from .reader import Reader
from . import routes, routes_map, routes_review, routes_sitrep, routes_ui


def create_app(db_path: str | Path, *, token: str | None = None, settings: Settings | None = None,
               allowed_hosts: Collection[str] | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The app over the store at ``db_path``, opened read-only now (StoreError if it cannot be: no store
    is ever created here). ``token`` guards the write endpoints; without one, a random one is made
    (``app.state.token``). ``allowed_hosts``: the Host names to answer to (None: any)."""
    reader = Reader(api.open(db_path, settings, read_only=True))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        reader.close()

    app = FastAPI(
        title="fogmap", version=__version__, lifespan=lifespan,
        description="Read-only JSON over a fogmap evidence store: events, documents with their spans, actors, "
                    "relations, control, claims and attribution assessments.",
        openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None,
        default_response_class=JSONData,
    )
    app.state.reader = reader
    app.state.token = token or secrets.token_urlsafe(32)
    install_error_handlers(app)
    app.add_middleware(RequestGuard, max_body=max_body, allowed_hosts=allowed_hosts)
    for module in (routes, routes_map, routes_review, routes_sitrep):
        app.include_router(module.router)
    app.include_router(routes_ui.router)  # last: the page and its files answer whatever /api does not
    return app
