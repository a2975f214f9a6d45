"""How a :class:`~lagesbild.store.Store` reaches its DuckDB file: parallel reads that follow the
generations of the file, write transactions that build the next generation, and the operational
store beside it. The domain reads and the write path are in :mod:`lagesbild.store.db`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator

import duckdb
import pandas as pd

from lagesbild._config import Settings
from lagesbild.errors import LagesbildError
from lagesbild.i18n import pair

__all__ = ["StoreAccess"]


class StoreAccess:
    """Connection handling of a store (an in-memory DuckDB connection, or a
    :class:`~lagesbild.store.generations.Reader` on a file)."""

    def __init__(self, con, path: str, settings: Settings, read_only: bool = False) -> None:
        # a file store reads through a generations.Reader (``con``) and writes new generations
        self._reader = None if path == ":memory:" else con
        self._con = con if self._reader is None else con.con
        self.path = path
        self.settings = settings
        self.read_only = read_only
        self.upgradable = False
        self._lock = threading.RLock()
        self._ops = None
        self._write_config: dict[str, object] = {}
        self._commits = 0  # an in-memory store's generation: its number of committed writes

    # ------------------------------------------------------------------ basics
    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._con.close()
        if self._ops is not None:
            self._ops.close()
            self._ops = None

    @property
    def operational(self):
        """The operational store beside this one (:mod:`lagesbild.store.operational`),
        opened at first use and closed with this store. For an in-memory store it is an
        in-memory database that lives as long as this object."""
        if self._ops is None:
            with self._lock:
                if self._ops is None:
                    from lagesbild.store.operational import open_operational

                    self._ops = open_operational(self.settings.replace(store=self.path))
        return self._ops

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sql(self, query: str, params: Iterable | None = None) -> pd.DataFrame:
        """Run a parameterised read query and return a DataFrame (for services and tests).
        Queries from several threads run in parallel, each on its own cursor."""
        with self._lock:
            if self._reader is None:
                cur = self._con.cursor()
            else:
                self._reader.follow()
                cur = self._reader.cursor()  # this thread's, kept for its next query
        try:
            return cur.execute(query, list(params or [])).df()
        finally:
            if self._reader is None:
                cur.close()

    @property
    def generation(self):
        """What identifies the generation of the file this object reads (in memory: the number of
        committed writes); a cache keyed on it sees every import."""
        if self._reader is None:
            return ("memory", self._commits)
        with self._lock:
            self._reader.follow()
            return self._reader.token

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write transaction; rolls back on any error.

        On a file store it writes a new generation of the file (:mod:`lagesbild.store.generations`):
        it waits for another writer, never for readers, and readers see it once it commits.
        """
        with contextlib.ExitStack() as stack:
            con = self._con
            if self._reader is None:
                stack.enter_context(self._lock)
            else:
                if self.read_only and not self.upgradable:
                    raise LagesbildError(*pair("store.read_only", path=self.path))
                from lagesbild.store.generations import next_generation

                con = stack.enter_context(next_generation(self.path, self.settings.write_wait_s,
                                                          config=self._write_config))
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            else:
                con.execute("COMMIT")
                self._commits += 1
        if self._reader is not None:
            with self._lock:
                self._reader.follow(force=True)
                self._con = self._reader.con

    @contextlib.contextmanager
    def write_settings(self, **config) -> Iterator[None]:
        """DuckDB settings (``memory_limit``, ``preserve_insertion_order`` …) for the write
        transactions inside the block; they apply to the connection that writes the new
        generation (file stores only)."""
        old = self._write_config
        self._write_config = {**old, **config}
        try:
            yield
        finally:
            self._write_config = old

