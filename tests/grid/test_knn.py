"""k-NN individualised neighbourhoods: hand-computed grids, ties, fractions, brute force."""

import numpy as np
import pytest

from lagesbild.measures.knn import TIE_TOLERANCE, knn_neighbourhoods, knn_reference


def test_whole_cells_and_fractional_boundary_cell():
    # a row of 100 m cells: origin (5 A, 5 B), then 20 A at 100 m, then 30 B at 200 m
    xy = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
    c = np.array([[5.0, 5.0], [20.0, 0.0], [0.0, 30.0]])
    r = knn_neighbourhoods(xy, c, [10, 30, 45, 20], origins=np.array([0]))
    # k = 10 is exactly the origin; 30 = origin + cell 2 whole; 45 takes 15 of the 30 B (half)
    # 20 takes 10 of the 20 A in the second cell (fraction 1/2)
    assert r.counts[0].tolist() == [[5, 5], [25, 5], [25, 20], [15, 5]]
    assert r.population[0].tolist() == [10, 30, 45, 20]
    assert r.distance[0].tolist() == [0, 100, 200, 100]


def test_fraction_splits_boundary_cell_by_its_composition():
    xy = np.array([[0.0, 0.0], [250.0, 0.0]])
    c = np.array([[4.0, 0.0, 0.0], [10.0, 20.0, 10.0]])
    r = knn_neighbourhoods(xy, c, [14], origins=np.array([0]))
    # 10 more people from a cell of 40: fraction 1/4 of each group
    np.testing.assert_allclose(r.counts[0, 0], [6.5, 5.0, 2.5])
    assert r.counts[0, 0].sum() == pytest.approx(14)


def test_equidistant_ring_enters_with_one_fraction():
    # 3 x 3 grid, one person per cell; the centre's four rook neighbours are at the same distance
    xs, ys = np.meshgrid([0.0, 100.0, 200.0], [0.0, 100.0, 200.0])
    xy = np.column_stack([xs.ravel(), ys.ravel()])
    c = np.zeros((9, 4))
    centre = 4
    c[centre, 0] = 1
    for i, cell in enumerate([1, 3, 5, 7]):  # rook neighbours, one group each
        c[cell, i] = 1
    for cell in [0, 2, 6, 8]:  # corners (farther) all group 0
        c[cell, 0] = 1
    r = knn_neighbourhoods(xy, c, [3], origins=np.array([centre]))
    # the centre plus 2 of the 4 tied people: each tied cell enters with fraction 1/2
    np.testing.assert_allclose(r.counts[0, 0], [1.5, 0.5, 0.5, 0.5])
    # k = 7 takes the whole rook ring and 2 of the 4 corners
    r = knn_neighbourhoods(xy, c, [7], origins=np.array([centre]))
    np.testing.assert_allclose(r.counts[0, 0], [4.0, 1.0, 1.0, 1.0])
    assert r.distance[0, 0] == pytest.approx(100 * np.sqrt(2))


def test_tie_result_does_not_depend_on_row_order():
    rng = np.random.default_rng(7)
    xy = rng.integers(0, 6, size=(36, 2)).astype(float) * 250
    c = rng.integers(0, 4, size=(36, 3)).astype(float)
    perm = rng.permutation(36)
    a = knn_neighbourhoods(xy, c, [5, 17.5, 60])
    pop = c.sum(axis=1)
    origins = np.flatnonzero(pop > 0)
    inv = np.argsort(perm)
    b = knn_neighbourhoods(xy[perm], c[perm], [5, 17.5, 60], origins=inv[origins])
    np.testing.assert_allclose(a.counts, b.counts, atol=1e-12)


def test_k_above_population_counts_everybody():
    xy = np.array([[0.0, 0.0], [1000.0, 0.0]])
    c = np.array([[3.0, 1.0], [0.0, 2.0]])
    r = knn_neighbourhoods(xy, c, [200, 2])
    assert r.population.tolist() == [[6, 2], [6, 2]]
    assert r.counts[:, 0].tolist() == [[3, 3], [3, 3]]
    np.testing.assert_allclose(r.counts[1, 1], [0, 2])  # the second cell alone holds 2


def test_empty_cells_are_not_origins_and_change_nothing():
    xy = np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]])
    c = np.array([[2.0, 0.0], [0.0, 0.0], [0.0, 2.0]])
    r = knn_neighbourhoods(xy, c, [3])
    assert r.counts.shape == (2, 1, 2)
    np.testing.assert_allclose(r.counts[:, 0], [[2, 1], [1, 2]])


def test_tolerance_is_stated_in_metres():
    assert TIE_TOLERANCE == 1e-9


@pytest.mark.parametrize("seed", range(8))
def test_matches_brute_force_on_random_data(seed, monkeypatch):
    import lagesbild.measures.knn as knn

    if seed % 2:
        monkeypatch.setattr(knn, "_SERIAL_WORK", 0)  # the parallel kernel on half of the cases
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 80))
    if seed % 2:
        xy = rng.integers(0, 9, size=(n, 2)).astype(float) * 100 + 6_500_050  # grid with many ties
    else:
        xy = rng.uniform(0, 5000, size=(n, 2))
    c = rng.integers(0, 6, size=(n, 3)).astype(float)
    if seed % 3 == 0:
        c *= rng.uniform(0.2, 1.5, size=c.shape)  # fractional weights
    ks = [1, 4, 12.5, 40, 150, 10_000]
    got = knn_neighbourhoods(xy, c, ks, bucket=[None, 75.0, 300.0, 2000.0][seed % 4])
    ref = knn_reference(xy, c, ks)
    for a, b in zip(got, ref):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-9)
