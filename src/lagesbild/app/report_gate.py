"""Report builds in the web app: a bounded number at once, anonymous visitors rate-limited.

A nulägesanalys takes seconds of processor time. Builds run at most ``slots`` at a time per
process (others wait up to ``wait_s`` seconds, then get a clear message); a visitor who is not
logged in may start one build per ``anon_interval_s`` seconds from one address. A report that is
already built (cached for the store generation) is served to everyone without counting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from lagesbild.errors import ConflictError, PermissionDeniedError
from lagesbild.i18n import pair

__all__ = ["ReportGate"]


class ReportGate:
    """Admission of report builds (thread-safe; one per app)."""

    def __init__(self, slots: int = 2, anon_interval_s: float = 120.0, wait_s: float = 120.0) -> None:
        self.slots = threading.BoundedSemaphore(max(1, slots))
        self.anon_interval_s = anon_interval_s
        self.wait_s = wait_s
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def admit_anonymous(self, address: str) -> None:
        """Record a build by an anonymous visitor at ``address``; refused within the interval."""
        now = time.monotonic()
        with self._lock:
            last = self._last.get(address)
            if last is not None and now - last < self.anon_interval_s:
                wait = int(self.anon_interval_s - (now - last)) + 1
                raise PermissionDeniedError(*pair("app.report_rate_limited", seconds=wait))
            self._last[address] = now
            if len(self._last) > 10_000:  # forget the oldest addresses
                for a, _ in sorted(self._last.items(), key=lambda kv: kv[1])[:5_000]:
                    del self._last[a]

    def build(self, fn: Callable[[], bytes], *, logged_in: bool, address: str) -> bytes:
        """Run ``fn`` (a report build) when admitted."""
        if not logged_in:
            self.admit_anonymous(address)
        if not self.slots.acquire(timeout=self.wait_s):
            raise ConflictError(*pair("app.report_busy", seconds=int(self.wait_s)))
        try:
            return fn()
        finally:
            self.slots.release()
