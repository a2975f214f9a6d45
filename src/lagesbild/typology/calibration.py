"""Calibration of the reconstructed områdestyp and class uncertainty ("osäker klassning").

* :func:`fit_cutpoints` fits one :class:`~lagesbild.typology.socioindex.CutpointClassifier`
  per year: from the national distribution when the year covers the whole country
  (``national_min_areas`` RegSO or more), otherwise bracketed from the official types at hand.
* :func:`calibration_report` compares reconstructed and official types wherever both exist:
  agreement overall and per official type, per year, and whether the year passes the
  threshold (``min_agreement``, default 0,99 as in docs/methods/omradestyper.md §4). With
  ``fit_on="previous_year"`` the cut-points of year t−1 classify year t (out of sample).
* :func:`reconstruct` classifies any areas with the three inputs (RegSO, DeSO, own areas) and
  refuses (type left empty, reason given) for years whose calibration fails.
* :func:`class_uncertainty`: the distance to the nearest cut-point, the type under a
  perturbation of ± ``delta`` percentage points on every input (the index moves by at most
  ± ``delta``), and whether the index lies inside a cut-point's uncertainty range. Either
  makes the classification "osäker klassning".
"""

from __future__ import annotations

import numpy as np

from lagesbild.errors import InputError
from lagesbild.typology.socioindex import (
    INPUTS,
    RECONSTRUCTED_LABEL,
    CutpointClassifier,
    recompute_index,
)

__all__ = ["fit_cutpoints", "calibration_report", "reconstruct", "class_uncertainty",
           "UNCERTAIN_LABEL", "DEFAULT_DELTA", "DEFAULT_MIN_AGREEMENT"]

UNCERTAIN_LABEL = "osäker klassning"
#: Default perturbation of every input, in percentage points.
DEFAULT_DELTA = 0.5
DEFAULT_MIN_AGREEMENT = 0.99
#: A year with at least this many RegSO with an index counts as the national distribution.
NATIONAL_MIN_AREAS = 3000


def _index_of(df):
    """Published index where present, otherwise recomputed from the inputs."""
    rec = recompute_index(df) if all(c in df for c in INPUTS) else np.full(len(df), np.nan)
    if "index_official" in df:
        off = df["index_official"].to_numpy(dtype=float)
        return np.where(np.isnan(off), rec, off), rec
    return rec, rec


def fit_cutpoints(df, *, method: str = "auto", national_min_areas: int = NATIONAL_MIN_AREAS,
                  **params) -> dict[int, CutpointClassifier]:
    """One fitted classifier per year of ``df`` (from :func:`read_tab6586`).

    Parameters
    ----------
    df : DataFrame
        ``year``, ``index_official`` and/or the inputs, and ``omradestyp`` (for brackets).
    method : {"auto", "national", "bracket"}
        "auto": "national" for years with ≥ ``national_min_areas`` areas, else "bracket".
    **params
        Passed to :class:`CutpointClassifier` (multiples, ddof, tolerance, …).

    Returns
    -------
    dict of int to CutpointClassifier
        Years that cannot be fitted (too few areas, no types for "bracket") are left out.
    """
    if method not in ("auto", "national", "bracket"):
        raise InputError(f"Parametern 'method' måste vara auto, national eller bracket. Fick {method!r}.",
                         f"The 'method' parameter must be auto, national or bracket. Got {method!r}.")
    out = {}
    for year, g in df.groupby("year"):
        idx, _ = _index_of(g)
        n = int(np.isfinite(idx).sum())
        m = method if method != "auto" else ("national" if n >= national_min_areas else "bracket")
        types = g["omradestyp"].to_numpy(dtype=float) if "omradestyp" in g else None
        if m == "bracket" and (types is None or np.isnan(types).all()):
            continue
        try:
            out[int(year)] = CutpointClassifier(method=m, **params).fit(idx, types)
        except InputError:
            continue
    return out


def calibration_report(df, *, fitted: dict | None = None, fit_on: str = "same_year",
                       min_agreement: float = DEFAULT_MIN_AGREEMENT, **fit_params) -> dict:
    """Agreement of reconstructed with official types, per year and per type.

    Parameters
    ----------
    df : DataFrame
        From :func:`read_tab6586` (needs official types).
    fitted : dict, optional
        Classifiers per year (default: :func:`fit_cutpoints` on ``df``).
    fit_on : {"same_year", "previous_year"}
        Classify year t with the cut-points of year t (in sample) or of t−1 (out of sample).
    min_agreement : float
        A year passes when the overall agreement is at least this share.

    Returns
    -------
    dict
        ``years``: list of ``{year, n, n_agree, agreement, ok, per_type: [{omradestyp,
        n_official, n_agree, agreement}], confusion (dict of dict), cutpoints (summary),
        fitted_on}``; ``ok_years``, ``refused_years``, ``min_agreement``, ``fit_on``,
        ``method_status`` = "reconstructed", ``label``.
    """
    if fit_on not in ("same_year", "previous_year"):
        raise InputError(f"Parametern 'fit_on' måste vara same_year eller previous_year. Fick {fit_on!r}.",
                         f"The 'fit_on' parameter must be same_year or previous_year. Got {fit_on!r}.")
    if not 0 <= min_agreement <= 1:
        raise InputError(f"Parametern 'min_agreement' måste ligga mellan 0 och 1. Fick {min_agreement}.",
                         f"The 'min_agreement' parameter must be between 0 and 1. Got {min_agreement}.")
    import pandas as pd

    fitted = fitted if fitted is not None else fit_cutpoints(df, **fit_params)
    years = []
    for year, g in df.dropna(subset=["omradestyp"]).groupby("year"):
        src = int(year) if fit_on == "same_year" else int(year) - 1
        if src not in fitted:
            continue
        clf = fitted[src]
        idx, _ = _index_of(g)
        pred = clf.predict(idx)
        off = g["omradestyp"].to_numpy(dtype=float)
        ok_rows = ~np.isnan(pred)
        agree = (pred == off) & ok_rows
        per_type = []
        for t in range(1, 6):
            m = off == t
            per_type.append({"omradestyp": t, "n_official": int(m.sum()),
                             "n_agree": int(agree[m].sum()),
                             "agreement": float(agree[m].mean()) if m.any() else None})
        conf = pd.crosstab(pd.Series(off[ok_rows].astype(int), name="officiell"),
                           pd.Series(pred[ok_rows].astype(int), name="rekonstruerad"))
        n = int(ok_rows.sum())
        share = float(agree.sum() / n) if n else 0.0
        years.append({"year": int(year), "n": n, "n_agree": int(agree.sum()), "agreement": share,
                      "ok": bool(n and share >= min_agreement), "per_type": per_type,
                      "confusion": {int(i): {int(c): int(v) for c, v in row.items()}
                                    for i, row in conf.iterrows()},
                      "cutpoints": clf.summary(), "fitted_on": src})
    return {"years": years, "ok_years": [y["year"] for y in years if y["ok"]],
            "refused_years": [y["year"] for y in years if not y["ok"]],
            "min_agreement": min_agreement, "fit_on": fit_on, "method_status": "reconstructed",
            "label": RECONSTRUCTED_LABEL}


def class_uncertainty(index, clf: CutpointClassifier, *, delta: float = DEFAULT_DELTA):
    """Class uncertainty per area.

    Parameters
    ----------
    index : array-like
        Index values.
    clf : CutpointClassifier
        Fitted.
    delta : float
        Perturbation of every input in percentage points (≥ 0); the index, a mean of the
        three inputs, then moves by at most ± delta.

    Returns
    -------
    DataFrame
        ``typ, marginal (distance to the nearest cut-point), typ_vid_minus, typ_vid_plus,
        byter_typ (type changes under the perturbation), inom_gransosakerhet (index within a
        cut-point's uncertainty range), osaker_klassning``.
    """
    import pandas as pd

    if delta < 0:
        raise InputError(f"Parametern 'delta' måste vara ≥ 0 (procentenheter). Fick {delta}.",
                         f"The 'delta' parameter must be >= 0 (percentage points). Got {delta}.")
    x = np.asarray(index, dtype=float)
    typ = clf.predict(x)
    lo, hi = clf.predict(x - delta), clf.predict(x + delta)
    rng = np.asarray(clf.cutpoint_ranges_, dtype=float)
    xr = np.round(x, clf.round_index) if clf.round_index is not None else x
    within = ((xr[:, None] >= rng[None, :, 0]) & (xr[:, None] <= rng[None, :, 1])).any(axis=1)
    changes = (lo != typ) | (hi != typ)
    nan = np.isnan(x)
    return pd.DataFrame({
        "typ": typ, "marginal": clf.margin(x), "typ_vid_minus": lo, "typ_vid_plus": hi,
        "byter_typ": np.where(nan, False, changes),
        "inom_gransosakerhet": np.where(nan, False, within),
        "osaker_klassning": np.where(nan, False, changes | within),
    })


def reconstruct(df, *, fitted: dict | None = None, report: dict | None = None,
                delta: float = DEFAULT_DELTA, min_agreement: float = DEFAULT_MIN_AGREEMENT,
                fit_on: str = "same_year", **fit_params):
    """Reconstructed index, type and class uncertainty for areas with the three inputs.

    Parameters
    ----------
    df : DataFrame
        ``area_code, year`` and the inputs :data:`INPUTS` (and ``index_official``,
        ``omradestyp`` where published). DeSO or own areas work the same way as RegSO.
    fitted : dict, optional
        Classifiers per year; default fitted on ``df`` itself.
    report : dict, optional
        A :func:`calibration_report`; years that fail it get no reconstructed type.
    delta, min_agreement, fit_on
        As in :func:`class_uncertainty` and :func:`calibration_report`.

    Returns
    -------
    DataFrame
        The input columns plus ``index_berakn`` (recomputed from the inputs), ``typ_berakn``
        (NaN where refused or not fitted), the uncertainty columns, ``status`` ∈
        {"reconstructed", "refused", "not_fitted"}, ``anmarkning`` (Swedish reason),
        ``method_status`` = "reconstructed" and ``label`` = "beräknad av lagesbild".
    """
    import pandas as pd

    fitted = fitted if fitted is not None else fit_cutpoints(df, **fit_params)
    if report is None and "omradestyp" in df and df["omradestyp"].notna().any():
        report = calibration_report(df, fitted=fitted, fit_on=fit_on, min_agreement=min_agreement)
    refused = set(report["refused_years"]) if report else set()
    agreement = {y["year"]: y["agreement"] for y in report["years"]} if report else {}
    parts = []
    for year, g in df.groupby("year"):
        g = g.copy()
        idx, rec = _index_of(g)
        g["index_berakn"] = rec
        src = int(year) if fit_on == "same_year" else int(year) - 1
        clf = fitted.get(src)
        if clf is None:
            g["status"], g["anmarkning"] = "not_fitted", (
                f"inga skattade gränser för år {src}")
            parts.append(g)
            continue
        unc = class_uncertainty(idx, clf, delta=delta)
        unc.index = g.index
        g = pd.concat([g, unc.rename(columns={"typ": "typ_berakn"})], axis=1)
        if int(year) in refused:
            g["typ_berakn"] = np.nan
            g["status"] = "refused"
            g["anmarkning"] = (f"överensstämmelsen med de officiella typerna år {int(year)} är "
                               f"{100 * agreement[int(year)]:.1f} %, under kravet "
                               f"{100 * min_agreement:.1f} %; beräknad typ visas inte")
        else:
            g["status"], g["anmarkning"] = "reconstructed", ""
        parts.append(g)
    out = pd.concat(parts, ignore_index=True) if parts else df.copy()
    out["method_status"] = "reconstructed"
    out["label"] = RECONSTRUCTED_LABEL
    out.attrs["calibration"] = report
    return out
