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


def test_page_warmup_gives_way_to_visitors_and_takes_the_most_populous_first(writable_bundled_store,
                                                                              monkeypatch):
    import threading

    from lagesbild.app import warmup as wu

    st = writable_bundled_store
    data = _app_data(st, st.settings)
    every = data.kommuner()
    data.kommuner = lambda q=None: every.iloc[:6]
    w = wu.Warmup(data, pages=True)
    assert w.warm() is True
    done = []
    real = data.kommun_page
    data.kommun_page = lambda k, y, lang: done.append(k) or real(k, y, lang)
    monkeypatch.setattr(wu, "GIVE_WAY_S", 30.0)
    with data.visit():  # a request being answered: the warm-up waits
        t = threading.Thread(target=w.warm_pages, args=(st.generation,))
        t.start()
        time.sleep(0.5)
        assert done == [] and t.is_alive()
    t.join(60)
    assert not t.is_alive()
    pop = {k: float(data.trend(k)["folkmangd"].dropna().iloc[-1]) for k in every["code"].iloc[:6]}
    assert done == sorted(pop, key=lambda k: -pop[k])
    assert pop[done[0]] > pop[done[-1]]


def test_visitors_are_counted_except_static_files_and_status(cli_store_path):
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup=False)
    app = create_app(settings=s)
    data = app.state.data
    seen = []
    real = data.visit

    def visit():
        seen.append("visit")
        return real()

    data.visit = visit
    with TestClient(app) as c:
        assert c.get("/static/app.css").status_code == 200
        assert c.get("/api/v1/status").status_code == 200
        assert seen == []
        assert c.get("/api/v1/kommuner").status_code == 200
        assert seen == ["visit"]
    assert data.wait_idle(0) is True  # nothing being answered afterwards
    data.store.close()


def test_first_visits_build_their_pages_in_turn(cli_store_path):
    import asyncio
    import threading

    import httpx

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup=False)
    for builds, most in ((1, 1), (3, 3)):
        app = create_app(settings=s.replace(page_builds=builds))
        data = app.state.data
        real = data.kommun_page
        lock = threading.Lock()
        state = {"now": 0, "most": 0}

        def page(k, y, lang, real=real, state=state, lock=lock):
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
            time.sleep(0.2)
            try:
                return real(k, y, lang)
            finally:
                with lock:
                    state["now"] -= 1

        data.kommun_page = page

        async def visits(app=app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                return await asyncio.gather(*(c.get(f"/kommun/{k}") for k in ("0127", "0136", "0138", "0139")))

        answers = asyncio.run(visits())
        assert [r.status_code for r in answers] == [200] * 4
        assert state["most"] == most
        data.store.close()
