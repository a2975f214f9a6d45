"""compute_many over size runs equals one padded stack, and pads little."""

import numpy as np

from lagesbild.measures.batch import compute_many, stack
from lagesbild.measures.ragged import compute_many_ragged, size_runs


def test_equals_one_padded_stack_for_all_indices():
    rng = np.random.default_rng(12)
    sizes = np.r_[rng.integers(2, 40, 30), rng.integers(200, 600, 6), [1]]
    tables = [rng.poisson(rng.uniform(1, 30, size=(n, 3))).astype(float) for n in sizes]
    tables[3][:, 1] = 0  # a group with total 0 gives NaN in both
    want = compute_many("all", stack(tables))  # one stack padded to the largest table
    got = compute_many_ragged("all", tables)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, equal_nan=True)
    assert np.isnan(got[3]).all() and np.isnan(got[-1]).all()
    # a list of tables of different sizes goes through the runs
    np.testing.assert_allclose(compute_many("all", tables), want, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_runs_bound_the_padding():
    rng = np.random.default_rng(1)
    sizes = rng.lognormal(6, 1.5, 290).astype(int) + 1
    runs = size_runs(sizes, 1.25)
    padded = sum(len(r) * sizes[r].max() for r in runs)
    assert padded <= 1.25 * sizes.sum()
    assert sorted(np.concatenate(runs).tolist()) == list(range(290))
