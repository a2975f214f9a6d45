"""Bulk reads for batches over many kommuner: one read per level and year, split in numpy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = ["kommun_tables"]


def kommun_tables(store: Any, groups: Sequence[str], level: str, year: int,
                  kommuner: Iterable[str] | None = None) -> dict[str, np.ndarray]:
    """``{kommun: (units × groups) float64 array}`` for one year, from one read of the store.

    The arrays equal ``store.counts(groups, level, kommun=k, year=year)[groups].to_numpy()``
    (units sorted by code; see :func:`lagesbild.store.bulk.counts_by_kommun`). Kommuner without
    units that year are absent. An object that offers only ``counts`` and ``kommuner`` (a stand-in
    for the store) is read kommun by kommun.

    Parameters
    ----------
    store : Store or an object with ``counts`` and ``kommuner``
        Where the counts are read.
    groups : sequence of str
        Count variables, one column each.
    level : str
        Area level (e.g. ``"regso"``).
    year : int
        The year.
    kommuner : iterable of str, optional
        Kommun codes (default: every kommun).

    Returns
    -------
    dict of str to ndarray
        Kommun code → (units × groups) float64 counts.
    """
    from lagesbild.store.bulk import counts_by_kommun

    if not hasattr(store, "observations_at"):
        out = {}
        for k in kommuner if kommuner is not None else store.kommuner():
            arr = store.counts(list(groups), level, kommun=k, year=int(year))[list(groups)].to_numpy(np.float64)
            if len(arr):
                out[k] = arr
        return out
    mats = counts_by_kommun(store, list(groups), level, int(year), kommuner=kommuner)
    return {k: df.to_numpy(dtype=np.float64) for k, df in mats.items() if len(df)}
