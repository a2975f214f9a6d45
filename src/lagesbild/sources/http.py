"""One HTTP client for every source: pacing, retries with backoff, cache, offline and record.

* **Pacing**: at most ``calls_per_window`` network calls per ``window_s`` seconds (a sliding
  window; SCB publishes 30 calls per 10 s, docs/sources.md "Limits").
* **Retries** on 429, 5xx, 408, rate-limit 403, time-outs, dropped connections, truncated or
  invalid JSON, HTML error pages and wrong content types, with exponential backoff and full
  jitter; ``Retry-After`` (seconds or an HTTP date) is honoured. After the last try the error
  is reported in one line naming the source, the URL and what went wrong.
* **403 without Retry-After** means "too many cells" at SCB: :class:`TooManyCellsError`, not
  retried (the PxWeb client splits the request further).
* **Cache** (:class:`~lagesbild.sources.cache.ResponseCache`): a response younger than
  ``max_age_s`` is served from disk; ``offline=True`` serves only from disk, at any age.
  Because every successful response is cached as soon as it arrives, an interrupted fetch
  of many requests resumes where it stopped.
* **Record** (``recorder``): every response is also written as a replay fixture
  (``manifest.json`` + bodies) that the test server in ``tests/sources`` can serve.
"""

from __future__ import annotations

import collections
import email.utils
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagesbild.errors import DataSourceError, RateLimitError, TooManyCellsError
from lagesbild.i18n import pair
from lagesbild.sources.cache import Request, ResponseCache

__all__ = ["HttpClient", "HttpError", "Response", "Recorder", "USER_AGENT"]

USER_AGENT = "lagesbild (https://github.com/lagesbild; open-source tool for Swedish kommuner)"
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class HttpError(DataSourceError):
    """A non-retryable HTTP status (400, 404, …) with the server's message."""

    def __init__(self, sv: str, en: str | None = None, *, status: int = 0, detail: str = "") -> None:
        super().__init__(sv, en)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Response:
    """A parsed response with its provenance."""

    data: Any
    body: bytes
    sha256: str
    retrieved_at: str
    url: str
    request: dict
    from_cache: bool


class _Retryable(Exception):
    def __init__(self, sv: str, en: str, retry_after: float | None = None, status: int = 0) -> None:
        super().__init__(en)
        self.sv, self.en, self.retry_after, self.status = sv, en, retry_after, status


class Recorder:
    """Write responses as replay fixtures: ``<dir>/manifest.json`` and ``<dir>/bodies/*``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.manifest = self.folder / "manifest.json"

    def record(self, base_url: str, req: Request, body: bytes, content_type: str) -> None:
        import hashlib

        self.folder.mkdir(parents=True, exist_ok=True)
        sha = hashlib.sha256(body).hexdigest()
        name = f"bodies/{sha[:16]}.bin"
        (self.folder / "bodies").mkdir(exist_ok=True)
        (self.folder / name).write_bytes(body)
        entries = json.loads(self.manifest.read_text(encoding="utf-8")) if self.manifest.exists() else []
        path = req.url[len(base_url):] if req.url.startswith(base_url) else req.url
        entry = {"method": req.method, "path": path, "params": dict(req.params), "body": req.body,
                 "file": name, "content_type": content_type}
        entries = [e for e in entries if {k: e.get(k) for k in ("method", "path", "params", "body")}
                   != {k: entry[k] for k in ("method", "path", "params", "body")}] + [entry]
        self.manifest.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date).

    Examples
    --------
    >>> _retry_after("3"), _retry_after(None), _retry_after("soon")
    (3.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    import datetime as _dt

    return max(0.0, (when - _dt.datetime.now(_dt.UTC)).total_seconds())


def _html_title(body: bytes) -> str:
    text = body[:4000].decode("utf-8", "replace")
    m = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
    if m:
        return " ".join(m.group(1).split())[:120]
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())[:120]


def _excerpt(body: bytes) -> str:
    return " ".join(body[:300].decode("utf-8", "replace").split())


class HttpClient:
    """A paced, retrying, caching JSON client for one base URL.

    Parameters
    ----------
    base_url : str
        E.g. ``https://statistikdatabasen.scb.se/api/v2``; paths are appended to it.
    name : str
        The source's name in messages ("SCB", "Kolada").
    cache : ResponseCache, optional
    timeout, retries : float, int
        Per-request timeout (s) and number of retries after the first try.
    calls_per_window, window_s : int, float
        Pacing: at most this many network calls per window.
    offline : bool
        Serve only from the cache; a miss is an error.
    max_age_s : float
        Cached responses younger than this are used without asking the server (0 = always ask).
    backoff_s, max_backoff_s : float
        Base and cap of the exponential backoff.
    recorder : Recorder, optional
    sleep, clock : callables
        Injected for tests (``time.sleep``, ``time.monotonic``).
    on_call : callable, optional
        Called with ``(event, url)`` for progress: event ∈ {"network", "cache", "retry"}.
    headers : dict, optional
        Extra request headers (e.g. Skolverket's versioned ``Accept`` media type).
    """

    def __init__(self, base_url: str, *, name: str = "SCB", cache: ResponseCache | None = None,
                 timeout: float = 30.0, retries: int = 5, calls_per_window: int = 30,
                 window_s: float = 10.0, offline: bool = False, max_age_s: float = 86400.0,
                 backoff_s: float = 1.0, max_backoff_s: float = 60.0, recorder: Recorder | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 on_call: Callable[[str, str], None] | None = None,
                 headers: dict[str, str] | None = None, max_retry_after: float = 120.0) -> None:
        self.headers = dict(headers or {})
        #: Longest Retry-After honoured (setting ``http_max_retry_after``); a longer one stops at once.
        self.max_retry_after = float(max_retry_after)
        self.base_url = base_url.rstrip("/")
        self.name = name
        self.cache = cache
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.calls_per_window = max(1, int(calls_per_window))
        self.window_s = float(window_s)
        self.offline = offline
        self.max_age_s = float(max_age_s)
        self.backoff_s = float(backoff_s)
        self.max_backoff_s = float(max_backoff_s)
        self.recorder = recorder
        self.sleep, self.clock = sleep, clock
        self.on_call = on_call or (lambda _e, _u: None)
        self._calls: collections.deque[float] = collections.deque()
        self._client = None
        self.network_calls = 0
        self.sleeps: list[float] = []

    # ---------------------------------------------------------------- plumbing
    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base_url}/{path.lstrip('/')}"

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _http(self):
        if self._client is None:
            import httpx

            self._client = httpx.Client(timeout=self.timeout, follow_redirects=True,
                                        headers={"User-Agent": USER_AGENT, "Accept": "application/json",
                                                 **self.headers})
        return self._client

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.sleeps.append(seconds)
            self.sleep(seconds)

    def _pace(self) -> None:
        """Sliding window: wait until fewer than ``calls_per_window`` calls lie in the window."""
        while True:
            now = self.clock()
            while self._calls and now - self._calls[0] >= self.window_s:
                self._calls.popleft()
            if len(self._calls) < self.calls_per_window:
                self._calls.append(now)
                return
            wait = self._calls[0] + self.window_s - now
            if wait <= 0:  # rounding: (t0 + w) - now can be 0 while now - t0 is just below w
                self._calls.popleft()
                continue
            self._wait(wait)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        delay = min(self.max_backoff_s, self.backoff_s * (2 ** attempt))
        delay = delay / 2 + random.uniform(0, delay / 2)  # jitter, never below half the step
        return max(delay, retry_after or 0.0)

    # ---------------------------------------------------------------- requests
    def get_json(self, path: str, params: dict | None = None, *, validate: Callable | None = None,
                 use_cache: bool = True) -> Response:
        return self.request("GET", path, params=params, validate=validate, use_cache=use_cache)

    def post_json(self, path: str, body: Any, params: dict | None = None, *,
                  validate: Callable | None = None) -> Response:
        return self.request("POST", path, params=params, body=body, validate=validate)

    def request(self, method: str, path: str, *, params: dict | None = None, body: Any = None,
                validate: Callable | None = None, use_cache: bool = True) -> Response:
        """Send one request (or serve it from the cache) and return the parsed JSON.

        ``validate(data)`` may raise ``ValueError`` to mark a response as damaged (retried).
        """
        req = Request.make(method, self.url(path), params, body)
        if self.cache is not None and use_cache:
            hit = self.cache.get(req)
            if hit is not None and (self.offline or hit.age_s() < self.max_age_s):
                try:
                    data = self._parse(hit.body, "application/json", validate)
                except _Retryable:
                    data = None  # a damaged cache entry is a miss
                if data is not None:
                    self.on_call("cache", req.url)
                    return Response(data, hit.body, hit.sha256, hit.retrieved_at, req.url,
                                    req.to_dict(), True)
        if self.offline:
            raise DataSourceError(
                f"{self.name}: svaret på {method} {req.url} finns inte i cachen, och --offline "
                "tillåter inga anrop. Kör utan --offline när du har internet.",
                f"{self.name}: the response to {method} {req.url} is not in the cache, and --offline "
                "allows no calls. Run without --offline when you have internet.")
        last: _Retryable | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                asked = last.retry_after if last else None
                if asked is not None and asked > self.max_retry_after:
                    raise RateLimitError(*pair("imports.retry_after_too_long", name=self.name, method=method,
                                               url=req.url, s=f"{asked:.0f}", max=f"{self.max_retry_after:g}"))
                delay = self._backoff(attempt - 1, asked)
                self.on_call("retry", req.url)
                if asked:
                    self.on_call(f"wait:{delay:.0f}", req.url)  # the wait, shown by the CLI
                self._wait(delay)
            try:
                raw, ctype = self._send(req)
                data = self._parse(raw, ctype, validate)
            except _Retryable as exc:
                last = exc
                continue
            if self.cache is not None:
                stored = self.cache.put(req, raw, content_type=ctype)
                sha, when = stored.sha256, stored.retrieved_at
            else:
                import datetime as _dt
                import hashlib

                sha = hashlib.sha256(raw).hexdigest()
                when = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
            if self.recorder is not None:
                self.recorder.record(self.base_url, req, raw, ctype)
            return Response(data, raw, sha, when, req.url, req.to_dict(), False)
        assert last is not None
        tries = self.retries + 1
        cls = RateLimitError if last.status in (429, 403) else DataSourceError
        raise cls(f"{self.name}: {method} {req.url} misslyckades efter {tries} försök: {last.sv}",
                  f"{self.name}: {method} {req.url} failed after {tries} tries: {last.en}")

    def _send(self, req: Request) -> tuple[bytes, str]:
        import httpx

        self._pace()
        self.network_calls += 1
        self.on_call("network", req.url)
        try:
            kwargs: dict[str, Any] = {"params": list(req.params)} if req.params else {}
            if req.body is not None:
                kwargs["json"] = req.body
            with self._http().stream(req.method, req.url, **kwargs) as resp:
                raw = resp.read()
                status, headers = resp.status_code, resp.headers
        except httpx.TimeoutException:
            raise _Retryable(f"inget svar inom {self.timeout:g} s (timeout)",
                             f"no answer within {self.timeout:g} s (timeout)") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Retryable(f"anslutningen bröts mitt i svaret ({type(exc).__name__})",
                             f"the connection dropped mid-response ({type(exc).__name__})") from None
        except httpx.ConnectError as exc:
            raise _Retryable(f"kunde inte ansluta ({exc})", f"could not connect ({exc})") from None
        except httpx.HTTPError as exc:
            raise _Retryable(f"HTTP-fel ({type(exc).__name__}: {exc})",
                             f"HTTP error ({type(exc).__name__}: {exc})") from None
        ctype = headers.get("content-type", "")
        retry_after = _retry_after(headers.get("retry-after"))
        if status == 403 and retry_after is None and "rate" not in raw[:500].decode("utf-8", "replace").lower():
            raise TooManyCellsError(
                f"{self.name}: {req.url} svarade 403 (för många celler i en begäran).",
                f"{self.name}: {req.url} answered 403 (too many cells in one request).")
        if status in _RETRY_STATUS or status == 403:
            what = {429: "för många anrop (429)", 403: "anropsgränsen nådd (403)"}.get(status, f"status {status}")
            what_en = {429: "too many requests (429)", 403: "rate limit reached (403)"}.get(status, f"status {status}")
            raise _Retryable(what, what_en, retry_after, status)
        if status >= 400:
            detail = _html_title(raw) if "html" in ctype else _excerpt(raw)
            raise HttpError(f"{self.name}: {req.method} {req.url} svarade {status}: {detail}",
                            f"{self.name}: {req.method} {req.url} answered {status}: {detail}",
                            status=status, detail=detail)
        return raw, ctype

    def _parse(self, raw: bytes, ctype: str, validate: Callable | None) -> Any:
        if "html" in ctype.lower() or raw.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            title = _html_title(raw)
            raise _Retryable(f"svarade med en HTML-sida ('{title}') i stället för JSON",
                             f"answered with an HTML page ('{title}') instead of JSON")
        if "json" not in ctype.lower():
            raise _Retryable(f"svarade med innehållstypen '{ctype or 'saknas'}' i stället för JSON",
                             f"answered with content type '{ctype or 'none'}' instead of JSON")
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _Retryable(f"ogiltig JSON ({len(raw)} byte; avkortat svar?): {exc}",
                             f"invalid JSON ({len(raw)} bytes; truncated response?): {exc}") from None
        if validate is not None:
            try:
                validate(data)
            except ValueError as exc:
                raise _Retryable(f"ofullständigt svar: {exc}", f"incomplete response: {exc}") from None
        return data
