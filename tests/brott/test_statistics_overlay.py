"""Brå statistics through the service and the utsatta-områden overlay on Botkyrka (0127)."""

from __future__ import annotations

import pytest

from lagesbild.errors import InputError


def test_statistik_keys_and_interval(brott_env):
    from lagesbild.services.brott import statistik

    s, st, ops = brott_env
    rows = statistik(st, "2081", years=[2024])
    ntu = [r for r in rows if r["kalla"].startswith("Nationella")]
    anm = [r for r in rows if r["kalla"] == "Anmälda brott"]
    assert ntu and anm
    for r in ntu:
        assert {"kalla", "variabel", "ar", "varde", "enhet", "ki_undre", "ki_ovre", "antal_svarande"} <= set(r)
        assert r["ki_undre"] <= r["varde"] <= r["ki_ovre"] and r["antal_svarande"] > 0
    tot = {r["enhet"]: r["varde"] for r in anm if r["variabel"] == "Totalt antal anmälda brott"}
    assert set(tot) == {"Antal", "Antal per 100 000 inv"}
    # a kommun outside Dalarna gets the Kolada total only (Botkyrka 13 281 per 100 000 in 2025)
    b = statistik(st, "0127")
    assert [(r["kalla"], r["ar"]) for r in b] == [("Kolada N07540 (Brå, anmälda brott)", 2025)]
    assert b[0]["varde"] == pytest.approx(13281, abs=0.5)
    with pytest.raises(InputError, match="--kommun"):
        statistik(st, "99")


def test_botkyrka_overlay(brott_env):
    from lagesbild.services.brott import utsatta

    s, st, ops = brott_env
    rows = utsatta(st, "0127")
    by = {u["namn"]: u for u in rows}
    assert {"Fittja", "Alby", "Hallunda / Norsborg", "Storvreten"} == set(by)
    for n in ("Fittja", "Alby", "Hallunda / Norsborg"):
        assert by[n]["kategori"] == "Särskilt utsatt område"
    assert by["Storvreten"]["kategori"] == "Utsatt område"
    fittja = {a["kod"]: a for a in by["Fittja"]["omraden"] if a["niva"] == "regso"}
    # most of RegSO Fittja (0127R005) lies inside the police area Fittja, and most of the police area in it
    assert fittja["0127R005"]["andel_av_omradet"] > 0.5 and fittja["0127R005"]["andel_av_polisomradet"] > 0.8
    hall = {a["kod"]: a for a in by["Hallunda / Norsborg"]["omraden"] if a["niva"] == "regso"}
    assert hall["0127R007"]["andel_av_omradet"] > 0.95  # RegSO Hallunda wholly inside
    for u in rows:
        for a in u["omraden"]:
            assert 0 <= a["andel_av_omradet"] <= 1 and 0 <= a["andel_av_polisomradet"] <= 1
            if a["niva"] == "regso":
                assert a["andel_befolkning"] is not None and 0 <= a["andel_befolkning"] <= 1
        # the regso shares of the police area's surface sum to about one (simplified boundaries: slivers)
        tot = sum(a["andel_av_polisomradet"] for a in u["omraden"] if a["niva"] == "regso")
        assert 0.9 < tot <= 1.02


def test_new_edition_import(brott_env, tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    from lagesbild.services.brott import utsatta

    s, st, ops = brott_env
    reg = st.geometries(level="regso", kommun="2081", version="RegSO2020")
    g = reg[reg["code"] == "2081R013"].geometry.iloc[0]
    x0, y0, x1, y1 = g.bounds
    f = tmp_path / "uso_2026.geojson"
    gpd.GeoDataFrame({"NAMN": ["Testområde"], "KATEGORI": ["Riskområde"]},
                     geometry=[box(x0 - 5000, y0 - 5000, x1 + 5000, y1 + 5000)], crs=3006).to_file(f)
    rows = utsatta(st, "2081", path=f)
    assert rows[0]["kategori_kod"] == "riskomrade"
    assert any(a["kod"] == "2081R013" and a["andel_av_omradet"] == 1.0 for a in rows[0]["omraden"])
    bad = tmp_path / "bad.geojson"
    gpd.GeoDataFrame({"NAMN": ["X"], "KATEGORI": ["Okänd"]}, geometry=[box(0, 0, 1, 1)], crs=3006).to_file(bad)
    with pytest.raises(InputError, match="Okänd"):
        utsatta(st, "2081", path=bad)


def test_fetched_kolada_kpis_are_listed(writable_bundled_store):
    import pandas as pd

    from lagesbild.services.brott import statistik

    st = writable_bundled_store
    st.write(variables=pd.DataFrame([{"id": "kolada_N07403", "label_sv": "Anmälda våldsbrott, antal/100 000 inv",
                                      "label_en": "Reported violent crime", "unit": "antal/100 000", "kind": "mean"},
                                     {"id": "kolada_N07540", "label_sv": "Anmälda brott totalt, antal/100 000 inv",
                                      "label_en": "Reported crime", "unit": "antal/100 000", "kind": "mean"}]),
             sources=pd.DataFrame([{"id": "kolada:test", "publisher": "RKA (Kolada)"}]),
             observations=pd.DataFrame([
                 {"area_code": "0127", "area_version": "kommun2025", "year": 2024, "variable": "kolada_N07403",
                  "value": 1500.0, "source_id": "kolada:test", "status": None},
                 {"area_code": "0127", "area_version": "kommun2025", "year": 2025, "variable": "kolada_N07540",
                  "value": 13300.0, "source_id": "kolada:test", "status": None}]), label="test")
    rows = statistik(st, "0127")
    got = sorted((r["kalla"], r["ar"], r["varde"]) for r in rows)
    # the fetched N07540 2025 replaces the bundled value of that year
    assert got == [("Kolada N07403 (Brå)", 2024, 1500.0), ("Kolada N07540 (Brå)", 2025, 13300.0)]
