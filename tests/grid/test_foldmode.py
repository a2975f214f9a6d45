"""Folded-normal mode solved only where unconverged: the root, the θ ≤ 1 branch, the old solver."""

import numpy as np

from lagesbild.measures.foldmode import fold_mode


def test_root_and_branches():
    rng = np.random.default_rng(0)
    theta = np.concatenate([rng.uniform(0, 1, 500), rng.uniform(1, 5, 500), rng.uniform(5, 400, 500), [1.0, 0.0]])
    u = fold_mode(theta.reshape(2, -1)).ravel()
    big = theta > 1
    assert (u[~big] == 0).all()
    np.testing.assert_allclose(u[big], theta[big] * np.tanh(theta[big] * u[big]), rtol=1e-14, atol=0)
    # the mode maximises the folded density: u ± small steps give a lower density
    phi = lambda v, t: np.exp(-(v - t) ** 2 / 2) + np.exp(-(v + t) ** 2 / 2)  # noqa: E731
    t, m = theta[big][:500], u[big][:500]
    assert (phi(m, t) >= phi(m + 1e-4, t)).all() and (phi(m, t) >= phi(m - 1e-4, t)).all()


def test_equals_full_array_newton_to_rounding():
    rng = np.random.default_rng(1)
    theta = rng.exponential(3, size=(40, 300))
    # the original iteration: Newton over the whole array until every step is < 1e-14
    ref = np.where(theta > 1, theta, 0.0)
    for _ in range(100):
        th = np.tanh(theta * ref)
        dg = 1 - theta**2 * (1 - th**2)
        ref = ref - np.where((theta > 1) & (dg != 0), (ref - theta * th) / np.where(dg == 0, 1, dg), 0.0)
    ref = np.where(theta > 1, ref, 0.0)
    np.testing.assert_allclose(fold_mode(theta), ref, rtol=1e-13, atol=1e-13)
