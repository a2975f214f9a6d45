"""Security middleware for a read-only public deployment (pure ASGI, no extra dependency).

* security headers on every response: a Content-Security-Policy that allows only this
  origin (``script-src 'self'``, no inline scripts, no external requests), ``X-Content-Type-
  Options: nosniff``, ``Referrer-Policy``, ``X-Frame-Options``, ``Permissions-Policy``;
* request size limits: bodies over :data:`MAX_BODY` bytes get 413, query strings over
  :data:`MAX_QUERY` bytes 414, methods other than GET/HEAD/OPTIONS 405 (the app is read-only),
  except under the path prefixes of mounted routers that declare writes (the insatser
  registry), which get :data:`MAX_WRITE_BODY`.
"""

from __future__ import annotations

import logging

__all__ = ["SecurityMiddleware", "CSP", "MAX_BODY", "MAX_QUERY"]

#: The Content-Security-Policy of every response.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
MAX_BODY = 16 * 1024
MAX_QUERY = 2048
MAX_WRITE_BODY = 2 * 1024 * 1024

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_ALLOWED = {"GET", "HEAD", "OPTIONS"}
log = logging.getLogger("lagesbild.app")


class SecurityMiddleware:
    """Adds the security headers and enforces the request limits."""

    def __init__(self, app, write_paths: list | None = None) -> None:
        self.app = app
        #: Path prefixes whose routes accept writes (the insatser registry when mounted);
        #: they get other methods and :data:`MAX_WRITE_BODY`, everything else is read-only.
        self.write_paths = write_paths if write_paths is not None else []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in _HEADERS if h[0] not in names]
            await send(message)

        status = None
        writable = any(scope["path"].startswith(p) for p in self.write_paths)
        limit = MAX_WRITE_BODY if writable else MAX_BODY
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            status, text = 414, "Adressen är för lång."
        elif scope["method"] not in _ALLOWED and not writable:
            status, text = 405, "Metoden är inte tillåten; tjänsten är skrivskyddad."
        else:
            length = dict(scope.get("headers", [])).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > limit):
                status, text = 413, "Förfrågan är för stor."
        if status is not None:
            body = text.encode("utf-8")
            await send_with_headers({"type": "http.response.start", "status": status, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return None

        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return message

        started = False

        async def send_tracked(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_with_headers(message)

        try:
            return await self.app(scope, limited_receive, send_tracked)
        except _TooLarge:
            body = "Förfrågan är för stor.".encode()
            await send_with_headers({"type": "http.response.start", "status": 413, "headers": [
                (b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": body})
            return None
        except Exception:  # never a stack trace to the client
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            body = _ERROR_PAGE.encode("utf-8")
            await send_with_headers({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return None


_ERROR_PAGE = ("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Fel – Lägesbild"
               "</title></head><body><main><h1>Något gick fel</h1><p>Något gick fel i tjänsten. "
               "Försök igen senare.</p><p><a href=\"/\">Till startsidan</a></p></main></body></html>")


class _TooLarge(Exception):
    pass
