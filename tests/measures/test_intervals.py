"""The test-inversion interval for D keeps its level where the bias-corrected bootstrap does not:
a seeded simulation with a known truth (simulated tables, 20 units, N = 300, D = 0,10)."""

from __future__ import annotations

import numpy as np
import pytest

from lagesbild.errors import InputError
from lagesbild.measures.inference import bootstrap_bc
from lagesbild.measures.intervals import dissimilarity_interval
from lagesbild.measures.singlegroup import dissimilarity


def _d(c):
    return dissimilarity(c[..., 0], c.sum(axis=-1))


def _truth(n_units=20, share=0.3, d=0.10):
    """Equal-sized units whose focal shares are spread linearly around `share`, scaled so D = d."""
    s = np.linspace(-1, 1, n_units)
    comp = lambda a: np.column_stack([share + a * s, 1 - share - a * s]) / n_units  # noqa: E731
    a = d / float(_d(comp(1.0)))          # D is linear in the spread while no share is clipped
    p = comp(a)
    assert (p > 0).all() and float(_d(p)) == pytest.approx(d)
    return p


def test_coverage_small_n_low_d():
    p = _truth()
    true = float(_d(p))
    rng = np.random.default_rng(20261204)
    reps, inv, bc = 60, 0, 0
    for k in range(reps):
        c = rng.multinomial(300, p.ravel()).reshape(p.shape).astype(float)
        r = dissimilarity_interval(c, n_sim=100, seed=k, iterations=14)
        inv += r["ci_low"] <= true <= r["ci_high"]
        b = bootstrap_bc(_d, c, 100, seed=k)
        bc += b["ci_low"] <= true <= b["ci_high"]
    assert inv / reps >= 0.9          # nominal 0,95
    assert bc / reps <= 0.85          # the bias-corrected percentile interval under-covers here


def test_interval_properties():
    c = np.array([[40.0, 10], [10, 40], [25, 25], [30, 20]])
    r = dissimilarity_interval(c, n_sim=100, seed=3)
    assert r["ci_low"] < r["observed"] < r["ci_high"] <= 1
    assert r == dissimilarity_interval(c, n_sim=100, seed=3)            # seeded: reproducible
    wide = dissimilarity_interval(c, n_sim=100, seed=3, ci=0.99)
    assert wide["ci_low"] <= r["ci_low"] and wide["ci_high"] >= r["ci_high"]
    even = dissimilarity_interval(np.array([[10.0, 30], [20, 60]]), n_sim=50, seed=1)
    assert even["ci_low"] == 0.0 and np.isnan(even["ci_high"]) and even["note"]
    with pytest.raises(InputError):
        dissimilarity_interval(np.array([[1.5, 2], [3, 4]]))


@pytest.mark.parametrize("index", ["dissimilarity", "isolation", "theil_h"])
def test_bias_corrected_result_keeps_the_plugin_value(index):
    """With the bias-corrected bootstrap, value is the corrected estimate and value_plugin the
    plug-in value, exactly what compute gives without inference; without it value_plugin is None."""
    from lagesbild.measures import compute

    counts = np.array([[30, 5], [12, 40], [8, 8], [50, 2]], dtype=float)
    plain = compute(index, counts)
    boot = compute(index, counts, inference="bootstrap_bc", n_sim=99, seed=7)
    assert plain.value_plugin is None
    assert boot.value_plugin == plain.value
    assert boot.value != plain.value  # corrected for the bias of small counts
    assert boot.ci_low <= boot.value <= boot.ci_high
