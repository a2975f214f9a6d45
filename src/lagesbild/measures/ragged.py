"""Runs of similar-sized tables, so that many tables of very different sizes pad little.

:func:`lagesbild.measures.batch.compute_many` stacks tables into one array padded to the
largest; with 290 kommun tables of 30 to 30 000 grid cells that array is mostly zeros. Sorted by
size and cut into runs whose sizes differ by at most a factor ``growth`` (default 1.25), each run
can be stacked on its own: the padding is then at most 25 % of the data, with about
log(n_max / n_min) / log(growth) stacks. Zero rows are absent to every kernel, so the values
equal those of one padded stack (to rounding).

Imports only numpy.
"""

from __future__ import annotations

import numpy as np

__all__ = ["size_runs", "pad_run"]


def size_runs(sizes, growth: float = 1.25) -> list[np.ndarray]:
    """Indices of the tables, sorted by size and cut where a size exceeds the run's first × growth.

    Examples
    --------
    >>> [r.tolist() for r in size_runs([100, 4, 110, 5, 1000])]
    [[1, 3], [0, 2], [4]]
    """
    sizes = np.asarray(sizes)
    order = np.argsort(sizes, kind="stable")
    runs, start = [], 0
    for i in range(1, order.size + 1):
        if i == order.size or sizes[order[i]] > max(sizes[order[start]], 1) * growth:
            runs.append(order[start:i])
            start = i
    return runs


def pad_run(tables, run) -> np.ndarray:
    """The tables of one run, zero-padded to the run's largest: shape (len(run), n_max, K)."""
    n = max(tables[i].shape[0] for i in run)
    out = np.zeros((len(run), n, tables[run[0]].shape[1]))
    for r, i in enumerate(run):
        out[r, : tables[i].shape[0]] = tables[i]
    return out
