"""Iterative proportional fitting (Deming & Stephan 1940) for margin adjustment.

Used by the Shapley decomposition of changes in M (Elbers 2023); validated against the
Karmel & Maclachlan (1988) example.  Algorithm: methods-segregation.md §5.1.
"""

from __future__ import annotations

import numpy as np

from lagesbild.errors import ConvergenceError, param_error
from lagesbild.measures.validation import Interval, validates

__all__ = ["ipf"]


@validates(tol=Interval(float, 0, 1, closed="neither"), max_iter=Interval(int, 1, None))
def ipf(seed, row_target, col_target, tol: float = 1e-7, max_iter: int = 10_000):
    """Adjust ``seed`` to the given row and column margins, keeping its odds ratios.

    Parameters
    ----------
    seed : ndarray of shape (n, K)
        Association structure (non-negative; zero cells stay zero).
    row_target : ndarray of shape (n,)
        Target unit margin (counts or shares).
    col_target : ndarray of shape (K,)
        Target group margin (counts or shares).
    tol : float
        Largest allowed absolute deviation of either margin, in shares.
    max_iter : int
        Maximum number of row-and-column sweeps.

    Returns
    -------
    ndarray of shape (n, K)
        The fitted table, scaled to the total of ``row_target``.

    Raises
    ------
    ConvergenceError
        When the margins are not within ``tol`` after ``max_iter`` sweeps.

    Notes
    -----
    On proportions p (Σ p = 1) with targets r_i, c_m: rows first, p_im ← p_im r_i / Σ_m p_im,
    then columns, p_im ← p_im c_m / Σ_i p_im, until max |Σ_m p_im − r_i| ≤ tol and
    max |Σ_i p_im − c_m| ≤ tol (§5.1).

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
