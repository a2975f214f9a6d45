"""Two-group indices on the contiguity graph of the units: boundary-adjusted dissimilarity
(Morrill 1991), Wong's perimeter/area-adjusted dissimilarity (Wong 1993) and the spatial
proximity profile (Hong & Sadahiro 2014).  ``contiguity`` is a sparse or dense n × n matrix
(shared boundary lengths or 0/1); counts are ``(n, 2)``: focal group, rest.  Re-exported by
:mod:`lagesbild.measures.explicit`.  Formulas: docs/methods/segregation.md §3.9.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.measures._core import safe_div

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["boundary_dissimilarity", "perimeter_area_dissimilarity", "spatial_proximity_profile"]


def _xy(counts):
    c = np.asarray(counts, dtype=np.float64)
    return c[:, 0], c[:, 1], c.sum(axis=1)


def _pairs(contiguity):
    from scipy import sparse

    return sparse.coo_matrix(contiguity)


def boundary_dissimilarity(counts: ArrayLike, contiguity: Any, boundary: str = "binary",
                           standardize: bool = False) -> float:
    """Boundary-adjusted dissimilarity D(adj) (Morrill 1991); ``boundary="length"`` gives
    the shared-boundary-length version (Wong's D(w); PySAL's BoundarySpatialDissim).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    contiguity : array_like or scipy.sparse matrix of shape (n, n)
        Shared boundary lengths, or 1 for neighbours and 0 otherwise.
    boundary : {"binary", "length"}
        Weight each neighbouring pair by 1 or by its shared boundary length.
    standardize : bool, default False
        Row-standardise the weights first.

    Returns
    -------
    float
        D(adj) in [−1, 1]; D itself when no unit has a neighbour.

    Notes
    -----
    D(adj) = D − Σ_i Σ_j c_ij |s_i − s_j| / Σ_i Σ_j c_ij, c_ij contiguity (0/1) or shared
    boundary length; ``standardize`` row-standardises c first.

    References
    ----------
    Morrill, R. L. (1991). On the measure of geographic segregation. Geography Research
    Forum 11, 25–36.  Wong, D. W. S. (1993). Spatial indices of segregation. Urban
    Studies 30(3), 559–572.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); w = np.array([[0, 1], [1, 0]])
    >>> float(boundary_dissimilarity(c, w))
    0.0
    """
    from lagesbild.measures.singlegroup import dissimilarity

    x, _, t = _xy(counts)
    s = safe_div(x, t)
    c = _pairs(contiguity)
    v = np.ones_like(c.data, dtype=float) if boundary == "binary" else c.data.astype(float)
    if standardize:
        rs = np.bincount(c.row, weights=v, minlength=x.size)
        v = v / rs[c.row]
    if v.sum() == 0:  # no neighbouring pairs: nothing to adjust
        return float(dissimilarity(x, t))
    return float(dissimilarity(x, t)) - (v * np.abs(s[c.row] - s[c.col])).sum() / v.sum()


def perimeter_area_dissimilarity(counts: ArrayLike, contiguity: Any, perimeters: ArrayLike,
                                 areas: ArrayLike) -> float:
    """Wong's perimeter/area-adjusted dissimilarity D(s).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    contiguity : array_like or scipy.sparse matrix of shape (n, n)
        Shared boundary length of each pair of units.
    perimeters, areas : array_like of shape (n,)
        Perimeter (m) and area (m²) of each unit.

    Returns
    -------
    float
        D(s) in [−1, 1]; D itself when no unit has a neighbour.

    Notes
    -----
    w_ij = shared boundary length / total; D(s) = D − Σ_i Σ_j w_ij |s_i − s_j|
    ((P/A)_i + (P/A)_j) / (2 max(P/A)).

    References
    ----------
    Wong, D. W. S. (1993). Spatial indices of segregation. Urban Studies 30(3), 559–572.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); w = np.array([[0, 1.0], [1.0, 0]])
    >>> float(perimeter_area_dissimilarity(c, w, np.array([4.0, 4.0]), np.array([1.0, 1.0])))
    0.0
    """
    from lagesbild.measures.singlegroup import dissimilarity

    x, _, t = _xy(counts)
    s = safe_div(x, t)
    c = _pairs(contiguity)
    if c.data.sum() == 0:  # no neighbouring pairs: nothing to adjust
        return float(dissimilarity(x, t))
    w = c.data.astype(float) / c.data.sum()
    pa = np.asarray(perimeters, float) / np.asarray(areas, float)
    num = (w * np.abs(s[c.row] - s[c.col]) * (pa[c.row] + pa[c.col])).sum()
    return float(dissimilarity(x, t)) - num / (2 * pa.max())


def spatial_proximity_profile(counts: ArrayLike, contiguity: Any, grid: int | None = None,
                              block: int = 512) -> float:
    """Spatial proximity profile index (Hong & Sadahiro 2014) on the contiguity graph.

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    contiguity : sparse (n, n)
        Any non-zero entry is an edge; distances are shortest-path hop counts.
    grid : int, optional
        ``None``: the exact integral of the step-function profile; ``m`` reproduces PySAL's
        sum over ``linspace(0, 1, m)`` divided by m.
    block : int, default 512
        Number of breadth-first searches held in memory at once.

    Returns
    -------
    float
        SPP in [0, 1/(1 − P)].

    Notes
    -----
    For θ ∈ [0, 1], S_θ = {i : s_i ≥ θ}, k = |S_θ|, η(θ) = (k² − k) / Σ_{i,j∈S_θ} δ_ij
    (0 when undefined or disconnected); SPP = (P − ∫₀^P η + ∫_P^1 η) / (1 − P).  The pair sums
    over every nested S_θ come from one pass of breadth-first searches in O(n (n + e)) time
    and O(block · n) memory (units sorted by s, prefix sums), instead of an all-pairs
    Floyd–Warshall matrix and one sub-matrix sum per threshold.

    References
    ----------
    Hong, S.-Y. & Sadahiro, Y. (2014). Measuring geographic segregation: a graph-based
    approach. Journal of Geographical Systems 16(2), 211–231.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [50, 0], [0, 50]]); w = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    >>> round(float(spatial_proximity_profile(c, w)), 6)
    1.0
    """
    from scipy import sparse

    from lagesbild.measures._graph import prefix_hop_sums

    x, _, t = _xy(counts)
    s = safe_div(x, t)
    P = x.sum() / t.sum()
    n = s.size
    g = sparse.csr_matrix(contiguity)
    g = sparse.csr_matrix((np.ones_like(g.data, dtype=float), g.indices, g.indptr), shape=g.shape)
    g = ((g + g.T) > 0).astype(float).tocsr()
    order = np.argsort(-s, kind="stable")
    r = prefix_hop_sums(g, order, block)              # Σ_j δ_kj over units j before k
    den = np.concatenate([[0.0], 2 * np.cumsum(r)])   # den[k] = Σ over the first k units
    ks = np.arange(n + 1, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.where(np.isfinite(den) & (den > 0), (ks**2 - ks) / den, 0.0)
    s_desc = s[order]
    if grid is not None:
        gr = np.linspace(0, 1, int(grid))
        k = np.searchsorted(-s_desc, -gr, side="right")   # #{s ≥ θ}
        curve = eta[k]
        return float((P - (curve[gr < P].sum() / grid - curve[gr >= P].sum() / grid)) / (1 - P))
    u = np.unique(s_desc)                              # ascending distinct shares
    k = np.searchsorted(-s_desc, -u, side="right")
    lo = np.r_[0.0, u[:-1]]
    hi = u
    below = (eta[k] * np.clip(np.minimum(hi, P) - lo, 0, None)).sum()
    above = (eta[k] * np.clip(hi - np.maximum(lo, P), 0, None)).sum()
    return float((P - below + above) / (1 - P))
