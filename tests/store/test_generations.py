"""Generations of the DuckDB store: readers never fail because of a writer, writers wait for each
other (bounded), a killed writer leaves the store as it was."""

from __future__ import annotations

import glob
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest

from lagesbild.errors import ConflictError
from lagesbild.store import open_store
from lagesbild.store.generations import CHECK_INTERVAL_S, WriterLock

_SRC = [{"id": "t", "publisher": "test"}]
_VARS = [{"id": "v", "label_sv": "V", "kind": "count"}]
_AREA = {"version": "test", "level": "kommun", "name": "A", "parent_code": None, "parent_version": None,
         "kommun": None, "lan": None}


def _areas(*codes):
    return pd.DataFrame([{"code": c, **_AREA, "kommun": c} for c in codes])


def _codes(store) -> list[str]:
    return sorted(store.sql("SELECT code FROM areas")["code"])


def _child(code: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, **kw)


def test_reader_follows_a_new_generation(settings):
    path = settings.store
    writer = open_store(path, settings=settings)
    reader = open_store(path, settings=settings, read_only=True)
    try:
        writer.write(areas=_areas("0001"), label="t")
        first = reader.generation
        assert _codes(reader) == ["0001"]
        writer.write(areas=_areas("0002"), label="t")
        time.sleep(CHECK_INTERVAL_S + 0.1)
        assert _codes(reader) == ["0001", "0002"]
        assert reader.generation != first
    finally:
        writer.close()
        reader.close()


def test_write_while_another_process_reads(settings):
    """A process that keeps the store open for reading (as `serve` does) blocks no writer, and a
    read-only open during a write works."""
    path = settings.store
    open_store(path, settings=settings).close()
    reader = _child(f"""
        import sys, time
        from lagesbild._config import resolve_settings
        from lagesbild.store import open_store
        st = open_store({path!r}, settings=resolve_settings(config_file=None, env={{}}), read_only=True)
        print("ready", flush=True)
        seen = set()
        deadline = time.time() + 20
        while time.time() < deadline and "0003" not in seen:
            seen = set(st.sql("SELECT code FROM areas")["code"])
            time.sleep(0.05)
        print(",".join(sorted(seen)), flush=True)
    """)
    assert reader.stdout.readline().strip() == "ready"
    st = open_store(path, settings=settings)
    try:
        for code in ("0001", "0002", "0003"):
            st.write(areas=_areas(code), label="t")
            other = open_store(path, settings=settings, read_only=True)  # a CLI read meanwhile
            assert code in _codes(other)
            other.close()
    finally:
        st.close()
    out, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err
    assert out.strip() == "0001,0002,0003"


def test_concurrent_writers_wait_for_each_other(settings):
    path = settings.store
    open_store(path, settings=settings).close()
    code = """
        import sys
        from lagesbild._config import resolve_settings
        import pandas as pd
        from lagesbild.store import open_store
        st = open_store({path!r}, settings=resolve_settings(config_file=None, env={{}}))
        for i in range(5):
            st.write(areas=pd.DataFrame([{{"code": "{p}%d" % i, "version": "test", "level": "kommun",
                                            "name": "x", "kommun": "k"}}]), label="t")
        print("ok", flush=True)
    """
    procs = [_child(code.format(path=path, p=p)) for p in ("A", "B", "C")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "ok", err
    st = open_store(path, settings=settings, read_only=True)
    try:
        assert _codes(st) == sorted(f"{p}{i}" for p in "ABC" for i in range(5))
    finally:
        st.close()


def test_a_writer_that_waits_too_long_stops_with_a_message(settings):
    path = settings.store
    st = open_store(path, settings=settings.replace(write_wait_s=0.3))
    held = threading.Event()
    release = threading.Event()

    def hold():
        with WriterLock(path, 5):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    try:
        held.wait(5)
        t0 = time.monotonic()
        with pytest.raises(ConflictError) as exc:
            st.write(areas=_areas("0001"), label="t")
        assert 0.25 <= time.monotonic() - t0 < 5
        msg = exc.value.message("sv")
        assert "skrivs av en annan process" in msg and "0,3" not in msg and "write_wait_s" in msg
    finally:
        release.set()
        t.join()
    st.write(areas=_areas("0001"), label="t")  # free again: the same write succeeds
    assert _codes(st) == ["0001"]
    st.close()


def test_kill_during_a_write_leaves_the_store_as_it_was(settings):
    path = settings.store
    st = open_store(path, settings=settings)
    st.write(areas=_areas("0001"), label="t")
    before = _codes(st)
    st.close()
    writer = _child(f"""
        import time
        import pandas as pd
        from lagesbild._config import resolve_settings
        from lagesbild.store import open_store
        st = open_store({path!r}, settings=resolve_settings(config_file=None, env={{}}))
        with st.transaction() as con:
            con.execute("INSERT INTO areas (code, version, level) VALUES ('0999', 'test', 'kommun')")
            print("writing", flush=True)
            time.sleep(60)
    """)
    assert writer.stdout.readline().strip() == "writing"
    assert glob.glob(path + ".next-*")  # a half-written generation exists
    os.kill(writer.pid, signal.SIGKILL)
    writer.communicate(timeout=10)  # reaps it and closes its pipes
    st = open_store(path, settings=settings.replace(write_wait_s=5))
    try:
        assert _codes(st) == before
        st.write(areas=_areas("0002"), label="t")  # the lock is free and the leftover is removed
        assert _codes(st) == ["0001", "0002"]
        assert not glob.glob(path + ".next-*")
    finally:
        st.close()
