"""The inputs and outputs of the measure use cases: group and focal-group checks, counts read
from the store with their provenance, and the shape of result frames."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from lagesbild.errors import NotFoundError, param_error

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.measures._registry import Measure
    from lagesbild.store.db import Store

__all__ = ["STATUS", "available_years", "check_focal", "check_groups", "provenance", "read_counts",
           "result_frame", "result_meta", "unit_label"]

#: method_status of every value these use cases compute.
STATUS = "computed"


def unit_label(m: Measure) -> str:
    """The unit column of a result row: the index's value range in words.

    Parameters
    ----------
    m : Measure
        A registry entry.

    Returns
    -------
    str
        E.g. ``"index 0–1"`` or ``"index ≥ 0 (nats)"``.
    """
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


def check_groups(groups: Iterable[object], where: str) -> list[str]:
    """The group variables as strings, checked: at least two and no duplicates.

    Parameters
    ----------
    groups : iterable
        Group (count) variable names.
    where : str
        Name of the caller, quoted in error messages.

    Returns
    -------
    list of str
        The names as strings.

    Raises
    ------
    InputError
        If fewer than two distinct groups are given.
    """
    gl = [str(g) for g in groups]
    if len(gl) < 2 or len(set(gl)) != len(gl):
        raise param_error("groups", where, "minst två olika gruppvariabler (antal)",
                          "at least two distinct group variables (counts)", list(groups))
    return gl


def check_focal(groups: Sequence[str], focal: str | None, where: str) -> str:
    """The focal group of a two-group index: ``focal`` if it is one of ``groups``.

    Parameters
    ----------
    groups : sequence of str
        The group variables.
    focal : str or None
        The requested focal group; None picks ``fodda_utrikes`` when present, else the first group.
    where : str
        Name of the caller, quoted in error messages.

    Returns
    -------
    str
        The focal group.

    Raises
    ------
    InputError
        If ``focal`` is not one of the groups.
    """
    if focal is None:
        return "fodda_utrikes" if "fodda_utrikes" in groups else groups[0]
    if focal not in groups:
        raise param_error("focal", where, f"en av grupperna {groups}", f"one of the groups {groups}", focal)
    return focal


def provenance(store: Store, groups: Sequence[str], level: str, kommun: str | None, year: int,
               units: Sequence[str], obs: pd.DataFrame | None = None) -> dict[str, Any]:
    """Source ids, attribution and geography version of the counts behind a matrix.

    Parameters
    ----------
    store : Store
        The open store.
    groups : sequence of str
        Count variables (one column each).
    level : str
        Area level (``"regso"``, ``"deso"``, …).
    kommun : str or None
        Kommun code (None: every kommun).
    year : int
        The year.
    units : sequence of str
        Codes of the units in the matrix.
    obs : pandas.DataFrame, optional
        The stored rows of the counts (``store.observations(groups, level=level, kommun=kommun,
        year=year)``), when already read.

    Returns
    -------
    dict
        ``source``, ``attribution``, ``geo_version`` and ``derived`` (True when the store
        aggregated the counts from a finer level).
    """
    if obs is None:
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


def read_counts(store: Store, groups: Sequence[str], level: str, kommun: str | None, year: int
                ) -> tuple[pd.DataFrame, dict[str, Any], list[str]]:
    """(wide counts without empty or incomplete units, provenance, notes).

    Parameters
    ----------
    store : Store
        The open store.
    groups : sequence of str
        Count variables (one column each).
    level : str
        Area level (``"regso"``, ``"deso"``, …).
    kommun : str or None
        Kommun code (None: every kommun).
    year : int
        The year.

    Returns
    -------
    wide : pandas.DataFrame
        Units × groups counts, indexed by unit code (units with a missing value or no
        population removed).
    provenance : dict
        See :func:`provenance`.
    notes : list of str
        Swedish notes on the removed units.
    """
    rows = _stored_rows(store, groups, level, kommun, int(year))
    if rows is None:
        wide = store.counts(list(groups), level, kommun=kommun, year=int(year))
    else:  # what store.counts returns when every group is stored at the level: its pivot of these rows,
        # made for every kommun at once
        from lagesbild.services import national_counts

        wide = national_counts.level_counts_wide(store, tuple(groups), level, int(year))[str(kommun)].copy()
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
    return wide, provenance(store, list(groups), level, kommun, int(year), list(wide.index), obs=rows), notes


def _stored_rows(store, groups, level, kommun, year):
    """The kommun's rows of ``groups`` at ``level`` in ``year`` from one national read per store
    generation, when every group is a count stored at that level for the kommun; else None (the
    store's own path, which aggregates from a finer level, is taken)."""
    from lagesbild.services import national_counts

    if kommun is None:
        return None
    meta = store.variables()
    if not all(g in meta.index and meta.loc[g, "kind"] == "count" for g in groups):
        return None
    rows = national_counts.level_observations(store, tuple(groups), level, year).get(kommun)
    if rows is None or not set(groups) <= set(rows["variable"]):
        return None
    return rows


def available_years(store: Store, groups: Sequence[str]) -> list[int]:
    """Years in which every one of ``groups`` has stored observations.

    A group that is not a variable of the store is an error that names it.

    Parameters
    ----------
    store : Store
        The open store.
    groups : sequence of str
        Count variables.

    Returns
    -------
    list of int
        The years, ascending.

    Raises
    ------
    NotFoundError
        If a group is not a variable of the store.
    """
    unknown = [g for g in groups if g not in store.variables().index]
    if unknown:
        raise NotFoundError(f"Variabeln '{unknown[0]}' finns inte i lagret (parametern 'groups').",
                            f"The variable '{unknown[0]}' is not in the store (the 'groups' parameter).")
    years: set[int] | None = None
    for g in groups:
        ys = set(store.years(g))
        years = ys if years is None else years & ys
    return sorted(years or [])


def result_meta(prov: dict[str, Any], year: int, level: str, unit: str, **extra: Any) -> dict[str, Any]:
    """The metadata every result row carries.

    Parameters
    ----------
    prov : dict
        From :func:`provenance`.
    year : int
        The year.
    level : str
        Area level.
    unit : str
        The unit column (see :func:`unit_label`).
    **extra
        Further columns.

    Returns
    -------
    dict
        ``year, level, geo_version, unit, source, attribution, method_status`` and ``extra``.
    """
    return {"year": int(year), "level": level, "geo_version": prov["geo_version"], "unit": unit,
            "source": prov["source"], "attribution": prov["attribution"], "method_status": STATUS, **extra}


def result_frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows as a frame with ``columns`` first (an empty frame with those columns when no rows).

    Parameters
    ----------
    rows : list of dict
        Result rows.
    columns : sequence of str
        The leading columns, in order.

    Returns
    -------
    pandas.DataFrame
        The rows.
    """
    import pandas as pd

    df = pd.DataFrame(rows)
    first = [c for c in columns if c in df.columns]
    return df[first + [c for c in df.columns if c not in first]] if len(df) else pd.DataFrame(columns=columns)
