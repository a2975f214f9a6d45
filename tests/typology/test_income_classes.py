"""Counts per income quartile from shares × persons (typology.income_classes), computed by hand.

All numbers are small hand-made test values, not SCB data.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lagesbild.typology.income_classes import COUNT_VARIABLES, SHARE_VARIABLES, counts_from_shares
from lagesbild.typology.ojamlikhet import ojamlikhetsindex

P = "nettoinkomst_antal"
COLS = ["area_code", "area_version", "year", "variable", "value", "status"]


def _rows(area, persons, shares, *, year=2024, status=None):
    """Tidy rows of one test area: persons and the four shares (None = no row, NaN = suppressed)."""
    status = status or {}
    out = []
    for var, v in zip([P, *SHARE_VARIABLES], [persons, *shares]):
        if v is None:
            continue
        out.append((area, "TEST", year, var, v, status.get(var, ".." if isinstance(v, float) and math.isnan(v)
                                                             else None)))
    return out


def _frame(*areas):
    return pd.DataFrame([r for a in areas for r in a], columns=COLS)


def _wide(counts):
    return counts.pivot_table(index="area_code", columns="variable", values="value", dropna=False)


def test_hand_computed_counts_rounded_half_up():
    obs = _frame(_rows("A", 200, [12.5, 37.5, 30.0, 20.0]),  # 25, 75, 60, 40 exactly
                 _rows("B", 100, [12.5, 37.5, 27.5, 22.5]),  # 12,5 → 13; 37,5 → 38; 27,5 → 28; 22,5 → 23
                 _rows("C", 10, [33.3, 33.3, 16.7, 16.7]))   # 3,33 → 3; 3,33 → 3; 1,67 → 2; 1,67 → 2
    counts, problems = counts_from_shares(obs, source_id="test:derived")
    w = _wide(counts)
    assert w.loc["A", list(COUNT_VARIABLES)].tolist() == [25, 75, 60, 40]
    assert w.loc["B", list(COUNT_VARIABLES)].tolist() == [13, 38, 28, 23]  # halves up, not to even
    assert w.loc["C", list(COUNT_VARIABLES)].tolist() == [3, 3, 2, 2]
    assert problems.empty
    assert set(counts["source_id"]) == {"test:derived"} and counts["status"].isna().all()
    assert set(counts["area_version"]) == {"TEST"} and set(counts["year"]) == {2024}


def test_suppressed_inputs_give_suppressed_counts_never_zero():
    nan = float("nan")
    obs = _frame(_rows("S", 300, [nan, 40.0, 30.0, 20.0]),                 # Q1 suppressed by SCB
                 _rows("T", nan, [25.0, 25.0, 25.0, 25.0], status={P: "."}))  # persons suppressed, symbol '.'
    counts, problems = counts_from_shares(obs, source_id="x")
    c = counts.set_index(["area_code", "variable"])
    assert math.isnan(c.loc[("S", "inkomstkvartil_1"), "value"]) and c.loc[("S", "inkomstkvartil_1"), "status"] == ".."
    assert [c.loc[("S", f"inkomstkvartil_{k}"), "value"] for k in (2, 3, 4)] == [120, 90, 60]
    for k in range(1, 5):
        row = c.loc[("T", f"inkomstkvartil_{k}")]
        assert math.isnan(row["value"]) and row["status"] == "."  # the persons' symbol is kept
    assert not (counts["value"] == 0).any() and problems.empty


def test_missing_inputs_give_no_counts():
    obs = _frame(_rows("NOP", None, [25.0, 25.0, 25.0, 25.0]),   # no persons row: nothing to derive
                 _rows("NO3", 400, [25.0, 25.0, None, 25.0]),     # no row for class 3: no count for it
                 [("X", "TEST", 2024, "folkmangd", 999.0, None)])  # other variables are ignored
    counts, _ = counts_from_shares(obs, source_id="x")
    assert set(counts["area_code"]) == {"NO3"}
    assert sorted(counts["variable"]) == ["inkomstkvartil_1", "inkomstkvartil_2", "inkomstkvartil_4"]
    assert counts["value"].tolist() == [100, 100, 100]


def test_share_sum_off_100_by_rounding_is_accepted_each_class_on_its_own():
    # 12,3 + 25,1 + 37,5 + 25,3 = 100,2 (SCB rounds each share); persons 333
    obs = _frame(_rows("R", 333, [12.3, 25.1, 37.5, 25.3]))
    counts, problems = counts_from_shares(obs, source_id="x")
    # 40,959 → 41; 83,583 → 84; 124,875 → 125; 84,249 → 84 (together 334, one more than 333)
    assert _wide(counts).loc["R", list(COUNT_VARIABLES)].tolist() == [41, 84, 125, 84]
    assert problems.empty


def test_shares_that_cannot_be_quartiles_give_no_counts_and_are_reported():
    obs = _frame(_rows("Q5", 500, [20.0, 20.0, 20.0, 20.0]),   # 80: four of five quintiles, not quartiles
                 _rows("BIG", 500, [60.0, 50.0, float("nan"), 1.0]),  # known shares already above 100
                 _rows("NEG", 500, [-1.0, 41.0, 30.0, 30.0]),
                 _rows("OK", 500, [25.0, 25.0, 25.0, 25.0]))
    counts, problems = counts_from_shares(obs, source_id="x")
    assert set(counts["area_code"]) == {"OK"}
    assert dict(zip(problems["area_code"], problems["share_sum"])) == {"Q5": 80.0, "BIG": 111.0, "NEG": 100.0}
    wider, _ = counts_from_shares(obs[obs["area_code"] == "Q5"], source_id="x", tolerance=25.0)
    assert wider["value"].tolist() == [100, 100, 100, 100]


def test_no_shares_no_rows():
    obs = pd.DataFrame([("A", "TEST", 2024, P, 10.0, None)], columns=COLS)
    counts, problems = counts_from_shares(obs, source_id="x")
    assert counts.empty and problems.empty


def test_ojamlikhetsindex_leaves_out_units_with_a_suppressed_class():
    full = np.array([[400, 100], [200, 200], [60, 240]], dtype=float)
    with_gap = np.vstack([full, [np.nan, 90.0]])
    r = ojamlikhetsindex(with_gap, classes="quartile")
    # by hand: a = (400, 200, 60), A = 660; b = (100, 200, 240), B = 540
    by_hand = 100 * 0.5 * sum(abs(x / 660 - y / 540) for x, y in ((400, 100), (200, 200), (60, 240)))
    assert r["value"] == pytest.approx(by_hand) and r["n_units"] == 3 and r["n_units_missing"] == 1
    assert ojamlikhetsindex(full, classes="quartile")["n_units_missing"] == 0
