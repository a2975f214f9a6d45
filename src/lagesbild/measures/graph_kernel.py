"""The numba kernel of :mod:`lagesbild.measures._graph`: compiled once per machine (``cache=True``).

Runs the sources in parallel on numba's thread pool (``numba.set_num_threads``).
Imports only numpy and numba.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["prefix_hop_sums_kernel"]


@numba.njit(parallel=True, cache=True)
def prefix_hop_sums_kernel(indptr: np.ndarray, indices: np.ndarray, pos: np.ndarray,
                           n: int) -> np.ndarray:  # pragma: no cover - compiled
    """r[pos[s]] = Σ hop distances from s to the units placed before it (inf if one is unreachable).

    Parameters
    ----------
    indptr, indices : ndarray of int64
        The CSR structure of the symmetric contiguity graph.
    pos : ndarray of int64, shape (n,)
        Position of each unit in the order.
    n : int
        Number of units.

    Returns
    -------
    ndarray of shape (n,)
        The prefix hop sums, indexed by position.
    """
    r = np.zeros(n)
    for src in numba.prange(n):
        dist = np.full(n, -1, dtype=np.int64)
        queue = np.empty(n, dtype=np.int64)
        dist[src] = 0
        queue[0] = src
        head, tail = 0, 1
        while head < tail:
            u = queue[head]
            head += 1
            for e in range(indptr[u], indptr[u + 1]):
                v = indices[e]
                if dist[v] < 0:
                    dist[v] = dist[u] + 1
                    queue[tail] = v
                    tail += 1
        p = pos[src]
        total = 0.0
        for v in range(n):
            if pos[v] < p:
                if dist[v] < 0:
                    total = np.inf
                    break
                total += dist[v]
        r[p] = total
    return r
