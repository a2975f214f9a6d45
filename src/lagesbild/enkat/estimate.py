"""Estimates with intervals (numpy only): shares at risk, mean scores, differences of shares.

* Share: the (weighted) proportion with a **Wilson score interval** (Wilson 1927) on the
  **effective sample size** ``n_eff = (Σw)² / Σw²`` (Kish 1965, §11.7; the use of ``n_eff`` in
  the Wilson interval follows Korn & Graubard 1998). Without weights ``n_eff = n``.
* Mean score: ``x̄_w ± z · s_w / √n_eff``.
* Difference of two independent shares: **Newcombe's hybrid score interval** (Newcombe 1998,
  method 10), built from the two Wilson intervals.

References are listed in docs/methods/enkat.md.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

__all__ = ["z_value", "wilson", "newcombe", "group_estimates", "sufficient", "combine", "from_sufficient"]


def z_value(level: float = 0.95) -> float:
    """The two-sided normal quantile for ``level``.

    >>> round(z_value(0.95), 4)
    1.96
    """
    return NormalDist().inv_cdf(0.5 + level / 2)


def wilson(p: np.ndarray, n: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for proportions ``p`` on (effective) sample sizes ``n``.

    Examples
    --------
    >>> lo, hi = wilson(np.array([0.5]), np.array([100.0]))
    >>> round(float(lo[0]), 4), round(float(hi[0]), 4)
    (0.4038, 0.5962)
    """
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    z = z_value(level)
    with np.errstate(invalid="ignore", divide="ignore"):
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = np.clip(centre - half, 0.0, 1.0)
    hi = np.clip(centre + half, 0.0, 1.0)
    bad = ~(n > 0)
    return np.where(bad, np.nan, lo), np.where(bad, np.nan, hi)


def newcombe(p1: float, n1: float, p2: float, n2: float, level: float = 0.95) -> tuple[float, float, float]:
    """Difference ``p1 - p2`` with Newcombe's hybrid score interval (method 10).

    Examples
    --------
    >>> d, lo, hi = newcombe(56/70, 70, 48/80, 80)   # Newcombe 1998, Table II, example (a)
    >>> round(d, 4), round(lo, 4), round(hi, 4)
    (0.2, 0.0524, 0.3339)
    """
    l1, u1 = (float(v[0]) for v in wilson(np.array([p1]), np.array([n1]), level))
    l2, u2 = (float(v[0]) for v in wilson(np.array([p2]), np.array([n2]), level))
    d = p1 - p2
    lo = d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    hi = d + np.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return float(d), float(lo), float(hi)


_STATS = ("n", "hits", "sw", "sw2", "swf", "sws", "sws2")


def sufficient(groups: np.ndarray, n_groups: int, flags: np.ndarray, scores: np.ndarray,
               weights: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Per-group sums from which every estimate follows (and which add up over groups)."""
    g = np.asarray(groups, dtype=np.int64)
    f = np.asarray(flags, dtype=float)
    s = np.asarray(scores, dtype=float)
    w = np.ones_like(f) if weights is None else np.asarray(weights, dtype=float)
    keep = (g >= 0) & ~np.isnan(f) & ~np.isnan(w)
    g, f, s, w = g[keep], f[keep], s[keep], w[keep]
    ws = w * s
    return {"n": np.bincount(g, minlength=n_groups).astype(float),
            "hits": np.bincount(g, weights=f, minlength=n_groups),
            "sw": np.bincount(g, weights=w, minlength=n_groups),
            "sw2": np.bincount(g, weights=w * w, minlength=n_groups),
            "swf": np.bincount(g, weights=w * f, minlength=n_groups),
            "sws": np.bincount(g, weights=ws, minlength=n_groups),
            "sws2": np.bincount(g, weights=ws * s, minlength=n_groups)}


def combine(stats: dict[str, np.ndarray], mapping: np.ndarray, n_groups: int) -> dict[str, np.ndarray]:
    """Sums of finer groups added up to coarser ones (``mapping[i]`` = the coarse group of fine group i)."""
    return {k: np.bincount(mapping, weights=v, minlength=n_groups) for k, v in stats.items()}


def from_sufficient(st: dict[str, np.ndarray], level: float = 0.95) -> dict[str, np.ndarray]:
    """Estimates and intervals from :func:`sufficient` sums (see :func:`group_estimates`)."""
    n, sw, sw2 = st["n"], st["sw"], st["sw2"]
    with np.errstate(invalid="ignore", divide="ignore"):
        n_eff = sw * sw / sw2
        p = st["swf"] / sw
        mean = st["sws"] / sw
        var = np.maximum(st["sws2"] / sw - mean * mean, 0.0) * n / np.maximum(n - 1, 1)
        half = z_value(level) * np.sqrt(var / n_eff)
    lo, hi = wilson(p, n_eff, level)
    empty = n == 0
    nan = np.full(n.size, np.nan)
    return {"n": np.rint(n).astype(np.int64), "hits": np.rint(st["hits"]).astype(np.int64),
            "n_eff": np.where(empty, nan, n_eff), "andel": np.where(empty, nan, p), "ki_undre": lo, "ki_ovre": hi,
            "medel": np.where(empty, nan, mean), "medel_undre": np.where(empty, nan, mean - half),
            "medel_ovre": np.where(empty, nan, mean + half)}


def group_estimates(groups: np.ndarray, n_groups: int, flags: np.ndarray, scores: np.ndarray,
                    weights: np.ndarray | None = None, level: float = 0.95) -> dict[str, np.ndarray]:
    """Per-group share at risk and mean score with intervals, in one pass of ``bincount``.

    Parameters
    ----------
    groups : (n,) int array
        Group index 0 … n_groups-1 of each respondent (-1: in no group).
    flags : (n,) float array
        1 at risk (or protected / has the outcome), 0 not, NaN not scored.
    scores : (n,) float array
        The scale score (NaN where not scored).
    weights : (n,) float array, optional
        Survey weights (default 1).

    Returns
    -------
    dict of arrays of length ``n_groups``: ``n`` (scored respondents), ``hits`` (unweighted
    count at risk), ``n_eff``, ``andel``, ``ki_undre``, ``ki_ovre``, ``medel``, ``medel_undre``,
    ``medel_ovre``.
    """
    return from_sufficient(sufficient(groups, n_groups, flags, scores, weights), level)
