"""Use cases of the lägesbild of reported incidents: counts, rates, changes, ranked areas and one
area's weeks.

Only approved incidents count (:mod:`lagesbild.brott.analys`); the statistics and utsatta
områden are in :mod:`lagesbild.services.brott`, reporting in
:mod:`lagesbild.services.brott_handelser`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair
from lagesbild.services.brott import EXAMPLE_LABEL, area_names, kommun_name, population, utsatta

if TYPE_CHECKING:
    from lagesbild.store.db import Store
    from lagesbild.store.operational import OperationalStore

__all__ = ["to_level", "records", "lagesbild", "area_view"]


def to_level(store: Store, kommun: str, df: pd.DataFrame, level: str) -> pd.DataFrame:
    """Incidents with DeSO codes moved to their RegSO.

    Parameters
    ----------
    store : Store
        The analytical store (the DeSO 2018 → RegSO 2020 parents).
    kommun : str
        Four-digit kommun code.
    df : pandas.DataFrame
        Incidents with an ``omrade`` column.
    level : str
        ``"regso"`` moves DeSO codes up; any other level returns ``df`` as it is.

    Returns
    -------
    pandas.DataFrame
        The incidents; codes without a parent are kept.
    """
    if level != "regso" or df.empty:
        return df
    parents = store.areas(level="deso", kommun=kommun, version="DeSO2018").set_index("code")["parent_code"]
    mapped = df["omrade"].map(parents)
    return df.assign(omrade=mapped.where(mapped.notna(), df["omrade"]))


def records(df: pd.DataFrame) -> list[dict]:
    """The rows of a frame as JSON-ready dicts.

    Parameters
    ----------
    df : pandas.DataFrame
        Any frame.

    Returns
    -------
    list of dict
        One dict per row; NaN and NA become None and numpy scalars Python scalars.
    """
    out = []
    for r in df.to_dict("records"):
        out.append({k: (None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA
                        else (v.item() if hasattr(v, "item") else v)) for k, v in r.items()})
    return out


def _density_peaks(df: pd.DataFrame, p: Any, *, top: int = 5, min_points: int = 10) -> list[dict]:
    """Where approved incidents of the period carry points: the densest cells of a kernel density."""
    from lagesbild.brott import analys

    if "x" not in df.columns or not len(df):
        return []
    ok = analys.approved(df)
    t = ok["observerad_fran"].to_numpy()
    ok = ok[(t >= np.datetime64(p.start)) & (t < np.datetime64(p.end)) & ok["x"].notna().to_numpy()
            & ok["y"].notna().to_numpy()]
    if len(ok) < min_points:
        return []
    dens, x0, y0, cell = analys.kernel_density(ok["x"], ok["y"], weights=ok["antal"] if "antal" in ok else None)
    flat = np.argsort(dens, axis=None)[::-1][:top]
    iy, ix = np.unravel_index(flat, dens.shape)
    return [{"x": float(x0 + (i + 0.5) * cell), "y": float(y0 + (j + 0.5) * cell),
             "per_km2": round(float(dens[j, i]), 1)} for j, i in zip(iy, ix)]


def lagesbild(store: Store, ops: OperationalStore, *, kommun: str, period: str, level: str = "regso",
              alpha: float = 0.05, incidents: pd.DataFrame | None = None) -> dict:
    """The lägesbild of approved incidents in a period.

    Counts, rates, changes with the change rule's verdict, ranked areas, hotspots, time patterns,
    the densest places and the meeting list (with the measures of the year's plan).

    Parameters
    ----------
    store : Store
        The analytical store (areas and population).
    ops : OperationalStore
        The operational store with the incidents and the plan.
    kommun : str
        Four-digit kommun code.
    period : str
        A year, month, quarter or ISO week, e.g. ``2025``, ``2025-03``, ``2025-Q1``, ``2025-W10``.
    level : str
        ``"regso"`` (default) or ``"deso"``.
    alpha : float
        Significance level of the change test (default 0.05).
    incidents : pandas.DataFrame, optional
        Incidents to analyse instead of those in ``ops``.

    Returns
    -------
    dict
        ``kommun``, ``kommunnamn``, ``period``, ``start``, ``slut``, ``niva``, ``exempeldata``,
        ``markning``, ``regel``, ``totalt``, ``kategorier``, ``omraden``, ``hotspots``,
        ``tidsmonster``, ``motesagenda`` and ``tathet`` (documented in docs/brott.md).

    Raises
    ------
    InputError
        For an unknown level, kommun or a malformed period.
    """
    from lagesbild.brott import analys
    from lagesbild.brott.perioder import parse_period
    from lagesbild.brott.tabeller import incidents_for_analysis
    from lagesbild.services.brott_plan import current_plan

    if level not in ("regso", "deso"):
        raise InputError(*pair("brott.bad_level", value=level))
    name = kommun_name(store, kommun)
    p = parse_period(period)
    df = incidents if incidents is not None else incidents_for_analysis(ops, kommun=kommun)
    example = bool(df["exempeldata"].any()) if "exempeldata" in df.columns and len(df) else False
    df = to_level(store, kommun, df, level)
    pop = population(store, kommun, level)
    s = analys.summarise(df, p, pop, alpha=alpha)
    names = area_names(store, kommun)
    areas = s["omraden"].assign(namn=lambda d: d["omrade"].map(names))
    actions = None
    plan = current_plan(ops, kommun=kommun, ar=p.year)
    if plan is not None:
        actions = pd.DataFrame([{"atgard": m.text, "ansvarig": m.ansvarig, "status": m.status,
                                 "uppfoljning": m.uppfoljning} for m in plan.measures],
                               columns=["atgard", "ansvarig", "status", "uppfoljning"])
    return {
        "tathet": _density_peaks(df, p),
        "kommun": kommun, "kommunnamn": name, "period": s["period"], "start": s["start"], "slut": s["slut"],
        "niva": level, "exempeldata": example, "markning": EXAMPLE_LABEL if example else None,
        "regel": {"test": "exakt villkorligt binomialtest av två Poissonantal", "alfa": alpha,
                  "jamforelse_foregaende": s["jamforelse_foregaende"],
                  "jamforelse_forra_aret": s["jamforelse_forra_aret"],
                  "hotspot": "antal > e + 3·√e (e = förväntat antal efter folkmängd) eller säker ökning"},
        "totalt": records(pd.DataFrame([s["totalt"]]))[0],
        "kategorier": records(s["kategorier"]),
        "omraden": records(areas),
        "hotspots": s["hotspots"],
        "tidsmonster": records(s["tidsmonster"]),
        "motesagenda": analys.meeting_list(s | {"omraden": areas}, actions),
    }


def area_view(store: Store, ops: OperationalStore, *, kommun: str, code: str, period: str,
              weeks: int = 12) -> dict:
    """One area: its name, områdestyp, utsatta-område overlaps and approved incidents per week and category.

    Parameters
    ----------
    store : Store
        The analytical store.
    ops : OperationalStore
        The operational store with the incidents.
    kommun : str
        Four-digit kommun code.
    code : str
        A RegSO or DeSO code of the kommun.
    period : str
        The period whose end is the last week shown.
    weeks : int
        How many weeks up to the period's end (default 12).

    Returns
    -------
    dict
        ``kod``, ``namn``, ``omradestyp`` (None when unknown), ``utsatta``, ``veckor`` (labels),
        ``antal`` (per week and category) and ``exempeldata``.

    Raises
    ------
    NotFoundError
        When the kommun has no such area.
    InputError
        For a malformed period.
    """
    from lagesbild.brott import analys
    from lagesbild.brott.perioder import parse_period
    from lagesbild.brott.tabeller import incidents_for_analysis

    names = area_names(store, kommun)
    if code not in names:
        raise NotFoundError(*pair("brott.no_area", code=code, kommun=kommun))
    p = parse_period(period)
    last = p if p.kind == "vecka" else parse_period(f"{p.end.isocalendar()[0]}-W{(p.end.isocalendar()[1]):02d}")
    first = last.shift(-(weeks - 1))
    df = to_level(store, kommun, incidents_for_analysis(ops, kommun=kommun), "regso" if "R" in code else "deso")
    df = df[df["omrade"] == code]
    agg = analys.aggregate(df, "vecka", by=("kategori",))
    keys = [first.shift(i) for i in range(weeks)]
    lab = {k.year * 100 + k.number: k.label for k in keys}
    agg = agg[agg["period"].isin(lab)]
    types = store.observations("omradestyp", level="regso", codes=[code])
    typ = None if types.empty else int(types.sort_values("year")["value"].iloc[-1])
    overlaps = [{"namn": u["namn"], "kategori": u["kategori"], "andel_av_omradet": a["andel_av_omradet"]}
                for u in utsatta(store, kommun) for a in u["omraden"] if a["kod"] == code]
    return {"kod": code, "namn": names[code], "omradestyp": typ, "utsatta": overlaps,
            "veckor": [k.label for k in keys],
            "antal": [{"vecka": lab[int(r["period"])], "kategori": r["kategori"], "antal": int(r["antal"])}
                      for r in agg.to_dict("records")],
            "exempeldata": bool(df["exempeldata"].any()) if len(df) else False}
