"""Segregation of *results* between schools, per school year (not of pupils' background).

All measures here describe how year-9 results are sorted between the schools of a kommun.
They say nothing directly about pupils' social background, which Skolverket does not publish
per school (docs/methods/skola.md):

* :func:`segregation` — D (dissimilarity) and M (mutual information, natural log) of eligible
  versus not-eligible pupils (yrkesprogram) across schools, computed with
  :func:`lagesbild.measures.compute` on derived counts (:mod:`lagesbild.skola.counts`), with
  the range over draws inside the rounding bounds;
* :func:`spread` — pupil-weighted mean and standard deviation of school meritvärde, and the
  trend of the standard deviation;
* :func:`by_area_type`, :func:`type_gap` — pupil-weighted mean meritvärde by the områdestyp
  of the school's RegSO, and the gap between schools in type 1–2 and type 4–5 areas;
* :func:`by_huvudman` — kommunal versus fristående;
* :func:`school_trends` — each school's linear trend with a t-interval and a small-cohort flag.

Pupil numbers per school are published for 2024/25 only. For other years the weights are the
school's 2024/25 pupils (``vikt_kalla = "elever_2025"``), an approximation said in every output.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lagesbild.skola.counts import derive_counts
from lagesbild.store import skolor as store_skolor

__all__ = ["school_panel", "segregation", "spread", "by_area_type", "type_gap", "by_huvudman",
           "school_trends", "weighted_mean", "SMALL_COHORT", "lasar"]

SMALL_COHORT = 15  # SALSA's inclusion rule (≥ 15 pupils in year 9)
_VARS = {"meritvarde_ak9": "meritvarde", "andel_behoriga_yrkesprog_ak9": "andel_behoriga_yrkesprog",
         "andel_alla_amnen_ak9": "andel_alla_amnen", "elever_ak9": "elever"}


def lasar(year: int) -> str:
    """2025 → "2024/25" (the school year ending in that calendar year).

    >>> lasar(2025)
    '2024/25'
    """
    return f"{int(year) - 1}/{str(int(year))[-2:]}"


def school_panel(store, kommun: str, years: list[int] | None = None) -> pd.DataFrame:
    """School × year: ``skolenhetskod, year, meritvarde(+_status), andel_behoriga_yrkesprog(+_status),
    andel_alla_amnen(+_status), elever, vikt, vikt_kalla``."""
    res = store_skolor.school_results(store, kommun=kommun, years=years)
    res = res[res["variable"].isin(_VARS)]
    if res.empty:
        return pd.DataFrame(columns=["skolenhetskod", "year", *(_VARS.values()),
                                     *(f"{c}_status" for c in _VARS.values()), "vikt", "vikt_kalla"])
    res = res.assign(name=res["variable"].map(_VARS))
    val = res.pivot_table(index=["skolenhetskod", "year"], columns="name", values="value", aggfunc="first")
    st = res.dropna(subset=["status"]).pivot_table(index=["skolenhetskod", "year"], columns="name",
                                                    values="status", aggfunc="first")
    panel = val.reindex(columns=list(_VARS.values()))
    if not st.empty:
        panel = panel.join(st.add_suffix("_status"), how="outer")
    for c in _VARS.values():
        if f"{c}_status" not in panel:
            panel[f"{c}_status"] = None
        if c not in panel:
            panel[c] = np.nan
    panel = panel.reset_index()
    panel["year"] = panel["year"].astype(int)
    for c in _VARS.values():
        panel[f"{c}_status"] = panel[f"{c}_status"].astype(object).where(panel[f"{c}_status"].notna(), None)
    # weights: pupils published for that year, else the school's 2024/25 pupils
    n25 = panel[panel["year"] == 2025].set_index("skolenhetskod")["elever"].dropna()
    if n25.empty:  # the panel may be restricted to other years
        allres = store_skolor.school_results(store, kommun=kommun, years=[2025])
        e = allres[allres["variable"] == "elever_ak9"]
        n25 = pd.Series(e["value"].values, index=e["skolenhetskod"].values).dropna()
    own = panel["elever"].notna()
    panel["vikt"] = panel["elever"].where(own, panel["skolenhetskod"].map(n25))
    none = np.array(None, dtype=object)
    panel["vikt_kalla"] = np.where(own, "elever_samma_ar", np.where(panel["vikt"].notna(), "elever_2025", none))
    return panel.sort_values(["skolenhetskod", "year"]).reset_index(drop=True)


def weighted_mean(values, weights) -> float:
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = np.isfinite(v) & np.isfinite(w) & (w > 0)
    return float(np.sum(v[ok] * w[ok]) / np.sum(w[ok])) if ok.any() else float("nan")


def _weighted_sd(values, weights) -> float:
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = np.isfinite(v) & np.isfinite(w) & (w > 0)
    if ok.sum() < 2:
        return float("nan")
    m = np.sum(v[ok] * w[ok]) / np.sum(w[ok])
    return float(np.sqrt(np.sum(w[ok] * (v[ok] - m) ** 2) / np.sum(w[ok])))


def segregation(panel: pd.DataFrame, *, draws: int = 200, seed: int = 20250) -> pd.DataFrame:
    """D and M of eligible vs not eligible (yrkesprogram) across schools, per year.

    Returns ``year, lasar, index, varde, min, max, skolor, skolor_uteslutna, elever, vikt_kalla``
    (``vikt_kalla`` = ``elever_samma_ar`` or ``elever_2025`` when any weight is borrowed).
    ``min``/``max`` span ``draws`` uniform integer draws of each school's count inside its
    rounding bounds (the point estimate included).
    """
    from lagesbild.measures import compute, compute_many

    rows = []
    rng = np.random.default_rng(seed)
    for year, g in panel.groupby("year"):
        d = derive_counts(g.rename(columns={"vikt": "_n"}), n="_n", share="andel_behoriga_yrkesprog",
                          status="andel_behoriga_yrkesprog_status")
        use = d[d["behoriga"].notna()]
        excluded = int(len(d) - len(use))
        src = "elever_2025" if (use["vikt_kalla"] == "elever_2025").any() else "elever_samma_ar"
        base = {"year": int(year), "lasar": lasar(year), "skolor": int(len(use)),
                "skolor_uteslutna": excluded, "elever": float(use["_n"].sum()), "vikt_kalla": src}
        table = np.column_stack([use["behoriga"].to_numpy(float), use["ej_behoriga"].to_numpy(float)])
        if len(use) < 2 or table[:, 0].sum() <= 0 or table[:, 1].sum() <= 0:
            for idx in ("D", "M"):
                rows.append({**base, "index": idx, "varde": np.nan, "min": np.nan, "max": np.nan})
            continue
        dval = compute("dissimilarity", table).value
        mval = compute("mutual_information", table).value
        lo = use["behoriga_min"].to_numpy(float)
        hi = use["behoriga_max"].to_numpy(float)
        n = use["_n"].to_numpy(float)
        e = np.floor(lo + rng.random((draws, len(use))) * (hi - lo + 1))
        e = np.minimum(e, hi)
        sims = np.stack([e, n - e], axis=-1)
        vals = compute_many(["dissimilarity", "mutual_information"], sims)
        for j, (idx, v) in enumerate((("D", dval), ("M", mval))):
            col = np.append(vals[:, j][np.isfinite(vals[:, j])], v)
            rows.append({**base, "index": idx, "varde": float(v), "min": float(col.min()), "max": float(col.max())})
    return pd.DataFrame(rows, columns=["year", "lasar", "index", "varde", "min", "max", "skolor",
                                       "skolor_uteslutna", "elever", "vikt_kalla"])


def _slope(x, y) -> tuple[float, float, int]:
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if len(x) < 2 or np.ptp(x) == 0:
        return float("nan"), float("nan"), int(len(x))
    b, a = np.polyfit(x, y, 1)
    if len(x) < 3:
        return float(b), float("nan"), int(len(x))
    resid = y - (a + b * x)
    se = np.sqrt(np.sum(resid ** 2) / (len(x) - 2) / np.sum((x - x.mean()) ** 2))
    return float(b), float(se), int(len(x))


def spread(panel: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Per year: pupil-weighted mean and SD of school meritvärde, min, max, schools; and the
    trend (points per year) of the weighted SD."""
    rows = []
    for year, g in panel.groupby("year"):
        ok = g["meritvarde"].notna() & g["vikt"].notna()
        rows.append({"year": int(year), "lasar": lasar(year), "medel": weighted_mean(g.loc[ok, "meritvarde"],
                                                                                   g.loc[ok, "vikt"]),
                     "sd": _weighted_sd(g.loc[ok, "meritvarde"], g.loc[ok, "vikt"]),
                     "min": float(g["meritvarde"].min()), "max": float(g["meritvarde"].max()),
                     "skolor": int(ok.sum())})
    df = pd.DataFrame(rows, columns=["year", "lasar", "medel", "sd", "min", "max", "skolor"])
    b, se, k = _slope(df["year"], df["sd"]) if len(df) else (float("nan"), float("nan"), 0)
    return df, {"sd_trend_per_ar": b, "sd_trend_se": se, "ar": k}


def by_area_type(panel: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Pupil-weighted mean meritvärde and number of schools per year × områdestyp (1–5)."""
    m = panel.merge(placed[["skolenhetskod", "omradestyp"]], on="skolenhetskod", how="left")
    m = m[m["omradestyp"].notna() & m["meritvarde"].notna() & m["vikt"].notna()]
    rows = [{"year": int(y), "lasar": lasar(y), "omradestyp": int(t), "meritvarde": weighted_mean(g["meritvarde"],
                                                                                                g["vikt"]),
             "skolor": int(len(g)), "elever": float(g["vikt"].sum())}
            for (y, t), g in m.groupby(["year", "omradestyp"])]
    return pd.DataFrame(rows, columns=["year", "lasar", "omradestyp", "meritvarde", "skolor", "elever"])


def type_gap(panel: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Per year: weighted mean meritvärde in type 1–2 and type 4–5 areas and the gap (4–5 minus 1–2)."""
    m = panel.merge(placed[["skolenhetskod", "omradestyp"]], on="skolenhetskod", how="left")
    m = m[m["meritvarde"].notna() & m["vikt"].notna()]
    rows = []
    for y, g in m.groupby("year"):
        low = g[g["omradestyp"].isin([1, 2])]
        high = g[g["omradestyp"].isin([4, 5])]
        a, b = weighted_mean(low["meritvarde"], low["vikt"]), weighted_mean(high["meritvarde"], high["vikt"])
        rows.append({"year": int(y), "lasar": lasar(y), "typ_1_2": a, "skolor_1_2": int(len(low)), "typ_4_5": b,
                     "skolor_4_5": int(len(high)), "skillnad": b - a})
    return pd.DataFrame(rows, columns=["year", "lasar", "typ_1_2", "skolor_1_2", "typ_4_5", "skolor_4_5",
                                       "skillnad"])


def by_huvudman(panel: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per year: weighted mean meritvärde of kommunal and fristående schools and the gap."""
    m = panel.merge(units[["skolenhetskod", "huvudman_typ"]], on="skolenhetskod", how="left")
    m = m[m["meritvarde"].notna() & m["vikt"].notna()]
    rows = []
    for y, g in m.groupby("year"):
        k = g[g["huvudman_typ"] == "kommunal"]
        f = g[g["huvudman_typ"] == "fristående"]
        a, b = weighted_mean(k["meritvarde"], k["vikt"]), weighted_mean(f["meritvarde"], f["vikt"])
        rows.append({"year": int(y), "lasar": lasar(y), "kommunal": a, "skolor_kommunal": int(len(k)),
                     "fristaende": b, "skolor_fristaende": int(len(f)), "skillnad": b - a})
    return pd.DataFrame(rows, columns=["year", "lasar", "kommunal", "skolor_kommunal", "fristaende",
                                       "skolor_fristaende", "skillnad"])


def school_trends(panel: pd.DataFrame) -> pd.DataFrame:
    """Each school's linear trend of meritvärde (points per year) with a 95 % t-interval.

    The interval comes from the residual spread of the school's own series, so a small cohort
    (whose mean moves more from year to year) gets a wider one; ``litet_arskull`` flags schools
    with fewer than :data:`SMALL_COHORT` pupils in year 9 (2024/25), ``ar`` the years used.
    """
    from scipy import stats

    rows = []
    for code, g in panel.groupby("skolenhetskod"):
        b, se, k = _slope(g["year"], g["meritvarde"])
        half = float(stats.t.ppf(0.975, k - 2) * se) if k >= 3 and np.isfinite(se) else float("nan")
        n = g.loc[g["year"] == g["year"].max(), "vikt"]
        n = float(n.iloc[0]) if len(n) and pd.notna(n.iloc[0]) else float("nan")
        rows.append({"skolenhetskod": code, "trend_per_ar": b, "lagre": b - half, "ovre": b + half, "ar": k,
                     "elever": n, "litet_arskull": bool(np.isfinite(n) and n < SMALL_COHORT)})
    return pd.DataFrame(rows, columns=["skolenhetskod", "trend_per_ar", "lagre", "ovre", "ar", "elever",
                                       "litet_arskull"])
