"""Individualised k-nearest-neighbour neighbourhoods (EquiPop) on cell centroids.

For every origin cell and every k in a ladder, the neighbourhood is the k people nearest to the
origin's centroid, people being located at the centroid of the cell they live in (Östh, Clark &
Malmberg 2015). Cells are added in order of Euclidean distance from the origin; the origin's own
cell comes first (distance 0).

Conventions (docs/methods/knn.md):

* **Fractional boundary.** The cells nearer than the one that holds the k-th person enter whole;
  the boundary cell enters with the fraction ``f = (k - N_before) / P_boundary`` of each of its
  groups, so the counts of a neighbourhood add up to exactly k.
* **Ties.** Cells whose distances from the origin differ by at most :data:`TIE_TOLERANCE` metres
  (chained: consecutive cells in distance order) form one *ring* and are treated as one cell:
  when the k-th person falls in a ring, every cell of the ring enters with the same fraction f.
  The result therefore never depends on the order in which equidistant cells are found.
* **k above the population.** When the whole population is smaller than k, everybody is
  counted; the population column says how many (less than k).
* Cells with no population never matter and are left out before the search.

The search uses a bucket grid (square buckets of side B with their cells stored contiguously and a
summed-area table of their population). For each origin, the square of buckets of Chebyshev
radius R around the origin's bucket is gathered, distances computed and sorted; every cell
nearer than the square's inner radius ρ is then known, so the walk is exact as long as the ring
holding the k-th person for the largest k ends closer than ρ. Otherwise R grows and the origin is
redone: a ring cut by the search window is never used. The kernel is numba (``cache=True``),
parallel over origins with numba's thread pool (``numba.set_num_threads``) for large jobs and on
one thread for small ones.

This module imports only numpy, numba and scipy; callers validate user input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numba import njit, prange

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["TIE_TOLERANCE", "KnnResult", "knn_neighbourhoods", "knn_reference"]

#: Cells whose distances from an origin differ by at most this many metres are tied (one ring).
TIE_TOLERANCE = 1e-9

_SERIAL_WORK = 5e7  # origins × largest k below which the kernel runs on one thread
_MAX_BUCKETS = 1 << 22  # cells of the bucket grid (int64 offsets: 32 MB)


class KnnResult(NamedTuple):
    """Neighbourhoods of ``n_o`` origins at ``n_k`` values of k over ``G`` groups.

    counts : (n_o, n_k, G) people of each group among the k nearest (fractional at the boundary)
    population : (n_o, n_k) people counted: k, or the whole population where that is smaller
    distance : (n_o, n_k) distance in metres from the origin to the ring that holds the k-th person
    """

    counts: np.ndarray
    population: np.ndarray
    distance: np.ndarray


@njit(cache=True)
def _square_pop(sat, x0, y0, x1, y1):
    """People in buckets [x0, x1] × [y0, y1] (inclusive, clipped) from the summed-area table."""
    ny, nx = sat.shape[0] - 1, sat.shape[1] - 1
    x0, y0 = max(x0, 0), max(y0, 0)
    x1, y1 = min(x1, nx - 1), min(y1, ny - 1)
    if x1 < x0 or y1 < y0:
        return 0.0
    return sat[y1 + 1, x1 + 1] - sat[y0, x1 + 1] - sat[y1 + 1, x0] + sat[y0, x0]


@njit(cache=True)
def _walk(d, cand, limit, cpop, counts, ks, tol, out_c, out_n, out_d, r):
    """Walk candidates (all cells nearer than ``limit``) ring by ring, nearest first.

    Returns the number of k filled, or -1 when a needed ring may continue beyond ``limit``.
    """
    nk = ks.shape[0]
    g = counts.shape[1]
    m = d.shape[0]
    srt = np.argsort(d)
    cum = np.zeros(g)
    ring = np.zeros(g)
    cp = 0.0
    kk = 0
    j = 0
    last = 0.0
    while j < m and kk < nk:
        e = j
        while e + 1 < m and d[srt[e + 1]] - d[srt[e]] <= tol:
            e += 1
        if d[srt[e]] + tol >= limit:
            return -1  # the ring may continue beyond the cells gathered
        ring[:] = 0.0
        p = 0.0
        for q in range(j, e + 1):
            c = cand[srt[q]]
            p += cpop[c]
            for h in range(g):
                ring[h] += counts[c, h]
        while kk < nk and cp + p >= ks[kk]:
            f = (ks[kk] - cp) / p
            for h in range(g):
                out_c[r, kk, h] = cum[h] + f * ring[h]
            out_n[r, kk] = ks[kk]
            out_d[r, kk] = d[srt[j]]
            kk += 1
        cp += p
        for h in range(g):
            cum[h] += ring[h]
        last = d[srt[j]]
        j = e + 1
    if kk < nk and limit == np.inf:
        while kk < nk:  # the whole population is smaller than k
            for h in range(g):
                out_c[r, kk, h] = cum[h]
            out_n[r, kk] = cp
            out_d[r, kk] = last
            kk += 1
    return kk


@njit(cache=True)
def _one_origin(ox, oy, cxy, cpop, counts, start, sat, gx0, gy0, size, ks, tol, total, out_c, out_n, out_d, r):
    ny, nx = sat.shape[0] - 1, sat.shape[1] - 1
    nk = ks.shape[0]
    kmax = min(ks[nk - 1], total)
    bx = int(np.floor((ox - gx0) / size))
    by = int(np.floor((oy - gy0) / size))
    big = max(nx, ny) + abs(bx) + abs(by) + 1
    rad = 1
    # a square holding 1.6 kmax people usually holds kmax inside its inscribed disc (area π/4)
    while rad < big and _square_pop(sat, bx - rad, by - rad, bx + rad, by + rad) < 1.6 * kmax:
        rad += 1
    nbins = 64
    hist = np.zeros(nbins)
    while True:
        x0, x1 = max(bx - rad, 0), min(bx + rad, nx - 1)
        y0, y1 = max(by - rad, 0), min(by + rad, ny - 1)
        whole = x0 == 0 and y0 == 0 and x1 == nx - 1 and y1 == ny - 1
        rho = np.inf
        if not whole:
            rho = min(
                ox - (gx0 + (bx - rad) * size),
                gx0 + (bx + rad + 1) * size - ox,
                oy - (gy0 + (by - rad) * size),
                gy0 + (by + rad + 1) * size - oy,
            )
        m = 0
        for yy in range(y0, y1 + 1):
            m += start[yy * nx + x1 + 1] - start[yy * nx + x0]
        cand = np.empty(m, dtype=np.int64)
        d = np.empty(m)
        q = 0
        tot = 0.0
        dmax = 0.0
        for yy in range(y0, y1 + 1):
            for c in range(start[yy * nx + x0], start[yy * nx + x1 + 1]):
                dx = cxy[c, 0] - ox
                dy = cxy[c, 1] - oy
                dd = np.sqrt(dx * dx + dy * dy)
                if dd < rho:  # beyond ρ nothing is known to be complete
                    d[q] = dd
                    cand[q] = c
                    tot += cpop[c]
                    dmax = max(dmax, dd)
                    q += 1
        m = q
        if tot < kmax and not whole:
            rad = max(rad + 1, int(rad * 1.25))
            continue
        # keep only the cells up to the distance band where the largest k is reached
        limit = rho
        if m > 4 * nbins and dmax > 0 and tot >= kmax:
            w = dmax / nbins
            hist[:] = 0.0
            for i in range(m):
                hist[min(int(d[i] / w), nbins - 1)] += cpop[cand[i]]
            acc = 0.0
            band = nbins - 1
            for i in range(nbins):
                acc += hist[i]
                if acc >= kmax:
                    band = i
                    break
            if band < nbins - 1:
                limit = (band + 1) * w
                q = 0
                for i in range(m):
                    if d[i] < limit:
                        d[q] = d[i]
                        cand[q] = cand[i]
                        q += 1
                m = q
        kk = _walk(d[:m], cand[:m], limit, cpop, counts, ks, tol, out_c, out_n, out_d, r)
        if kk == nk:
            return
        if kk < 0 and limit < rho:
            # a tie ring straddles the band edge: redo this radius without the band
            kk = _full(cxy, cpop, counts, start, nx, x0, x1, y0, y1, ox, oy, rho, ks, tol, out_c, out_n, out_d, r)
            if kk == nk:
                return
        rad = max(rad + 1, int(rad * 1.25))


@njit(cache=True)
def _full(cxy, cpop, counts, start, nx, x0, x1, y0, y1, ox, oy, rho, ks, tol, out_c, out_n, out_d, r):
    m = 0
    for yy in range(y0, y1 + 1):
        m += start[yy * nx + x1 + 1] - start[yy * nx + x0]
    cand = np.empty(m, dtype=np.int64)
    d = np.empty(m)
    q = 0
    for yy in range(y0, y1 + 1):
        for c in range(start[yy * nx + x0], start[yy * nx + x1 + 1]):
            dx = cxy[c, 0] - ox
            dy = cxy[c, 1] - oy
            dd = np.sqrt(dx * dx + dy * dy)
            if dd < rho:
                d[q] = dd
                cand[q] = c
                q += 1
    return _walk(d[:q], cand[:q], rho, cpop, counts, ks, tol, out_c, out_n, out_d, r)


@njit(cache=True)
def _all_origins_serial(oxy, cxy, cpop, counts, start, sat, gx0, gy0, size, ks, tol, total, out_c, out_n, out_d):
    for r in range(oxy.shape[0]):
        _one_origin(
            oxy[r, 0], oxy[r, 1], cxy, cpop, counts, start, sat, gx0, gy0, size, ks, tol, total, out_c, out_n, out_d, r
        )


@njit(cache=True, parallel=True)
def _all_origins(oxy, cxy, cpop, counts, start, sat, gx0, gy0, size, ks, tol, total, out_c, out_n, out_d):
    for r in prange(oxy.shape[0]):
        _one_origin(
            oxy[r, 0], oxy[r, 1], cxy, cpop, counts, start, sat, gx0, gy0, size, ks, tol, total, out_c, out_n, out_d, r
        )


def knn_neighbourhoods(
    xy: ArrayLike,
    counts: ArrayLike,
    ks: Sequence[float] | np.ndarray,
    *,
    origins: ArrayLike | None = None,
    bucket: float | None = None,
) -> KnnResult:
    """Group counts of the k nearest people around each origin cell, for every k in ``ks``.

    Parameters
    ----------
    xy : ndarray of shape (n, 2)
        Cell centroids in metres (EPSG:3006).
    counts : ndarray of shape (n, G)
        People per cell and group (non-negative; may be fractional weights).
    ks : sequence of float
        Neighbourhood sizes (> 0), in any order.
    origins : ndarray of int, optional
        Rows of ``xy`` to compute neighbourhoods for; default every cell with people.
    bucket : float, optional
        Side of the search buckets in metres; default from the density (a speed setting only:
        results do not depend on it).

    Returns
    -------
    KnnResult
        Arrays ordered as ``origins`` and ``ks``.

    Raises
    ------
    ValueError
        If the shapes do not match or a k is not positive (callers validate user input).

    Examples
    --------
    >>> import numpy as np
    >>> xy = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
    >>> c = np.array([[5.0, 5.0], [20.0, 0.0], [0.0, 30.0]])
    >>> r = knn_neighbourhoods(xy, c, [10, 30, 45], origins=np.array([0]))
    >>> r.counts[0].tolist()
    [[5.0, 5.0], [25.0, 5.0], [25.0, 20.0]]
    """
    xy = np.ascontiguousarray(xy, dtype=np.float64)
    counts = np.ascontiguousarray(counts, dtype=np.float64)
    ks_in = np.asarray(ks, dtype=np.float64).ravel()
    if xy.ndim != 2 or xy.shape[1] != 2 or counts.ndim != 2 or counts.shape[0] != xy.shape[0]:
        raise ValueError("xy must be (n, 2) and counts (n, G)")
    if ks_in.size == 0 or not (ks_in > 0).all():
        raise ValueError("ks must be positive")
    order = np.argsort(ks_in, kind="stable")
    ks_sorted = np.ascontiguousarray(ks_in[order])
    pop_all = counts.sum(axis=1)
    keep = np.flatnonzero(pop_all > 0)
    origins = keep if origins is None else np.asarray(origins, dtype=np.int64)
    n_o, n_k, g = origins.size, ks_sorted.size, counts.shape[1]
    out_c = np.zeros((n_o, n_k, g))
    out_n = np.zeros((n_o, n_k))
    out_d = np.zeros((n_o, n_k))
    if n_o and keep.size == 0:
        out_d[:] = np.nan
    elif n_o:
        grid = _bucket_grid(xy[keep], counts[keep], pop_all[keep], ks_sorted[-1], bucket)
        # small jobs stay on one thread: starting numba's thread pool costs more than they take
        run: Any = _all_origins if n_o * ks_sorted[-1] > _SERIAL_WORK else _all_origins_serial
        run(
            np.ascontiguousarray(xy[origins]),
            *grid,
            ks_sorted,
            TIE_TOLERANCE,
            float(pop_all[keep].sum()),
            out_c,
            out_n,
            out_d,
        )
    inv = np.empty_like(order)
    inv[order] = np.arange(order.size)
    return KnnResult(out_c[:, inv], out_n[:, inv], out_d[:, inv])


def _bucket_grid(cxy, cc, cpop, kmax, bucket):
    """Cells sorted by bucket, bucket start offsets and the summed-area table of population."""
    lo = cxy.min(axis=0)
    span = np.maximum(cxy.max(axis=0) - lo, 1.0)
    if bucket is None:
        # about kmax / 4 people per bucket at the median cell density
        from scipy.spatial import cKDTree

        n = cxy.shape[0]
        if n > 1:
            sample = cxy[:: max(1, n // 20000)]
            nn = cKDTree(cxy).query(sample, k=2)[0][:, 1]
            spacing = float(np.median(nn)) or 1.0
        else:
            spacing = 1.0
        per_cell = float(np.median(cpop))
        bucket = spacing * np.sqrt(max(kmax / 4.0 / per_cell, 1.0))
    bucket = float(max(bucket, np.sqrt(span[0] * span[1] / _MAX_BUCKETS), 1e-6))
    nx, ny = (np.floor(span / bucket).astype(np.int64) + 1).tolist()
    bx = np.floor((cxy[:, 0] - lo[0]) / bucket).astype(np.int64)
    by = np.floor((cxy[:, 1] - lo[1]) / bucket).astype(np.int64)
    key = by * nx + bx
    srt = np.argsort(key, kind="stable")
    start = np.zeros(nx * ny + 1, dtype=np.int64)
    np.cumsum(np.bincount(key, minlength=nx * ny), out=start[1:])
    grid_pop = np.bincount(key, weights=cpop, minlength=nx * ny).reshape(ny, nx)
    sat = np.zeros((ny + 1, nx + 1))
    sat[1:, 1:] = grid_pop.cumsum(axis=0).cumsum(axis=1)
    return (
        np.ascontiguousarray(cxy[srt]),
        np.ascontiguousarray(cpop[srt]),
        np.ascontiguousarray(cc[srt]),
        start,
        sat,
        float(lo[0]),
        float(lo[1]),
        bucket,
    )


def knn_reference(
    xy: ArrayLike, counts: ArrayLike, ks: Sequence[float] | np.ndarray, origins: ArrayLike | None = None
) -> KnnResult:
    """Brute force: all distances per origin, full sort, rings and fractions in plain Python.

    For tests on small data; O(n² log n).

    Parameters
    ----------
    xy, counts, ks, origins
        As for :func:`knn_neighbourhoods`.

    Returns
    -------
    KnnResult
        The same result as :func:`knn_neighbourhoods`, computed independently.
    """
    xy = np.asarray(xy, dtype=np.float64)
    counts = np.asarray(counts, dtype=np.float64)
    pop = counts.sum(axis=1)
    orig = np.flatnonzero(pop > 0) if origins is None else np.asarray(origins, dtype=np.int64)
    ks = [float(k) for k in ks]
    res_c = np.zeros((len(orig), len(ks), counts.shape[1]))
    res_n = np.zeros((len(orig), len(ks)))
    res_d = np.zeros((len(orig), len(ks)))
    cand = np.flatnonzero(pop > 0)
    for a, o in enumerate(orig):
        dist = [float(np.hypot(*(xy[c] - xy[o]))) for c in cand]
        srt = sorted(range(len(cand)), key=lambda i: dist[i])
        rings: list[list[int]] = []
        for i in srt:
            if rings and dist[i] - dist[rings[-1][-1]] <= TIE_TOLERANCE:
                rings[-1].append(i)
            else:
                rings.append([i])
        for b, k in enumerate(ks):
            acc = np.zeros(counts.shape[1])
            seen = 0.0
            for ring in rings:
                rc = sum((counts[cand[i]] for i in ring), np.zeros(counts.shape[1]))
                p = float(rc.sum())
                res_d[a, b] = dist[ring[0]]
                if seen + p >= k:
                    acc = acc + (k - seen) / p * rc
                    seen = k
                    break
                acc = acc + rc
                seen += p
            res_c[a, b], res_n[a, b] = acc, seen
    return KnnResult(res_c, res_n, res_d)
