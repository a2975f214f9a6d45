"""The chunked kernel matrix equals a dense brute force and the one-piece builder."""

import numpy as np
import pytest

from lagesbild.measures.smoother import sparse_kernel_matrix
from lagesbild.measures.spatial import KERNELS, build_smoother


@pytest.mark.parametrize("kernel,cut", [("triangular", 1.0), ("gaussian", 5.0), ("uniform", 1.0)])
def test_blocks_equal_dense_brute_force(kernel, cut):
    rng = np.random.default_rng(3)
    xy = np.round(rng.uniform(0, 6000, size=(400, 2)))
    xy[7] = xy[8]  # two points at the same place
    h = 700.0
    phi = KERNELS[kernel]
    W = sparse_kernel_matrix(xy, h, phi, cut * h, float(phi(np.zeros(1))[0]), block_pairs=900)
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    dense = np.where(d <= cut * h, phi(d / h), 0.0)
    np.fill_diagonal(dense, phi(np.zeros(1))[0])
    np.testing.assert_allclose(W.toarray(), dense, rtol=0, atol=1e-15)
    assert W.indices.dtype == np.int32 and W.has_sorted_indices


def test_same_matrix_as_one_piece_builder():
    rng = np.random.default_rng(4)
    xy = rng.uniform(0, 20_000, size=(1500, 2))
    W1 = build_smoother(xy, 1500, "quartic")
    W2 = sparse_kernel_matrix(xy, 1500.0, KERNELS["quartic"], 1500.0, float(KERNELS["quartic"](np.zeros(1))[0]),
                              block_pairs=5000)
    assert abs(W1 - W2).max() == 0
