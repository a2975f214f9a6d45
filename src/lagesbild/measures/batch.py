"""Many tables (kommuner × years) through many measures in one vectorised call.

Tables are zero-padded to a common number of units and stacked into one array of shape
``(n_tables, n_max, K)``; every registered kernel treats zero rows as absent, so each
kernel runs once over the whole stack. A list of tables of different sizes is cut into runs of
similar sizes first (:mod:`lagesbild.measures.ragged`), so padding stays within 25 %.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import param_error

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["compute_many", "stack"]


def stack(tables: Sequence[ArrayLike]) -> np.ndarray:
    """Zero-pad a list of (n_i, K) count arrays to one (len(tables), max n_i, K) array.

    Parameters
    ----------
    tables : sequence of array_like of shape (n_i, K)
        Count tables with the same number of groups K.

    Returns
    -------
    ndarray of shape (len(tables), max n_i, K)
        The tables stacked, padded with zero rows.

    Raises
    ------
    InputError
        If the tables have different numbers of groups.
    """
    arrays = [np.asarray(t, dtype=np.float64) for t in tables]
    k = {t.shape[1] for t in arrays}
    if len(k) != 1:
        raise param_error("tables", "measures.compute_many", "tabeller med samma antal grupper",
                          "tables with the same number of groups", sorted(k))
    n = max(t.shape[0] for t in arrays)
    out = np.zeros((len(arrays), n, k.pop()))
    for i, t in enumerate(arrays):
        out[i, : t.shape[0]] = t
    return out


def compute_many(index_ids: Sequence[str] | str, tables: Sequence[np.ndarray] | np.ndarray,
                 params: dict[str, dict[str, Any]] | None = None) -> np.ndarray:
    """Compute scalar measures for many tables at once.

    Parameters
    ----------
    index_ids : list of str or "all"
        Registered global (non-local, aspatial) measures.
    tables : list of ndarray (n_i, K) or ndarray (B, n, K)
        Count tables; for two-group measures column 0 is the focal group and the
        remaining columns are pooled.
    params : dict, optional
        ``{index_id: {param: value}}``.

    Returns
    -------
    ndarray of shape (n_tables, n_indices)
        NaN where the index is undefined for a table (fewer than 2 populated units; an
        empty focal group or rest for two-group indices; fewer than 2 groups with
        population); :func:`lagesbild.measures.empty_groups.missing_reasons` says why.
        Multigroup indices of a table with an empty group are computed without it.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[10, 90], [30, 70], [50, 50], [10, 90]])
    >>> compute_many(["dissimilarity", "isolation"], [a, a[:2]]).round(4).tolist()
    [[0.4, 0.36], [0.3125, 0.25]]
    """
    from lagesbild.measures._registry import MEASURES, get_measure

    params = params or {}
    if not isinstance(tables, np.ndarray):
        shapes = {np.shape(t)[1:] for t in tables}
        if len(shapes) == 1 and len(next(iter(shapes))) == 1 and len({len(t) for t in tables}) > 1:
            # tables of different sizes: padded per run of similar sizes, not all to the largest
            from lagesbild.measures.ragged import pad_run, size_runs

            tables = [np.asarray(t, dtype=np.float64) for t in tables]
            out: np.ndarray | None = None
            for run in size_runs([len(t) for t in tables]):
                vals = compute_many(index_ids, pad_run(tables, run), params)
                out = np.full((len(tables), vals.shape[1]), np.nan) if out is None else out
                out[run] = vals
            assert out is not None  # size_runs covers every table
            return out
    arr = np.asarray(tables, dtype=np.float64) if isinstance(tables, np.ndarray) else stack(tables)
    if index_ids == "all":
        index_ids = [k for k, m in MEASURES.items()
                     if m.local_by is None and not m.needs and m.kind != "ordinal"
                     and k != "bias_corrected_dissimilarity"]
    out = np.full((arr.shape[0], len(index_ids)), np.nan)
    two = np.stack([arr[..., 0], arr[..., 1:].sum(axis=-1)], axis=-1)
    valid = ((arr.sum(axis=-1) > 0).sum(axis=-1) >= 2) & (arr.sum(axis=-2) > 0).all(axis=-1)
    for j, idx in enumerate(index_ids):
        m = get_measure(idx)
        kw = {**m.params, **params.get(idx, {})}
        if m.local_by is not None or m.needs:
            raise param_error("index_ids", "measures.compute_many", "globala, icke-explicita mått",
                              "global, non-explicit measures", idx)
        data = two if m.kind == "two_group" else arr
        if idx == "bias_corrected_dissimilarity":
            vals = np.array([m.kernel(d[d.sum(axis=1) > 0], **kw) for d in data])
        else:
            vals = m.kernel(data, **kw)
        out[:, j] = np.where(valid, vals, np.nan)
    from lagesbild.measures.empty_groups import refill

    refill(out, index_ids, arr, params)
    return out
