"""Aggregation rules, in one place (docs/methods/segregation.md §1.4).

* **count** variables sum upward through the hierarchy (or a key, with its weights);
* **share** variables are recomputed from their summed numerator and denominator;
* **mean** variables are recomputed as Σ(mean·weight)/Σweight when the variable declares a
  weight variable (e.g. mean merit value weighted by the number of pupils), and refused
  otherwise;
* **median**, **index** and **category** variables are never aggregated.
"""

from __future__ import annotations

import pandas as pd

from lagesbild.errors import InputError

__all__ = ["aggregate", "needed_variables"]


def _refuse(var: str, kind: str, why_sv: str, why_en: str) -> InputError:
    return InputError(
        f"Variabeln '{var}' ({kind}) kan inte aggregeras: {why_sv}.",
        f"The variable '{var}' ({kind}) cannot be aggregated: {why_en}.",
    )


def needed_variables(variables: list[str], meta: pd.DataFrame) -> list[str]:
    """Variables whose lower-level values are needed to aggregate ``variables``.

    Raises :class:`InputError` for kinds that cannot be aggregated.
    """
    need: list[str] = []
    for var in variables:
        if var not in meta.index:
            raise InputError(f"Okänd variabel '{var}'.", f"Unknown variable '{var}'.")
        row = meta.loc[var]
        kind = row["kind"]
        if kind == "count":
            need.append(var)
        elif kind == "share":
            if not row.get("numerator") or not row.get("denominator") or pd.isna(row["numerator"]):
                raise _refuse(var, kind, "andelen saknar täljare och nämnare att summera",
                              "the share has no numerator and denominator to sum")
            need += [row["numerator"], row["denominator"]]
        elif kind == "mean":
            if not row.get("weight") or pd.isna(row["weight"]):
                raise _refuse(var, kind, "medelvärden får inte medelvärdesbildas utan vikter",
                              "means are never averaged without weights")
            need += [var, row["weight"]]
        elif kind == "median":
            raise _refuse(var, kind, "medianer kan inte beräknas ur delområdenas medianer",
                          "medians cannot be computed from the medians of sub-areas")
        else:
            raise _refuse(var, kind, "index och klassningar summeras inte",
                          "indices and classifications are not summed")
    return list(dict.fromkeys(need))


def aggregate(obs: pd.DataFrame, mapping: pd.DataFrame, variables: list[str],
              meta: pd.DataFrame) -> pd.DataFrame:
    """Aggregate tidy observations to higher-level areas.

    Parameters
    ----------
    obs : DataFrame
        Columns ``area_code, year, variable, value`` at the lower level.
    mapping : DataFrame
        Columns ``from_code, to_code`` and optionally ``weight`` (share of the lower area that
        belongs to the higher one; 1 for a nested hierarchy).
    variables : list of str
        The variables wanted at the higher level.
    meta : DataFrame
        The variables table indexed by id (``kind, numerator, denominator, weight``).

    Returns
    -------
    DataFrame
        ``area_code, year, variable, value`` at the higher level. A higher area whose lower
        areas miss a value for a year gets no value for that year (never a partial sum).

    Examples
    --------
    >>> meta = pd.DataFrame({"kind": ["count", "count", "share"], "numerator": [None, None, "a"],
    ...     "denominator": [None, None, "t"], "weight": [None, None, None]}, index=["a", "t", "s"])
    >>> obs = pd.DataFrame({"area_code": ["x1", "x2", "x1", "x2"], "year": 2023,
    ...     "variable": ["a", "a", "t", "t"], "value": [1.0, 9.0, 10.0, 90.0]})
    >>> m = pd.DataFrame({"from_code": ["x1", "x2"], "to_code": ["X", "X"]})
    >>> aggregate(obs, m, ["s"], meta)["value"].tolist()
    [0.1]
    """
    need = needed_variables(variables, meta)
    if "weight" not in mapping.columns:
        mapping = mapping.assign(weight=1.0)
    low = obs[obs["variable"].isin(need)][["area_code", "year", "variable", "value"]]
    merged = low.merge(mapping[["from_code", "to_code", "weight"]], left_on="area_code",
                       right_on="from_code", how="inner")
    # completeness: every lower area mapped to a higher area must have a value
    expected = mapping.groupby("to_code")["from_code"].nunique().rename("n_expected")
    merged["wvalue"] = merged["value"] * merged["weight"]
    grouped = merged.groupby(["to_code", "year", "variable"]).agg(
        total=("wvalue", "sum"), n=("value", "count"))
    grouped = grouped.join(expected, on="to_code")
    grouped.loc[grouped["n"] < grouped["n_expected"], "total"] = float("nan")
    sums = grouped["total"].unstack("variable")

    out = []
    for var in variables:
        row = meta.loc[var]
        kind = row["kind"]
        if kind == "count":
            val = sums.get(var)
        elif kind == "share":
            num, den = sums.get(row["numerator"]), sums.get(row["denominator"])
            val = None if num is None or den is None else num / den.where(den != 0)
            if val is not None and str(row.get("unit") or "") == "procent":
                val = val * 100.0
        else:  # mean with weight
            w = row["weight"]
            mw = merged[merged["variable"].isin([var, w])].pivot_table(
                index=["to_code", "year", "area_code"], columns="variable", values="value",
                aggfunc="first")
            if var in mw and w in mw:
                mw = mw.dropna()
                num = (mw[var] * mw[w]).groupby(level=["to_code", "year"]).sum()
                den = mw[w].groupby(level=["to_code", "year"]).sum()
                val = num / den.where(den != 0)
            else:
                val = None
        if val is None:
            continue
        part = val.rename("value").reset_index().rename(columns={"to_code": "area_code"})
        part["variable"] = var
        out.append(part.dropna(subset=["value"]))
    if not out:
        return pd.DataFrame(columns=["area_code", "year", "variable", "value"])
    res = pd.concat(out, ignore_index=True)[["area_code", "year", "variable", "value"]]
    res["year"] = res["year"].astype("int64")
    return res.sort_values(["variable", "year", "area_code"], ignore_index=True)
