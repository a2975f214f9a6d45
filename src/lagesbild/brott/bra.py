"""Brå's *kommunindikatorer* in their published long format, parsed into one row per value.

The published format has one row per number: ``geografi, enhet, ar, variabel, varde, kalla``.
For the Nationella trygghetsundersökningen (NTU) a share comes as three rows (the estimate,
whose ``enhet`` describes the share, and the rows ``KI (95 %) undre gräns`` and
``KI (95 %) övre gräns``) plus one row per geografi and year ``Antal svarande i NTU.``.
For *Anmälda brott* each crime group comes as ``Antal`` and ``Antal per 100 000 inv``.

:func:`parse_kommunindikatorer` joins the interval bounds and the number of respondents onto
each NTU estimate. A value that is not a number (``..``, ``-``, ``x``, empty) is *suppressed*:
it stays a row with ``varde`` missing and ``undertryckt`` true, never a zero and never dropped.
Reported crime stays labelled as reported crime (``kalla = "Anmälda brott"``); it is not a
measure of victimisation, which is what NTU's self-reported exposure measures.
"""

from __future__ import annotations

import pandas as pd

from lagesbild.errors import SchemaError
from lagesbild.i18n import pair

__all__ = ["COLUMNS", "NTU", "ANMALDA", "LOWER", "UPPER", "RESPONDENTS", "parse_kommunindikatorer",
           "flag_few_respondents"]

COLUMNS = ("geografi", "enhet", "ar", "variabel", "varde", "kalla")
NTU = "Nationella trygghetsundersökningen (NTU)"
ANMALDA = "Anmälda brott"
LOWER = "KI (95 %) undre gräns"
UPPER = "KI (95 %) övre gräns"
RESPONDENTS = "Antal svarande i NTU."


def _numbers(s: pd.Series) -> pd.Series:
    """Text as published (decimal point or comma) → float; anything else → NaN."""
    txt = s.astype("string").str.strip().str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    txt = txt.str.replace(",", ".", regex=False)
    return pd.to_numeric(txt, errors="coerce").astype("float64")


def parse_kommunindikatorer(raw: pd.DataFrame, *, file: str = "Brå-filen") -> pd.DataFrame:
    """One row per published value with its interval and number of respondents.

    Parameters
    ----------
    raw : DataFrame
        The long format with the columns :data:`COLUMNS` (values as text or numbers).
    file : str
        Named in error messages.

    Returns
    -------
    DataFrame
        ``geografi, kalla, variabel, ar, enhet, varde, ki_undre, ki_ovre, antal_svarande,
        undertryckt``. NTU estimates carry their bounds and respondents; the rows of the
        bounds and of the respondent counts are folded in (not repeated). Anmälda brott rows
        have missing bounds and respondents.
    """
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise SchemaError(*pair("brott.bra_columns", file=file, missing=", ".join(missing),
                                expected=", ".join(COLUMNS)))
    df = raw[list(COLUMNS)].copy()
    for c in ("geografi", "enhet", "variabel", "kalla"):
        df[c] = df[c].astype("string").fillna("").str.strip()
    ar = pd.to_numeric(df["ar"].astype("string").str.strip(), errors="coerce")
    if ar.isna().any():
        row = int(ar.isna().to_numpy().nonzero()[0][0]) + 2
        raise SchemaError(*pair("brott.bra_year", file=file, row=row, value=str(df["ar"].iloc[row - 2])))
    df["ar"] = ar.astype("int64")
    df["varde_num"] = _numbers(df["varde"])
    df["undertryckt"] = df["varde_num"].isna()

    ntu = df[df["kalla"] == NTU]
    other = df[df["kalla"] != NTU]
    key = ["geografi", "ar", "variabel"]
    is_resp = ntu["variabel"] == RESPONDENTS
    resp = (ntu[is_resp].groupby(["geografi", "ar"], as_index=False)["varde_num"].first()
            .rename(columns={"varde_num": "antal_svarande"}))
    lo = ntu[ntu["enhet"] == LOWER].groupby(key, as_index=False)["varde_num"].first().rename(
        columns={"varde_num": "ki_undre"})
    hi = ntu[ntu["enhet"] == UPPER].groupby(key, as_index=False)["varde_num"].first().rename(
        columns={"varde_num": "ki_ovre"})
    est = ntu[~is_resp & ~ntu["enhet"].isin([LOWER, UPPER])]
    est = est.merge(lo, on=key, how="left").merge(hi, on=key, how="left").merge(resp, on=["geografi", "ar"],
                                                                                 how="left")
    other = other.assign(ki_undre=float("nan"), ki_ovre=float("nan"), antal_svarande=float("nan"))
    out = pd.concat([est, other], ignore_index=True)
    out = out.drop(columns=["varde"]).rename(columns={"varde_num": "varde"})
    cols = ["geografi", "kalla", "variabel", "ar", "enhet", "varde", "ki_undre", "ki_ovre", "antal_svarande",
            "undertryckt"]
    return out[cols].sort_values(["kalla", "geografi", "variabel", "enhet", "ar"], kind="stable").reset_index(
        drop=True)


def flag_few_respondents(df: pd.DataFrame, threshold: int) -> pd.Series:
    """True for NTU rows answered by fewer than ``threshold`` people (or with no count)."""
    ntu = df["kalla"] == NTU
    n = df["antal_svarande"]
    return ntu & (n.isna() | (n < threshold))
