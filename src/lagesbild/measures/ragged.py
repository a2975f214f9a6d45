"""Many tables of very different sizes through :func:`compute_many` without padding waste.

:func:`lagesbild.measures.batch.compute_many` stacks its tables into one array padded to the
largest table; with 290 kommun tables of 30 to 30 000 grid cells that array is mostly zeros.
Here the tables are sorted by size and cut into runs whose sizes differ by at most a factor
``growth`` (default 1.25), and each run goes through ``compute_many`` on its own padded stack. The
padding is then at most 25 % of the data, and there are only about log(n_max / n_min) / log(growth)
kernel calls per index. Zero rows are absent to every kernel, so the values equal those of one
padded stack (to rounding).

Imports only numpy (and the batch module of this package).
"""

from __future__ import annotations

import numpy as np

__all__ = ["compute_many_ragged", "size_runs"]


def size_runs(sizes, growth: float = 1.25) -> list[np.ndarray]:
    """Indices of the tables, sorted by size and cut where a size exceeds the run's first × growth."""
    sizes = np.asarray(sizes)
    order = np.argsort(sizes, kind="stable")
    runs, start = [], 0
    for i in range(1, order.size + 1):
        if i == order.size or sizes[order[i]] > max(sizes[order[start]], 1) * growth:
            runs.append(order[start:i])
            start = i
    return runs


def compute_many_ragged(index_ids, tables, params: dict | None = None, growth: float = 1.25) -> np.ndarray:
    """:func:`compute_many` for a list of (n_i, K) tables of any sizes, padding each size run only.

    Returns
    -------
    ndarray of shape (len(tables), n_indices)
        As :func:`lagesbild.measures.batch.compute_many`.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[10, 90], [30, 70], [50, 50], [10, 90]])
    >>> compute_many_ragged(["dissimilarity", "isolation"], [a, a[:2]]).round(4).tolist()
    [[0.4, 0.36], [0.3125, 0.25]]
    """
    from lagesbild.measures.batch import compute_many

    tables = [np.asarray(t, dtype=np.float64) for t in tables]
    if len({t.shape[1] for t in tables if t.ndim == 2}) > 1 or any(t.ndim != 2 for t in tables):
        return compute_many(index_ids, tables, params)  # refuses with the usual message
    out = None
    for run in size_runs([t.shape[0] for t in tables], growth):
        n = max(tables[i].shape[0] for i in run)
        k = tables[run[0]].shape[1]
        stack = np.zeros((run.size, n, k))
        for r, i in enumerate(run):
            stack[r, : tables[i].shape[0]] = tables[i]
        vals = compute_many(index_ids, stack, params)
        if out is None:
            out = np.full((len(tables), vals.shape[1]), np.nan)
        out[run] = vals
    return out if out is not None else np.zeros((0, 0))
