"""Security middleware for a read-only public deployment (pure ASGI, no extra dependency).

* security headers on every response: a Content-Security-Policy that allows only this
  origin (``script-src 'self'``, no inline scripts, no external requests), ``X-Content-Type-
  Options: nosniff``, ``Referrer-Policy``, ``X-Frame-Options``, ``Permissions-Policy``;
* request size limits: bodies over :data:`MAX_BODY` bytes get 413, query strings over
  :data:`MAX_QUERY` bytes and paths over :data:`MAX_PATH` bytes 414 (never echoed back),
  methods other than GET/HEAD/OPTIONS 405 (the app is read-only), except under the path
  prefixes of mounted routers that declare writes (the insatser registry), which get
  :data:`MAX_WRITE_BODY`;
* JSON bodies are checked before any route sees them: malformed JSON or nesting deeper than
  :data:`MAX_JSON_DEPTH` gives 400, a JSON value that is not an object 422, in the app's one
  error shape ``{"ok": false, "error": {"status", "code", "message", "message_sv",
  "message_en"}}``;
* ``Cache-Control: no-store`` on every answer to a request that carries a session cookie
  (authenticated pages never land in a browser or proxy cache), and
  ``Strict-Transport-Security`` when ``hsts_seconds`` > 0 (setting ``hsts_seconds``).
"""

from __future__ import annotations

import json
import logging

from lagesbild.i18n import pair

__all__ = ["SecurityMiddleware", "CSP", "MAX_BODY", "MAX_QUERY", "MAX_PATH", "MAX_JSON_DEPTH", "SESSION_COOKIES",
           "json_problem"]

#: The Content-Security-Policy of every response.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
MAX_BODY = 16 * 1024
MAX_QUERY = 2048
MAX_WRITE_BODY = 2 * 1024 * 1024
MAX_PATH = 1024
MAX_JSON_DEPTH = 32
#: Cookies that mark a logged-in visitor (their answers get ``Cache-Control: no-store``).
SESSION_COOKIES = (b"lb_session=",)

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

    def __init__(self, app, write_paths: list | None = None, hsts_seconds: int = 0) -> None:
        self.app = app
        self.hsts = (b"strict-transport-security", f"max-age={int(hsts_seconds)}; includeSubDomains".encode()) \
            if hsts_seconds and int(hsts_seconds) > 0 else None
        #: Path prefixes whose routes accept writes (the insatser registry when mounted);
        #: they get other methods and :data:`MAX_WRITE_BODY`, everything else is read-only.
        self.write_paths = write_paths if write_paths is not None else []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        request_headers = dict(scope.get("headers", []))
        cookies = request_headers.get(b"cookie", b"")
        authenticated = any(c in cookies for c in SESSION_COOKIES)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if authenticated:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                extra = list(_HEADERS) + ([self.hsts] if self.hsts else [])
                names = {k.lower() for k, _ in headers}
                message["headers"] = headers + [h for h in extra if h[0] not in names]
            await send(message)

        status = None
        writable = any(scope["path"].startswith(p) for p in self.write_paths)
        limit = MAX_WRITE_BODY if writable else MAX_BODY
        if len(scope.get("query_string", b"")) > MAX_QUERY or len(scope.get("raw_path") or
                                                                  scope["path"].encode()) > MAX_PATH:
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

        downstream = limited_receive
        ctype = request_headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if writable and scope["method"] in ("POST", "PUT", "PATCH") and ctype.endswith(b"json"):
            try:
                body = await _read_body(limited_receive)
            except _TooLarge:
                body = None
            if body is None:
                text = "Förfrågan är för stor.".encode()
                await send_with_headers({"type": "http.response.start", "status": 413, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": text})
                return None
            problem = json_problem(body)
            if problem is not None:
                code, key, values = problem
                sv, en = pair(key, **values)
                lang_en = b"lang=en" in cookies or request_headers.get(b"accept-language", b"").startswith(b"en")
                payload = json.dumps({"ok": False, "error": {
                    "status": code, "code": "bad_request" if code == 400 else "invalid_parameter",
                    "message": en if lang_en else sv, "message_sv": sv, "message_en": en}},
                    ensure_ascii=False).encode("utf-8")
                await send_with_headers({"type": "http.response.start", "status": code, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
                await send({"type": "http.response.body", "body": payload})
                return None
            downstream = _replay(body)

        try:
            return await self.app(scope, downstream, send_tracked)
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


async def _read_body(receive) -> bytes:
    parts = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(parts)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}
    return receive


def _depth(text: str) -> int:
    """Deepest nesting of [ and { outside strings (no recursion, so any depth is measured)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def json_problem(body: bytes) -> tuple[int, str, dict] | None:
    """``(status, text key, values)`` when ``body`` is not acceptable JSON for a route, else None."""
    if not body.strip():
        return 400, "security.json_empty", {}
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 400, "security.json_encoding", {}
    if _depth(text) > MAX_JSON_DEPTH:
        return 400, "security.json_deep", {"limit": MAX_JSON_DEPTH}
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return 400, "security.json_malformed", {"line": getattr(exc, "lineno", "?"), "col": getattr(exc, "colno", "?")}
    if not isinstance(value, dict):
        kind = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")
        return 422, "security.json_not_object", {"kind": kind}
    return None
