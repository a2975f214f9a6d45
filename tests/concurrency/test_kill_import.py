"""kill -9 during a real `lagesbild import` leaves both stores as they were, and the next import
goes through."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest

from lagesbild.store import open_store

from .conftest import BIN, clean_env

pytestmark = pytest.mark.slow


def test_kill_during_import(bundled_store_path, tmp_path, settings):
    store = tmp_path / "lagesbild.duckdb"
    shutil.copy(bundled_store_path, store)
    s = settings.replace(store=str(store))
    st = open_store(store, settings=s, read_only=True)
    deso = st.sql("SELECT code FROM areas WHERE version = (SELECT max(version) FROM areas WHERE level = 'deso') "
                  "AND level = 'deso'")["code"].tolist()
    version = st.sql("SELECT max(version) AS v FROM areas WHERE level = 'deso'")["v"].iloc[0]
    n_before = int(st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0])
    st.operational  # noqa: B018  (creates the operational store beside it)
    st.close()
    big = tmp_path / "stor.csv"
    with open(big, "w", encoding="utf-8") as f:
        f.write("kod;ar;v\n")
        for year in range(1975, 2000):
            for i, code in enumerate(deso):
                f.write(f"{code};{year};{i % 997}\n")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(f"area: {{column: kod, version: {version}}}\nyear: {{column: ar}}\n"
                       "values: {folkmangd: v}\n", encoding="utf-8")
    env = clean_env()
    proc = subprocess.Popen([str(BIN), "--store", str(store), "import", str(big), "--mapping", str(mapping)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not glob.glob(str(store) + ".next-*") and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the import ended before it could be killed"
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    st = open_store(store, settings=s, read_only=True)
    assert int(st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0]) == n_before
    st.close()
    ops = sqlite3.connect(tmp_path / "lagesbild.ops.sqlite")
    assert ops.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ops.close()
    small = tmp_path / "liten.csv"
    small.write_text(f"kod;ar;v\n{deso[0]};1969;5\n", encoding="utf-8")
    r = subprocess.run([str(BIN), "--store", str(store), "import", str(small), "--mapping", str(mapping)],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert not [p for p in glob.glob(str(store) + ".next-*")]
    st = open_store(store, settings=s, read_only=True)
    assert int(st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0]) == n_before + 1
    st.close()
