"""The counts of every kommun at one level and year, read once for the whole country per store
generation and split per kommun — the counts behind a kommun page's segregation indices
(:func:`lagesbild.services.measure_inputs.read_counts`).

Each function returns what the per-kommun store read it replaces returns: the same rows in the
same order, or the same pivot (tests compare them). Frames are shared: callers must not modify
them in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lagesbild.store.generations import per_generation

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.store.db import Store

__all__ = ["level_observations", "level_counts_wide"]


def level_observations(store: Store, variables: Iterable[str], level: str, year: int) -> dict[str, pd.DataFrame]:
    """``store.observations(variables, level=level, kommun=k, year=year)`` for every kommun ``k``
    (one read per store generation; the same rows in the same order per kommun).

    Parameters
    ----------
    store : Store
        The open store.
    variables : iterable of str
        Variables.
    level : str
        Area level below kommun (``regso``, ``deso`` …).
    year : int
        The year.

    Returns
    -------
    dict
        Kommun code → its frame (shared: do not modify in place); kommuner without rows are absent.
    """
    import pandas as pd

    variables = tuple(variables)

    def build():
        obs = store.observations(list(variables), level=level, year=int(year))
        a = store.areas(level=level)
        where = dict(zip(zip(a["code"], a["version"]), a["kommun"]))
        k = [where.get(x) for x in zip(obs["area_code"], obs["area_version"])]
        by = pd.Series(k, index=obs.index, dtype="object")
        return {kommun: g.reset_index(drop=True) for kommun, g in obs.groupby(by, sort=False)}

    return per_generation(store, ("national_counts.level_observations", variables, level, int(year)), build)


def level_counts_wide(store: Store, groups: Iterable[str], level: str, year: int) -> dict[str, pd.DataFrame]:
    """Per kommun, its rows of :func:`level_observations` as units × ``groups`` (the pivot that
    :func:`lagesbild.services.measure_inputs.read_counts` makes), from one pivot over every kommun
    per store generation.

    Parameters
    ----------
    store : Store
        The open store.
    groups : iterable of str
        Count variables, in the order of the columns.
    level : str
        Area level below kommun.
    year : int
        The year.

    Returns
    -------
    dict
        Kommun code → float64 frame indexed by ``unit`` (area code), one column per group (shared:
        do not modify in place).
    """
    groups = tuple(groups)

    def build() -> dict:
        import pandas as pd

        parts = level_observations(store, groups, level, year)
        if not parts:
            return {}
        every = pd.concat([f[["area_code", "variable", "value"]].assign(_kommun=k) for k, f in parts.items()],
                          ignore_index=True)
        wide = every.pivot_table(index=["_kommun", "area_code"], columns="variable", values="value",
                                 aggfunc="first")
        wide = wide.reindex(columns=list(groups)).astype("float64")
        out = {}
        for k, part in wide.groupby(level="_kommun", sort=False):
            part = part.droplevel("_kommun")
            part.index.name, part.columns.name = "unit", None
            out[k] = part
        return out

    return per_generation(store, ("national_counts.level_counts_wide", groups, level, int(year)), build)
