"""Warm-up: the national tables every kommun page shares, computed when the server starts and after
every import, in the background.

A kommun page reads tables computed once for the whole country per generation of the store (the
områdestyper of every RegSO with population, the distributions and transitions per kommun, the
riket values of the indicator panel, the Kolada groups …; see
:mod:`lagesbild.services.national_reads`). Without a warm-up the first visitor after a start or an
import pays for them (2–3 s) and every visitor arriving meanwhile waits for the same computation.
The warm-up thread builds them by computing one kommun page's data, then watches the store's
generation (a file check every ``poll_s`` seconds) and does it again when an import or fetch has
written a new one. A page asked for during a warm-up waits for the same computations (they are
shared, never done twice). Switched off with the ``app_warmup`` setting.

With ``app_warmup_pages`` (on by default) the thread goes on to compute every kommun page of the
newest year (in Swedish; the English page reuses the same data), one kommun at a time and the
most populous first, so that no first visitor waits for one. It stops early when the store gets a
new generation (and starts again for that one). Its progress is :attr:`Warmup.state`, shown by
``/api/v1/status``.

Visitors first: the interpreter runs one thread at a time, so a page computed in the background
delays every request answered meanwhile. :class:`VisitorsFirst` counts the requests being
answered and the thread computes its next page only when there are none (or after
``GIVE_WAY_S`` seconds of waiting, so that steady traffic cannot stop the warm-up for good).
"""

from __future__ import annotations

import logging
import threading

__all__ = ["Warmup", "VisitorsFirst", "GIVE_WAY_S"]

log = logging.getLogger("lagesbild.app")

#: Longest wait, in seconds, for the requests being answered before the next page is computed anyway.
GIVE_WAY_S = 2.0


class VisitorsFirst:
    """ASGI middleware: counts the HTTP requests being answered in ``data`` (an
    :class:`~lagesbild.app.views.AppData`), except static files and the status endpoint, which
    never wait for the thread pool."""

    def __init__(self, app, data) -> None:
        self.app = app
        self.data = data

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path or path.startswith("/static/") or path == "/api/v1/status":
            await self.app(scope, receive, send)
            return
        with self.data.visit():
            await self.app(scope, receive, send)


class Warmup:
    """A daemon thread that warms :class:`~lagesbild.app.views.AppData` for each store generation."""

    def __init__(self, data, poll_s: float = 2.0, pages: bool = False) -> None:
        self.data = data
        self.poll_s = poll_s
        self.pages = pages
        self.done: set = set()  # generations warmed (or found with nothing to warm)
        # progress, as /api/v1/status shows it: status ∈ väntar, pågår, klar; kommuner done of all
        self.state: dict = {"status": "väntar", "sidor": pages, "klara": 0, "kommuner": 0}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="lagesbild-warmup", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            gen = self.data.store.generation
            if gen not in self.done:
                self.state = {**self.state, "status": "pågår", "klara": 0}
                if self.warm() and self.pages:
                    self.warm_pages(gen)
                self.state = {**self.state, "status": "klar"}
                self.done.add(gen)
            self._stop.wait(self.poll_s)

    def warm(self) -> bool:
        """Compute the shared tables through one kommun page's data; False when the store has none
        (no official områdestyper) or a computation failed (logged; the pages compute on demand)."""
        from lagesbild.errors import LagesbildError

        d = self.data
        try:
            year = d.default_year()
            codes = list(d.kommuner()["code"])
            for kommun in codes[:1]:
                d.profile(kommun, year)
                d.types_all(kommun)
                d.trend(kommun)
                d.measures(kommun, year)
            return bool(codes)
        except LagesbildError:  # nothing to warm (a store without types): pages say why themselves
            return False
        except Exception:  # never take the server down; the pages compute what they need
            log.exception("warm-up of the kommun pages' shared tables failed")
            return False

    def warm_pages(self, generation) -> None:
        """Every kommun page of the newest year (Swedish), one kommun at a time and the most
        populous first, each when no visitor is waiting (see :data:`GIVE_WAY_S`); stops when the
        server stops or the store has moved to another generation than ``generation``."""
        from lagesbild.errors import LagesbildError

        d = self.data
        year = d.default_year()
        codes = sorted(d.kommuner()["code"], key=lambda k: -self._population(k))
        self.state = {**self.state, "kommuner": len(codes), "klara": 0}
        for i, kommun in enumerate(codes, start=1):
            if self._stop.is_set() or d.store.generation != generation:
                return
            d.wait_idle(GIVE_WAY_S)
            try:
                d.kommun_page(kommun, year, "sv")
            except LagesbildError:  # a kommun without data for the year: its page says why
                pass
            except Exception:
                log.exception("warm-up of the kommun page %s failed", kommun)
            self.state = {**self.state, "klara": i}

    def _population(self, kommun: str) -> float:
        """The kommun's newest population (0 when unknown), from the shared trend table."""
        try:
            pop = self.data.trend(kommun)["folkmangd"].dropna()
        except Exception:  # ordering only: a kommun without a trend goes last
            return 0.0
        return float(pop.iloc[-1]) if len(pop) else 0.0
