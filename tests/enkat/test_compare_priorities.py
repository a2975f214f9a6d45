"""Trends over two waves, reference comparison phrasing, priorities and the gap to insatser."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lagesbild.enkat import compare, priorities, profile, synthetic


def _row(faktor="individ.utagerande", typ="risk", andel=0.3, n=400, lo=None, hi=None, dim="kommun", grupp="Totalt"):
    import numpy as np

    from lagesbild.enkat.estimate import wilson

    if lo is None:
        lo, hi = (float(v[0]) for v in wilson(np.array([andel]), np.array([float(n)])))
    return {"faktor": faktor, "namn": faktor, "doman": "individ", "typ": typ, "dimension": dim, "grupp": grupp,
            "n": n, "n_eff": float(n), "andel": andel, "ki_undre": lo, "ki_ovre": hi}


def test_trend_direction_and_judgement_follow_the_interval():
    now = [_row(andel=0.30), _row("familj.anknytning", "skydd", 0.70), _row("utfall.alkohol", "utfall", 0.10)]
    before = [_row(andel=0.20), _row("familj.anknytning", "skydd", 0.69), _row("utfall.alkohol", "utfall", 0.20)]
    out = {r["faktor"]: r for r in compare.trend(now, before, year=2024, year_before=2022)}
    assert out["individ.utagerande"]["forandring"] == "okning"
    assert out["individ.utagerande"]["bedomning"] == "forsamring"
    assert out["individ.utagerande"]["ki_undre"] > 0
    assert out["familj.anknytning"]["forandring"] == "oforandrad"  # 1 point on n = 400: not significant
    assert out["utfall.alkohol"]["bedomning"] == "forbattring"


def test_suppressed_cells_are_not_compared():
    now = [{**_row(), "andel": None, "ki_undre": None, "ki_ovre": None}]
    out = compare.trend(now, [_row()], year=2024, year_before=2022)
    assert out[0]["forandring"] is None and out[0]["skillnad"] is None


def test_reference_without_n_uses_the_kommun_interval():
    rows = [_row(andel=0.30, lo=0.26, hi=0.34)]
    refs = [{"faktor": "individ.utagerande", "niva": "riket", "andel": 0.25, "n": None},
            {"faktor": "individ.utagerande", "niva": "lan", "andel": 0.33, "n": None},
            {"faktor": "individ.utagerande", "niva": "x", "andel": 0.36, "n": None}]
    out = {c["niva"]: c["jamforelse"] for c in compare.compare_reference(rows, refs)}
    assert out == {"riket": "hogre", "lan": "i_niva", "x": "lagre"}


def test_trends_over_two_synthetic_waves_find_the_known_trend(catalogue):
    # a strong known trend on one scale, none on another; same design both years
    params = {**synthetic.PARAMS, "individ.utagerande": {**synthetic.PARAMS["individ.utagerande"], "trend": 0.35},
              "familj.familjekonflikter": {**synthetic.PARAMS["familj.familjekonflikter"], "trend": 0.0}}
    w0 = synthetic.generate(catalogue, "0127", 2022, seed=5, schools=8, enrolled=150, weights=False, params=params)
    w1 = synthetic.generate(catalogue, "0127", 2024, seed=5, schools=8, enrolled=150, weights=False, params=params)
    p0 = profile.profile(w0.to_wave(), catalogue)
    p1 = profile.profile(w1.to_wave(), catalogue)
    out = {r["faktor"]: r for r in compare.trend(p1, p0, year=2024, year_before=2022)}
    assert out["individ.utagerande"]["forandring"] == "okning"
    assert out["familj.familjekonflikter"]["forandring"] == "oforandrad"


def _ins(i, factors=(), themes=(), status="pagaende"):
    return SimpleNamespace(id=i, factors=list(factors), themes=list(themes), status=status)


def test_ranking_by_level_and_distance_and_the_gap(catalogue):
    rows = [_row("individ.utagerande", "risk", 0.40), _row("familj.familjekonflikter", "risk", 0.20),
            _row("familj.anknytning", "skydd", 0.90), _row("utfall.alkohol", "utfall", 0.15)]
    comps = [{"faktor": "individ.utagerande", "niva": "riket", "referens": 0.40, "jamforelse": "i_niva"},
             {"faktor": "familj.familjekonflikter", "niva": "riket", "referens": 0.10, "jamforelse": "hogre"},
             {"faktor": "familj.anknytning", "niva": "riket", "referens": 0.92, "jamforelse": "i_niva"},
             {"faktor": "utfall.alkohol", "niva": "riket", "referens": 0.15, "jamforelse": "i_niva"}]
    insatser = [_ins("a", factors=["individ.utagerande"]), _ins("b", themes=["andt"]),
                _ins("c", factors=["familj.familjekonflikter"], status="avslutad")]
    ranked = priorities.rank_factors(rows, catalogue, insatser, comparisons=comps, top=2)
    order = [r["faktor"] for r in ranked]
    # levels: utagerande .40, konflikter .20, alkohol .15, anknytning .10 (1 - .90)
    # distances: konflikter +.10, anknytning +.02, utagerande 0, alkohol 0
    # mean ranks: utagerande (1 + 3.5)/2 = 2.25, konflikter (2 + 1)/2 = 1.5, anknytning (4 + 2)/2 = 3, alkohol 3.25
    assert order == ["familj.familjekonflikter", "individ.utagerande", "familj.anknytning", "utfall.alkohol"]
    by = {r["faktor"]: r for r in ranked}
    assert by["individ.utagerande"]["insatser"] == ["a"]
    assert by["utfall.alkohol"]["insatser"] == ["b"]
    assert by["familj.familjekonflikter"]["insatser"] == []  # the only one has ended
    assert [g["faktor"] for g in priorities.gaps(ranked)] == ["familj.familjekonflikter"]
    assert by["familj.anknytning"]["niva"] == pytest.approx(0.10)


def test_suppressed_total_is_not_ranked(catalogue):
    rows = [{**_row(), "andel": None}]
    assert priorities.rank_factors(rows, catalogue, []) == []
