"""Socioekonomiskt index: recomputation, cut-points, calibration, class uncertainty."""

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import InputError, NotFittedError, NotFoundError
from lagesbild.services.lagesbild import socioekonomiskt_index
from lagesbild.typology import calibration as cal
from lagesbild.typology import socioindex as si


@pytest.fixture(scope="module")
def karlstad(bundled_store):
    return si.read_tab6586(bundled_store, kommun="1780")


def test_read_tab6586_karlstad(karlstad):
    assert len(karlstad) == 31 * 14
    assert sorted(karlstad["year"].unique()) == list(range(2011, 2025))
    assert karlstad[["index_official", *si.INPUTS, "omradestyp"]].notna().all().all()
    assert set(karlstad[karlstad["year"] == 2024]["area_version"]) == {"RegSO2025"}


def test_recomputed_index_matches_published_within_rounding(karlstad):
    chk = si.index_check(karlstad)
    assert chk["ok"] and chk["n"] == 434 and chk["n_within"] == 434
    assert chk["max_abs_diff"] <= 0.05
    assert chk["max_abs_diff"] == pytest.approx(0.0333, abs=1e-3)
    rec = si.recompute_index(karlstad)
    # the mean, not z-scores: rescaling one input moves the index by a third of it
    shifted = karlstad.assign(andel_lag_ek_standard=karlstad["andel_lag_ek_standard"] + 3)
    np.testing.assert_allclose(si.recompute_index(shifted) - rec, 1.0)


def test_recompute_rejects_missing_columns(karlstad):
    with pytest.raises(InputError, match="saknas"):
        si.recompute_index(karlstad.drop(columns="andel_lag_ek_standard"))


# feasible ranges for μ and σ per year from methods-segregation.md §2.3 (Karlstad, ±0,05)
SPEC = {2011: (10.15, 10.44, 5.10, 5.69), 2015: (9.65, 10.24, 5.30, 6.09),
        2018: (8.83, 10.55, 4.67, 6.39), 2022: (8.69, 10.51, 5.20, 6.89),
        2024: (8.06, 9.18, 4.70, 5.62)}


@pytest.mark.parametrize("year", sorted(SPEC))
def test_bracket_ranges_reproduce_the_spec_table(karlstad, year):
    g = karlstad[karlstad["year"] == year]
    clf = si.CutpointClassifier(method="bracket").fit(g["index_official"], g["omradestyp"])
    lo_mu, hi_mu, lo_s, hi_s = SPEC[year]
    assert clf.consistent_
    assert clf.mu_range_ == pytest.approx((lo_mu, hi_mu), abs=0.015)
    assert clf.sigma_range_ == pytest.approx((lo_s, hi_s), abs=0.015)
    assert lo_mu <= clf.mu_ <= hi_mu and lo_s <= clf.sigma_ <= hi_s
    np.testing.assert_allclose(clf.cutpoints_, clf.mu_ + np.array(si.DEFAULT_MULTIPLES) * clf.sigma_)
    assert (clf.cutpoint_ranges_[:, 0] <= clf.cutpoints_ + 1e-9).all()
    assert (clf.cutpoint_ranges_[:, 1] >= clf.cutpoints_ - 1e-9).all()


def test_published_types_lie_on_the_right_side_of_fitted_cuts(karlstad):
    """Offline calibration test of §2.9 (±0,05 for rounding), every year."""
    for year, g in karlstad.groupby("year"):
        clf = si.CutpointClassifier().fit(g["index_official"], g["omradestyp"])
        x, t = g["index_official"].to_numpy(), g["omradestyp"].to_numpy().astype(int)
        c = clf.cutpoints_
        for b in range(4):  # boundary between type 5-b (better) and 4-b (worse)
            assert (x[t >= 5 - b] <= c[b] + 0.05).all(), year
            assert (x[t <= 4 - b] >= c[b] - 0.05).all(), year


def test_national_method_on_synthetic_distribution():
    rng = np.random.default_rng(1)
    x = rng.gamma(4.0, 2.5, size=3363)
    clf = si.CutpointClassifier(method="national", round_index=None).fit(x)
    mu, sd = x.mean(), x.std(ddof=1)
    np.testing.assert_allclose(clf.cutpoints_, [mu - sd, mu, mu + sd, mu + 2 * sd])
    pred = clf.predict(x)
    assert (pred[x >= mu + 2 * sd] == 1).all() and (pred[x < mu - sd] == 5).all()
    assert (pred[(x >= mu) & (x < mu + sd)] == 3).all()
    assert clf.predict(np.array([mu]))[0] == 3  # a value on a cut goes to the worse type
    w = rng.uniform(500, 3000, size=x.size)
    cw = si.CutpointClassifier(method="national", weighted=True).fit(x, weights=w)
    assert cw.mu_ == pytest.approx(np.average(x, weights=w))


def test_estimator_contract():
    clf = si.CutpointClassifier(method="bracket", ddof=0)
    assert clf.get_params()["ddof"] == 0 and not hasattr(clf, "cutpoints_")
    with pytest.raises(NotFittedError):
        clf.predict([1.0])
    assert clf.fit([1, 5, 9, 14, 20], [5, 4, 3, 2, 1]) is clf
    with pytest.raises(InputError, match="method"):
        si.CutpointClassifier(method="magic").fit([1, 2])
    with pytest.raises(InputError, match="types"):
        si.CutpointClassifier(method="bracket").fit([1, 2, 3])
    with pytest.raises(InputError, match="multiples"):
        si.CutpointClassifier(multiples=(2, 1, 0, -1)).fit([1, 2], [1, 2])


def test_inconsistent_types_fall_back_to_bracket_midpoints():
    # a worse type below a better one cannot come from μ + kσ
    clf = si.CutpointClassifier(tolerance=0).fit([1, 2, 10, 3, 20, 30], [5, 5, 4, 3, 2, 1])
    assert not clf.consistent_


def test_calibration_report_and_refusal(karlstad):
    rep = cal.calibration_report(karlstad)
    years = {y["year"]: y for y in rep["years"]}
    assert set(years) == set(range(2011, 2025))
    # 2012: two areas publish the same index 4,5 with types 4 and 5 — no cut separates them
    assert years[2012]["n_agree"] == 30 and rep["refused_years"] == [2012]
    for y in years.values():
        assert sum(p["n_official"] for p in y["per_type"]) == y["n"] == 31
        assert sum(sum(r.values()) for r in y["confusion"].values()) == 31
        assert y["cutpoints"]["method"] == "bracket"
    rec = cal.reconstruct(karlstad, report=rep)
    r12 = rec[rec["year"] == 2012]
    assert r12["typ_berakn"].isna().all() and (r12["status"] == "refused").all()
    assert "under kravet" in r12["anmarkning"].iloc[0]
    r23 = rec[rec["year"] == 2023]
    assert (r23["typ_berakn"] == r23["omradestyp"]).all()
    assert set(rec["label"]) == {"beräknad av lagesbild"}
    relaxed = cal.calibration_report(karlstad, min_agreement=0.95)
    assert relaxed["refused_years"] == []
    oos = cal.calibration_report(karlstad, fit_on="previous_year")
    assert min(y["year"] for y in oos["years"]) == 2012
    assert all(y["fitted_on"] == y["year"] - 1 for y in oos["years"])
    with pytest.raises(InputError):
        cal.calibration_report(karlstad, min_agreement=1.5)


def test_class_uncertainty():
    clf = si.CutpointClassifier(method="national", round_index=None).fit(
        np.array([0.0, 10.0, 20.0]))  # μ = 10, σ = 10: cuts 0, 10, 20, 30
    clf.cutpoint_ranges_ = np.column_stack([clf.cutpoints_ - 0.1, clf.cutpoints_ + 0.1])
    u = cal.class_uncertainty(np.array([10.3, 15.0, 19.8, np.nan]), clf, delta=0.5)
    assert u["typ"].tolist()[:3] == [3, 3, 3]
    assert u["marginal"].tolist()[:3] == pytest.approx([0.3, 5.0, 0.2])
    assert u["byter_typ"].tolist() == [True, False, True, False]
    assert u["osaker_klassning"].tolist() == [True, False, True, False]
    u0 = cal.class_uncertainty(np.array([10.05, 10.3]), clf, delta=0.0)
    assert u0["byter_typ"].tolist() == [False, False]
    assert u0["inom_gransosakerhet"].tolist() == [True, False]
    with pytest.raises(InputError, match="delta"):
        cal.class_uncertainty(np.array([1.0]), clf, delta=-1)


def test_own_areas_get_reconstructed_types(karlstad):
    fitted = cal.fit_cutpoints(karlstad)
    own = pd.DataFrame({"area_code": ["egen1", "egen2"], "year": [2023, 2023],
                        "andel_lag_ek_standard": [40.0, 5.0],
                        "andel_forgymnasial_utb_20_64": [30.0, 4.0],
                        "andel_ek_bistand_langtidsarb_20_64": [15.0, 0.5]})
    out = cal.reconstruct(own, fitted=fitted)
    assert out["typ_berakn"].tolist() == [1.0, 5.0]
    assert out["index_berakn"].tolist() == pytest.approx([85 / 3, 9.5 / 3])
    assert (out["method_status"] == "reconstructed").all()


def test_service_socioindex(bundled_store):
    res = socioekonomiskt_index(bundled_store, "1780", years=[2022, 2023], delta=0.5)
    assert res["method_status"] == "reconstructed" and res["label"] == "beräknad av lagesbild"
    assert res["calibration"]["ok_years"] == [2022, 2023]
    a = res["areas"]
    assert len(a) == 62 and a["osaker_klassning"].dtype == bool
    # an area whose index is within the perturbation of a cut is uncertain, a far one is not
    assert (a.loc[a["marginal"] < 0.45, "osaker_klassning"]).all()
    with pytest.raises(NotFoundError, match="TAB6586"):
        socioekonomiskt_index(bundled_store, "1480")
