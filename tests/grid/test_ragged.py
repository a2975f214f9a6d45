"""compute_many over size runs equals one padded stack, and pads little."""

import numpy as np

from lagesbild.measures.batch import compute_many, stack
from lagesbild.measures.ragged import pad_run, size_runs


def test_equals_one_padded_stack_for_all_indices():
    rng = np.random.default_rng(12)
    sizes = np.r_[rng.integers(2, 40, 30), rng.integers(200, 600, 6), [1]]
    tables = [rng.poisson(rng.uniform(1, 30, size=(n, 3))).astype(float) for n in sizes]
    tables[3][:, 1] = 0  # a group with total 0: whatever the rule for it, both paths agree
    want = compute_many("all", stack(tables))  # one stack padded to the largest table
    got = compute_many("all", tables)  # a list of different sizes goes through size runs
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12, equal_nan=True)


def test_runs_bound_the_padding():
    rng = np.random.default_rng(1)
    sizes = rng.lognormal(6, 1.5, 290).astype(int) + 1
    runs = size_runs(sizes, 1.25)
    padded = sum(len(r) * sizes[r].max() for r in runs)
    assert padded <= 1.25 * sizes.sum()
    assert sorted(np.concatenate(runs).tolist()) == list(range(290))
    tables = [np.ones((n, 2)) for n in sizes]
    block = pad_run(tables, runs[-1])
    assert block.shape == (len(runs[-1]), sizes[runs[-1]].max(), 2)
    assert block.sum() == 2 * sizes[runs[-1]].sum()
