"""Hop-distance sums on a contiguity graph (numba where available, scipy otherwise)."""

from __future__ import annotations

import numpy as np

__all__ = ["prefix_hop_sums"]


def _numba_kernel():
    from lagesbild.measures.graph_kernel import prefix_hop_sums_kernel  # numba, cached on disk

    return prefix_hop_sums_kernel


_KERNEL = []


def prefix_hop_sums(graph, order, block: int = 512):
    """r[k] = Σ_{j before k} δ(order[k], order[j]) (hop distances; inf if disconnected).

    Parameters
    ----------
    graph : scipy.sparse matrix (n, n), symmetric; non-zeros are edges
    order : ndarray (n,), a permutation of the units
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
