"""Groups with a total of 0: which indices are defined without them, and why a value is missing.

A group nobody belongs to in a table (e.g. tenant-owned dwellings in a kommun that has none)
contributes nothing to M, H, the multigroup D, Gini, P, R and C, the Simpson indices or the
local measures: their formulas sum over groups with π_m > 0 (docs/methods/segregation.md §3.4–3.6),
so the index is the same as on the table without that group (C and normalised E count only
the groups present; R ``segregation`` likewise drops them).  Two-group indices are undefined
when the focal group or the rest is empty (D = ½ Σ |x_i/X − y_i/Y| divides by X and Y).
Notes and reasons are ``(text key, values)`` pairs for :func:`lagesbild.i18n.t`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from lagesbild.measures._registry import Measure

__all__ = ["drop_empty_groups", "drops_groups", "empty_note", "missing_reason", "missing_reasons", "refill"]


def drops_groups(measure: Measure) -> bool:
    """True when ``measure`` is defined on the table without its empty groups (and they are dropped).

    ICE keeps its columns: its extreme groups are addressed by position, and an empty extreme
    group is well defined (b_i = 0).

    Parameters
    ----------
    measure : Measure
        A registry entry (:func:`lagesbild.measures.get_measure`).

    Returns
    -------
    bool
        Whether empty groups are dropped before the kernel runs.
    """
    return measure.kind in ("multigroup", "local", "ordinal") and measure.id != "ice"


def drop_empty_groups(counts: np.ndarray, names: list[Any]) -> tuple[np.ndarray, list[Any], list[Any]]:
    """Return ``counts`` and ``names`` without the groups whose total is 0, and the dropped names.

    Parameters
    ----------
    counts : ndarray of shape (n, K)
        Count of each group in each unit.
    names : list
        The K group names.

    Returns
    -------
    counts : ndarray of shape (n, K')
        The columns of the groups with people.
    names, dropped : list
        Names of the kept and of the dropped groups.
    """
    tot = np.asarray(counts).sum(axis=0)
    keep = tot > 0
    dropped = [n for n, k in zip(names, keep) if not k]
    return np.asarray(counts)[:, keep], [n for n, k in zip(names, keep) if k], dropped


def empty_note(dropped: list[Any], k: int) -> tuple[str, dict[str, Any]]:
    """The note for dropped groups (``measures.note_empty_groups``).

    Parameters
    ----------
    dropped : list
        Names of the dropped groups.
    k : int
        Number of groups the index was computed on.

    Returns
    -------
    (str, dict)
        Text key and values for :func:`lagesbild.i18n.t`.
    """
    return ("measures.note_empty_groups", {"groups": ", ".join(map(str, dropped)), "k": k})


def missing_reason(measure: Measure, counts: np.ndarray, names: Sequence[Any] | None = None
                   ) -> tuple[str, dict[str, Any]] | None:
    """Why ``measure`` has no value on ``counts`` (units × groups, column 0 the focal group of a
    two-group index), or None when it is defined.

    Parameters
    ----------
    measure : Measure
        A registry entry (:func:`lagesbild.measures.get_measure`).
    counts : ndarray of shape (n, K)
        Count of each group in each unit.
    names : sequence, optional
        Group names (the focal group's is quoted in the reason).

    Returns
    -------
    (str, dict) or None
        Text key and values for :func:`lagesbild.i18n.t`, or ``None`` when the index is defined.
    """
    c = np.asarray(counts, dtype=np.float64)
    if (c.sum(axis=1) > 0).sum() < 2:
        return ("measures.reason_few_units", {})
    tot = c.sum(axis=0)
    if measure.kind == "two_group":
        if tot[0] <= 0:
            return ("measures.reason_focal_empty", {"group": names[0] if names else 0})
        if tot[1:].sum() <= 0:
            return ("measures.reason_rest_empty", {})
        return None
    if measure.id == "ice":
        return None
    need = 3 if measure.kind == "ordinal" else 2
    present = int((tot > 0).sum()) if drops_groups(measure) else (tot.size if (tot > 0).all() else 0)
    if present < need:
        return ("measures.reason_few_groups", {"k": need})
    return None


def refill(out: np.ndarray, index_ids: Sequence[str], arr: np.ndarray, params: dict[str, dict[str, Any]]) -> None:
    """Fill ``out`` (tables × indices, from :func:`lagesbild.measures.batch.compute_many`) where a
    table is defined once its empty groups are dropped (multigroup indices) or once the rest is
    pooled (two-group indices with an empty non-focal group).

    Parameters
    ----------
    out : ndarray of shape (B, len(index_ids))
        Values computed on the padded stack; filled in place.
    index_ids : sequence of str
        Registered measure ids, one per column of ``out``.
    arr : ndarray of shape (B, n, K)
        The stacked tables.
    params : dict
        Measure id → parameters overriding the registered defaults.
    """
    from lagesbild.measures._registry import get_measure

    tot = arr.sum(axis=-2)                                   # (B, K)
    units_ok = (arr.sum(axis=-1) > 0).sum(axis=-1) >= 2
    partial = units_ok & (tot <= 0).any(axis=-1)
    for b in np.nonzero(partial)[0]:
        tab = arr[b][arr[b].sum(axis=1) > 0]
        for j, idx in enumerate(index_ids):
            m = get_measure(idx)
            if missing_reason(m, tab) is not None:
                continue
            kw = {**m.params, **params.get(idx, {})}
            if m.kind == "two_group":
                data = np.column_stack([tab[:, 0], tab[:, 1:].sum(axis=1)])
            else:
                data = drop_empty_groups(tab, list(range(tab.shape[1])))[0]
            out[b, j] = float(m.kernel(data, **kw))


def missing_reasons(index_ids: Sequence[str], tables: Sequence[np.ndarray], names: Sequence[Any] | None = None
                    ) -> list[list[tuple[str, dict[str, Any]] | None]]:
    """For each table and index: ``None`` when the index is defined, else the reason as
    ``(text key, values)`` (see :func:`missing_reason`).

    Parameters
    ----------
    index_ids : sequence of str
        Registered measure ids.
    tables : sequence of ndarray
        Count tables (units × groups).
    names : sequence, optional
        Group names.

    Returns
    -------
    list of list
        One row per table, one reason (or ``None``) per index.
    """
    from lagesbild.measures._registry import get_measure

    ms = [get_measure(i) for i in index_ids]
    return [[missing_reason(m, np.asarray(tab, dtype=np.float64), names) for m in ms] for tab in tables]
