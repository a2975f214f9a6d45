"""The inputs and outputs of the measure use cases: group and focal-group checks, counts read
from the store with their provenance, and the shape of result frames."""

from __future__ import annotations

from lagesbild.errors import NotFoundError, param_error

__all__ = ["STATUS", "available_years", "check_focal", "check_groups", "provenance", "read_counts",
           "result_frame", "result_meta", "unit_label"]

#: method_status of every value these use cases compute.
STATUS = "computed"


def unit_label(m) -> str:
    lo, hi = m.value_range
    if (lo, hi) == (0, 1):
        return "index 0–1"
    if (lo, hi) == (-1, 1):
        return "index −1–1"
    if hi == float("inf") and m.log_base == "e":
        return "index ≥ 0 (nats)"
    if hi == float("inf"):
        return "index (obegränsat)" if lo == -float("inf") else f"index ≥ {lo:g}"
    return f"index {lo:g}–{hi:g}"


def check_groups(groups, where):
    gl = [str(g) for g in groups]
    if len(gl) < 2 or len(set(gl)) != len(gl):
        raise param_error("groups", where, "minst två olika gruppvariabler (antal)",
                          "at least two distinct group variables (counts)", list(groups))
    return gl


def check_focal(groups, focal, where):
    if focal is None:
        return "fodda_utrikes" if "fodda_utrikes" in groups else groups[0]
    if focal not in groups:
        raise param_error("focal", where, f"en av grupperna {groups}", f"one of the groups {groups}", focal)
    return focal


def provenance(store, groups, level, kommun, year, units) -> dict:
    """Source ids, attribution and geography version of the counts behind a matrix."""
    obs = store.observations(groups, level=level, kommun=kommun, year=year)
    derived = obs.empty
    if derived:  # aggregated upward by the store from a finer level
        obs = store.observations(groups, kommun=kommun, year=year)
        areas = store.areas(level=level, codes=[str(u) for u in units])
        versions = sorted(set(areas["version"]))
    else:
        versions = sorted(set(obs["area_version"]))
    ids = sorted(set(obs["source_id"].dropna()))
    src = store.sources().set_index("id")
    attr = [str(src.loc[i, "attribution"]) for i in ids if i in src.index and src.loc[i, "attribution"]]
    return {"source": ", ".join(ids), "attribution": "; ".join(dict.fromkeys(attr)),
            "geo_version": ", ".join(versions), "derived": derived}


def read_counts(store, groups, level, kommun, year):
    """(wide counts without empty or incomplete units, provenance, notes)."""
    wide = store.counts(list(groups), level, kommun=kommun, year=int(year))
    notes = []
    n_na = int(wide.isna().any(axis=1).sum())
    if n_na:
        notes.append(f"{n_na} områden saknar värde för någon grupp och togs bort")
        wide = wide.dropna()
    empty = wide.sum(axis=1) <= 0
    if empty.any():
        notes.append(f"{int(empty.sum())} områden utan befolkning togs bort")
        wide = wide[~empty]
    wide.index = wide.index.astype(str)
    return wide, provenance(store, list(groups), level, kommun, int(year), list(wide.index)), notes


def available_years(store, groups) -> list[int]:
    """Years in which every one of ``groups`` has stored observations.

    A group that is not a variable of the store is an error that names it.
    """
    unknown = [g for g in groups if g not in store.variables().index]
    if unknown:
        raise NotFoundError(f"Variabeln '{unknown[0]}' finns inte i lagret (parametern 'groups').",
                            f"The variable '{unknown[0]}' is not in the store (the 'groups' parameter).")
    years = None
    for g in groups:
        ys = set(store.years(g))
        years = ys if years is None else years & ys
    return sorted(years or [])


def result_meta(prov, year, level, unit, **extra) -> dict:
    return {"year": int(year), "level": level, "geo_version": prov["geo_version"], "unit": unit,
            "source": prov["source"], "attribution": prov["attribution"], "method_status": STATUS, **extra}


def result_frame(rows, columns):
    import pandas as pd

    df = pd.DataFrame(rows)
    first = [c for c in columns if c in df.columns]
    return df[first + [c for c in df.columns if c not in first]] if len(df) else pd.DataFrame(columns=columns)
