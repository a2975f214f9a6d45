"""The change rule: is a count really higher (or lower) than its baseline, or is it noise?

Two counts of incidents, ``x1`` in the current period (length ``t1``) and ``x0`` in a baseline
(length ``t0``: the previous four weeks have ``t0 = 4`` weeks against a week, the same period
last year ``t0 = t1``), are treated as Poisson with rates λ1 and λ0. Conditional on the total
``n = x0 + x1``, ``x1`` is binomial with ``p = t1 / (t0 + t1)`` when λ1 = λ0 (Przyborowski and
Wilenski 1940; the *C-test* of Krishnamoorthy and Thomson 2004). The exact one-sided p-value
of an increase is ``P(X ≥ x1)`` and of a decrease ``P(X ≤ x1)`` with ``X ~ Bin(n, p)``. A
change is called only when that p-value is below ``alpha`` (default 0,05) — so 3 → 5 is *no
change* (p = 0,36) and 20 → 45 an *increase* (p < 0,001).

The verdicts are ``okning`` (increase), ``minskning`` (decrease), ``ingen_forandring`` and
``for_fa`` (no baseline and no events: nothing to judge).

A Shewhart *c-chart* upper control limit (Montgomery, *Introduction to Statistical Quality
Control*, ch. 7) is given too: ``c̄ + 3·√c̄`` for the baseline mean per period ``c̄``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["VERDICTS", "change_test", "control_limit"]

VERDICTS = ("okning", "minskning", "ingen_forandring", "for_fa")


def change_test(x1, x0, t1=1.0, t0=1.0, *, alpha: float = 0.05) -> dict[str, np.ndarray]:
    """Vectorised exact conditional test of two Poisson counts.

    Parameters
    ----------
    x1, x0 : array-like of int
        Current and baseline counts.
    t1, t0 : array-like of float
        Their exposures (period lengths, or person-time).
    alpha : float
        One-sided level for each direction.

    Returns
    -------
    dict
        ``p_okning``, ``p_minskning`` (float arrays) and ``bedomning`` (object array of
        :data:`VERDICTS`).
    """
    from scipy.stats import binom

    x1 = np.atleast_1d(np.asarray(x1, dtype="int64"))
    x0 = np.atleast_1d(np.asarray(x0, dtype="int64"))
    x1, x0, t1, t0 = np.broadcast_arrays(x1, x0, np.asarray(t1, dtype="float64"), np.asarray(t0, dtype="float64"))
    n = x1 + x0
    p = t1 / (t0 + t1)
    p_up = binom.sf(x1 - 1, n, p)   # P(X >= x1)
    p_down = binom.cdf(x1, n, p)    # P(X <= x1)
    verdict = np.full(x1.shape, "ingen_forandring", dtype=object)
    verdict[p_up < alpha] = "okning"
    verdict[(p_down < alpha) & (p_up >= alpha)] = "minskning"
    verdict[n == 0] = "for_fa"
    return {"p_okning": np.where(n == 0, 1.0, p_up), "p_minskning": np.where(n == 0, 1.0, p_down),
            "bedomning": verdict}


def control_limit(baseline_mean) -> np.ndarray:
    """Upper c-chart limit ``c̄ + 3·√c̄`` for a baseline mean count per period."""
    c = np.asarray(baseline_mean, dtype="float64")
    return c + 3.0 * np.sqrt(c)
