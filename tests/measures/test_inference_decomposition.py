"""Inference (null models, bootstrap, two-sample tests) and decompositions (IPF, Shapley,
between/within, spatial vs compositional)."""

from __future__ import annotations

import numpy as np
import pytest

from lagesbild.errors import ConvergenceError, DroppedUnitsWarning, InputError
from lagesbild.measures import compute
from lagesbild.measures import inference as INF
from lagesbild.measures.decomposition import between_within, shapley_change, spatial_compositional
from lagesbild.measures.ipf import ipf
from lagesbild.measures.multigroup import mutual_information
from lagesbild.measures.singlegroup import dissimilarity


def _d(c):
    return dissimilarity(c[..., 0], c.sum(-1))


C = np.array([[80, 20], [60, 40], [30, 70], [10, 90], [45, 55], [5, 15]])
C3 = np.array([[40, 10, 5], [10, 30, 20], [5, 5, 60], [20, 20, 20]])


@pytest.mark.parametrize("null", sorted(INF.NULL_MODELS))
def test_null_models_reproducible_and_margins(null):
    a = INF.simulate(C3, null, 20, seed=7)
    b = INF.simulate(C3, null, 20, seed=7)
    c = INF.simulate(C3, null, 20, seed=8)
    assert a.shape == (20, 4, 3)
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    if null in ("person_permutation", "geographic_permutation"):
        assert (a.sum(axis=1) == C3.sum(axis=0)).all()
    if null == "person_permutation":
        assert (a.sum(axis=2) == C3.sum(axis=1)).all()
    if null in ("systematic", "systematic_permutation"):
        assert (a.sum(axis=1) == C3.sum(axis=0)).all()
    if null == "evenness":
        assert (a.sum(axis=2) == C3.sum(axis=1)).all()
    if null == "geographic_permutation":
        assert sorted(map(tuple, a[0])) == sorted(map(tuple, C3))


def test_single_value_test_and_compute():
    r = compute("dissimilarity", C, inference="person_permutation", n_sim=199, seed=1)
    assert r.p_value is not None and r.p_values["greater"] < 0.01
    assert r.simulations.shape == (199,)
    r2 = compute("dissimilarity", C, inference="person_permutation", n_sim=199, seed=1)
    assert np.array_equal(r.simulations, r2.simulations)
    assert 0 < r.expected_under_null < r.value
    assert r.params["seed"] == 1 and r.params["inference"] == "person_permutation"


def test_p_values_roughly_uniform_under_null():
    from scipy import stats

    rng = np.random.default_rng(11)
    ps = []
    for _ in range(60):
        t = rng.integers(20, 60, size=15)
        x = rng.binomial(t, 0.3)
        c = np.column_stack([x, t - x])
        ps.append(INF.single_value_test(_d, c, "evenness", 99, seed=rng)["p_values"]["greater"])
    assert stats.kstest(ps, "uniform").pvalue > 0.001


def test_non_integer_counts_refused():
    with pytest.raises(InputError, match="heltal"):
        INF.simulate(C + 0.5, "systematic", 5, seed=1)
    with pytest.raises(InputError, match="rescale"):
        try:
            INF.bootstrap_bc(mutual_information, C + 0.5, 5, seed=1)
        except InputError as e:
            raise InputError(e.en) from None


def test_bias_corrected_bootstrap_below_plugin():
    small = np.array([[3, 2, 1], [1, 4, 2], [2, 2, 3], [1, 1, 1]])
    r = compute("mutual_information", small, inference="bootstrap_bc", n_sim=300, seed=5)
    assert r.value < float(mutual_information(small))
    assert r.se > 0 and r.ci_low < r.value < r.ci_high
    row = r.to_frame().iloc[0]
    assert row.se == r.se and row.method == "bias-corrected bootstrap"
    for idx in ("theil_h", "dissimilarity"):
        rr = compute(idx, C, inference="bootstrap_bc", n_sim=100, seed=2)
        assert rr.se is not None


def test_two_sample_tests():
    other = C[:, ::-1]
    for null in ("random_label", "person_permutation", "composition", "share", "dual_composition",
                 "bootstrap"):
        r = INF.two_sample_test("dissimilarity", C, other * 2, null=null, n_sim=99, seed=3)
        assert set(r["p_values"]) == {"two_sided", "greater", "less"}
        r2 = INF.two_sample_test("dissimilarity", C, other * 2, null=null, n_sim=99, seed=3)
        assert np.array_equal(r["simulations"], r2["simulations"])
    seg = np.array([[95, 5], [5, 95], [90, 10], [10, 90], [92, 8], [8, 92]])
    mixed = np.array([[55, 45], [45, 55], [50, 50], [52, 48], [48, 52], [50, 50]])
    r = INF.two_sample_test("dissimilarity", seg, mixed, null="random_label", n_sim=199, seed=1,
                            alternative="greater")
    assert r["observed"] > 0 and r["p_value"] < 0.05
    assert INF.two_sample_test("dissimilarity", seg, mixed, n_sim=199, seed=1, alternative="less")["p_value"] > 0.5


# --- IPF and Shapley ---------------------------------------------------------------------

def test_ipf_all_ones():
    assert np.allclose(ipf(np.ones((2, 2)), [30, 70], [40, 60]), [[12, 18], [28, 42]])


def test_ipf_karmel_maclachlan_1988():
    # occupations × (male, female); source and target tables of the published example
    source = np.array([[100, 50], [50, 50], [100, 50]])
    target = np.array([[125, 100], [100, 100], [100, 75]])
    out = ipf(source, target.sum(axis=1), target.sum(axis=0), tol=1e-12)
    assert np.array_equal(out.round(1), [[134.7, 90.3], [85.5, 114.5], [104.8, 70.2]])
    assert np.allclose(out.sum(axis=0), target.sum(axis=0)) and np.allclose(out.sum(axis=1), target.sum(axis=1))
    # odds ratios of the seed are kept
    def orat(t):
        return (t[0, 0] * t[1, 1]) / (t[0, 1] * t[1, 0])
    assert orat(out) == pytest.approx(orat(source))


def test_ipf_non_convergence():
    with pytest.raises(ConvergenceError, match="max_iter"):
        ipf(np.array([[1.0, 0], [0, 1]]), [1, 1], [1.5, 0.5], max_iter=5)


COMPS = ("additions", "removals", "group_marginal", "unit_marginal", "structural")


def test_shapley_identities_and_null_cases():
    rng = np.random.default_rng(3)
    a = rng.integers(1, 100, size=(8, 3)).astype(float)
    b = a * rng.uniform(0.5, 1.5, size=a.shape)
    d = shapley_change(a, b)
    assert d["diff"] == pytest.approx(sum(d[k] for k in COMPS), abs=1e-12)
    assert d["M1"] == pytest.approx(float(mutual_information(a)))
    same = shapley_change(a, a)
    assert all(abs(same[k]) < 1e-9 for k in COMPS + ("diff",))
    doubled = shapley_change(a, 2 * a)
    assert all(abs(doubled[k]) < 1e-9 for k in COMPS + ("diff",))
    # only change: a new unit in B → only additions
    with pytest.warns(DroppedUnitsWarning):
        new = shapley_change(a, np.vstack([a, [[300, 1, 1]]]), units_a=list(range(8)), units_b=list(range(9)))
    assert abs(new["additions"]) > 1e-3
    assert all(abs(new[k]) < 1e-8 for k in ("removals", "group_marginal", "unit_marginal", "structural"))
    # only group margin change: multiplying a group's column keeps the structure
    gm = shapley_change(a, a * np.array([1.0, 3.0, 1.0]))
    assert abs(gm["structural"]) < 1e-6 and abs(gm["unit_marginal"]) > 0


def test_between_within_identity_random():
    rng = np.random.default_rng(9)
    c = rng.integers(0, 50, size=(30, 4)).astype(float) + 1
    lab = rng.integers(0, 5, size=30)
    for idx in ("mutual_information", "theil_h"):
        d = between_within(c, lab, index=idx)
        assert d["total"] == pytest.approx(d["between"] + d["within"], abs=1e-12)


def test_spatial_compositional():
    rng = np.random.default_rng(2)
    c1 = rng.integers(1, 100, size=(20, 2))
    c2 = rng.integers(1, 100, size=(25, 2))
    for approach in ("composition", "share", "dual_composition"):
        d = spatial_compositional("dissimilarity", c1, c2, approach)
        assert d["c_s"] + d["c_a"] == pytest.approx(d["s1_a1"] - d["s2_a2"], abs=1e-14)
        same = spatial_compositional("dissimilarity", c1, c1, approach)
        assert abs(same["c_s"]) < 1e-12 and abs(same["c_a"]) < 1e-12


@pytest.mark.parametrize("approach", ["composition", "share", "dual_composition"])
def test_spatial_compositional_vs_pysal(approach):
    pytest.importorskip("segregation")
    import warnings
    from pathlib import Path

    import pandas as pd
    from segregation.decomposition import DecomposeSegregation
    from segregation.singlegroup import Dissim

    d = pd.read_parquet(Path(__file__).parent / "data" / "regso_2020_2023.parquet")
    d = d[d.year == 2023]
    frames = []
    for k in ("1480", "1280"):
        f = d[d.kommun == k]
        frames.append(pd.DataFrame({"x": (f.folkmangd_totalt - f.folkmangd_fodda_i_sverige).astype(float),
                                    "t": f.folkmangd_totalt.astype(float)}).reset_index(drop=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = DecomposeSegregation(Dissim(frames[0], "x", "t"), Dissim(frames[1], "x", "t"),
                                      counterfactual_approach=approach)
    c1, c2 = (np.column_stack([f.x, f.t - f.x]) for f in frames)
    ours = spatial_compositional("dissimilarity", c1, c2, approach)
    assert ours["c_s"] == pytest.approx(theirs.c_s, abs=1e-9)
    assert ours["c_a"] == pytest.approx(theirs.c_a, abs=1e-9)
