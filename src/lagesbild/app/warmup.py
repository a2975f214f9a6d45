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
newest year (in Swedish; the English page reuses the same data), one kommun at a time, so that no
first visitor waits for one. It stops early when the store gets a new generation (and starts
again for that one). Its progress is :attr:`Warmup.state`, shown by ``/api/v1/status``.
"""

from __future__ import annotations

import logging
import threading

__all__ = ["Warmup"]

log = logging.getLogger("lagesbild.app")


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
        """Every kommun page of the newest year (Swedish), one kommun at a time; stops when the
        server stops or the store has moved to another generation than ``generation``."""
        from lagesbild.errors import LagesbildError

        d = self.data
        year = d.default_year()
        codes = list(d.kommuner()["code"])
        self.state = {**self.state, "kommuner": len(codes), "klara": 0}
        for i, kommun in enumerate(codes, start=1):
            if self._stop.is_set() or d.store.generation != generation:
                return
            try:
                d.kommun_page(kommun, year, "sv")
            except LagesbildError:  # a kommun without data for the year: its page says why
                pass
            except Exception:
                log.exception("warm-up of the kommun page %s failed", kommun)
            self.state = {**self.state, "klara": i}
