"""Rank-order (ordinal) income segregation (Reardon 2011): H^R, R^R and S^R.

Formulas: docs/methods/segregation.md §3.7.  Input: counts of shape (..., n, K) whose K columns
are **ordered** classes (lowest first).
"""

from __future__ import annotations

from math import comb
from typing import TYPE_CHECKING

import numpy as np

from lagesbild.errors import param_error
from lagesbild.measures._core import safe_div

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["rank_order_information_theory", "rank_order_variance_ratio", "threshold_profile"]


def _e2(q):
    q = np.clip(q, 0.0, 1.0)
    out = np.zeros_like(q)
    m = (q > 0) & (q < 1)
    out[m] = -(q[m] * np.log2(q[m]) + (1 - q[m]) * np.log2(1 - q[m]))
    return out


def _v(q):
    return 4 * q * (1 - q)


def _s(q):
    return 2 * np.sqrt(np.clip(q * (1 - q), 0.0, None))


_FUNCS = {"H": _e2, "R": _v, "S": _s}


def threshold_profile(counts: ArrayLike, kind: str = "H") -> tuple[np.ndarray, np.ndarray]:
    """Pairwise index at each threshold k = 1..K−1 between classes ≤ k and > k.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Counts of K ordered classes (lowest first) in each unit.
    kind : {"H", "R", "S"}
        Information theory, variance ratio or square-root index at each threshold.

    Returns
    -------
    p : ndarray (..., K−1)
        Population share at or below each threshold.
    value : ndarray (..., K−1)
        H(p_k) (``kind="H"``), R(p_k) (``"R"``) or S(p_k) (``"S"``).

    Notes
    -----
    c_ik = Σ_{m≤k} t_im / t_i;  H(p_k) = Σ_i t_i (E₂(p_k) − E₂(c_ik)) / (T E₂(p_k)),
    and the same with v(q) = 4q(1−q) or s(q) = 2√(q(1−q)) (§3.7).

    Examples
    --------
    >>> import numpy as np
    >>> p, h = threshold_profile(np.array([[10, 0, 0], [0, 0, 10]]))
    >>> p.tolist(), h.tolist()
    ([0.5, 0.5], [1.0, 1.0])
    """
    f = _FUNCS[kind]
    counts = np.asarray(counts, dtype=np.float64)
    t = counts.sum(axis=-1)
    T = t.sum(axis=-1)
    cum = np.cumsum(counts, axis=-1)[..., :-1]            # (..., n, K-1)
    c = safe_div(cum, t[..., None])
    p = safe_div(cum.sum(axis=-2), T[..., None])          # (..., K-1)
    fp = f(p)
    num = (t[..., None] * (fp[..., None, :] - f(c))).sum(axis=-2)
    return p, safe_div(num, T[..., None] * fp)


def _delta(kind, order):
    ls = np.arange(order + 1)
    if kind == "H":
        return np.array([2 / (lv + 2) ** 2 + 2 * sum(comb(lv, n) * (-1) ** (lv - n) / (lv - n + 2) ** 2
                                                       for n in range(lv + 1)) for lv in ls])
    if kind == "R":
        return 6.0 / ((ls + 2) * (ls + 3))
    return np.array([4 * np.prod([(2 * n + 1) / (2 * n + 4) for n in range(lv + 1)]) for lv in ls])


def _rank_order(counts, kind, order, weights):
    counts = np.asarray(counts, dtype=np.float64)
    k = counts.shape[-1]
    if order is None:
        order = min(4, k - 2)
    if order < 0 or order > k - 2:
        raise param_error("order", "rank_order", f"ett heltal mellan 0 och K − 2 = {k - 2}",
                          f"an integer between 0 and K − 2 = {k - 2}", order)
    p, val = threshold_profile(counts, kind)
    V = p[..., :, None] ** np.arange(order + 1)            # (..., K-1, L+1)
    if weights is not None:
        w = np.sqrt(np.asarray(weights, dtype=np.float64))
        V = V * w[:, None]
        val = val * w
    beta = np.einsum("...lk,...k->...l", np.linalg.pinv(V), val)
    return (beta * _delta(kind, order)).sum(axis=-1)


def rank_order_information_theory(counts: ArrayLike, order: int | None = None,
                                  weights: ArrayLike | None = None) -> np.ndarray | float:
    """Rank-order information theory index H^R (Reardon 2011).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Counts of K ordered classes (lowest first) in each unit.
    order : int, optional
        Polynomial order L ≤ K − 2 (default min(4, K − 2)).
    weights : ndarray of shape (K−1,), optional
        Least-squares weights for the thresholds (unweighted by default, as OasisR).

    Returns
    -------
    ndarray or float
        H^R (one value per leading batch index).

    Raises
    ------
    InputError
        If ``order`` is outside 0..K − 2.

    Notes
    -----
    Fit H(p) ≈ Σ_l β_l p^l through the points (p_k, H(p_k)); then
    H^R = 2 ln 2 ∫₀¹ E₂(p) H(p) dp = Σ_l β_l δ^H_l,
    δ^H_l = 2/(l+2)² + 2 Σ_{n=0}^{l} C(l,n)(−1)^(l−n)/(l−n+2)² (§3.7).

    References
    ----------
    Reardon, S. F. (2011). Measures of income segregation. CEPA working paper, Stanford.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[10, 0, 0, 0], [0, 10, 0, 0], [0, 0, 10, 0], [0, 0, 0, 10]])
    >>> round(float(rank_order_information_theory(c)), 10)
    1.0
    """
    return _rank_order(counts, "H", order, weights)


def rank_order_variance_ratio(counts: ArrayLike, order: int | None = None,
                              weights: ArrayLike | None = None) -> np.ndarray | float:
    """Rank-order variance ratio index R^R (Reardon 2011).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Counts of K ordered classes (lowest first) in each unit.
    order : int, optional
        Polynomial order L ≤ K − 2 (default min(4, K − 2)).
    weights : array_like of shape (K−1,), optional
        Least-squares weights for the thresholds (unweighted by default).

    Returns
    -------
    ndarray or float
        R^R (one value per leading batch index).

    Raises
    ------
    InputError
        If ``order`` is outside 0..K − 2.

    Notes
    -----
    R(p_k) = Σ_i t_i (v(p_k) − v(c_ik)) / (T v(p_k)), v(q) = 4q(1−q);
    R^R = 6 ∫₀¹ p(1−p) R(p) dp = Σ_l β_l · 6/((l+2)(l+3)) (§3.7).

    References
    ----------
    Reardon, S. F. (2011). Measures of income segregation. CEPA working paper, Stanford.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[10, 0, 0, 0], [0, 10, 0, 0], [0, 0, 10, 0], [0, 0, 0, 10]])
    >>> round(float(rank_order_variance_ratio(c)), 10)
    1.0
    """
    return _rank_order(counts, "R", order, weights)
