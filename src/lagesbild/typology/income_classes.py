"""Persons per national income quartile and area, computed from SCB's shares.

SCB's open DeSO/RegSO income table (TAB6679, "Tab1InkDesoRegso") publishes, per area and year, the
number of persons 20 years and older with an income (``nettoinkomst_antal``) and the share of them
in each national quartile group of net income (``andel_inkomstkvartil_1 … _4``, percent). The
ojämlikhetsindex (:mod:`lagesbild.typology.ojamlikhet`, docs/methods/omradestyper.md §5) needs
*counts* per class, so they are derived here::

    inkomstkvartil_k = round(andel_inkomstkvartil_k / 100 × nettoinkomst_antal)

one class at a time, halves rounded up, to whole persons. The rules (docs/sources.md):

* a share or a persons count that SCB suppressed (no value, a status symbol such as ``..``) gives
  a **suppressed** count (no value, the same status), never zero;
* an area and year without a persons row, or a class without a share row, gives no count (SCB
  published nothing to derive from);
* the four shares are rounded by SCB and need not add up to exactly 100; each class is computed
  on its own, so the four counts may differ from the persons count by a few persons. A sum that
  cannot come from rounding (off 100 by more than ``tolerance`` percentage points, or known shares
  above 100 + ``tolerance``, or a share outside 0–100) means the categories are not what the recipe
  expects; that area and year get no counts and are reported.

The function works on tidy store rows and knows nothing about the fetch; the fetch use cases
(:mod:`lagesbild.services.income_class_frames`) call it and write its rows in their own transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SHARE_VARIABLES", "COUNT_VARIABLES", "PERSONS_VARIABLE", "counts_from_shares", "round_half_up"]

#: Shares (percent) of persons per national quartile group of net income, lowest first.
SHARE_VARIABLES = tuple(f"andel_inkomstkvartil_{k}" for k in range(1, 5))
#: The derived counts, lowest first (the names the ojämlikhetsindex reads).
COUNT_VARIABLES = tuple(f"inkomstkvartil_{k}" for k in range(1, 5))
#: Persons the shares refer to (same table, same income type).
PERSONS_VARIABLE = "nettoinkomst_antal"
_KEY = ["area_code", "area_version", "year"]
_SUPPRESSED = ".."


def round_half_up(x):
    """Round to whole numbers with halves up (12,5 → 13), ignoring floating-point noise.

    Examples
    --------
    >>> round_half_up(np.array([12.5, 33.3, 0.5, 2.4999999999999996])).tolist()
    [13.0, 33.0, 1.0, 3.0]
    """
    return np.floor(np.round(np.asarray(x, dtype=float), 9) + 0.5)


def counts_from_shares(obs: pd.DataFrame, *, source_id: str,
                       tolerance: float = 2.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts per quartile group from SCB's shares × persons.

    Parameters
    ----------
    obs : pandas.DataFrame
        Tidy rows ``area_code, area_version, year, variable, value, status`` holding the four
        :data:`SHARE_VARIABLES` (percent) and :data:`PERSONS_VARIABLE` (other variables are
        ignored). A row with no value is a suppressed cell; its ``status`` is carried over.
    source_id : str
        The ``sources`` id the derived rows cite.
    tolerance : float, default 2.0
        Percentage points by which the four shares may miss 100 through SCB's rounding.

    Returns
    -------
    counts : pandas.DataFrame
        ``area_code, area_version, year, variable, value, source_id, status`` with ``variable`` in
        :data:`COUNT_VARIABLES`; ``value`` is a whole number of persons, or missing with a status
        where an input was suppressed.
    problems : pandas.DataFrame
        ``area_code, area_version, year, share_sum``: areas and years whose shares cannot be
        quartile shares (nothing derived for them).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [("A", "v", 2024, v, x) for v, x in zip(
    ...     ["nettoinkomst_antal", *SHARE_VARIABLES], [200, 12.5, 37.5, 30.0, 20.0])]
    >>> df = pd.DataFrame(rows, columns=["area_code", "area_version", "year", "variable", "value"])
    >>> counts_from_shares(df, source_id="test")[0]["value"].tolist()
    [25.0, 75.0, 60.0, 40.0]
    """
    import pandas as pd

    cols = ["area_code", "area_version", "year", "variable", "value", "source_id", "status"]
    empty = pd.DataFrame(columns=cols)
    no_problems = pd.DataFrame(columns=[*_KEY, "share_sum"])
    wanted = [PERSONS_VARIABLE, *SHARE_VARIABLES]
    df = obs[obs["variable"].isin(wanted)]
    if df.empty or not df["variable"].isin(SHARE_VARIABLES).any():
        return empty, no_problems
    status = df["status"] if "status" in df else pd.Series(None, index=df.index, dtype=object)
    df = df.assign(value=pd.to_numeric(df["value"], errors="coerce"), status=status.astype(object))
    df = df.drop_duplicates(subset=[*_KEY, "variable"], keep="last")
    val = df.pivot(index=_KEY, columns="variable", values="value").reindex(columns=wanted)
    stat = df.pivot(index=_KEY, columns="variable", values="status").reindex(columns=wanted)
    present = df.assign(x=True).pivot(index=_KEY, columns="variable", values="x").reindex(columns=wanted)
    present = present.notna()
    # an area and year without a persons row has nothing to derive from
    keep = present[PERSONS_VARIABLE]
    val, stat, present = val[keep], stat[keep], present[keep]
    shares = val[list(SHARE_VARIABLES)]
    known = shares.notna()
    ssum = shares.sum(axis=1, min_count=1)
    bad = ((shares < 0) | (shares > 100)).any(axis=1)
    bad |= known.all(axis=1) & ((ssum - 100).abs() > tolerance)
    bad |= ssum > 100 + tolerance
    problems = ssum[bad].rename("share_sum").reset_index()
    val, stat, present = val[~bad], stat[~bad], present[~bad]
    persons = val[PERSONS_VARIABLE]
    persons_status = stat[PERSONS_VARIABLE].where(persons.isna())
    parts = []
    for share_var, count_var in zip(SHARE_VARIABLES, COUNT_VARIABLES):
        has = present[share_var]
        share = val.loc[has, share_var]
        p = persons[has]
        value = pd.Series(round_half_up(share.to_numpy() * p.to_numpy() / 100.0), index=share.index)
        suppressed = share.isna() | p.isna()
        why = persons_status[has].where(p.isna(), stat.loc[has, share_var])
        why = why.where(why.notna() & (why.astype(str) != ""), _SUPPRESSED).where(suppressed, None)
        parts.append(pd.DataFrame({"variable": count_var, "value": value.where(~suppressed),
                                   "status": why.astype(object)}, index=share.index).reset_index())
    out = pd.concat(parts, ignore_index=True) if parts else empty
    if out.empty:
        return empty, problems
    out["source_id"] = source_id
    out["year"] = out["year"].astype(int)
    out["status"] = out["status"].astype(object).where(out["status"].notna(), None)
    out = out[cols].sort_values(["variable", "year", "area_version", "area_code"]).reset_index(drop=True)
    return out, problems
