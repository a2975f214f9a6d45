"""Spatial tiles with a halo for distributing k-NN neighbourhoods over workers.

The origins are split into square tiles. A tile's task gets its own cells as origins and every
cell within a *halo* around the tile, wide enough that each origin's neighbourhood for the
largest k lies inside it, so a tile computes exactly what one process computes on all cells.

Halo rule (docs/methods/knn.md): let c be the centre of the tile's bounding box, s the largest
distance from c to a corner, and r_c the distance from c to the ring that holds the k_max-th
person around c. For an origin o in the tile, the disc of radius |o − c| + r_c ≤ s + r_c around
o contains the disc of radius r_c around c and thus at least k_max people, so o's boundary ring
lies within s + r_c of o. Every cell the kernel needs is therefore within the bounding box
widened by 2s + r_c (+ 1 m for tied rings). When the whole population is below k_max the halo
is everything.

Imports only numpy (and the kernel).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from lagesbild.measures.knn import KnnResult, knn_neighbourhoods

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["Tile", "plan_tiles", "tile_inputs", "run_tile", "assemble"]


class Tile(NamedTuple):
    """A tile: positions in the origin list, their rows of the cell table, and the halo cells."""

    positions: np.ndarray
    origins: np.ndarray
    cells: np.ndarray


def plan_tiles(xy: ArrayLike, counts: ArrayLike, ks: Sequence[float] | np.ndarray, origins: ArrayLike | None = None,
               tile_size: float = 50_000.0) -> list[Tile]:
    """Split ``origins`` (default: every cell with people) into square tiles with halos.

    Parameters
    ----------
    xy, counts, ks, origins
        As for :func:`lagesbild.measures.knn.knn_neighbourhoods`.
    tile_size : float
        Side of the tiles in metres.

    Returns
    -------
    list of Tile
        One tile per occupied square, with the halo cells its origins need (empty when
        there are no origins).
    """
    xy = np.asarray(xy, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.float64)
    pop = counts.sum(axis=1)
    if origins is None:
        origins = np.flatnonzero(pop > 0)
    origins = np.asarray(origins, dtype=np.int64)
    if origins.size == 0:
        return []
    kmax = float(np.max(ks))
    oxy = xy[origins]
    lo = oxy.min(axis=0)
    key = np.floor((oxy - lo) / tile_size).astype(np.int64)
    tile_id = key[:, 1] * (int(key[:, 0].max()) + 1) + key[:, 0]
    order = np.argsort(tile_id, kind="stable")
    ids, first = np.unique(tile_id[order], return_index=True)
    groups = np.split(order, first[1:])
    boxes = [(oxy[g].min(axis=0), oxy[g].max(axis=0)) for g in groups]
    centres = np.array([(a + b) / 2 for a, b in boxes])
    everyone = pop.sum() < kmax
    if not everyone:
        # distance from each tile centre to the ring holding the kmax-th person (centres as
        # extra origins with no people of their own)
        ext_xy = np.vstack([xy, centres])
        ext_c = np.vstack([counts, np.zeros((centres.shape[0], counts.shape[1]))])
        r_c = knn_neighbourhoods(ext_xy, ext_c, [kmax], origins=np.arange(len(xy), len(ext_xy))).distance[:, 0]
    tiles = []
    populated = pop > 0
    for g, (a, b), c, i in zip(groups, boxes, centres, range(len(groups))):
        if everyone:
            cells = np.flatnonzero(populated)
        else:
            s = float(np.hypot(*(b - c)))
            w = 2 * s + float(r_c[i]) + 1.0
            inside = ((xy[:, 0] >= a[0] - w) & (xy[:, 0] <= b[0] + w) & (xy[:, 1] >= a[1] - w)
                      & (xy[:, 1] <= b[1] + w) & populated)
            cells = np.flatnonzero(inside)
        tiles.append(Tile(g, origins[g], cells))
    return tiles


def run_tile(xy: np.ndarray, counts: np.ndarray, origin_pos: np.ndarray, ks: Sequence[float] | np.ndarray) -> KnnResult:
    """The kernel on one tile: ``xy``/``counts`` of the halo cells, origins as rows of them.

    Parameters
    ----------
    xy, counts : ndarray
        Centroids (m, 2) and group counts (m, G) of the tile's cells (from :func:`tile_inputs`).
    origin_pos : ndarray of int
        Rows of ``xy`` that are the tile's origins.
    ks : sequence of float
        Neighbourhood sizes.

    Returns
    -------
    KnnResult
        The neighbourhoods of the tile's origins, in the order of ``origin_pos``.
    """
    return knn_neighbourhoods(xy, counts, ks, origins=origin_pos)


def tile_inputs(xy: np.ndarray, counts: np.ndarray, tile: Tile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The arrays a tile's task needs: halo cells and the origins' positions among them.

    Parameters
    ----------
    xy, counts : ndarray
        Centroids (n, 2) and group counts (n, G) of every cell.
    tile : Tile
        A tile from :func:`plan_tiles`.

    Returns
    -------
    xy, counts : ndarray
        The rows of the halo cells and origins (contiguous copies).
    origin_pos : ndarray of int
        Positions of the tile's origins among those rows.
    """
    cells = np.union1d(tile.cells, tile.origins)  # an origin without people is no candidate
    pos = np.searchsorted(cells, tile.origins)
    return np.ascontiguousarray(xy[cells]), np.ascontiguousarray(counts[cells]), pos


def assemble(n_origins: int, tiles: list[Tile], results: list[KnnResult]) -> KnnResult:
    """Put tile results back in the order of the origin list.

    Parameters
    ----------
    n_origins : int
        Length of the full origin list.
    tiles : list of Tile
        The tiles from :func:`plan_tiles`.
    results : list of KnnResult
        One result per tile, in the order of ``tiles`` (at least one).

    Returns
    -------
    KnnResult
        Arrays ordered as the origin list.
    """
    first = results[0]
    out = KnnResult(np.zeros((n_origins, *first.counts.shape[1:])), np.zeros((n_origins, first.population.shape[1])),
                    np.zeros((n_origins, first.distance.shape[1])))
    for tile, res in zip(tiles, results):
        out.counts[tile.positions] = res.counts
        out.population[tile.positions] = res.population
        out.distance[tile.positions] = res.distance
    return out
