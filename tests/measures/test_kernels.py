"""Hand-computed cases, limits, invariances and identities for the aspatial kernels."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lagesbild.errors import DroppedUnitsWarning, InputError, SchemaError
from lagesbild.measures import compute, compute_many, registry
from lagesbild.measures import local as L
from lagesbild.measures import multigroup as MG
from lagesbild.measures import ordinal as O
from lagesbild.measures import singlegroup as SG
from lagesbild.measures.decomposition import between_within

# Example S (methods §3.11): 4 units of 100, x = (10, 30, 50, 10)
XS = np.array([10.0, 30, 50, 10])
TS = np.full(4, 100.0)
S2 = np.column_stack([XS, TS - XS])
# Example K: 3 groups × 3 units
K3 = np.array([[20.0, 10, 10], [10, 20, 10], [10, 10, 20]])
# Example N: nesting
N4 = np.array([[30.0, 10], [20, 10], [10, 20], [10, 30]])


def _e(p):
    return -sum(q * math.log(q) for q in p if q > 0)


@pytest.mark.parametrize("func, expected", [
    (SG.dissimilarity, 0.4), (SG.gini, 7 / 15), (SG.isolation, 0.36), (SG.exposure, 0.64),
    (SG.correlation_ratio, 11 / 75), (SG.entropy, 0.1312220799), (SG.atkinson, 0.1906111157),
])
def test_example_s(func, expected):
    assert float(func(XS, TS)) == pytest.approx(expected, abs=1e-10)


def test_example_s_entropy_from_first_principles():
    # H = Σ t_i (E − E_i) / (T E) with E = E(0.25), E_i = E(s_i)
    e = _e([0.25, 0.75])
    h = sum(100 * (e - _e([s, 1 - s])) for s in XS / 100) / (400 * e)
    assert float(SG.entropy(XS, TS)) == pytest.approx(h, abs=1e-12)
    m = e - sum(0.25 * _e([s, 1 - s]) for s in XS / 100)
    assert float(MG.mutual_information(S2)) == pytest.approx(m, abs=1e-12)
    assert m == pytest.approx(0.0737907873, abs=1e-10)


def test_example_s_gini_brute_force():
    s = XS / TS
    num = sum(TS[i] * TS[j] * abs(s[i] - s[j]) for i in range(4) for j in range(4))
    assert float(SG.gini(XS, TS)) == pytest.approx(num / (2 * 400**2 * 0.25 * 0.75), abs=1e-12)


@pytest.mark.parametrize("func, expected", [
    (MG.multi_dissimilarity, 0.25), (MG.multi_gini, 0.25), (MG.normalized_exposure, 0.0625),
    (MG.squared_coefficient_of_variation, 0.0625), (MG.relative_diversity, 0.0625),
    (MG.mutual_information, 0.0588915178), (MG.theil_h, 0.0536053696),
])
def test_example_k(func, expected):
    assert float(func(K3)) == pytest.approx(expected, abs=1e-10)


def test_example_k_local_scores_equal_m():
    ls = L.local_mutual_information(K3)
    assert np.allclose(ls, 0.0588915178, atol=1e-10)


def test_example_n_between_within():
    d = between_within(N4, ["a", "a", "b", "b"])
    assert d["total"] == pytest.approx(0.0990210258, abs=1e-10)
    assert d["between"] == pytest.approx(0.0948775920, abs=1e-10)
    assert d["within"] == pytest.approx(0.0041434338, abs=1e-10)
    h = between_within(N4, ["a", "a", "b", "b"], index="theil_h")
    assert h["total"] == pytest.approx(0.1428571429, abs=1e-10)
    assert h["between"] == pytest.approx(0.1368794314, abs=1e-10)
    assert h["within"] == pytest.approx(0.0059777114, abs=1e-10)
    assert np.allclose(L.local_mutual_information(N4), [0.13081204, 0.05663301, 0.05663301, 0.13081204],
                       atol=1e-8)


def test_complete_separation_and_even():
    sep = np.array([[50.0, 0], [0, 50]])
    for f in (SG.dissimilarity, SG.gini, SG.entropy, SG.concentration_profile, SG.min_max):
        assert float(f(sep[:, 0], sep.sum(1))) == pytest.approx(1.0, abs=1e-12)
    assert float(MG.mutual_information(sep)) == pytest.approx(math.log(2), abs=1e-12)
    assert float(MG.theil_h(sep)) == pytest.approx(1.0)
    k = 3
    sepk = np.eye(k) * 40
    assert float(MG.mutual_information(sepk)) == pytest.approx(math.log(k))
    for f in (MG.multi_dissimilarity, MG.multi_gini, MG.theil_h, MG.relative_diversity):
        assert float(f(sepk)) == pytest.approx(1.0)
    even = np.array([[25.0, 75], [10, 30], [50, 150]])
    x, t = even[:, 0], even.sum(1)
    for f in (SG.dissimilarity, SG.gini, SG.entropy, SG.atkinson, SG.correlation_ratio, SG.concentration_profile):
        assert float(f(x, t)) == pytest.approx(0.0, abs=1e-12)
    assert float(SG.isolation(x, t)) == pytest.approx(0.25)


def _all_global_ids():
    return [k for k, m in registry.items() if m.local_by is None and not m.needs
            and k not in ("bias_corrected_dissimilarity",)]


def _table(seed=0, n=40, k=3):
    rng = np.random.default_rng(seed)
    c = rng.integers(0, 200, size=(n, k)).astype(float)
    c[:, 0] += rng.integers(0, 400, size=n) * (np.arange(n) % 3 == 0)
    return c


@pytest.mark.parametrize("idx", _all_global_ids())
def test_invariances(idx):
    m = registry[idx]
    c = _table(1, k=4 if m.kind == "ordinal" else 3)
    base = float(m.kernel(c, **m.params))
    assert np.isfinite(base)
    perm = np.random.default_rng(2).permutation(c.shape[0])
    assert float(m.kernel(c[perm], **m.params)) == pytest.approx(base, rel=1e-9, abs=1e-12)
    if idx != "density_corrected_dissimilarity":  # depends on N by design (sampling correction)
        assert float(m.kernel(c * 7.5, **m.params)) == pytest.approx(base, rel=1e-9, abs=1e-12)
    lo, hi = m.value_range
    assert lo - 1e-12 <= base <= hi + 1e-12
    if m.kind == "multigroup":
        gp = [2, 0, 1]
        assert float(m.kernel(c[:, gp], **m.params)) == pytest.approx(base, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("idx", ["mutual_information", "theil_h", "multi_dissimilarity", "dissimilarity",
                                 "entropy", "isolation", "exposure", "normalized_exposure",
                                 "relative_diversity", "squared_coefficient_of_variation", "atkinson",
                                 "correlation_ratio", "concentration_profile", "min_max"])
def test_splitting_unit_into_identical_halves(idx):
    m = registry[idx]
    c = _table(3)
    split = np.vstack([c[1:], c[:1] / 2, c[:1] / 2])
    assert float(m.kernel(split, **m.params)) == pytest.approx(float(m.kernel(c, **m.params)), rel=1e-9)


def test_identities():
    c = _table(4)
    x, t = c[:, 0], c.sum(1)
    assert float(SG.isolation(x, t) + SG.exposure(x, t)) == pytest.approx(1.0)
    assert float(MG.theil_h(c)) == pytest.approx(float(MG.mutual_information(c) / MG.diversity(c)))
    two = np.column_stack([x, t - x])
    assert float(MG.multi_dissimilarity(two)) == pytest.approx(float(SG.dissimilarity(x, t)), abs=1e-12)
    assert float(MG.multi_gini(two)) == pytest.approx(float(SG.gini(x, t)), abs=1e-12)
    # K = 2: P = R = V
    v = float(SG.correlation_ratio(x, t))
    assert float(MG.normalized_exposure(two)) == pytest.approx(v)
    assert float(MG.relative_diversity(two)) == pytest.approx(v)
    w = t / t.sum()
    assert float((w * L.local_mutual_information(c)).sum()) == pytest.approx(float(MG.mutual_information(c)))
    pbar = c.sum(0) / c.sum()
    assert float((pbar * L.local_mutual_information(c, by="group")).sum()) == pytest.approx(
        float(MG.mutual_information(c)))
    assert float(MG.mutual_information(c)) == pytest.approx(float(MG.mutual_information(c.T)))  # symmetry
    assert float(MG.simpsons_interaction(c) + MG.simpsons_concentration(c)) == pytest.approx(1.0)
    assert (L.local_mutual_information(c) >= -1e-15).all()
    assert float(MG.mutual_information(c, base=2)) == pytest.approx(float(MG.mutual_information(c)) / math.log(2))


def test_multi_gini_matches_brute_force():
    c = _table(5, n=25, k=4)
    t = c.sum(1)
    comp = c / t[:, None]
    pbar = c.sum(0) / c.sum()
    num = sum(t[i] * t[j] * np.abs(comp[i] - comp[j]).sum() for i in range(25) for j in range(25))
    expected = num / (2 * c.sum() ** 2 * (pbar * (1 - pbar)).sum())
    assert float(MG.multi_gini(c)) == pytest.approx(expected, rel=1e-12)


def test_local_measures():
    c = np.array([[30.0, 10], [10, 30]])
    assert L.location_quotient(c).tolist() == [[1.5, 0.5], [0.5, 1.5]]
    assert np.allclose(L.local_entropy(c), _e([0.75, 0.25]) / math.log(2))
    assert L.ice(np.array([[10.0, 20, 70]]), privileged=2, deprived=0).tolist() == [0.6]


def test_rank_order():
    # complete separation of ordered classes → H^R = R^R = 1
    sep = np.eye(5) * 20
    assert float(O.rank_order_information_theory(sep)) == pytest.approx(1.0)
    assert float(O.rank_order_variance_ratio(sep)) == pytest.approx(1.0)
    even = np.tile([10.0, 20, 30, 40], (6, 1))
    assert float(O.rank_order_information_theory(even)) == pytest.approx(0.0, abs=1e-12)
    # with L = 0 the index is the unweighted mean of the threshold values
    c = _table(6, k=4)
    p, h = O.threshold_profile(c)
    assert float(O.rank_order_information_theory(c, order=0)) == pytest.approx(h.mean())
    # each threshold value is the two-group H of the dichotomised table
    for k in range(3):
        low = c[:, : k + 1].sum(1)
        assert h[k] == pytest.approx(float(SG.entropy(low, c.sum(1))))
    with pytest.raises(InputError, match="order"):
        O.rank_order_information_theory(c, order=3)


def test_zero_handling_and_errors():
    c = np.vstack([S2, [[0.0, 0.0]]])
    with pytest.warns(DroppedUnitsWarning):
        r = compute("dissimilarity", c)
    assert r.value == pytest.approx(0.4) and r.n_units == 4
    assert any("1 empty units dropped" in n for n in r.notes)
    r = compute("multi_dissimilarity", np.array([[1.0, 0, 2], [3, 0, 4]]), groups=["a", "tom", "c"])
    assert r.groups == ["a", "c"] and "tom" in r.notes_in("sv")[0] and "tom" in r.notes_in("en")[0]
    with pytest.raises(InputError) as e:   # an empty focal group: two-group indices are undefined
        compute("dissimilarity", np.array([[0.0, 1, 2], [0, 3, 4]]), groups=["tom", "b", "c"])
    assert "tom" in e.value.sv and "tom" in e.value.en
    with pytest.raises(InputError, match="negativ"):
        compute("dissimilarity", np.array([[1.0, -1], [2, 3]]))
    with pytest.raises(InputError, match="minst 2"):
        compute("dissimilarity", np.array([[1.0, 2]]))
    with pytest.raises(InputError, match="registrerat"):
        compute("dissimilarty", S2)
    with pytest.raises(InputError, match="'c'"):
        compute("atkinson", S2, c=1)


def test_compute_tidy_wide_and_total():
    import pandas as pd

    tidy = pd.DataFrame({"u": np.repeat(["a", "b", "c", "d"], 2), "g": ["x", "y"] * 4,
                         "n": S2.ravel()})
    r = compute("dissimilarity", tidy, unit="u", group="g", weight="n")
    assert r.value == pytest.approx(0.4)
    assert r.groups == ["x", "y"]
    wide = pd.DataFrame({"x": XS, "tot": TS}, index=list("abcd"))
    r2 = compute("gini", wide, groups=["x"], total="tot")
    assert r2.value == pytest.approx(7 / 15)
    row = r2.to_frame()
    assert list(row.columns) == ["measure", "value", "se", "ci_low", "ci_high", "method", "params", "n_units",
                                 "n_pop", "groups", "method_status"]
    with pytest.raises(InputError, match="≤ 'tot'"):
        compute("gini", wide.assign(tot=5), groups=["x"], total="tot")
    with pytest.raises(SchemaError):
        compute("gini", tidy, unit="u", group="saknas", weight="n")
    loc = compute("local_mutual_information", N4).to_frame()
    assert len(loc) == 4 and set(loc.columns) == {"measure", "unit", "value"}
    lq = compute("location_quotient", N4, groups=["p", "q"]).to_frame()
    assert len(lq) == 8 and set(lq.group) == {"p", "q"}
    # focal group choice: D is symmetric, isolation is not
    assert compute("isolation", S2, groups=["a", "b"], focal="b").value == pytest.approx(
        float(SG.isolation(S2[:, 1], TS)))


def test_compute_many_matches_single():
    tabs = [_table(s, n=10 + 7 * s) for s in range(6)]
    ids = _all_global_ids()
    ids = [i for i in ids if registry[i].kind != "ordinal"]
    out = compute_many(ids, tabs)
    for i, tab in enumerate(tabs):
        for j, idx in enumerate(ids):
            m = registry[idx]
            data = np.column_stack([tab[:, 0], tab[:, 1:].sum(1)]) if m.kind == "two_group" else tab
            assert out[i, j] == pytest.approx(float(m.kernel(data, **m.params)), rel=1e-9, abs=1e-12), idx


def test_bias_and_density_corrected():
    big = S2 * 100
    b1 = SG.bias_corrected_dissimilarity(big[:, 0], big.sum(1), seed=4)
    assert b1 == SG.bias_corrected_dissimilarity(big[:, 0], big.sum(1), seed=4)
    assert 0.39 < b1 < 0.4
    # density correction: a unit with equal shares contributes zero
    assert float(SG.density_corrected_dissimilarity(np.array([10.0, 10]), np.array([20.0, 20]))) == 0.0
    theta = np.array([0.5, 1.0, 1.5, 3.0])
    u = SG._fold_mode(theta)
    assert u[0] == 0 and u[1] == 0
    assert np.allclose(u[2:], theta[2:] * np.tanh(theta[2:] * u[2:]))
