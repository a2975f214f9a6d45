"""Explicitly spatial two-group indices (Massey & Denton 1988; Morrill 1991; Wong 1993;
Hong & Sadahiro 2014).  Inputs are geometry-derived arrays, never GeoDataFrames:
``coords`` (n, 2) centroids in metres (EPSG:3006), ``areas`` (n,) in m², ``perimeters``
(n,) in m and ``contiguity`` (sparse n × n, shared boundary lengths or 0/1; the indices on the
contiguity graph live in :mod:`lagesbild.measures.contiguity` and are re-exported here).
Counts are ``(n, 2)``: focal group, rest.  Formulas: docs/methods/segregation.md §3.9.

Proximity (published): c_ij = exp(−β d_ij), d in km, d_ii = (α a_i)^γ with a_i in km².
``proximity="pysal"`` reproduces PySAL's variant (distances divided by column sums,
c_ij = 1 − exp(−d_ij / S_j), c_ii = 1 − exp(−(α a_i)^γ) with a_i in m²).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lagesbild.errors import param_error
from lagesbild.measures._core import safe_div
from lagesbild.measures.contiguity import (
    boundary_dissimilarity,
    perimeter_area_dissimilarity,
    spatial_proximity_profile,
)

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "absolute_centralization", "absolute_clustering", "absolute_concentration", "boundary_dissimilarity",
    "delta", "distance_decay_exposure", "distance_decay_isolation", "perimeter_area_dissimilarity",
    "proximity_apply", "relative_centralization", "relative_clustering", "relative_concentration",
    "spatial_proximity", "spatial_proximity_profile",
]

_BLOCK = 1024


def _xy(counts):
    c = np.asarray(counts, dtype=np.float64)
    return c[:, 0], c[:, 1], c.sum(axis=1)


def proximity_apply(coords: ArrayLike, areas: ArrayLike, V: ArrayLike, beta: float = 1.0, alpha: float = 0.6,
                    gamma: float = 0.5, proximity: str = "massey_denton") -> tuple[np.ndarray, float, np.ndarray]:
    """Return C @ V, ΣΣ c_ij and the column sums of C, in row blocks (O(block · n) memory).

    Parameters
    ----------
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    V : array_like of shape (n, k)
        Columns to multiply by the proximity matrix C.
    beta : float, default 1.0
        Distance decay β per km: c_ij = exp(−β d_ij).
    alpha, gamma : float, default 0.6, 0.5
        Within-unit distance d_ii = (α a_i)^γ (a_i in km²; in m² for ``"pysal"``).
    proximity : {"massey_denton", "pysal"}
        The published proximity (Massey & Denton 1988) or PySAL's variant
        c_ij = 1 − exp(−d_ij / S_j), S_j the column sum of distances.

    Returns
    -------
    CV : ndarray of shape (n, k)
        C @ V.
    total : float
        ΣΣ c_ij.
    colsum : ndarray of shape (n,)
        Column sums of C.

    Raises
    ------
    InputError
        If ``proximity`` is not one of the two variants.

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). The dimensions of residential segregation.
    Social Forces 67(2), 281–315.
    """
    xy = np.asarray(coords, dtype=np.float64)
    a = np.asarray(areas, dtype=np.float64)
    V = np.asarray(V, dtype=np.float64)
    n = xy.shape[0]
    if proximity not in ("massey_denton", "pysal"):
        raise param_error("proximity", "explicit", "'massey_denton' eller 'pysal'", "'massey_denton' or 'pysal'",
                          proximity)
    colsum = np.zeros(n)
    if proximity == "pysal":
        for s in range(0, n, _BLOCK):
            colsum[s:s + _BLOCK] = np.sqrt(((xy[s:s + _BLOCK, None] - xy[None]) ** 2).sum(-1)).sum(axis=1)
    out = np.zeros(V.shape)
    total = 0.0
    csum = np.zeros(n)
    for s in range(0, n, _BLOCK):
        d = np.sqrt(((xy[s:s + _BLOCK, None] - xy[None]) ** 2).sum(-1))
        idx = np.arange(s, min(n, s + _BLOCK))
        if proximity == "pysal":
            c = 1.0 - np.exp(-d / colsum[None, :])
            c[idx - s, idx] = 1.0 - np.exp(-((alpha * a[idx]) ** gamma))
        else:
            d = d / 1000.0
            d[idx - s, idx] = (alpha * a[idx] / 1e6) ** gamma
            c = np.exp(-beta * d)
        out[s:s + _BLOCK] = c @ V
        total += c.sum()
        csum += c.sum(axis=0)
    return out, total, csum


def spatial_proximity(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike, beta: float = 1.0,
                      alpha: float = 0.6, gamma: float = 0.5, proximity: str = "massey_denton") -> float:
    """Spatial proximity SP (White 1983).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    beta, alpha, gamma : float, default 1.0, 0.6, 0.5
        Proximity parameters: c_ij = exp(−β d_ij), d_ii = (α a_i)^γ (see :func:`proximity_apply`).
    proximity : {"massey_denton", "pysal"}
        The published proximity or PySAL's variant (anything else raises InputError).

    Returns
    -------
    float
        SP ≥ 0; 1 when the groups are equally clustered, above 1 when each group
        lives closer to its own members.

    Notes
    -----
    P_xx = ΣΣ x_i x_j c_ij / X² (likewise P_yy, P_tt); SP = (X P_xx + Y P_yy) / (T P_tt).

    References
    ----------
    White, M. J. (1983). The measurement of spatial segregation. American Journal of
    Sociology 88(5), 1008–1018.  Massey & Denton (1988).

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [100000, 0]])
    >>> round(float(spatial_proximity(c, xy, np.array([1e6, 1e6]))), 6)
    2.0
    """
    x, y, t = _xy(counts)
    cv, _, _ = proximity_apply(coords, areas, np.column_stack([x, y, t]), beta, alpha, gamma, proximity)
    X, Y, T = x.sum(), y.sum(), t.sum()
    pxx, pyy, ptt = x @ cv[:, 0] / X**2, y @ cv[:, 1] / Y**2, t @ cv[:, 2] / T**2
    return (X * pxx + Y * pyy) / (T * ptt)


def distance_decay_isolation(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike, beta: float = 1.0,
                             alpha: float = 0.6, gamma: float = 0.5, proximity: str = "massey_denton") -> float:
    """Distance-decay isolation DPxx (Morgan 1983).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    beta, alpha, gamma : float, default 1.0, 0.6, 0.5
        Proximity parameters: c_ij = exp(−β d_ij), d_ii = (α a_i)^γ (see :func:`proximity_apply`).
    proximity : {"massey_denton", "pysal"}
        The published proximity or PySAL's variant (anything else raises InputError).

    Returns
    -------
    float
        DPxx in [0, 1].

    Notes
    -----
    k_ij = c_ij t_j / Σ_j c_ij t_j;  DPxx = Σ_i (x_i/X) Σ_j k_ij (x_j / t_j).  With
    ``proximity="pysal"`` the normalisation is by Σ_k c_jk t_k (PySAL's broadcasting).

    References
    ----------
    Morgan, B. S. (1983). An alternate approach to the development of a distance-based
    measure of racial segregation. American Journal of Sociology 88(6), 1237–1249.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [100000, 0]])
    >>> round(float(distance_decay_isolation(c, xy, np.array([1e6, 1e6]))), 6)
    1.0
    """
    return _decay(counts, coords, areas, beta, alpha, gamma, proximity, isolation=True)


def distance_decay_exposure(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike, beta: float = 1.0,
                            alpha: float = 0.6, gamma: float = 0.5, proximity: str = "massey_denton") -> float:
    """Distance-decay interaction DPxy = Σ_i (x_i/X) Σ_j k_ij (y_j / t_j) = 1 − DPxx.

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    beta, alpha, gamma : float, default 1.0, 0.6, 0.5
        Proximity parameters: c_ij = exp(−β d_ij), d_ii = (α a_i)^γ (see :func:`proximity_apply`).
    proximity : {"massey_denton", "pysal"}
        The published proximity or PySAL's variant (anything else raises InputError).

    Returns
    -------
    float
        DPxy in [0, 1].

    References
    ----------
    Morgan, B. S. (1983). American Journal of Sociology 88(6), 1237–1249.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [100000, 0]])
    >>> round(float(distance_decay_exposure(c, xy, np.array([1e6, 1e6]))), 6)
    0.0
    """
    return _decay(counts, coords, areas, beta, alpha, gamma, proximity, isolation=False)


def _decay(counts, coords, areas, beta, alpha, gamma, proximity, isolation):
    x, y, t = _xy(counts)
    num = x if isolation else y
    if proximity == "pysal":
        ct, _, _ = proximity_apply(coords, areas, t[:, None], beta, alpha, gamma, proximity)
        cv, _, _ = proximity_apply(coords, areas, (num / ct[:, 0])[:, None], beta, alpha, gamma, proximity)
        return float((x / x.sum()) @ cv[:, 0])
    cv, _, _ = proximity_apply(coords, areas, np.column_stack([num, t]), beta, alpha, gamma, proximity)
    return float((x / x.sum()) @ safe_div(cv[:, 0], cv[:, 1]))


def relative_clustering(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike, beta: float = 1.0,
                        alpha: float = 0.6, gamma: float = 0.5, proximity: str = "massey_denton") -> float:
    """Relative clustering RCL = P_xx / P_yy − 1 (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    beta, alpha, gamma : float, default 1.0, 0.6, 0.5
        Proximity parameters: c_ij = exp(−β d_ij), d_ii = (α a_i)^γ (see :func:`proximity_apply`).
    proximity : {"massey_denton", "pysal"}
        The published proximity or PySAL's variant (anything else raises InputError).

    Returns
    -------
    float
        RCL > −1; 0 when both groups are equally clustered.

    Notes
    -----
    P_xx = ΣΣ x_i x_j c_ij / X².  ``proximity="pysal"`` also reproduces PySAL's numerator
    Σ_i Σ_j x_j² c_ij.

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[10, 10], [10, 10]]); xy = np.array([[0.0, 0], [1000, 0]])
    >>> round(float(relative_clustering(c, xy, np.array([1e6, 1e6]))), 6)
    0.0
    """
    x, y, _ = _xy(counts)
    cv, _, csum = proximity_apply(coords, areas, np.column_stack([x, y]), beta, alpha, gamma, proximity)
    if proximity == "pysal":  # PySAL sums x_j² c_ij over i and j (elementwise broadcasting)
        return ((x**2 * csum).sum() / x.sum() ** 2) / ((y**2 * csum).sum() / y.sum() ** 2) - 1
    return (x @ cv[:, 0] / x.sum() ** 2) / (y @ cv[:, 1] / y.sum() ** 2) - 1


def absolute_clustering(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike, beta: float = 1.0,
                        alpha: float = 0.6, gamma: float = 0.5, proximity: str = "massey_denton") -> float:
    """Absolute clustering ACL (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit in m².
    beta, alpha, gamma : float, default 1.0, 0.6, 0.5
        Proximity parameters: c_ij = exp(−β d_ij), d_ii = (α a_i)^γ (see :func:`proximity_apply`).
    proximity : {"massey_denton", "pysal"}
        The published proximity or PySAL's variant (anything else raises InputError).

    Returns
    -------
    float
        ACL (unbounded; negative when the focal group lives apart from its own members).

    Notes
    -----
    ACL = [Σ_i (x_i/X) Σ_j c_ij x_j − (X/n²) ΣΣ c_ij] / [Σ_i (x_i/X) Σ_j c_ij t_j − (X/n²) ΣΣ c_ij].

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [100000, 0]])
    >>> round(float(absolute_clustering(c, xy, np.array([1e6, 1e6]))), 6)
    1.0
    """
    x, _, t = _xy(counts)
    cv, tot, _ = proximity_apply(coords, areas, np.column_stack([x, t]), beta, alpha, gamma, proximity)
    X, n = x.sum(), x.size
    base = X / n**2 * tot
    return ((x / X) @ cv[:, 0] - base) / ((x / X) @ cv[:, 1] - base)


def _center(coords, t, center):
    xy = np.asarray(coords, dtype=np.float64)
    if isinstance(center, str):
        if center == "mean":
            return xy.mean(axis=0)
        if center == "median":
            return np.median(xy, axis=0)
        if center == "population_weighted_mean":
            return np.average(xy, axis=0, weights=t)
        if center == "largest_population":
            return xy[t == t.max()].mean(axis=0)
        raise param_error("center", "centralization", "'mean', 'median', 'population_weighted_mean', "
                          "'largest_population' eller en punkt (x, y)", "'mean', 'median', "
                          "'population_weighted_mean', 'largest_population' or a point (x, y)", center)
    return np.asarray(center, dtype=np.float64).reshape(2)


def _cumulate(d, *cols):
    """Cumulative shares over units sorted by d, with units at equal d merged."""
    order = np.argsort(d, kind="stable")
    ds = d[order]
    _, start = np.unique(ds, return_index=True)
    out = []
    for c in cols:
        cs = np.cumsum(c[order]) / c.sum()
        end = np.r_[start[1:], ds.size] - 1
        out.append(cs[end])
    return out


def relative_centralization(counts: ArrayLike, coords: ArrayLike,
                            center: str | tuple[float, float] = "mean") -> float:
    """Relative centralisation RCE in [−1, 1] (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    center : {"mean", "median", "population_weighted_mean", "largest_population"} or (x, y)
        The centre of the city, or how to find it from the units.

    Returns
    -------
    float
        RCE in [−1, 1]; positive when the focal group lives closer to the centre.

    Raises
    ------
    InputError
        If ``center`` is an unknown name.

    Notes
    -----
    Units sorted by distance to the centre (ties merged); X_i, Y_i cumulative shares:
    RCE = Σ_{i≥2} X_{i−1} Y_i − Σ_{i≥2} X_i Y_{i−1}.

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [1000, 0]])
    >>> float(relative_centralization(c, xy, center=(0, 0)))
    1.0
    """
    x, y, t = _xy(counts)
    d = np.sqrt(((np.asarray(coords, float) - _center(coords, t, center)) ** 2).sum(axis=1))
    X, Y = _cumulate(d, x, y)
    return float((X[:-1] * Y[1:]).sum() - (X[1:] * Y[:-1]).sum())


def absolute_centralization(counts: ArrayLike, coords: ArrayLike, areas: ArrayLike,
                            center: str | tuple[float, float] = "mean") -> float:
    """Absolute centralisation ACE (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    coords : array_like of shape (n, 2)
        Unit centroids in metres (EPSG:3006).
    areas : array_like of shape (n,)
        Land area of each unit (any unit; only shares are used).
    center : {"mean", "median", "population_weighted_mean", "largest_population"} or (x, y)
        The centre of the city, or how to find it from the units.

    Returns
    -------
    float
        ACE in [−1, 1].

    Raises
    ------
    InputError
        If ``center`` is an unknown name.

    Notes
    -----
    ACE = Σ_{i≥2} X_{i−1} A_i − Σ_{i≥2} X_i A_{i−1}, A_i the cumulative share of land area.

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]]); xy = np.array([[0.0, 0], [1000, 0]])
    >>> float(absolute_centralization(c, xy, np.array([1.0, 1.0]), center=(0, 0)))
    0.5
    """
    x, _, t = _xy(counts)
    d = np.sqrt(((np.asarray(coords, float) - _center(coords, t, center)) ** 2).sum(axis=1))
    X, A = _cumulate(d, x, np.asarray(areas, float))
    return float((X[:-1] * A[1:]).sum() - (X[1:] * A[:-1]).sum())


def delta(counts: ArrayLike, areas: ArrayLike) -> float:
    """Hoover's delta DEL = ½ Σ_i |x_i/X − a_i/A|.

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    areas : array_like of shape (n,)
        Land area of each unit (any unit; only shares are used).

    Returns
    -------
    float
        DEL in [0, 1].

    References
    ----------
    Hoover, E. M. (1941). Interstate redistribution of population, 1850–1940. Journal of
    Economic History 1, 199–205.

    Examples
    --------
    >>> import numpy as np
    >>> float(delta(np.array([[50, 0], [0, 50]]), np.array([1.0, 1.0])))
    0.5
    """
    x, _, _ = _xy(counts)
    a = np.asarray(areas, float)
    return float(0.5 * np.abs(x / x.sum() - a / a.sum()).sum())


def _concentration(x, t, a, thr_hi):
    order = np.argsort(a, kind="stable")
    t_s, a_s = t[order], a[order]
    T = t.sum()
    n1 = int(np.argmax(np.cumsum(t_s) / T >= x.sum() / T)) + 1
    n2 = t.size - (int(np.argmax(np.cumsum(t_s[::-1]) / T >= thr_hi / T)) + 1)
    T1, T2 = t_s[:n1].sum(), t_s[n2:].sum()
    return (t_s[:n1] * a_s[:n1]).sum() / T1, (t_s[n2:] * a_s[n2:]).sum() / T2


def absolute_concentration(counts: ArrayLike, areas: ArrayLike) -> float:
    """Absolute concentration ACO (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    areas : array_like of shape (n,)
        Land area of each unit.

    Returns
    -------
    float
        ACO (unbounded; 1 when the focal group lives in the smallest units); NaN when
        the smallest and largest units that reach X have the same mean area.

    Notes
    -----
    Units sorted by area; n1 (n2): number of smallest (largest) units whose total
    population first reaches X; ACO = 1 − [Σ x_i a_i/X − Σ_{≤n1} t_i a_i/T1] /
    [Σ_{≥n2} t_i a_i/T2 − Σ_{≤n1} t_i a_i/T1].

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]])
    >>> float(absolute_concentration(c, np.array([1.0, 9.0])))
    1.0
    """
    x, _, t = _xy(counts)
    a = np.asarray(areas, float)
    lo, hi = _concentration(x, t, a, x.sum())
    if hi == lo:  # the smallest and the largest units reaching X are the same set: undefined
        return float("nan")
    return 1 - ((x * a).sum() / x.sum() - lo) / (hi - lo)


def relative_concentration(counts: ArrayLike, areas: ArrayLike, variant: str = "massey_denton") -> float:
    """Relative concentration RCO (Massey & Denton 1988).

    Parameters
    ----------
    counts : array_like of shape (n, 2)
        Focal group and rest in each unit.
    areas : array_like of shape (n,)
        Land area of each unit.
    variant : {"massey_denton", "pysal"}
        The published definition finds n2 with the threshold Y (the rest group's total),
        as OasisR; PySAL uses X for both thresholds.

    Returns
    -------
    float
        RCO (unbounded; 1 when the focal group lives in the smallest units); NaN when
        both thresholds select units of the same mean area.

    Notes
    -----
    RCO = [(Σ x_i a_i/X) / (Σ y_i a_i/Y) − 1] / [(Σ_{≤n1} t_i a_i/T1) / (Σ_{≥n2} t_i a_i/T2) − 1].

    References
    ----------
    Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281–315.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[50, 0], [0, 50]])
    >>> float(relative_concentration(c, np.array([1.0, 9.0])))
    1.0
    """
    x, y, t = _xy(counts)
    a = np.asarray(areas, float)
    lo, hi = _concentration(x, t, a, x.sum() if variant == "pysal" else y.sum())
    if hi == lo:  # both thresholds select units of the same mean area: undefined
        return float("nan")
    return (((x * a).sum() / x.sum()) / ((y * a).sum() / y.sum()) - 1) / (lo / hi - 1)

