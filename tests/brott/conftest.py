"""Fixtures of the brott tests: a writable copy of the bundled store with its operational store."""

from __future__ import annotations

import shutil

import pytest

from lagesbild._config import resolve_settings


@pytest.fixture(scope="module")
def brott_env(bundled_store_path, tmp_path_factory):
    """(settings, store, ops) on a private copy of the bundled store (module scope)."""
    from lagesbild.services.brott import open_ops
    from lagesbild.store import open_store

    d = tmp_path_factory.mktemp("brott")
    dst = d / "lagesbild.duckdb"
    shutil.copy(bundled_store_path, dst)
    s = resolve_settings(config_file=None, env={}, store=str(dst))
    st = open_store(dst, settings=s, read_only=True)
    ops = open_ops(s)
    yield s, st, ops
    ops.close()
    st.close()


def luhn_digit(nine: str) -> str:
    """Check digit of a Swedish personal identity number (an implementation independent of lagesbild)."""
    total = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v // 10 + v % 10
    return str((10 - total % 10) % 10)


def _app_fixtures():
    """The shared browser fixtures of tests/app/conftest.py (base_url, browser, page)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_lagesbild_app_conftest",
                                                  Path(__file__).resolve().parents[1] / "app" / "conftest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.base_url, mod.browser, mod.page


base_url, browser, page = _app_fixtures()
