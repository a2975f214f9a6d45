"""The EST lägesbild: counts, rates, changes, ranking, hot-spots and time patterns.

Input is a frame of incidents with ``observerad_fran`` (datetime64), ``kategori``, ``omrade``
(area code), ``antal`` (weight, normally 1) and ``status``. **Only approved incidents count**
(``status == "godkand"``); every function here drops the others itself, so no caller can
forget. Everything is vectorised (numpy/pandas); a million incidents aggregate in well under
two seconds (bench/bench_brott.py).

Rates are per 1 000 inhabitants of the area in the **period's year** (the ISO year for a
week). Where the store has no population for that year, the latest earlier year is used and
named (``befolkningsar``); with no earlier year the rate is missing, never guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lagesbild.brott.forandring import change_test, control_limit
from lagesbild.brott.perioder import Period, key_of, period_keys

__all__ = ["approved", "aggregate", "population_for", "summarise", "time_pattern", "kernel_density",
           "TIME_BANDS", "meeting_list"]

#: time-of-day bands (start hour); a window longer than 6 hours has an unknown band
TIME_BANDS = (("natt", 0), ("morgon", 6), ("eftermiddag", 12), ("kvall", 18))


def approved(df: pd.DataFrame) -> pd.DataFrame:
    """Only the approved incidents (the review step comes before anything counts)."""
    if "status" not in df.columns:
        raise KeyError("status")
    return df[df["status"].eq("godkand").to_numpy(dtype=bool, na_value=False)]


def _codes(values) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and uniques of a column (missing → code of a None entry at the end)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = np.asarray(uniques, dtype=object)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniques), codes)
        uniques = np.append(uniques, np.array([None], dtype=object))
    return codes.astype("int64"), uniques


def _weights(df: pd.DataFrame) -> np.ndarray:
    return (df["antal"].to_numpy(dtype="float64") if "antal" in df.columns
            else np.ones(len(df), dtype="float64"))


def aggregate(df: pd.DataFrame, kind: str, by=("kategori", "omrade")) -> pd.DataFrame:
    """Counts per period key × ``by`` (sum of ``antal``), approved incidents only.

    Vectorised: every key column becomes integer codes, the codes one dense cell index and the
    counts one ``numpy.bincount``.
    """
    ok = approved(df)
    keys = period_keys(ok["observerad_fran"].to_numpy(), kind)
    pcode, puniq = _codes(keys)
    cols = [(pcode, puniq)] + [_codes(ok[b]) for b in by]
    cell = np.zeros(len(ok), dtype="int64")
    sizes = [len(u) for _, u in cols]
    for (c, _), n in zip(cols, sizes):
        cell = cell * n + c
    total = int(np.prod(sizes)) if sizes else 0
    counts = np.bincount(cell, weights=_weights(ok), minlength=total) if len(ok) else np.zeros(0)
    nz = np.flatnonzero(counts)
    out = {}
    rest = nz
    for name, (_c, u), n in reversed(list(zip(["period", *by], cols, sizes))):
        out[name] = u[rest % n]
        rest = rest // n
    frame = pd.DataFrame({k: out[k] for k in ["period", *by]})
    frame["period"] = frame["period"].astype("int64")
    frame["antal"] = counts[nz].astype("int64")
    return frame.sort_values(["period", *by], kind="stable").reset_index(drop=True)


def population_for(pop: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per area the population of ``year``, or of the latest earlier year: ``omrade, folkmangd, befolkningsar``."""
    p = pop[pop["ar"] <= year]
    if p.empty:
        return pd.DataFrame({"omrade": pd.Series(dtype=object), "folkmangd": pd.Series(dtype="float64"),
                             "befolkningsar": pd.Series(dtype="int64")})
    p = p.sort_values("ar").groupby("omrade", as_index=False).last()
    return p.rename(columns={"ar": "befolkningsar"})[["omrade", "folkmangd", "befolkningsar"]]


def _mask(t: np.ndarray, start, end) -> np.ndarray:
    return (t >= np.datetime64(start)) & (t < np.datetime64(end))


def _counts(codes: np.ndarray | None, uniq, mask: np.ndarray, w: np.ndarray) -> pd.Series:
    """Sum of weights per code within ``mask`` (only codes with a count; ``None`` codes dropped)."""
    if codes is None:
        return pd.Series({"alla": int(w[mask].sum())})
    idx = np.flatnonzero(mask)
    c = np.bincount(codes[idx], weights=w[idx], minlength=len(uniq)).astype("int64")
    keep = (c > 0) & np.array([u is not None for u in uniq], dtype=bool)
    return pd.Series(c[keep], index=pd.Index(uniq[keep], dtype=object))


def _changes(cur: pd.Series, prev4: pd.Series, last_year: pd.Series, p: Period, p4_days: int,
             ly_days: int, alpha: float) -> pd.DataFrame:
    idx = cur.index.union(prev4.index).union(last_year.index)
    c = cur.reindex(idx, fill_value=0).to_numpy()
    a = prev4.reindex(idx, fill_value=0).to_numpy()
    b = last_year.reindex(idx, fill_value=0).to_numpy()
    t4 = change_test(c, a, p.days, p4_days, alpha=alpha)
    ty = change_test(c, b, p.days, ly_days, alpha=alpha)
    return pd.DataFrame({
        "nyckel": idx, "antal": c, "antal_foregaende": a, "medel_foregaende": a * p.days / p4_days,
        "p_okning_foregaende": t4["p_okning"], "bedomning_foregaende": t4["bedomning"],
        "antal_forra_aret": b, "p_okning_forra_aret": ty["p_okning"], "bedomning_forra_aret": ty["bedomning"],
    })


def summarise(df: pd.DataFrame, period: Period, pop: pd.DataFrame | None = None, *, alpha: float = 0.05,
              min_count: int = 3) -> dict:
    """The lägesbild of one period.

    Parameters
    ----------
    df : DataFrame
        Incidents (all statuses; only approved count).
    period : Period
    pop : DataFrame, optional
        ``omrade, ar, folkmangd`` for rates.
    alpha : float
        Level of the change rule (:mod:`lagesbild.brott.forandring`).
    min_count : int
        Areas with fewer incidents (default 3) are never hot-spots: one or two incidents in a
        small area can exceed any limit.

    Returns
    -------
    dict
        ``totalt`` (changes of the total), ``kategorier`` and ``omraden`` (frames of counts and
        changes; areas with rates and rank) and ``hotspots`` (area codes).
    """
    ok = approved(df)
    # baseline: the previous four periods of the same kind for a week (four weeks), else the
    # previous period; and the same period last year
    n_prev = 4 if period.kind == "vecka" else 1
    first_prev = period.shift(-n_prev)
    ly = period.same_last_year()
    t = ok["observerad_fran"].to_numpy()
    w = _weights(ok)
    m_cur, m_prev, m_last = (_mask(t, period.start, period.end), _mask(t, first_prev.start, period.start),
                             _mask(t, ly.start, ly.end))
    kc, ku = _codes(ok["kategori"])
    ac, au = _codes(ok["omrade"])
    p_days, ly_days = (period.start - first_prev.start).days, ly.days
    out = {"period": period.label, "start": period.start.isoformat(), "slut": period.end.isoformat(),
           "jamforelse_foregaende": f"{first_prev.label}–{period.shift(-1).label}",
           "jamforelse_forra_aret": ly.label}
    def changes(codes, uniques) -> pd.DataFrame:
        cur, prev, last = (_counts(codes, uniques, m, w) for m in (m_cur, m_prev, m_last))
        return _changes(cur, prev, last, period, p_days, ly_days, alpha)

    out["totalt"] = changes(None, None).iloc[0].to_dict()
    out["kategorier"] = changes(kc, ku).rename(columns={"nyckel": "kategori"})
    areas = changes(ac, au).rename(columns={"nyckel": "omrade"})
    if pop is not None and not pop.empty:
        py = population_for(pop, period.year)
        # every populated area takes part (an area without incidents has count 0)
        areas = areas.merge(py, on="omrade", how="outer")
        for c in ("antal", "antal_foregaende", "antal_forra_aret"):
            areas[c] = areas[c].fillna(0).astype("int64")
        areas["medel_foregaende"] = areas["medel_foregaende"].fillna(0.0)
        for c in ("bedomning_foregaende", "bedomning_forra_aret"):
            areas[c] = areas[c].fillna("for_fa")
        for c in ("p_okning_foregaende", "p_okning_forra_aret"):
            areas[c] = areas[c].fillna(1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            areas["per_1000"] = np.where(areas["folkmangd"] > 0, areas["antal"] / areas["folkmangd"] * 1000.0,
                                         np.nan)
        # expected count of each area if incidents followed population
        has = areas["folkmangd"] > 0
        share = np.where(has, areas["folkmangd"] / areas.loc[has, "folkmangd"].sum(), np.nan)
        areas["forvantat"] = areas.loc[has, "antal"].sum() * share
    else:
        areas["folkmangd"] = np.nan
        areas["befolkningsar"] = pd.NA
        areas["per_1000"] = np.nan
        areas["forvantat"] = float(areas["antal"].mean()) if len(areas) else np.nan
    areas = areas.sort_values(["per_1000", "antal", "omrade"], ascending=[False, False, True],
                              na_position="last", kind="stable").reset_index(drop=True)
    areas["rang"] = np.arange(1, len(areas) + 1)
    # hot-spot: a count above the c-chart limit e + 3·√e of the area's expected count e (by
    # population; the mean per area without population), or a significant increase against
    # the previous weeks
    areas["kontrollgrans"] = control_limit(areas["forvantat"].fillna(areas["antal"].mean()))
    hot = areas[((areas["antal"] > areas["kontrollgrans"]) | (areas["bedomning_foregaende"] == "okning"))
                & (areas["antal"] >= max(min_count, 1))]
    out["omraden"] = areas
    out["hotspots"] = hot["omrade"].tolist()
    out["tidsmonster"] = time_pattern(ok[m_cur])
    return out


def time_pattern(df: pd.DataFrame) -> pd.DataFrame:
    """Counts by weekday (1 = Monday) × time-of-day band; ``okand`` when the window is over 6 hours."""
    w = df["antal"].to_numpy() if "antal" in df.columns else np.ones(len(df), dtype="int64")
    t0 = df["observerad_fran"].to_numpy().astype("datetime64[m]")
    days = t0.astype("datetime64[D]")
    wd = (days.astype("int64") + 3) % 7 + 1
    hour = (t0 - days).astype("int64") // 60
    band = np.searchsorted([b[1] for b in TIME_BANDS], hour, side="right") - 1
    names = np.array([b[0] for b in TIME_BANDS] + ["okand"], dtype=object)
    if "observerad_till" in df.columns:
        span = (df["observerad_till"].to_numpy().astype("datetime64[m]") - t0).astype("int64")
        band = np.where(span > 6 * 60, len(TIME_BANDS), band)
    frame = pd.DataFrame({"veckodag": wd, "tid_pa_dygnet": names[band], "antal": w})
    return frame.groupby(["veckodag", "tid_pa_dygnet"], as_index=False)["antal"].sum()


def kernel_density(x, y, *, bandwidth: float = 250.0, cell: float = 50.0, weights=None):
    """A Gaussian kernel density of points on a grid (EPSG:3006 metres).

    Points are binned to ``cell``-sized cells and smoothed with a Gaussian of standard
    deviation ``bandwidth`` (Silverman 1986, *Density Estimation*, §4.2, via binning).
    Returns ``(density, x0, y0, cell)`` with density in incidents per km².
    """
    from scipy.ndimage import gaussian_filter

    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype="float64")[keep]
    if len(x) == 0:
        return np.zeros((0, 0)), 0.0, 0.0, cell
    pad = 3 * bandwidth
    x0, y0 = x.min() - pad, y.min() - pad
    nx = int(np.ceil((x.max() + pad - x0) / cell)) + 1
    ny = int(np.ceil((y.max() + pad - y0) / cell)) + 1
    grid = np.zeros((ny, nx))
    np.add.at(grid, (((y - y0) // cell).astype(int), ((x - x0) // cell).astype(int)), w)
    dens = gaussian_filter(grid, sigma=bandwidth / cell, mode="constant")
    return dens / (cell * cell / 1e6), x0, y0, cell


def meeting_list(summary: dict, actions: pd.DataFrame | None = None, *, focus: int = 3) -> dict:
    """The weekly EST meeting list: focus areas, hot-spots, open actions with owners."""
    areas = summary["omraden"]
    cols = ["omrade", *(["namn"] if "namn" in areas.columns else []), "antal", "per_1000", "bedomning_foregaende"]
    fok = areas[areas["antal"] > 0].head(focus)[cols].to_dict("records")
    open_actions = []
    if actions is not None and not actions.empty:
        op = actions[actions["status"].isin(["planerad", "paborjad"])]
        open_actions = op[["atgard", "ansvarig", "status", "uppfoljning"]].to_dict("records")
    return {"period": summary["period"], "fokusomraden": fok, "hotspots": summary["hotspots"],
            "oppna_atgarder": open_actions}


def period_key(p: Period) -> int:
    """Re-export of the integer key of a period (for joins with :func:`aggregate`)."""
    return key_of(p)
