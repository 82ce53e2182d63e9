"""The ASGI layer in front of every route: refuse a request whose Host is not one the server answers
to (a web page on another site could otherwise point a name of its own at 127.0.0.1 and read the
store: DNS rebinding), refuse bodies over the limit before anyone reads them, and tell browsers never to
guess a content type."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

from .errors import error_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 1_000_000  # the write endpoints to come take small JSON edits, never files


class _BodyTooLarge(Exception):
    pass


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY_BYTES,
                 allowed_hosts: Collection[str] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_nosniff(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (b"x-content-type-options", b"nosniff")]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        refusal = self._refusal(headers)
        if refusal is not None:
            await error_response(*refusal)(scope, receive, send_nosniff)
            return
        await self._within_limit(scope, receive, send_nosniff)

    def _refusal(self, headers: dict[str, str]) -> tuple[int, str] | None:
        if self.allowed_hosts is not None and _host_name(headers.get("host", "")) not in self.allowed_hosts:
            return 400, f"this server answers to {', '.join(sorted(self.allowed_hosts))} only"
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, f"Content-Length {length!r} is not a number of bytes"
            if int(length) > self.max_body:
                return 413, f"request body over {self.max_body} bytes"
        return None

    async def _within_limit(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A body sent in chunks, without a length, is counted as it arrives."""
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _BodyTooLarge:
            if not started:
                await error_response(413, f"request body over {self.max_body} bytes")(scope, receive, send)


def _host_name(host: str) -> str:
    """The Host header without its port: "127.0.0.1:8000" -> "127.0.0.1", "[::1]:8000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
