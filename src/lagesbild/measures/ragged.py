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

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["size_runs", "pad_run"]


def size_runs(sizes: ArrayLike, growth: float = 1.25) -> list[np.ndarray]:
    """Indices of the tables, sorted by size and cut where a size exceeds the run's first × growth.

    Parameters
    ----------
    sizes : array_like of shape (n_tables,)
        Number of rows (units) of each table.
    growth : float, default 1.25
        Largest ratio of the biggest to the smallest size in a run (sizes below 1 count as 1).

    Returns
    -------
    list of ndarray of int
        Table indices per run, runs in increasing size.

    Examples
    --------
    >>> [r.tolist() for r in size_runs([100, 4, 110, 5, 1000])]
    [[1, 3], [0, 2], [4]]
    """
    sz = np.asarray(sizes)
    order = np.argsort(sz, kind="stable")
    runs: list[np.ndarray] = []
    start = 0
    for i in range(1, order.size + 1):
        if i == order.size or sz[order[i]] > max(sz[order[start]], 1) * growth:
            runs.append(order[start:i])
            start = i
    return runs


def pad_run(tables: Sequence[np.ndarray], run: Sequence[int] | np.ndarray) -> np.ndarray:
    """The tables of one run, zero-padded to the run's largest: shape (len(run), n_max, K).

    Parameters
    ----------
    tables : sequence of ndarray of shape (n_i, K)
        All tables.
    run : sequence of int
        Indices of the run's tables (from :func:`size_runs`).

    Returns
    -------
    ndarray of shape (len(run), n_max, K)
        The run's tables stacked, padded with zero rows.
    """
    n = max(tables[i].shape[0] for i in run)
    out = np.zeros((len(run), n, tables[run[0]].shape[1]))
    for r, i in enumerate(run):
        out[r, : tables[i].shape[0]] = tables[i]
    return out
