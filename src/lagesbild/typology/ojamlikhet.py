"""Ojämlikhetsindex (degree of income segregation) and the Delmos 2022 eligibility rule.

The ojämlikhetsindex is reconstructed (docs/methods/omradestyper.md §5) as the dissimilarity index
between the lowest and the highest national income group over the areas of a kommun, times
100: ``100 × ½ Σ_i |a_i/A − b_i/B|``. With quintile counts (Q1, Q5) it is the reconstruction of
Boverket's measure; with SCB's open DeSO tables, which give quartile classes, it is a
**proxy** (Q1 against Q4) and is labelled so. The unit level (DeSO by default) is stored with
the value, because D depends on the number and size of the units. A unit whose lowest or highest
class has no value (SCB suppressed the cell) is left out of both groups and counted in
``n_units_missing``; no value is guessed for it.

D itself comes from the measures engine (:func:`lagesbild.measures.singlegroup.dissimilarity`
with the focal group ``a`` and the total ``a + b``, which is D_ab for two explicit groups).

The eligibility rule of Delmos 2022 (§6): a kommun qualified when its ojämlikhetsindex is at
least the mean + 1 SD over all kommuner AND its population share in områdestyp 1–2 is at least
the mean + 1,5 SD. Means and SDs are unweighted over all kommuner; the SD definition is not
published (``ddof`` is a parameter).
"""

from __future__ import annotations

import numpy as np

from lagesbild.errors import InputError

__all__ = ["ojamlikhetsindex", "eligibility_delmos_2022", "RULE_LABEL", "LABELS"]

RULE_LABEL = "regel enligt Delmos 2022"
LABELS = {
    "quintile": "Ojämlikhetsindex (Q1 mot Q5), beräknad av lagesbild",
    "quartile": "Ojämlikhetsindex, kvartilproxy (Q1 mot Q4), beräknad av lagesbild",
}
IDS = {"quintile": "ojamlikhetsindex_q1q5", "quartile": "ojamlikhetsindex_proxy_q1q4"}


def _d_ab(a, b) -> float:
    from lagesbild.measures.singlegroup import dissimilarity

    return float(dissimilarity(a, a + b))


def ojamlikhetsindex(counts, *, low: str | None = None, high: str | None = None,
                     classes: str = "quintile", level: str = "deso",
                     geo_version: str | None = None) -> dict:
    """Ojämlikhetsindex (0–100) on a unit × income-class count matrix.

    Parameters
    ----------
    counts : DataFrame or ndarray of shape (n_units, n_classes)
        Persons per unit and national income class, lowest class first.
    low, high : str, optional
        Columns of the lowest and highest class (default: first and last column).
    classes : {"quintile", "quartile"}
        Quartile classes give the labelled proxy (Q1 against Q4).
    level : str
        Unit level of the rows (deso, regso, own areas); stored with the value.
    geo_version : str, optional

    Returns
    -------
    dict
        ``id, value (0–100), label, level, geo_version, income_classes, n_units,
        n_units_dropped (units without persons in either class), n_units_missing (units whose
        lowest or highest class is missing, e.g. suppressed by SCB: left out), method_status
        ("computed" or "proxy"), unit = "index 0–100"``.

    Examples
    --------
    >>> import numpy as np
    >>> ojamlikhetsindex(np.array([[50, 10], [30, 30], [20, 60]]))["value"]
    40.0
    """
    if classes not in LABELS:
        raise InputError(f"Parametern 'classes' måste vara quintile eller quartile. Fick {classes!r}.",
                         f"The 'classes' parameter must be quintile or quartile. Got {classes!r}.")
    if hasattr(counts, "columns"):
        low = low or counts.columns[0]
        high = high or counts.columns[-1]
        for c in (low, high):
            if c not in counts.columns:
                raise InputError(f"Kolumnen '{c}' saknas i inkomstklassmatrisen.",
                                 f"The column '{c}' is missing from the income-class matrix.")
        a = counts[low].to_numpy(dtype=float)
        b = counts[high].to_numpy(dtype=float)
    else:
        arr = np.asarray(counts, dtype=float)
        if arr.ndim != 2 or arr.shape[1] < 2:
            raise InputError(f"Inkomstklassmatrisen måste ha minst två kolumner. Fick formen {arr.shape}.",
                             f"The income-class matrix needs at least two columns. Got shape {arr.shape}.")
        a, b = arr[:, 0], arr[:, -1]
    missing = np.isnan(a) | np.isnan(b)
    if (a[~missing] < 0).any() or (b[~missing] < 0).any():
        raise InputError("Inkomstklassernas antal måste vara tal ≥ 0.",
                         "The income-class counts must be numbers >= 0.")
    a, b = a[~missing], b[~missing]
    if a.sum() <= 0 or b.sum() <= 0:
        raise InputError("Både den lägsta och den högsta inkomstgruppen måste ha personer.",
                         "Both the lowest and the highest income group must have persons.")
    keep = (a + b) > 0
    return {
        "id": IDS[classes], "value": 100.0 * _d_ab(a[keep], b[keep]), "label": LABELS[classes],
        "level": level, "geo_version": geo_version, "income_classes": classes,
        "n_units": int(keep.sum()), "n_units_dropped": int((~keep).sum()),
        "n_units_missing": int(missing.sum()),
        "method_status": "computed" if classes == "quintile" else "proxy",
        "unit": "index 0–100",
    }


def eligibility_delmos_2022(table, *, kommun: str | None = None, ddof: int = 1,
                            k_ojamlikhet: float = 1.0, k_share: float = 1.5) -> dict:
    """Apply the Delmos 2022 rule over all kommuner.

    Parameters
    ----------
    table : DataFrame
        One row per kommun: ``kommun``, ``share_population_12`` (percent) and
        ``ojamlikhetsindex`` (may be all missing).
    kommun : str, optional
        The kommun whose standing is reported.
    ddof : int
        SD definition (not published).
    k_ojamlikhet, k_share : float
        The multiples of the rule (1 and 1,5).

    Returns
    -------
    dict
        ``label`` ("regel enligt Delmos 2022"), thresholds, means and SDs, ``table`` (per kommun:
        z-scores, criteria met and ``status`` ∈ {"uppfyller", "uppfyller inte",
        "kan inte avgöras"}), ``n_eligible``, and ``kommun`` (that row) when given.
    """
    t = table.copy()
    for c in ("kommun", "share_population_12"):
        if c not in t:
            raise InputError(f"Kolumnen '{c}' saknas i tabellen över kommuner.",
                             f"The column '{c}' is missing from the table of kommuner.")
    if "ojamlikhetsindex" not in t:
        t["ojamlikhetsindex"] = np.nan
    out = {"label": RULE_LABEL, "ddof": ddof, "n_kommuner": int(len(t))}
    crit = {}
    mu: float | None
    sd: float | None
    thr: float | None
    for col, k, name in (("share_population_12", k_share, "share"),
                         ("ojamlikhetsindex", k_ojamlikhet, "ojamlikhet")):
        v = t[col].astype(float)
        if v.notna().sum() >= 2:
            mu, sd = float(v.mean()), float(v.std(ddof=ddof))
            t[f"z_{name}"] = (v - mu) / sd if sd > 0 else np.nan
            thr = mu + k * sd
            crit[name] = np.where(v.isna(), np.nan, (v >= thr).astype(float))
        else:
            mu = sd = thr = None
            t[f"z_{name}"] = np.nan
            crit[name] = np.full(len(t), np.nan)
        out[f"{name}_mean"], out[f"{name}_sd"], out[f"{name}_threshold"] = mu, sd, thr
        t[f"uppfyller_{name}"] = crit[name]
    s, o = crit["share"], crit["ojamlikhet"]
    status = np.where((s == 0) | (o == 0), "uppfyller inte",
                      np.where((s == 1) & (o == 1), "uppfyller", "kan inte avgöras"))
    t["status"] = status
    out["n_eligible"] = int((status == "uppfyller").sum())
    out["n_undecided"] = int((status == "kan inte avgöras").sum())
    out["ojamlikhet_missing"] = bool(t["ojamlikhetsindex"].isna().all())
    out["table"] = t
    if kommun is not None:
        row = t[t["kommun"] == kommun]
        out["kommun"] = row.iloc[0].to_dict() if not row.empty else None
    return out
