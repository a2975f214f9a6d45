"""similar.compare places a kommun in its group: checked against pandas' own statistics and
competition ranking (method "min") on seeded groups with ties, missing values and a missing own value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lagesbild.typology.similar import compare


def _reference(values, kommun, members, higher_is_better):
    members = list(dict.fromkeys([*members, kommun]))
    v = values.reindex(members).astype(float)
    present = v.dropna()
    own = v.get(kommun)
    rank = None
    if own == own:
        rank = int(present.rank(ascending=higher_is_better is False, method="min")[kommun])
    stats = (present.mean(), present.median(), present.min(), present.max()) if len(present) else (None,) * 4
    return {"value": None if own != own else float(own), "n": len(present), "n_missing": int(v.isna().sum()),
            "group_mean": stats[0], "group_median": stats[1], "group_min": stats[2], "group_max": stats[3],
            "rank": rank}


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("higher_is_better", [None, True, False])
def test_compare_equals_pandas_statistics_and_min_rank(seed, higher_is_better):
    rng = np.random.default_rng(seed)
    codes = [f"{i:04d}" for i in range(rng.integers(2, 40))]
    vals = rng.integers(0, 8, len(codes)).astype(float)  # few distinct values: many ties
    vals[rng.random(len(codes)) < 0.2] = np.nan
    values = pd.Series(vals, index=codes)
    kommun = codes[rng.integers(len(codes))]
    members = list(rng.choice(codes, size=rng.integers(1, len(codes) + 1), replace=False)) + ["9999"]
    got = compare(values, kommun, members, higher_is_better=higher_is_better)
    want = _reference(values, kommun, members, higher_is_better)
    assert got.keys() == want.keys()
    for k, w in want.items():
        assert got[k] == (pytest.approx(w, rel=0, abs=1e-12) if isinstance(w, float) else w), k


def test_compare_by_hand():
    values = pd.Series({"a": 10.0, "b": 20.0, "c": 20.0, "d": float("nan")})
    r = compare(values, "b", ["a", "c", "d"], higher_is_better=True)
    assert r == {"value": 20.0, "n": 3, "n_missing": 1, "group_mean": pytest.approx(50 / 3), "group_median": 20.0,
                 "group_min": 10.0, "group_max": 20.0, "rank": 1}
    assert compare(values, "b", ["a", "c"], higher_is_better=False)["rank"] == 2  # a is lower (better)
    assert compare(values, "d", ["a"])["rank"] is None and compare(values, "d", ["a"])["value"] is None
