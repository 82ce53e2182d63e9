"""Every answer is JSON, errors too: ``{"error": "..."}`` with the status that fits. An unexpected
failure is logged here and answered with a generic message: a stack trace names files and values a
client has no business seeing."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from ..errors import NotFoundError

log = logging.getLogger("fogmap.web")

# Article text is data: escaped so that no byte of it can close a <script> or start a tag, should a
# client ever paste a response into HTML (the browser never renders application/json itself).
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class JSONData(JSONResponse):
    """JSON with <, > and & escaped, dates as ISO strings."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=str)
        return text.translate(_HTML_SAFE).encode("utf-8")


class BadParameter(ValueError):
    """A query parameter that parsed but means nothing valid (a bbox with min > max, 2023-02-30)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONData:
    return JSONData({"error": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    """One line per problem, "name: what was wrong" (a query parameter's name, not pydantic's path)."""
    lines = []
    for problem in exc.errors():
        where = problem.get("loc", ())
        name = str(where[-1]) if where else "request"
        lines.append(f"{name}: {problem.get('msg', 'invalid')}")
    return "; ".join(lines) or "invalid request"


async def _http_error(request: Request, exc: HTTPException) -> JSONData:
    return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))


async def _invalid(request: Request, exc: RequestValidationError) -> JSONData:
    return error_response(422, _validation_message(exc))


async def _bad_parameter(request: Request, exc: BadParameter) -> JSONData:
    return error_response(422, str(exc))


async def _not_found(request: Request, exc: NotFoundError) -> JSONData:
    return error_response(404, str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONData:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error: the request failed; the server's log has the details")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(BadParameter, _bad_parameter)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(Exception, _unexpected)
