"""Admission of report builds by visitors who are not logged in: one per address and interval.

A nulägesanalys takes seconds of processor time. A visitor who is not logged in may start one
build per ``anon_interval_s`` seconds from one address; logged-in users are not limited. The
queue that bounds how many builds run at once is :class:`lagesbild.app.report_jobs.ReportJobs`,
which asks this gate before it starts a new build (a report already built, queued or running is
given to everyone without counting).
"""

from __future__ import annotations

import threading
import time

from lagesbild.errors import PermissionDeniedError
from lagesbild.i18n import pair

__all__ = ["ReportGate"]


class ReportGate:
    """The rate limit of anonymous report builds (thread-safe; one per app)."""

    def __init__(self, anon_interval_s: float = 120.0) -> None:
        self.anon_interval_s = anon_interval_s
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
