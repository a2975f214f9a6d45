"""The one HTTP error contract of the app: one status mapping, one JSON shape, one page.

Every router raises :mod:`lagesbild.errors` exceptions (or lets FastAPI's validation fail); the
handlers installed by :func:`install` turn them into

- for ``/api/…`` paths and requests that accept JSON only: ``{"ok": false, "error": {"status",
  "code", "message", "message_sv", "message_en"}}`` with the status below;
- for pages: the error page in the visitor's language, with the same status.

===========================================  ======  ====================
error                                        status  ``code``
===========================================  ======  ====================
:class:`~lagesbild.errors.NotFoundError`      404     ``not_found``
:class:`~lagesbild.errors.ConflictError`      409     ``conflict``
:class:`~lagesbild.errors.InputError`,        422     ``invalid_parameter``
request validation, malformed JSON
:class:`~lagesbild.errors.PermissionDeniedError` 403  ``forbidden``
:class:`~lagesbild.errors.DataSourceError`    503     ``source_unavailable``
any other :class:`~lagesbild.errors.LagesbildError` 500 ``server_error``
===========================================  ======  ====================
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagesbild.app._render import render
from lagesbild.app.i18n import get_lang
from lagesbild.errors import (
    ConflictError,
    DataSourceError,
    InputError,
    LagesbildError,
    NotFoundError,
    PermissionDeniedError,
)
from lagesbild.i18n import choose, pair

__all__ = ["ERROR_SCHEMA", "STATUS_CODES", "error_response", "install", "status_for"]

log = logging.getLogger("lagesbild.app")

#: (error class, HTTP status, code), most specific first.
STATUS_CODES: tuple[tuple[type, int, str], ...] = (
    (NotFoundError, 404, "not_found"),
    (ConflictError, 409, "conflict"),
    (PermissionDeniedError, 403, "forbidden"),
    (InputError, 422, "invalid_parameter"),
    (DataSourceError, 503, "source_unavailable"),
    (LagesbildError, 500, "server_error"),
)

_CODE_OF_STATUS = {404: "not_found", 405: "method_not_allowed", 409: "conflict", 403: "forbidden",
                   422: "invalid_parameter", 400: "bad_request", 429: "too_many_requests",
                   503: "source_unavailable", 500: "server_error"}

#: The JSON schema of an error answer (documented in the OpenAPI schema).
ERROR_SCHEMA = {
    "type": "object", "required": ["ok", "error"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "object", "required": ["status", "code", "message"], "properties": {
            "status": {"type": "integer"}, "code": {"type": "string"},
            "message": {"type": "string", "description": "In the request's language."},
            "message_sv": {"type": "string"}, "message_en": {"type": "string"}}},
    },
}


def status_for(exc: BaseException) -> tuple[int, str]:
    """The HTTP status and ``code`` of an error."""
    for cls, status, code in STATUS_CODES:
        if isinstance(exc, cls):
            return status, code
    return 500, "server_error"


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, sv: str, en: str | None = None, *, code: str | None = None,
                   headers: dict | None = None):
    """The error answer for ``request``: JSON for the API, else the error page."""
    lang = get_lang(request)
    en = en or sv
    message = choose(sv, en, lang)
    code = code or _CODE_OF_STATUS.get(status, "error")
    if _wants_json(request):
        body = {"ok": False, "error": {"status": status, "code": code, "message": message,
                                       "message_sv": sv, "message_en": en}}
        return JSONResponse(body, status_code=status, headers=headers)
    title = {404: "not_found", 422: "bad_request", 400: "bad_request"}.get(status, "error")
    return render(request, "error.html", {"status": status, "message": message, "title_key": title},
                  status=status, headers=headers)


def install(app: FastAPI) -> None:
    """Install the handlers of the contract on ``app``."""

    @app.exception_handler(LagesbildError)
    async def _lagesbild(request: Request, exc: LagesbildError):
        status, code = status_for(exc)
        if status >= 500 and not isinstance(exc, DataSourceError):
            log.exception("service error", exc_info=exc)
            sv, en = pair("app.server_error")
            return error_response(request, status, sv, en, code=code)
        return error_response(request, status, exc.message("sv"), exc.message("en"), code=code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        names = sorted({str(e.get("loc", ["", "?"])[-1]) for e in exc.errors()})[:5]
        sv, en = pair("app.invalid_parameter", names=", ".join(n[:40] for n in names))
        return error_response(request, 422, sv, en)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        key = {404: "app.page_missing", 405: "app.method_not_allowed"}.get(exc.status_code, "app.request_failed")
        sv, en = pair(key)
        return error_response(request, exc.status_code, sv, en, headers=getattr(exc, "headers", None))
