"""Iterative proportional fitting (Deming & Stephan 1940) for margin adjustment.

Used by the Shapley decomposition of changes in M (Elbers 2023); validated against the
Karmel & Maclachlan (1988) example.  Algorithm: docs/methods/segregation.md §5.1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import ConvergenceError, param_error
from lagesbild.measures.validation import Interval, OneOf, Type, validates

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["RTOL", "ipf", "ipf_fit"]


#: Default relative tolerance: every fitted margin within a factor 1 ± 1e-10 of its target.
#: Measured on RegSO tenure 2020 → 2023 (all Sweden): Shapley components then agree with a fully
#: converged IPF (rtol 1e-13) to better than 1e-12, well inside the 1e-8 the decomposition promises.
RTOL = 1e-10


@validates(rtol=Interval(float, 0, 1, closed="neither"), max_iter=Interval(int, 1, None),
           order=OneOf("units_first", "groups_first"), strict=Type(bool))
def ipf_fit(seed: ArrayLike, row_target: ArrayLike, col_target: ArrayLike, rtol: float = RTOL,
            max_iter: int = 10_000, order: str = "units_first", strict: bool = True
            ) -> tuple[np.ndarray, dict[str, Any]]:
    """Adjust ``seed`` to the given margins and report how far the fit got.

    Parameters
    ----------
    seed : ndarray of shape (n, K)
        Association structure (non-negative; zero cells stay zero).
    row_target, col_target : ndarray of shape (n,), (K,)
        Target unit and group margins (counts or shares; same total).
    rtol : float
        Relative tolerance: stop when every margin with a positive target satisfies
        |ln(fitted / target)| ≤ ln(1 + rtol).  This is R ``segregation``'s criterion
        (``precision``, default 0.001 there) with a much smaller default.
    max_iter : int
        Maximum number of sweeps (one sweep scales both margins once).
    order : {"units_first", "groups_first"}
        Which margin each sweep scales first; R ``segregation`` scales groups first and
        checks after every half-sweep, as ``"groups_first"`` does here.
    strict : bool
        Raise :class:`ConvergenceError` when ``rtol`` is not reached (default); ``False``
        returns the last table, as R does with a warning.

    Returns
    -------
    table : ndarray of shape (n, K)
        The fitted table, scaled to the total of ``row_target``.
    info : dict
        ``iterations`` (sweeps, half-sweeps counted as ½), ``precision`` (the achieved
        max |fitted/target − 1| over both margins) and ``converged``.

    References
    ----------
    Deming, W. E. & Stephan, F. F. (1940). Ann. Math. Stat. 11(4), 427–444.
    Elbers, B. (2023). Sociological Methods & Research 52(1), 5–42 (R ``segregation::ipf``).

    Examples
    --------
    >>> import numpy as np
    >>> tab, info = ipf_fit(np.ones((2, 2)), np.array([30, 70]), np.array([40, 60]))
    >>> tab.round(6).tolist(), info["converged"]
    ([[12.0, 18.0], [28.0, 42.0]], True)
    """
    p = np.asarray(seed, dtype=np.float64)
    r = np.asarray(row_target, dtype=np.float64)
    c = np.asarray(col_target, dtype=np.float64)
    if p.ndim != 2 or p.shape != (r.size, c.size):
        raise param_error("seed", "ipf", f"en tabell med formen ({r.size}, {c.size})",
                          f"a table of shape ({r.size}, {c.size})", p.shape)
    total = r.sum()
    if not np.isclose(total, c.sum(), rtol=1e-9):
        raise param_error("col_target", "ipf", f"summan {total} (samma som 'row_target')",
                          f"the sum {total} (same as 'row_target')", float(c.sum()))
    r, c = r / total, c / total
    p = p / p.sum()
    lim = np.log1p(rtol)
    rpos, cpos = r > 0, c > 0

    def dev():
        rs, cs = p.sum(axis=1), p.sum(axis=0)
        with np.errstate(divide="ignore"):
            lr = np.abs(np.log(rs[rpos] / r[rpos]))
            lc = np.abs(np.log(cs[cpos] / c[cpos]))
        return max(lr.max(initial=0.0), lc.max(initial=0.0))

    def scale_rows():
        rs = p.sum(axis=1)
        return p * np.divide(r, rs, out=np.zeros_like(r), where=rs > 0)[:, None]

    def scale_cols():
        cs = p.sum(axis=0)
        return p * np.divide(c, cs, out=np.zeros_like(c), where=cs > 0)[None, :]

    steps = (scale_rows, scale_cols) if order == "units_first" else (scale_cols, scale_rows)
    half = 0
    d = np.inf
    for _ in range(int(max_iter)):
        for step in steps:
            p = step()
            half += 1
            if order == "groups_first":  # R checks after every half-sweep
                d = dev()
                if d <= lim:
                    break
        if order == "units_first":
            d = dev()
        if d <= lim:
            break
    info = {"iterations": half / 2, "precision": float(np.expm1(d)) if np.isfinite(d) else float("inf"),
            "converged": bool(d <= lim)}
    if strict and not info["converged"]:
        raise ConvergenceError(
            f"IPF konvergerade inte inom {max_iter} iterationer (rtol={rtol}, uppnått {info['precision']:.1e}). "
            "Öka 'max_iter' eller 'rtol'.",
            f"IPF did not converge within {max_iter} iterations (rtol={rtol}, reached {info['precision']:.1e}). "
            "Increase 'max_iter' or 'rtol'.")
    return p * total, info


@validates(tol=[Interval(float, 0, 1, closed="neither"), None], rtol=Interval(float, 0, 1, closed="neither"),
           max_iter=Interval(int, 1, None))
def ipf(seed: ArrayLike, row_target: ArrayLike, col_target: ArrayLike, tol: float | None = None,
        max_iter: int = 10_000, rtol: float = RTOL) -> np.ndarray:
    """Adjust ``seed`` to the given row and column margins, keeping its odds ratios.

    Parameters
    ----------
    seed : ndarray of shape (n, K)
        Association structure (non-negative; zero cells stay zero).
    row_target : ndarray of shape (n,)
        Target unit margin (counts or shares).
    col_target : ndarray of shape (K,)
        Target group margin (counts or shares).
    tol : float, optional
        Largest allowed absolute deviation of either margin, in shares (the earlier
        criterion); when given it replaces ``rtol``.
    max_iter : int
        Maximum number of row-and-column sweeps.
    rtol : float
        Relative tolerance of every margin (see :func:`ipf_fit`).

    Returns
    -------
    ndarray of shape (n, K)
        The fitted table, scaled to the total of ``row_target``.

    Raises
    ------
    ConvergenceError
        When the margins are not within the tolerance after ``max_iter`` sweeps.

    Notes
    -----
    On proportions p (Σ p = 1) with targets r_i, c_m: rows first, p_im ← p_im r_i / Σ_m p_im,
    then columns, p_im ← p_im c_m / Σ_i p_im, until every margin is within a factor 1 ± rtol of
    its target (§5.1).

    References
    ----------
    Deming, W. E. & Stephan, F. F. (1940). On a least squares adjustment of a sampled
    frequency table when the expected marginal totals are known. Ann. Math. Stat. 11(4).
    Karmel, T. & Maclachlan, M. (1988). Occupational sex segregation — increasing or
    decreasing? Economic Record 64(3), 187–195.

    Examples
    --------
    >>> import numpy as np
    >>> ipf(np.ones((2, 2)), np.array([30, 70]), np.array([40, 60])).round(6).tolist()
    [[12.0, 18.0], [28.0, 42.0]]
    """
    if tol is None:
        return ipf_fit(seed, row_target, col_target, rtol=rtol, max_iter=max_iter)[0]
    p = np.asarray(seed, dtype=np.float64)
    r = np.asarray(row_target, dtype=np.float64)
    c = np.asarray(col_target, dtype=np.float64)
    if p.ndim != 2 or p.shape != (r.size, c.size):
        raise param_error("seed", "ipf", f"en tabell med formen ({r.size}, {c.size})",
                          f"a table of shape ({r.size}, {c.size})", p.shape)
    total = r.sum()
    if not np.isclose(total, c.sum(), rtol=1e-9):
        raise param_error("col_target", "ipf", f"summan {total} (samma som 'row_target')",
                          f"the sum {total} (same as 'row_target')", float(c.sum()))
    r, c = r / total, c / total
    p = p / p.sum()
    for _ in range(int(max_iter)):
        rs = p.sum(axis=1)
        p = p * np.divide(r, rs, out=np.zeros_like(r), where=rs > 0)[:, None]
        p /= p.sum()
        cs = p.sum(axis=0)
        p = p * np.divide(c, cs, out=np.zeros_like(c), where=cs > 0)[None, :]
        p /= p.sum()
        if np.abs(p.sum(axis=1) - r).max() <= tol and np.abs(p.sum(axis=0) - c).max() <= tol:
            return p * total
    raise ConvergenceError(
        f"IPF konvergerade inte inom {max_iter} iterationer (tol={tol}). Öka 'max_iter' eller 'tol'.",
        f"IPF did not converge within {max_iter} iterations (tol={tol}). Increase 'max_iter' or 'tol'.")
