"""`fetch kommun 1780` end to end: real recorded SCB, WFS and Kolada answers through real sockets.

The replay server serves the recorded Karlstad answers (TAB6586, TAB6574 by DeSO/RegSO 2025,
TAB5663, WFS DeSO/RegSO 2025, Kolada N15428/N17457). Tables without a recording are a 404 there,
so the fetch reports them as failed, which the test checks as well: nothing is invented.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lagesbild._config import resolve_settings
from lagesbild.errors import DataSourceError, InputError, NotFoundError
from lagesbild.services import fetch_area as fa
from lagesbild.services import source_frames as sf

KPIS = ["N15428", "N17457"]
_INPUTS = ["andel_lag_ek_standard", "andel_forgymnasial_utb_20_64", "andel_ek_bistand_langtidsarb_20_64"]


@pytest.fixture
def fsettings(replay, tmp_path):
    return resolve_settings(config_file=None, env={}, store=str(tmp_path / "s.duckdb"), cache=str(tmp_path / "cache"),
                            scb_api=f"{replay.base}/scb/v2", scb_api_v1=f"{replay.base}/scb/v1",
                            scb_geo_api=f"{replay.base}/geo/wfs", kolada_api=f"{replay.base}/kolada/v3",
                            http_retries=1)


@pytest.fixture
def run(writable_bundled_store, fsettings, fake_clock):
    def go(**kw):
        opts = {"scope": "kommun", "code": "1780", "kpis": KPIS, "schools": False, "sleep": fake_clock.sleep,
                "clock": fake_clock.clock, "backoff_s": 0.01, "max_backoff_s": 0.02}
        opts.update(kw)
        return fa.fetch_area(writable_bundled_store, fsettings, **opts)

    return go


def _count(store, sql="SELECT count(*) AS n FROM observations"):
    return int(store.sql(sql)["n"].iloc[0])


def test_karlstad_complete_after_one_fetch(run, writable_bundled_store, replay):
    st = writable_bundled_store
    assert st.geometries(level="regso", kommun="1780").empty  # no Karlstad boundaries bundled
    s = run()
    rows = pd.DataFrame(s["rader"])
    got = rows[rows["status"] == "hamtad"]
    assert {("scb_geo", "deso"), ("scb_geo", "regso")} <= set(zip(got["kalla"], got["niva"]))
    assert {"TAB6586", "TAB6574 (totalt)", "TAB5663"} <= set(got["tabell"].dropna())
    assert ("kolada", "kommun") in set(zip(got["kalla"], got["niva"]))
    # tables without a recording are reported as failed with SCB's (the replay's) answer, not invented
    failed = rows[rows["status"] == "misslyckad"]
    assert "TAB6571" in " ".join(failed["tabell"].dropna()) and failed["orsak"].str.len().gt(0).all()
    assert {"ej_publicerad", "ej_tillganglig"} <= set(rows["status"])

    # map drawn: DeSO 2025 and RegSO 2025 boundaries of Karlstad, the newest version by default
    from lagesbild.services.web import geometry_geojson, map_levels

    levels = {(m["level"], m["version"]): m["n"] for m in map_levels(st, "1780")}
    assert levels == {("regso", "RegSO2025"): 31, ("deso", "DeSO2025"): 57}
    body, version = geometry_geojson(st, "1780", "regso")
    fc = json.loads(body)
    assert version == "RegSO2025" and len(fc["features"]) == 31
    g = st.geometries(level="deso", kommun="1780", version="DeSO2025", simplified=True)
    assert len(g) == 57 and g.geometry.is_valid.all()
    # shared edges kept: the simplified DeSO still tile the same area (no gaps, no overlaps)
    full = st.geometries(level="deso", kommun="1780", version="DeSO2025")
    assert g.union_all().area == pytest.approx(full.union_all().area, rel=0.005)
    assert g.geometry.area.sum() == pytest.approx(g.union_all().area, rel=1e-6)

    # socioekonomiskt index inputs for every Karlstad RegSO 2025 (2024) and the index computed from them
    obs = st.observations(_INPUTS + ["socioekonomiskt_index"], level="regso", kommun="1780", year=2024,
                          version="RegSO2025")
    wide = obs.pivot_table(index="area_code", columns="variable", values="value")
    assert len(wide) == 31 and wide[_INPUTS].notna().all().all()
    recon = wide[_INPUTS].mean(axis=1)
    assert (recon - wide["socioekonomiskt_index"]).abs().max() < 0.05  # SCB: index = (V1+V2+V3)/3

    # age bands filled for DeSO and RegSO 2025 (TAB6574, 2025); bands add up to the total within CKM noise
    for level, version, n in (("deso", "DeSO2025", 57), ("regso", "RegSO2025", 31)):
        ages = st.observations([f"folkmangd_{a}" for a in ("0_4", "5_9", "80_w")] + ["folkmangd"], level=level,
                               kommun="1780", year=2025, version=version)
        w = ages.pivot_table(index="area_code", columns="variable", values="value")
        assert len(w) == n and w.notna().all().all() and (w["folkmangd"] > 0).all()
    total = st.observations("folkmangd", level="regso", kommun="1780", year=2025, version="RegSO2025")["value"].sum()
    assert 90_000 < total < 100_000  # Karlstad had about 96 000 inhabitants in 2025

    # coverage numeric for an age-targeted insats (förskola, 1–5 years) from the fetched age bands
    from lagesbild.prevention.coverage import coverage_table, target_population
    from lagesbild.prevention.model import Insats, Reach

    tp = target_population(st, "1780")
    assert not tp.empty and set(tp["stage"]) >= {"forskola", "lagstadiet"}
    ins = Insats(kommun="1780", name="Språkförskola", organisation="Förskoleförvaltningen", arenas=["forskola"],
                 levels=["universell"], life_stages=["forskola"], themes=["sprak"],
                 reach=[Reach(year=2025, participants=1200)])
    cov = coverage_table(st, "1780", [ins])
    row = cov[(cov["stage"] == "forskola")].iloc[0]
    target = tp[tp["stage"] == "forskola"]["population"].sum()
    assert row["target_population"] == pytest.approx(target) and 1000 < target < 10_000
    assert row["coverage"] == pytest.approx(1200 / target)


def test_second_run_is_a_no_op_from_the_cache(run, writable_bundled_store, replay):
    st = writable_bundled_store
    first = run()
    n_obs = _count(st)
    before = len(replay.log)
    second = run()
    # only the requests that failed the first time are asked again (nothing of them was cached)
    failed_paths = {r["path"] for r in replay.log[:before] if "TAB6574" in r["path"] or "TAB65" in r["path"]}
    again = replay.log[before:]
    assert all(r["path"] in failed_paths or "/tables" in r["path"] for r in again)
    assert _count(st) == n_obs
    assert second["skrivet"].get("observations_inserted", 0) == 0
    assert second["hamtade"] == first["hamtade"]


def test_dry_run_lists_requests_without_network(writable_bundled_store, fsettings, replay):
    s = fa.fetch_area(writable_bundled_store, fsettings, scope="kommun", code="1780", dry_run=True)
    assert replay.log == []
    plan = s["plan"]
    assert {p["kalla"] for p in plan} == {"scb", "scb_geo", "kolada", "valmyndigheten", "skolverket"}
    for p in plan:
        assert {"kalla", "niva", "celler"} <= set(p) and (("tabell" in p) != ("lager" in p))
    geo = {p["niva"]: p for p in plan if p["kalla"] == "scb_geo"}
    assert geo["deso"]["lager"] == "stat:DeSO_2025" and geo["deso"]["celler"] == 57
    assert geo["regso"]["celler"] == 31
    pop = next(p for p in plan if p.get("tabell") == "TAB6574" and p["niva"] == "deso")
    n_deso = len(writable_bundled_store.areas(level="deso", kommun="1780"))
    assert pop["celler"] == n_deso * 18 * 3  # regions (both versions) × 18 age bands × 3 sex × 1 year


def test_bad_codes_are_one_clear_line_and_leave_the_store_unchanged(run, writable_bundled_store, replay):
    st = writable_bundled_store
    n = _count(st)
    with pytest.raises(InputError, match="17 är en länskod"):
        run(code="17")
    with pytest.raises(NotFoundError, match="Kommunkoden 1799 finns inte"):
        run(code="1799")
    with pytest.raises(InputError, match="Ogiltig kommunkod"):
        run(code="Karlstad")
    with pytest.raises(InputError, match="1780 är en kommunkod"):
        run(scope="lan", code="1780")
    assert _count(st) == n and replay.log == []


def test_no_network_fails_fast_store_unchanged(writable_bundled_store, fsettings):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    dead = fsettings.replace(scb_api=f"http://127.0.0.1:{port}/api/v2")
    n = _count(writable_bundled_store)
    with pytest.raises(DataSourceError, match="LAGESBILD_SCB_API"):
        fa.fetch_area(writable_bundled_store, dead, scope="kommun", code="1780", kpis=KPIS, schools=False)
    assert _count(writable_bundled_store) == n


def test_interrupted_fetch_writes_nothing_and_resumes(run, writable_bundled_store, replay, monkeypatch):
    st = writable_bundled_store
    n = _count(st)
    calls = {"n": 0}
    original = sf.kolada_frames

    def boom(*a, **k):  # interrupt after the WFS and SCB requests, before the write
        calls["n"] += 1
        raise KeyboardInterrupt

    monkeypatch.setattr(sf, "kolada_frames", boom)
    with pytest.raises(KeyboardInterrupt):
        run()
    assert _count(st) == n and st.geometries(level="regso", kommun="1780").empty
    wfs_before = len(replay.requests("/geo/wfs"))
    monkeypatch.setattr(sf, "kolada_frames", original)
    run()
    assert len(replay.requests("/geo/wfs")) == wfs_before  # resumed from the cache
    assert len(st.geometries(level="regso", kommun="1780")) == 31 and _count(st) > n


def test_wfs_in_wrong_crs_fails_that_layer_and_says_why(run, writable_bundled_store, replay):
    from tests.sources import wfs_replay

    doc = wfs_replay.load("stat:DeSO_2025")  # edited copy: lon/lat values labelled EPSG:3006
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
    replay.extra_wfs["stat:DeSO_2025"] = doc
    s = run()
    row = next(r for r in s["rader"] if r["kalla"] == "scb_geo" and r["niva"] == "deso")
    assert row["status"] == "misslyckad" and "utanför Sverige" in row["orsak"]
    assert writable_bundled_store.geometries(level="deso", kommun="1780").empty


def test_year_without_data_is_one_line_store_unchanged(run, writable_bundled_store, replay):
    st = writable_bundled_store
    n = _count(st)
    with pytest.raises(InputError, match="Inget av åren 1990"):
        run(years=[1990])
    assert _count(st) == n and st.geometries(level="deso", kommun="1780").empty


def test_lan_and_riket_plans(writable_bundled_store, fsettings, replay):
    lan = fa.fetch_area(writable_bundled_store, fsettings, scope="lan", code="17", dry_run=True)
    assert len(lan["kommuner"]) == 16 and "1780" in lan["kommuner"]
    riket = fa.fetch_area(writable_bundled_store, fsettings, scope="riket", dry_run=True)
    assert len(riket["kommuner"]) == 290 and replay.log == []
    geo = next(p for p in riket["plan"] if p.get("lager") == "stat:DeSO_2025")
    assert geo["celler"] == 6160 and geo["anrop"] == 4  # 2 000 features per page
    assert riket["minsta_tid_s"] > lan["minsta_tid_s"] * 0.9


def test_html_error_page_and_truncated_answer_are_named(run, writable_bundled_store, replay):
    replay.fault("TAB6586/data", "html", "html")  # http_retries=1: two tries, both an HTML page
    replay.fault("/geo/wfs", "truncate")  # retried once, then whole
    s = run()
    row = next(r for r in s["rader"] if r.get("tabell") == "TAB6586")
    assert row["status"] == "misslyckad" and "HTML-sida ('502 Bad Gateway')" in row["orsak"]
    geo = {r["niva"]: r for r in s["rader"] if r["kalla"] == "scb_geo"}
    assert geo["deso"]["status"] == "hamtad" and geo["deso"]["varden"] == 57
    # the failed table wrote nothing; the others are in the store
    st = writable_bundled_store
    assert st.observations("socioekonomiskt_index", source="scb:TAB6586").empty
    assert not st.observations("folkmangd_0_4", source="scb:TAB6574").empty
