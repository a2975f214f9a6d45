"""A content-addressed, on-disk cache of raw HTTP responses (provenance and resumption).

Layout under the cache folder::

    bodies/ab/ab12…ef.bin        the response body, named by its SHA-256
    requests/9f/9f3c…01.json     one file per request: the request, the body's SHA-256,
                                 retrieved_at (UTC), status and content type

A request is identified by the SHA-256 of its canonical form (method, URL, sorted query
parameters, canonical JSON body). Every file is written to a temporary name and moved into
place, so an interrupted write never leaves a half-written entry: a fetch of many requests
that was interrupted resumes from the entries already there on the next run.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagesbild._fileio import write_atomic

__all__ = ["Request", "CachedResponse", "ResponseCache", "request_key"]


@dataclass(frozen=True)
class Request:
    """One HTTP request in canonical form."""

    method: str
    url: str
    params: tuple[tuple[str, str], ...] = ()
    body: Any = None

    def to_dict(self) -> dict:
        return {"method": self.method, "url": self.url, "params": [list(p) for p in self.params],
                "body": self.body}

    @classmethod
    def make(cls, method: str, url: str, params: dict | None = None, body: Any = None) -> Request:
        items = tuple(sorted((str(k), str(v)) for k, v in (params or {}).items() if v is not None))
        return cls(method.upper(), url, items, body)


def request_key(req: Request) -> str:
    """SHA-256 of the canonical request.

    Examples
    --------
    >>> a = Request.make("get", "http://x/t", {"b": 1, "a": 2})
    >>> b = Request.make("GET", "http://x/t", {"a": 2, "b": 1})
    >>> request_key(a) == request_key(b)
    True
    """
    text = json.dumps(req.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    sha256: str
    retrieved_at: str  # ISO 8601, UTC
    content_type: str
    status: int
    request: dict
    from_cache: bool = True

    def age_s(self, now: _dt.datetime | None = None) -> float:
        now = now or _dt.datetime.now(_dt.UTC)
        then = _dt.datetime.fromisoformat(self.retrieved_at)
        return (now - then).total_seconds()


class ResponseCache:
    """Raw responses on disk, keyed by request, bodies stored by their SHA-256."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root).expanduser()

    def _req_path(self, key: str) -> Path:
        return self.root / "requests" / key[:2] / f"{key}.json"

    def _body_path(self, sha: str) -> Path:
        return self.root / "bodies" / sha[:2] / f"{sha}.bin"

    def get(self, req: Request) -> CachedResponse | None:
        """The cached response to ``req``, or None (also when an entry is damaged)."""
        p = self._req_path(request_key(req))
        try:
            meta = json.loads(p.read_text(encoding="utf-8"))
            body = self._body_path(meta["sha256"]).read_bytes()
        except (OSError, ValueError, KeyError):
            return None
        if hashlib.sha256(body).hexdigest() != meta["sha256"]:
            return None  # a damaged body is a miss, never data
        return CachedResponse(body, meta["sha256"], meta["retrieved_at"], meta.get("content_type", ""),
                              int(meta.get("status", 200)), meta["request"], True)

    def put(self, req: Request, body: bytes, *, content_type: str = "", status: int = 200,
            retrieved_at: str | None = None) -> CachedResponse:
        sha = hashlib.sha256(body).hexdigest()
        when = retrieved_at or _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        bp = self._body_path(sha)
        if not bp.exists():
            write_atomic(bp, body)
        meta = {"request": req.to_dict(), "sha256": sha, "retrieved_at": when,
                "content_type": content_type, "status": status}
        write_atomic(self._req_path(request_key(req)),
                      json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))
        return CachedResponse(body, sha, when, content_type, status, req.to_dict(), False)

    def __len__(self) -> int:
        return sum(1 for _ in (self.root / "requests").glob("*/*.json")) if self.root.exists() else 0
