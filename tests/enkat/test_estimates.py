"""Intervals: Wilson against an independent root-finding solution, Newcombe against the paper,
estimates on the synthetic survey against its known parameters, and coverage over repeated draws."""

import numpy as np
import pytest
from scipy.optimize import brentq

from lagesbild.enkat import estimate, profile, synthetic
from lagesbild.enkat.importer import Wave


def _wilson_by_root(p, n, z=1.959963984540054):
    """The Wilson interval as the two roots of |p - π| = z·sqrt(π(1-π)/n) (Wilson 1927)."""
    f = lambda pi: (p - pi) ** 2 - z * z * pi * (1 - pi) / n  # noqa: E731
    lo = 0.0 if p == 0 else brentq(f, 1e-12, min(p, 1 - 1e-9))
    hi = 1.0 if p == 1 else brentq(f, max(p, 1e-9), 1 - 1e-12)
    return lo, hi


@pytest.mark.parametrize("hits,n", [(0, 10), (1, 10), (5, 10), (37, 120), (120, 120), (3, 400)])
def test_wilson_matches_root_finding(hits, n):
    lo, hi = estimate.wilson(np.array([hits / n]), np.array([float(n)]))
    rlo, rhi = _wilson_by_root(hits / n, n)
    assert lo[0] == pytest.approx(rlo, abs=1e-9) and hi[0] == pytest.approx(rhi, abs=1e-9)


def test_newcombe_paper_examples():
    # Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10
    assert estimate.newcombe(56 / 70, 70, 48 / 80, 80)[1:] == pytest.approx((0.0524, 0.3339), abs=1e-4)
    assert estimate.newcombe(9 / 10, 10, 3 / 10, 10)[1:] == pytest.approx((0.1705, 0.8090), abs=1e-4)


def test_weighted_share_uses_kish_effective_n():
    g = np.zeros(4, dtype=np.int64)
    e = estimate.group_estimates(g, 1, np.array([1.0, 0, 0, 0]), np.array([4.0, 1, 1, 1]), np.array([3.0, 1, 1, 1]))
    assert e["andel"][0] == pytest.approx(3 / 6)
    assert e["n_eff"][0] == pytest.approx(36 / 12)
    assert e["medel"][0] == pytest.approx((12 + 3) / 6)


def test_estimates_cover_the_known_values(syn_wave, catalogue):
    syn, wave = syn_wave
    rows = profile.profile(wave, catalogue, by=["kon"], min_n=25)
    scored = {sc.scale.id: ~np.isnan(sc.scores) for sc in profile.score_wave(wave, catalogue)}
    checked = covered = 0
    for r in rows:
        if r["undertryckt"]:
            continue
        scale = catalogue.scale(r["faktor"])
        groups = None if r["dimension"] == "kommun" else wave.kon
        truth = synthetic.expected_shares(syn, scale, scored[scale.id], groups)[r["grupp"]]
        checked += 1
        inside = r["ki_undre"] <= truth <= r["ki_ovre"]
        covered += inside
        half = (r["ki_ovre"] - r["ki_undre"]) / 2
        assert abs(r["andel"] - truth) < 2.5 * half, r  # no estimate far outside its interval
    assert checked >= 50 and covered / checked >= 0.88


def test_interval_coverage_is_near_nominal_over_repeated_draws(catalogue):
    hits = total = 0
    whits = wtotal = 0
    for seed in range(120):
        syn = synthetic.generate(catalogue, "0180", 2024, seed=seed, schools=3, enrolled=50, weights=True)
        wave = syn.to_wave()
        unweighted = Wave(**{**wave.__dict__, "vikt": np.full(wave.n, np.nan)})
        for w, is_weighted in ((unweighted, False), (wave, True)):
            for sc in profile.score_wave(w, catalogue):
                ok = ~np.isnan(sc.scores)
                wt = None if not is_weighted else w.vikt
                e = estimate.group_estimates(np.zeros(w.n, np.int64), 1, sc.flags, sc.scores, wt)
                p = syn.prob[sc.scale.id][ok]
                truth = float(p.mean()) if not is_weighted else float((w.vikt[ok] * p).sum() / w.vikt[ok].sum())
                inside = e["ki_undre"][0] <= truth <= e["ki_ovre"][0]
                if is_weighted:
                    whits += inside
                    wtotal += 1
                else:
                    hits += inside
                    total += 1
    assert 0.93 <= hits / total <= 0.975, hits / total
    assert 0.92 <= whits / wtotal <= 0.98, whits / wtotal
