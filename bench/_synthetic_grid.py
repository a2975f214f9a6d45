"""A synthetic, Sweden-like 250 m population grid for benchmarks (named synthetic everywhere).

Towns of power-law sizes scattered over a 500 km × 1 500 km box (EPSG:3006 extent), dense cores
thinning outwards, plus scattered rural cells; people per cell and group drawn from a Poisson with
a town-specific composition. Nothing here is real data.
"""

from __future__ import annotations

import numpy as np


def synthetic_grid(n_cells: int = 250_000, n_groups: int = 10, seed: int = 2026, size: int = 250):
    """Return (xy centroids (n, 2), counts (n, G)) for ``n_cells`` distinct populated cells."""
    rng = np.random.default_rng(seed)
    n_towns = 2000
    tx = rng.uniform(270_000, 770_000, n_towns)
    ty = rng.uniform(6_150_000, 7_650_000, n_towns)
    weight = rng.pareto(1.1, n_towns) + 1
    weight /= weight.sum()
    xs, ys, towns, rurals = [], [], [], []
    have = 0
    while have < n_cells:
        n_draw = int((n_cells - have) * 1.6) + 1000
        town = rng.choice(n_towns, size=n_draw, p=weight)
        spread = 400 + 3000 * np.sqrt(weight[town] / weight.max())
        r = rng.exponential(spread)
        a = rng.uniform(0, 2 * np.pi, n_draw)
        x = tx[town] + r * np.cos(a)
        y = ty[town] + r * np.sin(a)
        rural = rng.random(n_draw) < 0.15
        x[rural] = rng.uniform(270_000, 770_000, rural.sum())
        y[rural] = rng.uniform(6_150_000, 7_650_000, rural.sum())
        xs.append(x)
        ys.append(y)
        towns.append(town)
        rurals.append(rural)
        cx = np.floor(np.concatenate(xs) / size) * size + size / 2
        cy = np.floor(np.concatenate(ys) / size) * size + size / 2
        cells, first = np.unique(np.stack([cx, cy], axis=1), axis=0, return_index=True)
        have = len(cells)
    town = np.concatenate(towns)
    rural = np.concatenate(rurals)
    pick = rng.permutation(len(cells))[:n_cells]
    cells = cells[pick]
    t = town[first[pick]]
    mix = rng.dirichlet(np.full(n_groups, 0.7), n_towns)[t]
    lam = np.where(rural[first[pick]], 4.0, 45.0)[:, None] * mix
    counts = rng.poisson(lam).astype(np.float64)
    empty = counts.sum(axis=1) == 0
    counts[empty, 0] = 1.0
    return cells, counts
