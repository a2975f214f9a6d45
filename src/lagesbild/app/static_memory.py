"""Static files served from memory on the event loop.

Starlette's ``StaticFiles`` looks every file up and reads it in the thread pool, so a CSS file
waits behind whatever occupies the pool and the interpreter (password checks, first visits of
kommun pages). The app's own static files are few and small (about 1 MB): they are read once,
when first asked for, and answered from memory without leaving the event loop, with the same
headers (content type, length, ``ETag``, ``Last-Modified``) and ``304 Not Modified`` for a
matching ``If-None-Match``. Only files found under the folder when the app starts are served, so
no request path can reach outside it.
"""

from __future__ import annotations

import hashlib
import mimetypes
from email.utils import formatdate
from pathlib import Path

__all__ = ["MemoryStatic"]


class MemoryStatic:
    """An ASGI app for a folder of static files (mount it, e.g. at ``/static``)."""

    def __init__(self, directory: str | Path) -> None:
        root = Path(directory)
        self._paths = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
        self._cache: dict[str, tuple[bytes, list]] = {}

    def _entry(self, name: str):
        hit = self._cache.get(name)
        if hit is None:
            path = self._paths[name]
            body = path.read_bytes()
            st = path.stat()
            ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml"):
                ctype += "; charset=utf-8"
            etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
            headers = [(b"content-type", ctype.encode()), (b"etag", etag.encode()),
                       (b"last-modified", formatdate(st.st_mtime, usegmt=True).encode()),
                       (b"accept-ranges", b"bytes")]
            hit = self._cache[name] = (body, headers)
        return hit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        path, root = scope["path"], scope.get("root_path", "")
        name = (path[len(root):] if root and path.startswith(root) else path).lstrip("/")
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await _plain(send, 405, b"Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        if name not in self._paths:
            await _plain(send, 404, b"Not Found")
            return
        body, headers = self._entry(name)
        etag = headers[1][1]
        inm = next((v for k, v in scope.get("headers", []) if k == b"if-none-match"), None)
        if inm is not None and etag in [t.strip() for t in inm.split(b",")]:
            await send({"type": "http.response.start", "status": 304, "headers": headers[1:]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": headers + [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})


async def _plain(send, status: int, text: bytes, extra=()) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(text)).encode()), *extra]})
    await send({"type": "http.response.body", "body": text})
