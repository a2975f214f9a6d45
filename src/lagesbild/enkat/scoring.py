"""Scale scoring kernel (numpy only): reverse coding, the minimum-answered rule, cut-offs.

All functions take and return numpy arrays; a missing answer is ``NaN``. See
docs/methods/enkat.md for the rules and their sources.
"""

from __future__ import annotations

import numpy as np

__all__ = ["reverse_code", "score", "percentile_cut", "at_risk"]


def reverse_code(answers: np.ndarray, reverse: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Flip the reverse-coded columns: ``v' = lo + hi - v`` (NaN stays NaN).

    Examples
    --------
    >>> reverse_code(np.array([[1.0, 1.0], [4.0, np.nan]]), np.array([False, True]), 1, 4).tolist()
    [[1.0, 4.0], [4.0, nan]]
    """
    x = np.asarray(answers, dtype=float)
    rev = np.asarray(reverse, dtype=bool)
    out = x.copy()
    out[:, rev] = lo + hi - x[:, rev]
    return out


def score(answers: np.ndarray, reverse: np.ndarray, lo: float, hi: float, *, scoring: str = "medel",
          min_answered: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Scale scores of respondents (rows) over the scale's items (columns).

    Parameters
    ----------
    answers : (n, k) array
        Answers on the items' own coding, NaN where unanswered.
    reverse : (k,) bool array
        Which items are reverse coded.
    lo, hi : float
        The answer range.
    scoring : {"medel", "summa", "max"}
        Mean of the answered items; their sum rescaled to all k items (``mean · k``, so that a
        missing item does not lower the sum); or the largest answer (for "any of" outcomes).
    min_answered : int
        A respondent with fewer answered items gets NaN ("otillräckliga svar").

    Returns
    -------
    scores : (n,) float array, NaN where too few items were answered
    answered : (n,) int array, number of answered items

    Examples
    --------
    >>> s, a = score(np.array([[1, 4, np.nan], [np.nan, np.nan, 2]]), np.array([False, True, False]),
    ...              1, 4, min_answered=2)
    >>> s.tolist(), a.tolist()
    ([1.0, nan], [2, 1])
    """
    x = reverse_code(answers, reverse, lo, hi)
    ok = ~np.isnan(x)
    answered = ok.sum(axis=1)
    enough = answered >= int(min_answered)
    safe = np.where(ok, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = safe.sum(axis=1) / answered
    if scoring == "medel":
        s = mean
    elif scoring == "summa":
        s = mean * x.shape[1]
    elif scoring == "max":
        s = np.where(ok, x, -np.inf).max(axis=1) if x.shape[1] else np.full(x.shape[0], np.nan)
    else:
        raise ValueError(scoring)
    s = np.where(enough, s, np.nan)
    return s.astype(float), answered.astype(np.int64)


def percentile_cut(reference_scores: np.ndarray, p: float) -> float:
    """The ``p``-th percentile of the reference scores (NaN ignored; ``inverted_cdf`` definition).

    Hyndman & Fan (1996) definition 1: the smallest score with at least ``p`` % of the reference
    at or below it, so the cut-off is always a score that occurs.

    Examples
    --------
    >>> percentile_cut(np.array([1.0, 2, 3, 4, np.nan]), 75)
    3.0
    """
    ref = np.asarray(reference_scores, dtype=float)
    ref = ref[~np.isnan(ref)]
    if ref.size == 0:
        return float("nan")
    return float(np.percentile(ref, p, method="inverted_cdf"))


def at_risk(scores: np.ndarray, cut: float) -> np.ndarray:
    """1.0 where ``score >= cut``, 0.0 below, NaN where the score is missing.

    Examples
    --------
    >>> at_risk(np.array([2.4, 2.5, np.nan]), 2.5).tolist()
    [0.0, 1.0, nan]
    """
    s = np.asarray(scores, dtype=float)
    return np.where(np.isnan(s), np.nan, (s >= cut).astype(float))
