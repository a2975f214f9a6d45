"""Generations of the analytical store: readers never wait for writers, writers wait for each other.

DuckDB lets one process write a database file, and no other process open it while it does.
So that the web app, CLI look-ups and imports can run at the same time, nobody writes the store
file in place:

* A **writer** (``Store.transaction()``: import, fetch, init) takes the store's writer lock
  (``<store>.lock``, an advisory ``flock``; a second writer waits up to the setting
  ``write_wait_s`` and then stops with a Swedish message), copies the current file to
  ``<store>.next-<pid>``, writes there, checkpoints, and renames the copy over the store file
  (``os.replace``: atomic on POSIX file systems). If the writer dies (even ``kill -9``) the store
  file is untouched and the next writer removes the half-written copy.
* A **reader** opens the current file read-only (attached to a private in-memory DuckDB
  instance, so each generation gets its own file handle) and checks before each query whether
  the file was replaced; queries from then on see the new generation. Queries already running finish on the old
  one (its file stays readable until the
  last handle closes).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import threading
import time
import weakref
from collections.abc import Iterator

import duckdb

from lagesbild.errors import ConflictError, LagesbildError
from lagesbild.i18n import pair

__all__ = [
    "ALIAS",
    "CHECK_INTERVAL_S",
    "Reader",
    "WriterLock",
    "per_generation",
    "forget_shared",
    "connect_read",
    "file_token",
    "next_generation",
    "writer_lock_path",
]

#: Name under which a reader attaches the store file.
ALIAS = "lagesbild"
#: Readers look for a new generation at most this often (seconds); a ``stat`` costs microseconds,
#: so by default every query looks and sees the newest committed generation.
CHECK_INTERVAL_S = 0.0


def writer_lock_path(path: str) -> str:
    return f"{path}.lock"


def file_token(path: str) -> tuple[int, int, int] | None:
    """What identifies one generation of the file (inode, change time, size); None if absent."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def connect_read(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current generation of ``path``."""
    con = duckdb.connect(":memory:")
    quoted = path.replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {ALIAS} (READ_ONLY)")
        con.execute(f"USE {ALIAS}")
    except duckdb.Error as exc:
        con.close()
        raise LagesbildError(*pair("store.cannot_open", path=path, detail=str(exc).splitlines()[0])) from None
    return con


class WriterLock:
    """The store's writer lock: an exclusive ``flock`` on ``<store>.lock``, waited for at most
    ``wait_s`` seconds (then :class:`ConflictError` in Swedish and English)."""

    def __init__(self, path: str, wait_s: float) -> None:
        self.path = path
        self.wait_s = float(wait_s)
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        import fcntl

        fd = os.open(writer_lock_path(self.path), os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait_s
        pause = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ConflictError(
                        *pair("store.write_wait_timeout", path=self.path, seconds=f"{self.wait_s:g}")
                    ) from None
                time.sleep(pause)
                pause = min(pause * 1.5, 0.25)
        self._fd = fd
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _remove(path: str) -> None:
    """Remove a generation file with its WAL and DuckDB's spill folder (``<file>.tmp``)."""
    for p in (path, path + ".wal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
    shutil.rmtree(path + ".tmp", ignore_errors=True)


def _fsync(path: str, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without fsync on directories
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def next_generation(path: str, wait_s: float, config: dict | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable connection to a copy of the store; swapped in when the block ends normally.

    ``config`` holds DuckDB settings for the writing connection (``memory_limit`` …). On any
    exception the copy is removed and the store file stays as it was.
    """
    with WriterLock(path, wait_s):
        for stale in glob.glob(glob.escape(path) + ".next-*"):  # left by a writer that died
            if not stale.endswith((".wal", ".tmp")):
                _remove(stale)
            elif os.path.isdir(stale):
                shutil.rmtree(stale, ignore_errors=True)
        nxt = f"{path}.next-{os.getpid()}-{threading.get_ident()}"
        legacy_wal = os.path.exists(path + ".wal")  # a store last written in place (release 0.1)
        if os.path.exists(path):
            shutil.copyfile(path, nxt)
            if legacy_wal:
                shutil.copyfile(path + ".wal", nxt + ".wal")
        try:
            con = duckdb.connect(nxt, config={k: v for k, v in (config or {}).items()})
        except duckdb.Error as exc:
            _remove(nxt)
            raise LagesbildError(*pair("store.cannot_open", path=path, detail=str(exc).splitlines()[0])) from None
        try:
            yield con
            con.execute("CHECKPOINT")
            con.close()
            _fsync(nxt)
            if legacy_wal:
                _remove(path + ".wal")
            os.replace(nxt, path)
            _fsync(os.path.dirname(os.path.abspath(path)), directory=True)
        except BaseException:
            with contextlib.suppress(Exception):
                con.close()
            _remove(nxt)
            raise


class Reader:
    """A read connection that follows the generations of the store file at ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.token = file_token(path)
        self.con = connect_read(path)
        self._checked = time.monotonic()
        self._local = threading.local()

    def follow(self, force: bool = False) -> bool:
        """Move to the newest generation if the file was replaced (looked at no more often than
        every :data:`CHECK_INTERVAL_S` seconds unless ``force``); True when it moved. The old
        connection is not closed: queries running on it finish on the old generation."""
        now = time.monotonic()
        if not force and now - self._checked < CHECK_INTERVAL_S:
            return False
        self._checked = now
        token = file_token(self.path)
        if token is None or (token == self.token and not force):
            return False
        self.con = connect_read(self.path)
        self.token = token
        return True

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the current generation (made once per thread and generation;
        the caller must not close it)."""
        local = self._local
        if getattr(local, "con", None) is not self.con:
            cur = self.con.cursor()
            cur.execute(f"USE {ALIAS}")
            local.con, local.cur = self.con, cur
        return local.cur


_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SHARED_LOCK = threading.Lock()


def per_generation(store, key, compute):
    """``compute()`` once per store object, generation of its file and ``key``, shared by all
    threads (concurrent first callers wait for one computation). For results that are the same
    for every page — national blocks — and must follow imports. Entries of an earlier generation
    are dropped; a store that cannot be weakly referenced is not cached."""
    gen = getattr(store, "generation", None)
    with _SHARED_LOCK:
        try:
            slots = _SHARED.setdefault(store, {})
        except TypeError:
            slots = None
        if slots is not None:
            for k in [k for k in slots if k[0] != gen]:
                del slots[k]
            slot = slots.setdefault((gen, key), [threading.Lock(), None, False])
    if slots is None:
        return compute()
    with slot[0]:
        if not slot[2]:
            slot[1], slot[2] = compute(), True
    return slot[1]


def forget_shared(store) -> None:
    """Drop every result :func:`per_generation` keeps for ``store`` (the next call computes afresh)."""
    with _SHARED_LOCK:
        try:
            _SHARED.pop(store, None)
        except TypeError:  # a store that cannot be weakly referenced is never cached
            pass

