"""A sparse kernel proximity matrix built in chunks, with compact index types.

The matrix W with w_ij = φ(d_ij / h) for d_ij ≤ cutoff is assembled block of rows by block of
rows: each block's pairs come from a KD-tree of the block against the tree of all points, are
turned into kernel weights, sorted by row (counting sort) and column and stored as one CSR slice (``int32``
column indices when n < 2³¹, float64 weights). Only the final CSR (12 bytes per pair plus the
row pointers) and one block's temporaries (≈ 60 bytes per pair of the block) are held at once,
against ≈ 100 bytes per pair when all pairs are built in one piece. The results are the same
matrix, with columns sorted in each row.

Imports only numpy and scipy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from scipy import sparse

__all__ = ["sparse_kernel_matrix", "BLOCK_PAIRS"]

#: Pairs per block (≈ 1 GB of temporaries at most).
BLOCK_PAIRS = 1 << 24


def sparse_kernel_matrix(xy: ArrayLike, bandwidth: float, phi: Callable[[np.ndarray], np.ndarray], cutoff: float,
                         diag: float, block_pairs: int = BLOCK_PAIRS) -> sparse.csr_matrix:
    """CSR matrix (n, n): ``phi(d / bandwidth)`` for pairs within ``cutoff``, ``diag`` on the diagonal.

    Parameters
    ----------
    xy : array_like of shape (n, 2)
        Point coordinates in metres.
    bandwidth, cutoff : float
        Metres.
    phi : callable
        Vectorised kernel of z = d / h.
    diag : float
        The diagonal value (self weight).
    block_pairs : int
        Target number of pairs per block.

    Returns
    -------
    scipy.sparse.csr_matrix of shape (n, n)
        The proximity weights, columns sorted in each row.
    """
    from scipy import sparse
    from scipy.spatial import cKDTree

    xy = np.ascontiguousarray(xy, dtype=np.float64)
    n = xy.shape[0]
    itype = np.int32 if n < 2**31 - 1 else np.int64
    tree = cKDTree(xy)
    # exact row lengths first (every point counts itself), so the CSR arrays are allocated once
    lengths = np.asarray(tree.query_ball_point(xy, float(cutoff), return_length=True), dtype=np.int64)
    lengths = np.maximum(lengths, 1)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    nnz = int(indptr[-1])
    indices = np.empty(nnz, dtype=itype)
    data = np.empty(nnz, dtype=np.float64)
    start = 0
    while start < n:
        stop = int(np.searchsorted(indptr, indptr[start] + block_pairs, side="right")) - 1
        stop = min(n, max(stop, start + 1))
        sub = cKDTree(xy[start:stop])
        pairs = sub.sparse_distance_matrix(tree, float(cutoff), output_type="ndarray")
        i = pairs["i"].astype(np.int64)
        j = pairs["j"].astype(np.int64)
        d = pairs["v"]
        del pairs
        own = (i + start) == j
        i, j, d = i[~own], j[~own], d[~own]
        vals = np.asarray(phi(d / bandwidth), dtype=np.float64)
        del d
        i = np.concatenate([i, np.arange(stop - start)])
        j = np.concatenate([j, np.arange(start, stop)])
        vals = np.concatenate([vals, np.full(stop - start, float(diag))])
        if i.size != indptr[stop] - indptr[start]:  # pragma: no cover - the two tree queries disagree
            raise RuntimeError("sparse_kernel_matrix: pair counts differ between tree queries")
        block = sparse.coo_matrix((vals, (i, j)), shape=(stop - start, n)).tocsr()  # counting sort by row
        del i, j, vals
        block.sort_indices()
        indices[indptr[start]:indptr[stop]] = block.indices
        data[indptr[start]:indptr[stop]] = block.data
        del block
        start = stop
    if nnz < 2**31 - 1:
        indptr = indptr.astype(np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n))
