"""Shared fixtures: settings, an empty in-memory store, and the bundled store built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lagesbild._config import resolve_settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
#: Read before the autouse fixture below removes LAGESBILD_* variables from each test.
TEST_POSTGRES_URL = os.environ.get("LAGESBILD_TEST_POSTGRES_URL", "")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the checkout (present in CI and for developers)."""
    if not SHARED.exists():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED


@pytest.fixture
def settings(tmp_path):
    return resolve_settings(config_file=None, env={}, store=str(tmp_path / "t.duckdb"),
                            cache=str(tmp_path / "cache"))


@pytest.fixture(params=["sqlite", "postgresql"])
def ops_settings(request, tmp_path):
    """Settings whose operational store is SQLite (a file in tmp_path) or, in a second run,
    a fresh PostgreSQL database on the server named by LAGESBILD_TEST_POSTGRES_URL (skipped
    when that variable is unset). Yields Settings; the database is dropped afterwards."""
    base = resolve_settings(config_file=None, env={}, store=str(tmp_path / "t.duckdb"),
                            cache=str(tmp_path / "cache"))
    if request.param == "sqlite":
        yield base
        return
    admin_url = TEST_POSTGRES_URL
    if not admin_url:
        pytest.skip("LAGESBILD_TEST_POSTGRES_URL is not set")
    import uuid

    import sqlalchemy as sa

    from lagesbild.store.operational import operational_url

    name = f"lagesbild_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(operational_url(base.replace(database_url=admin_url)),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(operational_url(base.replace(database_url=admin_url))).set(database=name)
    try:
        yield base.replace(database_url=url.render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def empty_store(settings):
    from lagesbild.store import open_store

    st = open_store(":memory:", settings=settings)
    yield st
    st.close()


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory) -> Path:
    """Path of a store file holding all bundled data (built once per test process)."""
    from lagesbild.services.store import init_store

    path = tmp_path_factory.mktemp("bundled") / "lagesbild.duckdb"
    s = resolve_settings(config_file=None, env={}, store=str(path))
    init_store(s)
    return path


@pytest.fixture(scope="session")
def bundled_store(bundled_store_path):
    """The bundled store, opened read-only; do not write to it (copy the file instead)."""
    from lagesbild.store import open_store

    s = resolve_settings(config_file=None, env={}, store=str(bundled_store_path))
    st = open_store(bundled_store_path, settings=s, read_only=True)
    yield st
    st.close()


@pytest.fixture
def writable_bundled_store(bundled_store_path, tmp_path):
    """A private, writable copy of the bundled store."""
    import shutil

    from lagesbild.store import open_store

    dst = tmp_path / "copy.duckdb"
    shutil.copy(bundled_store_path, dst)
    s = resolve_settings(config_file=None, env={}, store=str(dst))
    st = open_store(dst, settings=s)
    yield st
    st.close()


@pytest.fixture(scope="module")
def cli_store_path(bundled_store_path, tmp_path_factory) -> Path:
    """A copy of the bundled store for CLI and app tests, one per test module.

    DuckDB refuses to open one file read-write and read-only in the same process, and the
    session's ``bundled_store`` holds the original open read-only: CLI commands (which open
    the store named by ``--store``) must therefore get their own file.
    """
    import shutil

    dst = tmp_path_factory.mktemp("cli") / "lagesbild.duckdb"
    shutil.copy(bundled_store_path, dst)
    return dst


@pytest.fixture
def cli(cli_store_path, capsys):
    """Run ``lagesbild ARGS…`` in-process on a copy of the bundled store: (status, stdout, stderr)."""
    from lagesbild.cli import main

    def run(*args):
        code = main(["--store", str(cli_store_path), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.fixture(autouse=True)
def _no_user_env(monkeypatch):
    for k in list(os.environ):
        if k.startswith("LAGESBILD_"):
            monkeypatch.delenv(k, raising=False)


@pytest.fixture(scope="session")
def serve_app():
    """A context manager that serves an ASGI app with uvicorn in a thread on a free local port and
    yields its base URL (for browser tests)."""
    import contextlib
    import socket
    import threading
    import time

    @contextlib.contextmanager
    def serve(app):
        uvicorn = pytest.importorskip("uvicorn")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                               access_log=False))
        th = threading.Thread(target=server.run, daemon=True)
        th.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            th.join(10)

    return serve

