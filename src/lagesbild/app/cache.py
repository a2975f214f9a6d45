"""A small thread-safe LRU memo with one lock per key.

Concurrent requests for the same missing key wait for one computation instead of starting
their own; different keys compute in parallel. With ``epoch`` (e.g. the generation of the store
file) every entry belongs to the epoch in which it was computed: after an import the app's
caches start afresh, without a restart.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["Memo"]


class Memo:
    """LRU cache of computed values.

    Parameters
    ----------
    maxsize : int
        Most entries kept; the least recently used goes first.
    epoch : callable, optional
        Returns what identifies the current state of the data; entries of an earlier epoch are
        dropped the first time a new one is seen.
    """

    def __init__(self, maxsize: int = 256, epoch: Callable[[], Hashable] | None = None) -> None:
        self.maxsize = maxsize
        self._epoch_fn = epoch
        self._epoch: Hashable = None
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of ``key``, computing it with ``compute()`` once when missing.

        Exceptions are not cached.
        """
        if self._epoch_fn is not None:
            epoch = self._epoch_fn()
            if epoch != self._epoch:
                with self._lock:
                    if epoch != self._epoch:
                        self._data.clear()
                        self._epoch = epoch
            key = (epoch, key)
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            klock = self._key_locks.setdefault(key, threading.Lock())
        with klock:
            with self._lock:
                if key in self._data:
                    self.hits += 1
                    return self._data[key]
            value = compute()
            with self._lock:
                self.misses += 1
                self._data[key] = value
                self._data.move_to_end(key)
                while len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
                self._key_locks.pop(key, None)
            return value

    def peek(self, key: Hashable) -> Any:
        """The cached value of ``key`` in the current epoch, or None; never computes (cheap
        enough for the event loop)."""
        if self._epoch_fn is not None:
            epoch = self._epoch_fn()
            if epoch != self._epoch:
                return None
            key = (epoch, key)
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
                self.hits += 1
            return value

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
