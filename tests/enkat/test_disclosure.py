"""Primary and secondary suppression: no hidden value can be recovered from the published cells.

The attack: an intruder knows every published cell's n and count at risk (andel · n), every
hidden cell's n, and that counts are integers 0 ≤ c ≤ n tied by the release's additive
relations. For each hidden cell the smallest and largest feasible count are found by linear
programming (scipy); a cell is recovered when they coincide.
"""

import itertools

import numpy as np
import pytest
from scipy.optimize import linprog

from lagesbild.enkat import disclosure, profile, synthetic


def _implied_by_published_extreme(i: int, rows: list[dict], relations) -> bool:
    """True when an ancestor of cell i is published with a share of 0 or 1 (then every subgroup's
    share is told by that published number itself, not recovered through suppression)."""
    todo, seen = [i], set()
    while todo:
        c = todo.pop()
        for p, children in relations:
            if c in children and p not in seen:
                seen.add(p)
                todo.append(p)
    return any(not rows[p]["undertryckt"] and rows[p]["andel"] in (0.0, 1.0) for p in seen)


def _attack(rows: list[dict], relations: list[tuple[int, list[int]]]) -> list[int]:
    """Indices of hidden cells whose count the published cells determine."""
    c = len(rows)
    hidden = [i for i, r in enumerate(rows) if r["undertryckt"]]
    if not hidden:
        return []
    a_eq, b_eq = [], []
    for parent, children in relations:
        row = np.zeros(c)
        row[parent] = 1
        row[children] = -1
        a_eq.append(row)
        b_eq.append(0.0)
    bounds = []
    for r in rows:
        if r["undertryckt"]:
            bounds.append((0, r["n"]))
        else:
            k = round(r["andel"] * r["n"])
            bounds.append((k, k))
    recovered = []
    for i in hidden:
        obj = np.zeros(c)
        obj[i] = 1
        lo = linprog(obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-obj, A_eq=np.array(a_eq), b_eq=b_eq, bounds=bounds, method="highs")
        assert lo.status == 0 and hi.status == 0
        if abs(lo.fun + hi.fun) < 0.5 and rows[i]["n"] > 0 and not _implied_by_published_extreme(i, rows, relations):
            recovered.append(i)
    return recovered


def test_primary_and_secondary_in_one_partition():
    n = np.array([200, 100, 70, 20, 10])
    hits = np.array([40, 20, 14, 4, 2])
    hidden = disclosure.suppress(n, hits, [(0, [1, 2, 3, 4])], 25)
    # 20 and 10 are primary; together they protect each other (their sum 6 is not 0 or 30)
    assert hidden.tolist() == [False, False, False, True, True]


def test_single_small_cell_gets_a_complement():
    n = np.array([130, 60, 50, 20])
    hits = np.array([13, 6, 5, 2])
    hidden = disclosure.suppress(n, hits, [(0, [1, 2, 3])], 25)
    assert hidden.tolist() == [False, False, True, True]


def test_degenerate_complement_is_widened():
    # two hidden cells whose combined count is 0 would both be known to be 0: a third is hidden
    n = np.array([150, 100, 30, 10, 10])
    hits = np.array([30, 30, 0, 0, 0])
    hidden = disclosure.suppress(n, hits, [(0, [1, 2, 3, 4])], 25)
    assert hidden[3] and hidden[4] and hidden[2]


def test_small_total_hides_everything():
    n = np.array([20, 12, 8])
    hidden = disclosure.suppress(n, np.array([5, 3, 2]), [(0, [1, 2])], 25)
    assert hidden.all()


def _rows_and_relations(wave, catalogue, by, faktor):
    rows = [r for r in profile.profile(wave, catalogue, by=by, min_n=25) if r["faktor"] == faktor]
    _cells, _maps, rels = profile._cells(wave, by)
    return rows, rels


@pytest.mark.parametrize("by", [["skola"], ["omrade"], ["kon"], ["skola", "kon"], ["arskurs", "kon"]])
def test_no_hidden_cell_is_recoverable_from_the_release(catalogue, by):
    syn = synthetic.generate(catalogue, "0127", 2024, seed=3, schools=9, enrolled=20, weights=False)
    wave = syn.to_wave()
    some_hidden = False
    for scale in catalogue.scales[:6] + catalogue.scales[-3:]:
        rows, rels = _rows_and_relations(wave, catalogue, by, scale.id)
        assert all(r["andel"] is None and r["ki_undre"] is None for r in rows if r["undertryckt"])
        assert all(r["n"] >= 25 for r in rows if not r["undertryckt"])
        some_hidden |= any(r["undertryckt"] for r in rows)
        assert _attack(rows, rels) == [], (by, scale.id)
    assert some_hidden or by == ["omrade"]  # the design has small cells, so the test means something


def test_attack_finds_a_lone_hidden_cell():
    """The attack itself works: with primary suppression only, a lone small cell is recovered."""
    rows = [{"n": 100, "andel": 0.2, "undertryckt": False}, {"n": 80, "andel": 0.2, "undertryckt": False},
            {"n": 20, "andel": None, "undertryckt": True}]
    assert _attack(rows, [(0, [1, 2])]) == [2]


def test_two_way_release_relations_cover_every_margin(catalogue):
    syn = synthetic.generate(catalogue, "0127", 2024, seed=3, schools=3, enrolled=40, weights=False)
    cells, _maps, rels = profile._cells(syn.to_wave(), ["arskurs", "kon"])
    tables = {tab for tab, _ in cells}
    assert tables == {(), (0,), (1,), (0, 1)}
    # each two-way cell is a child in a relation to both of its margins
    two_way = [i for i, (tab, _) in enumerate(cells) if tab == (0, 1)]
    for i in two_way:
        assert sum(i in ch for _p, ch in rels) == 2
    assert list(itertools.chain.from_iterable(ch for p, ch in rels if p == 0))  # total has children
