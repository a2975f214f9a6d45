"""Array helpers shared by every kernel: safe division, 0·ln 0 = 0, compositions.

Kernels work on a count array of shape ``(..., n_units, n_groups)``. Leading axes are
batches (kommuner × years, simulated tables); units with zero population contribute
nothing, so ragged batches are padded with zero rows.  Only numpy and the foundation
are imported here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import InputError, param_error

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "as_counts",
    "check_counts",
    "composition",
    "drop_empty_units",
    "safe_div",
    "xlogx",
    "xlogy_ratio",
]


def safe_div(num: ArrayLike, den: ArrayLike) -> np.ndarray:
    """Return ``num / den`` with 0 where ``den == 0``.

    Parameters
    ----------
    num, den : array_like
        Numerator and denominator; they are broadcast against each other.

    Returns
    -------
    ndarray
        float64 quotient of the broadcast shape (0-d for scalars), 0 where ``den == 0``.
    """
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.zeros(np.broadcast_shapes(num.shape, den.shape))
    np.divide(num, den, out=out, where=np.broadcast_to(den != 0, out.shape))
    return out


def xlogx(p: ArrayLike) -> np.ndarray:
    """Return ``p · ln p`` elementwise with the convention 0 · ln 0 = 0.

    Parameters
    ----------
    p : array_like
        Non-negative values (shares or probabilities).

    Returns
    -------
    ndarray
        float64 array of the shape of ``p``.
    """
    p = np.asarray(p, dtype=np.float64)
    out = np.zeros_like(p)
    pos = p > 0
    out[pos] = p[pos] * np.log(p[pos])
    return out


def xlogy_ratio(p: ArrayLike, q: ArrayLike) -> np.ndarray:
    """Return ``p · ln(p / q)`` elementwise with 0 where ``p == 0``.

    Parameters
    ----------
    p : array_like
        Non-negative values.
    q : array_like
        Positive reference values, broadcast to the shape of ``p``.

    Returns
    -------
    ndarray
        float64 array of the shape of ``p``.
    """
    p = np.asarray(p, dtype=np.float64)
    q = np.broadcast_to(np.asarray(q, dtype=np.float64), p.shape)
    out = np.zeros(p.shape)
    pos = p > 0
    out[pos] = p[pos] * np.log(p[pos] / q[pos])
    return out


def composition(counts: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split counts into unit totals, unit compositions and the overall composition.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    t : ndarray (..., n)
        Unit totals t_i.
    comp : ndarray (..., n, K)
        π_im = t_im / t_i (0 for empty units).
    pbar : ndarray (..., K)
        π_m = T_m / T.
    """
    counts = np.asarray(counts, dtype=np.float64)
    t = counts.sum(axis=-1)
    comp = safe_div(counts, t[..., None])
    tm = counts.sum(axis=-2)
    pbar = safe_div(tm, tm.sum(axis=-1, keepdims=True))
    return t, comp, pbar


def as_counts(data: ArrayLike, where: str = "measures", name: str = "counts") -> np.ndarray:
    """Convert to a float64 array of shape (n, K) and check values (boundary helper).

    Parameters
    ----------
    data : array_like of shape (n,) or (n, K)
        Counts; a 1-D input is read as one group.
    where : str, default "measures"
        Name of the caller, quoted in error messages.
    name : str, default "counts"
        Name of the parameter, quoted in error messages.

    Returns
    -------
    ndarray of shape (n, K)
        The counts as float64.

    Raises
    ------
    InputError
        If the input is not 1-D or 2-D, or holds missing, infinite or negative values.
    """
    arr = np.asarray(data, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise param_error(name, where, "en tabell med en rad per område och en kolumn per grupp",
                          "a 2-D table with one row per unit and one column per group",
                          f"an array with shape {arr.shape}")
    check_counts(arr, where=where, name=name)
    return arr


def check_counts(arr: np.ndarray, where: str = "measures", name: str = "counts",
                 groups: Sequence[object] | None = None) -> None:
    """Raise :class:`InputError` on NaN, infinite or negative counts.

    Parameters
    ----------
    arr : ndarray of shape (n, K)
        Counts to check.
    where : str, default "measures"
        Name of the caller, quoted in error messages.
    name : str, default "counts"
        Name of the parameter, quoted in error messages.
    groups : sequence, optional
        Group labels (accepted for symmetry with :func:`check_group_totals`; unused).

    Raises
    ------
    InputError
        Naming the first rows with a missing, infinite or negative value.
    """
    bad = ~np.isfinite(arr)
    if bad.any():
        rows = np.unique(np.nonzero(bad)[0])[:5].tolist()
        raise InputError(
            f"Parametern '{name}' i {where} får inte innehålla saknade eller oändliga värden. "
            f"Fick {int(bad.sum())} sådana värden (rader {rows}).",
            f"The '{name}' parameter of {where} must not contain missing or infinite values. "
            f"Got {int(bad.sum())} such values (rows {rows}).",
        )
    if (arr < 0).any():
        rows = np.unique(np.nonzero(arr < 0)[0])[:5].tolist()
        raise InputError(
            f"Parametern '{name}' i {where} måste vara antal ≥ 0. Fick negativa värden på rader {rows}.",
            f"The '{name}' parameter of {where} must hold counts ≥ 0. Got negative values in rows {rows}.",
        )


def drop_empty_units(counts: np.ndarray, *extra: ArrayLike | None) -> tuple[Any, ...]:
    """Drop units whose total is zero.

    Parameters
    ----------
    counts : ndarray of shape (n, K)
        Count of each group in each unit.
    *extra : array_like or None
        Arrays indexed by unit along their first axis (``None`` passes through).

    Returns
    -------
    counts, keep, n_dropped, extra...
        ``keep`` is the boolean mask of kept units; arrays in ``extra`` are filtered
        along their first axis.
    """
    keep = counts.sum(axis=1) > 0
    n_dropped = int((~keep).sum())
    out = [counts[keep], keep, n_dropped]
    for e in extra:
        out.append(None if e is None else np.asarray(e)[keep])
    return tuple(out)


def check_group_totals(counts: np.ndarray, groups: Sequence[object] | None,
                       where: str = "measures") -> None:
    """Raise :class:`InputError` naming each group whose total is zero.

    Parameters
    ----------
    counts : ndarray of shape (n, K)
        Count of each group in each unit.
    groups : sequence or None
        Group labels used in the message (column numbers when ``None``).
    where : str, default "measures"
        Name of the caller, quoted in the message.

    Raises
    ------
    InputError
        If a group has a total of 0.
    """
    tot = counts.sum(axis=0)
    zero = [str(groups[int(k)]) if groups is not None else str(k) for k in np.nonzero(tot <= 0)[0]]
    if zero:
        raise InputError(
            f"Gruppen {zero} har totalen 0 i {where}; segregationsmått är odefinierade för en tom grupp. "
            "Ta bort gruppen eller välj andra grupper.",
            f"The group {zero} has a total of 0 in {where}; segregation indices are undefined for an "
            "empty group. Remove the group or choose other groups.",
        )
