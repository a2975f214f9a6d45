"""Hop-distance sums on a contiguity graph (numba where available, scipy otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["prefix_hop_sums"]


def _numba_kernel() -> Callable[..., np.ndarray]:
    from lagesbild.measures.graph_kernel import prefix_hop_sums_kernel  # numba, cached on disk

    return prefix_hop_sums_kernel


_KERNEL: list[Callable[..., np.ndarray]] = []


def prefix_hop_sums(graph: Any, order: np.ndarray, block: int = 512) -> np.ndarray:
    """r[k] = Σ_{j before k} δ(order[k], order[j]) (hop distances; inf if disconnected).

    Parameters
    ----------
    graph : scipy.sparse matrix of shape (n, n)
        Symmetric; non-zeros are edges.
    order : ndarray of shape (n,)
        A permutation of the units.
    block : int, default 512
        Breadth-first searches per block in the scipy fallback (memory O(block · n)).

    Returns
    -------
    ndarray of shape (n,)
        r[k], the sum of hop distances from ``order[k]`` to the units placed before it.
    """
    from scipy import sparse

    g = sparse.csr_matrix(graph)
    n = g.shape[0]
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    try:
        if not _KERNEL:
            _KERNEL.append(_numba_kernel())
        return _KERNEL[0](g.indptr.astype(np.int64), g.indices.astype(np.int64), pos, n)
    except ImportError:
        from scipy.sparse.csgraph import shortest_path

        r = np.zeros(n)
        for b in range(0, n, block):
            rows = order[b:b + block]
            dist = shortest_path(g, unweighted=True, directed=False, indices=rows)[:, order]
            mask = np.arange(n)[None, :] < (b + np.arange(rows.size))[:, None]
            r[b:b + rows.size] = np.where(mask, dist, 0.0).sum(axis=1)
        return r
