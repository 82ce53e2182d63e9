"""The token that guards writing: reading is open to whoever can reach the server, writing (reviews,
articles posted for ingest) needs ``Authorization: Bearer TOKEN`` and a server that opened its store
for writing (not ``fogmap serve --read-only``)."""

from __future__ import annotations

import secrets

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False, description="The token `fogmap serve` printed, or the one --token gave.")


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    expected: str = request.app.state.token
    given = credentials.credentials if credentials is not None else ""
    # compare_digest: how long a wrong token takes to refuse says nothing about the right one
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "this needs the server's token: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


def require_writable(request: Request, _: None = Depends(require_token)) -> None:
    """The token, then a store open for writing: a read-only server refuses with 403 and says why."""
    if getattr(request.app.state, "read_only", False):
        raise HTTPException(403, "this server opened the store read-only (fogmap serve --read-only): it takes no "
                                 "writes; restart it without --read-only")
