"""Segregation of results between schools: agreement with measures.compute and independent formulas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lagesbild.measures import compute
from lagesbild.skola import likvardighet as lik
from lagesbild.skola.counts import derive_counts


def _d(e, u):
    """Duncan & Duncan (1955): ½ Σ |e_i/E − u_i/U| — written out independently."""
    e, u = np.asarray(e, float), np.asarray(u, float)
    return 0.5 * np.abs(e / e.sum() - u / u.sum()).sum()


def _m(e, u):
    """Theil & Finizza / Frankel & Volij M = Σ_i Σ_g p_ig ln(p_ig / (p_i· p_·g)) (natural log)."""
    t = np.column_stack([e, u]).astype(float)
    p = t / t.sum()
    pi, pg = p.sum(1, keepdims=True), p.sum(0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p / (pi * pg)), 0.0)
    return terms.sum()


def _panel(rows):
    df = pd.DataFrame(rows, columns=["skolenhetskod", "year", "andel_behoriga_yrkesprog",
                                     "andel_behoriga_yrkesprog_status", "vikt", "meritvarde"])
    df["vikt_kalla"] = "elever_samma_ar"
    return df


def test_hand_computed_case():
    # 100 pupils at A with 90 % eligible, 100 at B with 50 %: e = (90, 50), u = (10, 50)
    p = _panel([("A", 2025, 90.0, None, 100, 250.0), ("B", 2025, 50.0, None, 100, 200.0)])
    seg = lik.segregation(p, draws=20).set_index("index")
    # D = ½ (|90/140 − 10/60| + |50/140 − 50/60|) = 0,47619…
    assert seg.loc["D", "varde"] == pytest.approx(0.5 * (abs(90 / 140 - 10 / 60) + abs(50 / 140 - 50 / 60)))
    assert seg.loc["D", "min"] == seg.loc["D", "max"] == pytest.approx(seg.loc["D", "varde"])  # exact shares


def test_identical_schools_have_no_segregation():
    p = _panel([(c, 2025, 80.0, None, 50, 230.0) for c in "ABCD"])
    seg = lik.segregation(p, draws=10).set_index("index")
    assert seg.loc["D", "varde"] == pytest.approx(0.0, abs=1e-12)
    assert seg.loc["M", "varde"] == pytest.approx(0.0, abs=1e-12)


def test_real_kommun_agrees_with_measures_compute_and_independent_formulas(bundled_store):
    panel = lik.school_panel(bundled_store, "0180")
    seg = lik.segregation(panel, draws=50)
    for year, g in panel.groupby("year"):
        d = derive_counts(g.rename(columns={"vikt": "_n"}), n="_n", share="andel_behoriga_yrkesprog",
                          status="andel_behoriga_yrkesprog_status")
        d = d[d["behoriga"].notna()]
        e, u = d["behoriga"].to_numpy(), d["ej_behoriga"].to_numpy()
        row = seg[(seg["year"] == year)].set_index("index")
        assert row.loc["D", "varde"] == pytest.approx(compute("dissimilarity", np.column_stack([e, u])).value)
        assert row.loc["M", "varde"] == pytest.approx(compute("mutual_information",
                                                              np.column_stack([e, u])).value)
        assert row.loc["D", "varde"] == pytest.approx(_d(e, u))
        assert row.loc["M", "varde"] == pytest.approx(_m(e, u))
        assert row.loc["D", "min"] <= row.loc["D", "varde"] <= row.loc["D", "max"]
        assert row.loc["D", "skolor"] == len(d)
    assert set(seg["year"]) == {2021, 2022, 2023, 2024, 2025}
    # 2024/25 has its own pupil numbers; earlier years borrow them (said in the output)
    assert set(seg.loc[seg["year"] == 2025, "vikt_kalla"]) == {"elever_samma_ar"}
    assert set(seg.loc[seg["year"] < 2025, "vikt_kalla"]) == {"elever_2025"}


def test_rounding_bounds_move_d_only_a_little(bundled_store):
    seg = lik.segregation(lik.school_panel(bundled_store, "1480"), draws=100)
    d = seg[seg["index"] == "D"]
    assert ((d["max"] - d["min"]) < 0.1).all()
    assert ((d["min"] <= d["varde"]) & (d["varde"] <= d["max"])).all()


def test_weighted_spread_and_trend():
    p = _panel([("A", y, 90.0, None, 100, 250.0 + (y - 2021)) for y in range(2021, 2026)]
               + [("B", y, 50.0, None, 300, 200.0) for y in range(2021, 2026)])
    sp, trend = lik.spread(p)
    # weighted mean (100·250 + 300·200)/400 = 212,5 in 2021
    assert sp.loc[sp["year"] == 2021, "medel"].iloc[0] == pytest.approx(212.5)
    # weighted SD of two points with weights ¼ and ¾ is |a − b|·√(¼·¾)
    assert sp.loc[sp["year"] == 2021, "sd"].iloc[0] == pytest.approx(50 * np.sqrt(0.25 * 0.75))
    assert trend["sd_trend_per_ar"] == pytest.approx(np.sqrt(0.25 * 0.75))  # the gap grows 1 point a year
    tr = lik.school_trends(p).set_index("skolenhetskod")
    assert tr.loc["A", "trend_per_ar"] == pytest.approx(1.0)
    assert tr.loc["A", "lagre"] == pytest.approx(1.0) and tr.loc["A", "ovre"] == pytest.approx(1.0)


def test_school_trend_interval_widens_with_noise():
    rng = np.random.default_rng(3)
    rows = [("S", y, 80.0, None, 12, 220 + rng.normal(0, 15)) for y in range(2021, 2026)]
    rows += [("L", y, 80.0, None, 200, 220 + rng.normal(0, 2)) for y in range(2021, 2026)]
    tr = lik.school_trends(_panel(rows)).set_index("skolenhetskod")
    assert (tr.loc["S", "ovre"] - tr.loc["S", "lagre"]) > (tr.loc["L", "ovre"] - tr.loc["L", "lagre"])
    assert bool(tr.loc["S", "litet_arskull"]) and not bool(tr.loc["L", "litet_arskull"])


def test_gaps_by_area_type_and_huvudman():
    p = _panel([("A", 2025, 90.0, None, 100, 260.0), ("B", 2025, 50.0, None, 100, 200.0),
                ("C", 2025, 70.0, None, 300, 180.0)])
    placed = pd.DataFrame({"skolenhetskod": ["A", "B", "C"], "omradestyp": [5.0, 1.0, 2.0]})
    g = lik.type_gap(p, placed).iloc[0]
    assert g["typ_1_2"] == pytest.approx((100 * 200 + 300 * 180) / 400)
    assert g["typ_4_5"] == pytest.approx(260.0)
    assert g["skillnad"] == pytest.approx(260.0 - 185.0)
    bt = lik.by_area_type(p, placed).set_index("omradestyp")
    assert bt.loc[1, "skolor"] == 1 and bt.loc[2, "meritvarde"] == pytest.approx(180.0)
    units = pd.DataFrame({"skolenhetskod": ["A", "B", "C"], "huvudman_typ": ["fristående", "kommunal", "kommunal"]})
    h = lik.by_huvudman(p, units).iloc[0]
    assert h["fristaende"] == pytest.approx(260.0) and h["skolor_kommunal"] == 2
