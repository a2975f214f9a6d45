"""Eligible and not-eligible pupils per school, derived from published shares and pupil numbers.

Skolverket publishes per school the share eligible (one decimal, per cent) and, in the
2024/25 export, the number of pupils with final grades ``n``. The derived count is
``e = round(n · s / 100)``. Because ``s`` is rounded to one decimal, the true count lies in
``[ceil(n · (s − 0,05) / 100), n · (s + 0,05) / 100)`` (half-open: Skolverket rounds halves
up; clipped to ``[0, n]``); the
point estimate is kept inside that interval and ``e / n`` reproduces ``s`` after rounding
whenever an integer count can.

Markers: ``~100`` (close to 100 % because few pupils are not eligible) gives the interval
``n − NOT_ELIGIBLE_MAX ≤ e ≤ n − 1`` and the midpoint as the point; ``..`` and ``.`` leave the
school out (counted as excluded). ``NOT_ELIGIBLE_MAX = 4`` is inferred from the published
data: among 2024/25 shares published as numbers, no school has 1–4 pupils not eligible
(docs/methods/skola.md).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["derive_counts", "NOT_ELIGIBLE_MAX", "DERIVATIONS"]

NOT_ELIGIBLE_MAX = 4
DERIVATIONS = ("andel_x_elever", "ca100_intervall", "utesluten_markering", "utesluten_elever_saknas")


def _one(n: float | None, share: float | None, status) -> tuple[float, float, float, str]:
    if n is None or not np.isfinite(n) or n <= 0:
        return math.nan, math.nan, math.nan, "utesluten_elever_saknas"
    if share is not None and np.isfinite(share):
        lo: float = max(0, math.ceil(n * (share - 0.05) / 100 - 1e-9))
        hi: float = min(int(n), math.floor(n * (share + 0.05) / 100 - 1e-9))  # shares are rounded half up
        raw = math.floor(n * share / 100 + 0.5)
        point = float(min(max(raw, lo), hi)) if lo <= hi else float(raw)
        if lo > hi:  # inconsistent share and n (should not happen): keep the raw product, wide bounds
            lo, hi = point, point
        return point, float(lo), float(hi), "andel_x_elever"
    if isinstance(status, str) and status.startswith("~"):
        lo = max(0.0, n - NOT_ELIGIBLE_MAX)
        hi = max(0.0, n - 1)
        return (lo + hi) / 2, lo, hi, "ca100_intervall"
    return math.nan, math.nan, math.nan, "utesluten_markering"


def derive_counts(df: pd.DataFrame, *, n: str = "elever", share: str = "andel", status: str = "status") -> pd.DataFrame:
    """Add ``behoriga, behoriga_min, behoriga_max, ej_behoriga, harledning`` to ``df``.

    Examples
    --------
    >>> d = derive_counts(pd.DataFrame({"elever": [83, 24, 12], "andel": [72.3, None, None],
    ...                                 "status": [None, "~100", ".."]}))
    >>> d[["behoriga", "behoriga_min", "behoriga_max"]].values.tolist()
    [[60.0, 60.0, 60.0], [21.5, 20.0, 23.0], [nan, nan, nan]]
    >>> d["harledning"].tolist()
    ['andel_x_elever', 'ca100_intervall', 'utesluten_markering']
    """
    rows = [_one(None if pd.isna(a) else float(a), None if pd.isna(b) else float(b), c)
            for a, b, c in zip(df[n], df[share], df[status])]
    out = df.copy()
    arr = pd.DataFrame(rows, columns=["behoriga", "behoriga_min", "behoriga_max", "harledning"], index=df.index)
    out[["behoriga", "behoriga_min", "behoriga_max", "harledning"]] = arr
    out["ej_behoriga"] = out[n] - out["behoriga"]
    return out
