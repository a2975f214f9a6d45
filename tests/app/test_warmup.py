"""The warm-up computes the national tables the kommun pages share, once per store generation, and
again after a write; a store without områdestyper has nothing to warm and is not an error."""

from __future__ import annotations

import time

import pandas as pd
import pytest


def _app_data(store, settings):
    from lagesbild.app.views import AppData

    return AppData(store, settings)


def test_after_warmup_a_first_kommun_page_reads_no_national_table(writable_bundled_store, monkeypatch):
    from lagesbild.app.warmup import Warmup
    from lagesbild.store.generations import forget_shared
    from lagesbild.typology import omradestyp as ot

    st = writable_bundled_store
    forget_shared(st)
    data = _app_data(st, st.settings)
    assert Warmup(data).warm() is True
    calls = []
    real = ot.official_types
    monkeypatch.setattr(ot, "official_types", lambda *a, **k: calls.append(k) or real(*a, **k))
    other = [c for c in data.kommuner()["code"] if c != data.kommuner()["code"].iloc[0]][5]
    year = data.default_year()
    page = data.kommun_page(other, year, "sv")
    assert page["profile"]["kommun"]["code"] == other
    assert calls == []  # the official types of every RegSO were read by the warm-up, not by this page


def test_warmup_follows_a_new_generation(writable_bundled_store):
    from lagesbild.app.warmup import Warmup

    st = writable_bundled_store
    w = Warmup(_app_data(st, st.settings), poll_s=0.05)
    w.start()
    try:
        deadline = time.monotonic() + 60
        while st.generation not in w.done and time.monotonic() < deadline:
            time.sleep(0.05)
        assert st.generation in w.done
        first = st.generation
        st.write(variables=pd.DataFrame([{"id": "uppvarmning_test", "label_sv": "Test", "label_en": "Test",
                                           "unit": "antal", "kind": "count"}]))
        assert st.generation != first
        while st.generation not in w.done and time.monotonic() < deadline:
            time.sleep(0.05)
        assert {first, st.generation} <= w.done
    finally:
        w.stop()


def test_nothing_to_warm_on_a_store_without_types():
    from lagesbild._config import resolve_settings
    from lagesbild.app.warmup import Warmup
    from lagesbild.store import open_store

    st = open_store(":memory:", settings=resolve_settings(config_file=None, env={}))
    try:
        assert Warmup(_app_data(st, st.settings)).warm() is False
    finally:
        st.close()


@pytest.mark.parametrize("value, expected", [("0", False), ("false", False), ("1", True)])
def test_setting_switches_it(value, expected):
    from lagesbild._config import resolve_settings

    assert resolve_settings(config_file=None, env={"LAGESBILD_APP_WARMUP": value}).app_warmup is expected


def test_page_warmup_computes_each_kommun_page_and_counts(writable_bundled_store):
    from lagesbild.app.warmup import Warmup

    st = writable_bundled_store
    data = _app_data(st, st.settings)
    every = data.kommuner()
    data.kommuner = lambda q=None: every.iloc[10:13]  # three kommuner keep the test short
    w = Warmup(data, pages=True)
    assert w.warm() is True
    year = data.default_year()
    codes = list(every["code"].iloc[10:13])
    assert all(data.memo.peek(("kommun_page", k, year, "sv")) is None for k in codes)
    w.warm_pages(st.generation)
    assert w.state["klara"] == w.state["kommuner"] == 3
    for k in codes:
        page = data.memo.peek(("kommun_page", k, year, "sv"))
        assert page is not None and page["profile"]["kommun"]["code"] == k


def test_page_warmup_stops_when_the_generation_has_moved(writable_bundled_store):
    from lagesbild.app.warmup import Warmup

    st = writable_bundled_store
    data = _app_data(st, st.settings)
    w = Warmup(data, pages=True)
    w.warm_pages(generation=("an", "earlier", "generation"))
    assert w.state["klara"] == 0 and w.state["kommuner"] == len(data.kommuner())


def test_status_endpoint_reports_the_warmup(cli_store_path):
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    base = resolve_settings(config_file=None, env={}, store=str(cli_store_path))
    assert base.app_warmup and base.app_warmup_pages  # both on by default
    app = create_app(settings=base.replace(app_warmup=False))
    with TestClient(app) as c:
        body = c.get("/api/v1/status").json()
    assert body["uppvarmning"] == {"status": "av", "sidor": False, "klara": 0, "kommuner": 0}
    assert body["version"]
    app.state.data.store.close()
    app = create_app(settings=base.replace(app_warmup_pages=False))  # the shared tables only: seconds
    with TestClient(app) as c:
        deadline = time.monotonic() + 120
        seen = set()
        while time.monotonic() < deadline:
            r = c.get("/api/v1/status")
            assert r.headers["cache-control"] == "no-store"
            state = r.json()["uppvarmning"]
            seen.add(state["status"])
            assert state["status"] in {"väntar", "pågår", "klar"} and state["sidor"] is False
            if state["status"] == "klar":
                break
            time.sleep(0.1)
    assert "klar" in seen
    app.state.data.store.close()
