"""Local (per-unit or per-group) measures: location quotients, local entropy, local
segregation scores of M, local Simpson indices and the Index of Concentration at the
Extremes.  Kernels return arrays (one value per unit, or per unit and group); the frame
layer turns them into tidy rows.  Formulas: docs/methods/segregation.md §3.4, §3.6.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lagesbild.measures._core import composition, safe_div, xlogx, xlogy_ratio

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "ice",
    "local_diversity",
    "local_entropy",
    "local_mutual_information",
    "local_simpsons_concentration",
    "local_simpsons_interaction",
    "location_quotient",
]


def location_quotient(counts: ArrayLike) -> np.ndarray:
    """Location quotients LQ_im = π_im / π_m, shape (..., n, K).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray
        LQ of shape (..., n, K); ≥ 0, 1 where a unit has the overall share (0 for empty
        units and groups).

    References
    ----------
    Isard, W. (1960). Methods of Regional Analysis. MIT Press.

    Examples
    --------
    >>> import numpy as np
    >>> location_quotient(np.array([[30, 10], [10, 30]])).tolist()
    [[1.5, 0.5], [0.5, 1.5]]
    """
    _, comp, pbar = composition(counts)
    return safe_div(comp, pbar[..., None, :])


def local_diversity(counts: ArrayLike, base: float | None = None) -> np.ndarray:
    """Local diversity E_i = −Σ_m π_im ln π_im, shape (..., n).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.
    base : float, optional
        Logarithm base; natural log (nats) by default.

    Returns
    -------
    ndarray
        E_i of shape (..., n), in [0, ln K] (in units of ``base``).

    References
    ----------
    Theil, H. (1972). Statistical Decomposition Analysis.

    Examples
    --------
    >>> import numpy as np
    >>> [round(v, 6) for v in local_diversity(np.array([[10, 10], [20, 0]])).tolist()]
    [0.693147, 0.0]
    """
    _, comp, _ = composition(counts)
    e = 0.0 - xlogx(comp).sum(axis=-1)
    return e if base is None else e / np.log(base)


def local_entropy(counts: ArrayLike) -> np.ndarray:
    """Normalised local entropy LE_i = −Σ_m π_im ln π_im / ln K, shape (..., n).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray
        LE_i of shape (..., n), in [0, 1].

    References
    ----------
    Theil, H. (1972). Statistical Decomposition Analysis.

    Examples
    --------
    >>> import numpy as np
    >>> local_entropy(np.array([[10, 10], [20, 0]])).tolist()
    [1.0, 0.0]
    """
    counts = np.asarray(counts, dtype=np.float64)
    return local_diversity(counts) / np.log(counts.shape[-1])


def local_mutual_information(counts: ArrayLike, by: str = "unit", base: float | None = None) -> np.ndarray:
    """Local segregation scores of M (Elbers 2023).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.
    by : {"unit", "group"}
        ``"unit"``: ls_i with Σ_i w_i ls_i = M; ``"group"``: ls_m with Σ_m π_m ls_m = M.
    base : float, optional
        Logarithm base (natural by default).

    Returns
    -------
    ndarray
        ls_i of shape (..., n) (``by="unit"``) or ls_m of shape (..., K) (``by="group"``), ≥ 0.

    Notes
    -----
    ls_i = Σ_m π_im ln(π_im / π_m);  ls_m = Σ_i (t_im / T_m) ln((t_im / T_m) / w_i) (§3.4).

    References
    ----------
    Elbers, B. (2023). Sociological Methods & Research 52(1), 5–42.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[30, 10], [20, 10], [10, 20], [10, 30]])
    >>> [round(v, 8) for v in local_mutual_information(c).tolist()]
    [0.13081204, 0.05663301, 0.05663301, 0.13081204]
    """
    counts = np.asarray(counts, dtype=np.float64)
    t, comp, pbar = composition(counts)
    if by == "group":
        tm = counts.sum(axis=-2, keepdims=True)
        share = safe_div(counts, tm)                     # t_im / T_m
        w = safe_div(t, t.sum(axis=-1, keepdims=True))[..., None]
        ls = xlogy_ratio(share, np.where(w > 0, w, 1.0)).sum(axis=-2)
    else:
        ls = xlogy_ratio(comp, np.where(pbar > 0, pbar, 1.0)[..., None, :]).sum(axis=-1)
    return ls if base is None else ls / np.log(base)


def local_simpsons_interaction(counts: ArrayLike) -> np.ndarray:
    """Local Simpson's interaction I_i = Σ_m π_im (1 − π_im), shape (..., n).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray
        I_i of shape (..., n), in [0, 1 − 1/K].

    References
    ----------
    Simpson, E. H. (1949). Nature 163, 688.

    Examples
    --------
    >>> import numpy as np
    >>> local_simpsons_interaction(np.array([[10, 10], [20, 0]])).tolist()
    [0.5, 0.0]
    """
    _, comp, _ = composition(counts)
    return (comp * (1 - comp)).sum(axis=-1)


def local_simpsons_concentration(counts: ArrayLike) -> np.ndarray:
    """Local Simpson's concentration λ_i = Σ_m π_im², shape (..., n).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray
        λ_i of shape (..., n), in [1/K, 1] (0 for empty units).

    References
    ----------
    Simpson, E. H. (1949). Nature 163, 688.

    Examples
    --------
    >>> import numpy as np
    >>> local_simpsons_concentration(np.array([[10, 10], [20, 0]])).tolist()
    [0.5, 1.0]
    """
    _, comp, _ = composition(counts)
    return (comp**2).sum(axis=-1)


def ice(counts: ArrayLike, privileged: int = 0, deprived: int = -1) -> np.ndarray:
    """Index of Concentration at the Extremes per unit, shape (..., n).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        All persons with a known class; ``t_i`` is the row sum.
    privileged, deprived : int
        Column of the most privileged (b) and the most deprived (a) group.

    Returns
    -------
    ndarray
        ICE_i of shape (..., n), in [−1, 1] (0 for empty units).

    Notes
    -----
    ICE_i = (b_i − a_i) / t_i, in [−1, 1]; the regional value is (B − A) / T (§3.6).

    References
    ----------
    Massey, D. S. (2001). The prodigal paradigm returns: ecology comes back to sociology.
    In Booth & Crouter (eds.), Does It Take a Village?, 41–48.

    Examples
    --------
    >>> import numpy as np
    >>> ice(np.array([[10, 20, 70], [50, 30, 20]]), privileged=2, deprived=0).tolist()
    [0.6, -0.3]
    """
    counts = np.asarray(counts, dtype=np.float64)
    t = counts.sum(axis=-1)
    return safe_div(counts[..., privileged] - counts[..., deprived], t)
