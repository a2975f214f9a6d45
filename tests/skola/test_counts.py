"""Eligible pupils derived from published shares × pupil numbers reproduce the shares within rounding."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from lagesbild.skola.counts import NOT_ELIGIBLE_MAX, derive_counts
from lagesbild.store.bundled import data_path


def half_up(x, decimals: int = 1):
    """Skolverket rounds halves up (81,25 → 81,3); Python and pandas round halves to even."""
    f = 10 ** decimals
    return np.floor(np.asarray(x, dtype=float) * f + 0.5 + 1e-9) / f


def test_derived_counts_reproduce_published_shares_2024_25():
    """Real 2024/25 export: n pupils and the published share → e; 100·e/n rounds back to the share."""
    sk = pd.read_parquet(data_path("skolverket_ak9_2024_25.parquet"))
    sk = sk.dropna(subset=["antal_elever", "andel_behoriga_yrkesprog"])
    d = derive_counts(sk.rename(columns={"antal_elever": "elever", "andel_behoriga_yrkesprog": "andel"})
                      .assign(status=None))
    assert len(d) > 1000
    back = half_up(100 * d["behoriga"] / d["elever"])
    assert np.abs(back - d["andel"].to_numpy()).max() < 1e-6
    # the point lies inside its rounding bounds, and the bounds inside [0, n]
    assert ((d["behoriga_min"] <= d["behoriga"]) & (d["behoriga"] <= d["behoriga_max"])).all()
    assert ((d["behoriga_min"] >= 0) & (d["behoriga_max"] <= d["elever"])).all()
    # every integer in the bounds is consistent with the published share (bounds are not too wide)
    for r in d.sample(200, random_state=1).itertuples():
        for e in range(int(r.behoriga_min), int(r.behoriga_max) + 1):
            assert abs(100 * e / r.elever - r.andel) <= 0.05 + 1e-9


def test_no_published_share_implies_one_to_four_not_eligible():
    """The basis of the ~100 interval: published shares never leave 1–4 pupils not eligible."""
    sk = pd.read_parquet(data_path("skolverket_ak9_2024_25.parquet"))
    sk = sk.dropna(subset=["antal_elever", "andel_behoriga_yrkesprog"])
    not_eligible = (sk["antal_elever"] * (100 - sk["andel_behoriga_yrkesprog"]) / 100).round()
    assert not ((not_eligible >= 1) & (not_eligible <= NOT_ELIGIBLE_MAX)).any()
    assert (not_eligible == NOT_ELIGIBLE_MAX + 1).any()  # the threshold is tight


def test_markers():
    d = derive_counts(pd.DataFrame({"elever": [30, 12, 40, np.nan], "andel": [np.nan, np.nan, np.nan, 80.0],
                                    "status": ["~100", "..", ".", None]}))
    assert d["behoriga_min"].iloc[0] == 30 - NOT_ELIGIBLE_MAX and d["behoriga_max"].iloc[0] == 29
    assert d["harledning"].tolist() == ["ca100_intervall", "utesluten_markering", "utesluten_markering",
                                        "utesluten_elever_saknas"]
    assert d["behoriga"].iloc[1:].isna().all()


@given(st.integers(1, 400), st.data())
def test_bounds_contain_the_true_count(n, data):
    e = data.draw(st.integers(0, n))
    share = float(half_up(100 * e / n))
    d = derive_counts(pd.DataFrame({"elever": [n], "andel": [share], "status": [None]}))
    lo, hi, point = d["behoriga_min"].iloc[0], d["behoriga_max"].iloc[0], d["behoriga"].iloc[0]
    assert lo <= e <= hi
    assert math.isclose(float(half_up(100 * point / n)), share, abs_tol=1e-9)
