"""Aggregation rules: counts sum, shares recomputed, means need weights, medians refused."""

import pandas as pd
import pytest

from lagesbild.errors import InputError
from lagesbild.store.aggregate import aggregate

META = pd.DataFrame({
    "kind": ["count", "count", "share", "mean", "mean", "median", "share"],
    "unit": ["personer", "personer", "procent", "tkr", "tkr", "tkr", "procent"],
    "numerator": [None, None, "a", None, None, None, None],
    "denominator": [None, None, "t", None, None, None, None],
    "weight": [None, None, None, "t", None, None, None],
}, index=["a", "t", "s", "m", "m_unweighted", "med", "s_nonum"])

MAP = pd.DataFrame({"from_code": ["u1", "u2", "u3"], "to_code": ["K", "K", "L"]})


def obs(rows):
    return pd.DataFrame(rows, columns=["area_code", "year", "variable", "value"])


def test_counts_sum_and_shares_are_recomputed_not_averaged():
    o = obs([("u1", 2023, "a", 1), ("u1", 2023, "t", 10), ("u2", 2023, "a", 90), ("u2", 2023, "t", 100),
             ("u3", 2023, "a", 5), ("u3", 2023, "t", 5)])
    res = aggregate(o, MAP, ["a", "t", "s"], META).set_index(["area_code", "variable"])["value"]
    assert res[("K", "a")] == 91 and res[("K", "t")] == 110
    assert res[("K", "s")] == pytest.approx(100 * 91 / 110)
    averaged = (10 + 90) / 2  # what averaging the unit shares would give
    assert res[("K", "s")] != pytest.approx(averaged)
    assert res[("L", "s")] == pytest.approx(100.0)


def test_weighted_mean_and_refusals():
    o = obs([("u1", 2023, "m", 100), ("u1", 2023, "t", 1), ("u2", 2023, "m", 200), ("u2", 2023, "t", 3)])
    res = aggregate(o, MAP[MAP.to_code == "K"], ["m"], META)
    assert res["value"].iloc[0] == pytest.approx((100 + 600) / 4)
    for var, word in (("m_unweighted", "vikter"), ("med", "median"), ("s_nonum", "täljare")):
        with pytest.raises(InputError, match=word):
            aggregate(o, MAP, [var], META)


def test_incomplete_children_give_no_value_rather_than_a_partial_sum():
    o = obs([("u1", 2023, "a", 1)])  # u2 missing
    res = aggregate(o, MAP, ["a"], META)
    assert "K" not in set(res["area_code"])


def test_invariance_to_permuting_units():
    o = obs([("u1", 2023, "a", 3), ("u2", 2023, "a", 4), ("u3", 2023, "a", 5)])
    r1 = aggregate(o, MAP, ["a"], META)
    r2 = aggregate(o.sample(frac=1, random_state=1), MAP.sample(frac=1, random_state=2), ["a"], META)
    pd.testing.assert_frame_equal(r1, r2)


def test_store_kommun_counts_equal_sum_of_regso(bundled_store):
    k = bundled_store.counts(["fodda_i_sverige", "fodda_utrikes"], level="kommun", year=2023)
    r = bundled_store.counts(["fodda_i_sverige", "fodda_utrikes"], level="regso", kommun="1480", year=2023)
    assert k.loc["1480"].tolist() == r.sum().tolist()
    # all of Sweden 2023: SCB's official population 10 551 707 (data README)
    assert k.sum().sum() == 10_551_707


def test_store_share_at_kommun_level_is_recomputed(bundled_store):
    s = bundled_store.observations_at(["andel_utrikes_fodda"], level="kommun", year=2023)
    v = s.set_index("area_code")["value"]
    k = bundled_store.counts(["fodda_utrikes", "folkmangd"], level="kommun", year=2023)
    assert v["0127"] == pytest.approx(100 * k.loc["0127", "fodda_utrikes"] / k.loc["0127", "folkmangd"])
    assert s["derived"].all()


def test_store_refuses_to_aggregate_a_mean_without_weights(bundled_store):
    with pytest.raises(InputError, match="medelvärdesbildas"):
        bundled_store.observations_at(["loneinkomst_medel_tkr"], level="kommun", year=2023)


def test_variables_stored_at_different_levels_aggregate_in_one_call(bundled_store):
    # turnout is stored per kommun, born abroad per RegSO: both must reach län level
    got = bundled_store.observations_at(["valdeltagande", "andel_utrikes_fodda"], level="lan",
                                        year=[2022]).set_index(["area_code", "variable"])["value"]
    k = bundled_store.observations(["rostande", "rostberattigade"], level="kommun", year=2022)
    w = k[k["area_code"].str[:2] == "14"].pivot_table(index="area_code", columns="variable", values="value")
    assert got[("14", "valdeltagande")] == pytest.approx(100 * w["rostande"].sum() / w["rostberattigade"].sum())
    c = bundled_store.counts(["fodda_utrikes", "folkmangd"], level="regso", year=2022)
    c = c[c.index.str[:2] == "14"]
    assert got[("14", "andel_utrikes_fodda")] == pytest.approx(100 * c["fodda_utrikes"].sum() / c["folkmangd"].sum())
