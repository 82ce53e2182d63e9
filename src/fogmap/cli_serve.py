"""`fogmap serve`: the analyst workbench's server, a JSON API over one evidence store (writes with the token).

Exit codes as everywhere in fogmap: 0 stopped; 1 the store does not exist or cannot be opened (none
is ever created here); 2 bad usage or settings.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli import ConfigOption, DbOption, _fail, err
from .errors import ConfigError, StoreError
from .store.db import DEFAULT_DB

serve_app = typer.Typer(help="The analyst workbench's server.")

MIN_TOKEN = 16  # characters: a shorter token can be guessed by trying
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@serve_app.command(epilog="Example: fogmap serve --db demo.duckdb --port 8000   (then open the address it prints, "
                          "http://127.0.0.1:8000/#token=..., or curl http://127.0.0.1:8000/api/events?country=SY)")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; anything but a loopback address lets other machines read the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="FOGMAP_TOKEN", help=f"Token the write endpoints ask for (Authorization: Bearer TOKEN), at least {MIN_TOKEN} characters; without it one is made and printed.")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Open the store read-only: reviews and posted articles are refused (403), and other processes may read the file meanwhile.")] = False,
    db: DbOption = Path(DEFAULT_DB), config: ConfigOption = None,
) -> None:
    """Serve the store as JSON under /api: events (canonical or per report, with map filters and pages;
    analysts' corrections applied), one event with the spans behind every field, documents with their
    marks, actors, relations, control on a date, claims and attribution assessments; with the token,
    analysts' reviews (accept, correct, reject) and articles posted for ingest. The OpenAPI schema is at
    /api/openapi.json. One process; the store stays open (for writing, unless --read-only: no other
    process can open it meanwhile) until Ctrl-C."""
    import uvicorn  # here, not at the top: every other command starts without the web stack

    from .settings import load_settings
    from .web import create_app

    if token is not None and len(token) < MIN_TOKEN:
        raise typer.BadParameter(f"at least {MIN_TOKEN} characters", param_hint="--token")
    if not db.is_file():
        _fail(f"{db}: no evidence store here (run `fogmap ingest` first or pass --db)", 1)
    # a page on another site may point a name of its own at this machine: on loopback, answer to loopback names only
    allowed = (*LOOPBACK_NAMES, host) if _loopback(host) else None
    try:
        app = create_app(db, token=token, settings=load_settings(config), allowed_hosts=allowed, read_only=read_only)
    except ConfigError as exc:
        _fail(str(exc), 2)
    except StoreError as exc:
        _fail(str(exc), 1)
    if token is None:
        err.print(f"write token (send as Authorization: Bearer TOKEN): {app.state.token}", markup=False)
    if not _loopback(host):
        err.print(f"warning: listening on {host}: anyone who can reach it can read the store", markup=False)
    shown = f"[{host}]" if ":" in host else host
    mode = "read-only" if read_only else "read-write (writes need the token)"
    err.print(f"serving {db} {mode} at http://{shown}:{port}/api  (docs: /api/docs; Ctrl-C stops)", markup=False)
    # the token rides in the fragment, which a browser never sends: it stays out of every server's log; a
    # token the user chose is not echoed (it may be a secret kept in the environment)
    fragment = f"#token={app.state.token}" if token is None else "#token=YOUR_TOKEN"
    err.print(f"open the workbench: http://{shown}:{port}/{fragment}", markup=False)
    uvicorn.run(app, host=host, port=port, workers=1, log_level="info")
