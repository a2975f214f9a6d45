"""Measures on user tables and on batches of kommuner: every value comes with its notes (empty
units or groups dropped) and, when it is missing, the reason — a ``--by`` run or a batch never
stops at one table where an index is undefined, and never writes an unexplained NaN."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import DroppedUnitsWarning, InputError, SchemaError
from lagesbild.i18n import t
from lagesbild.measures import compute, registry
from lagesbild.measures.empty_groups import missing_reason, missing_reasons
from lagesbild.measures.frames import to_matrix

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["batch_rows", "index_row"]


def index_row(index_id: str, data: pd.DataFrame | np.ndarray, lang: str = "sv", **kw: Any) -> dict[str, Any]:
    """One index on one table as ``{"value", "focal_group", "note", "reason"}``.

    ``focal_group`` names the group a two-group index is computed for (the first of ``groups``
    unless ``focal`` is given; the others are pooled), None for multigroup indices.

    ``note`` lists what was dropped to compute the value (empty units, groups with total 0);
    ``value`` is None only when the index is undefined for the table, and ``reason`` says why
    (e.g. the focal group has a total of 0).  Errors in the request itself (an unknown column
    or index) still raise.

    Parameters
    ----------
    index_id : str
        A registered measure.
    data : pandas.DataFrame or ndarray
        The table (long or wide frame, or units × groups counts).
    lang : {"sv", "en"}
        Language of ``note`` and ``reason``.
    **kw
        Passed to :func:`lagesbild.measures.compute` (column names, ``groups``, ``focal``, index parameters).

    Returns
    -------
    dict
        ``value`` (float, array or None), ``focal_group``, ``note`` and ``reason``.

    Raises
    ------
    InputError, SchemaError
        When the request itself is wrong (unknown column, index or parameter).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DroppedUnitsWarning)   # reported in 'note'
            r = compute(index_id, data, **kw)
    except SchemaError:
        raise
    except InputError:
        reason = _data_reason(index_id, data, kw)
        if reason is None:        # the request itself is wrong (parameter, index): not a missing value
            raise
        return {"value": None, "focal_group": None, "note": None, "reason": t(reason[0], lang, **reason[1])}
    value = r.value if np.ndim(r.value) else float(r.value)
    focal = r.groups[0] if registry[index_id].kind == "two_group" and r.groups else None
    return {"value": value, "focal_group": focal, "note": "; ".join(r.notes_in(lang)) or None, "reason": None}


def _data_reason(index_id, data, kw):
    """The reason from the table itself why ``index_id`` is undefined, or None."""
    m = registry.get(index_id)
    if m is None:
        return None
    names_kw = {k: kw.get(k) for k in ("unit", "group", "weight", "groups", "total")}
    counts, _, names = to_matrix(data, **names_kw)
    counts = counts[counts.sum(axis=1) > 0]
    if m.kind == "two_group":
        k = names.index(str(kw["focal"])) if kw.get("focal") is not None and str(kw["focal"]) in names else 0
        counts = np.column_stack([counts[:, k], np.delete(counts, k, axis=1).sum(axis=1)])
        names = [names[k], "rest"]
    return missing_reason(m, counts, names)


def batch_rows(index_ids: Sequence[str], tables: Sequence[np.ndarray], keys: Sequence[dict[str, Any]],
               lang: str = "sv", groups: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Rows ``{**key, "index", "value", "reason"}`` for many tables (column 0 the focal group of
    two-group indices) from one vectorised :func:`lagesbild.measures.batch.compute_many` call; a
    missing value carries its reason.

    Parameters
    ----------
    index_ids : sequence of str
        Registered global measures.
    tables : sequence of ndarray
        Units × groups count tables.
    keys : sequence of dict
        One key per table (e.g. ``{"kommun": ..., "ar": ...}``), copied into its rows.
    lang : {"sv", "en"}
        Language of ``reason``.
    groups : sequence of str, optional
        Group names (quoted in reasons).

    Returns
    -------
    list of dict
        One row per table and index.
    """
    from lagesbild.measures.batch import compute_many

    vals = compute_many(index_ids, tables)
    why = missing_reasons(index_ids, tables, list(groups) if groups is not None else None)
    rows = []
    for i, key in enumerate(keys):
        for j, idx in enumerate(index_ids):
            v = vals[i, j]
            reason = None
            if np.isnan(v):
                k: tuple[str, dict] = why[i][j] or ("measures.reason_undefined", {})
                reason = t(k[0], lang, **k[1])
            rows.append({**key, "index": idx, "value": None if np.isnan(v) else float(v), "reason": reason})
    return rows
