"""Multigroup segregation kernels (Reardon & Firebaugh 2002; Theil; Elbers 2023).

Public kernels take ``counts`` of shape ``(..., n_units, n_groups)`` and return one value
per leading batch index.  Each formula is written once in composition form
``_name(t, comp, comp_env, pbar)``; aspatial kernels pass ``comp_env = comp`` and the
kernel-smoothed spatial variants pass the smoothed composition (Reardon & O'Sullivan
2004).  Notation: docs/methods/segregation.md §3.1; formulas §3.4–3.5.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lagesbild.measures._core import composition, safe_div, xlogx
from lagesbild.measures.singlegroup import pair_abs_sum

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "diversity",
    "multi_dissimilarity",
    "multi_gini",
    "mutual_information",
    "normalized_exposure",
    "relative_diversity",
    "simpsons_concentration",
    "simpsons_interaction",
    "squared_coefficient_of_variation",
    "theil_h",
]


def _interaction(pbar):
    return (pbar * (1 - pbar)).sum(axis=-1)


def _entropy(p, axis=-1):
    return 0.0 - xlogx(p).sum(axis=axis)


def _base(base):
    return 1.0 if base is None else float(np.log(base))


# --- composition forms ------------------------------------------------------------------

def _md(t, comp, env, pbar):
    T = t.sum(axis=-1)
    num = (t[..., None] * np.abs(env - pbar[..., None, :])).sum(axis=(-2, -1))
    return safe_div(num, 2 * T * _interaction(pbar))


def _mg(t, comp, env, pbar):
    T = t.sum(axis=-1)
    a = np.moveaxis(env, -1, -2)                    # (..., K, n)
    num = pair_abs_sum(t[..., None, :], a).sum(axis=-1)
    return safe_div(num, 2 * T**2 * _interaction(pbar))


def _m(t, comp, env, pbar, base=None):
    w = safe_div(t, t.sum(axis=-1, keepdims=True))
    return (_entropy(pbar) - (w * _entropy(env)).sum(axis=-1)) / _base(base)


def _h(t, comp, env, pbar):
    w = safe_div(t, t.sum(axis=-1, keepdims=True))
    e = _entropy(pbar)
    return 1.0 - safe_div((w * _entropy(env)).sum(axis=-1), e)


def _pexp(t, comp, env, pbar):
    w = safe_div(t, t.sum(axis=-1, keepdims=True))
    dev = (env - pbar[..., None, :]) ** 2
    return (w[..., None] * safe_div(dev, 1 - pbar[..., None, :])).sum(axis=(-2, -1))


def _cv(t, comp, env, pbar):
    w = safe_div(t, t.sum(axis=-1, keepdims=True))
    k = pbar.shape[-1]
    dev = (env - pbar[..., None, :]) ** 2
    return (w[..., None] * safe_div(dev, pbar[..., None, :])).sum(axis=(-2, -1)) / (k - 1)


def _rd(t, comp, env, pbar):
    w = safe_div(t, t.sum(axis=-1, keepdims=True))
    ii = (env * (1 - env)).sum(axis=-1)
    return 1.0 - safe_div((w * ii).sum(axis=-1), _interaction(pbar))


COMPOSITION_FORMS = {
    "multi_dissimilarity": _md, "multi_gini": _mg, "mutual_information": _m, "theil_h": _h,
    "normalized_exposure": _pexp, "squared_coefficient_of_variation": _cv,
    "relative_diversity": _rd,
}


def _apply(form, counts, **kw):
    t, comp, pbar = composition(counts)
    return form(t, comp, comp, pbar, **kw)


# --- public kernels ---------------------------------------------------------------------

def multi_dissimilarity(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup dissimilarity index D (Reardon & Firebaugh 2002).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        D in [0, 1] (one value per leading batch index).

    Notes
    -----
    D = Σ_m Σ_i t_i |π_im − π_m| / (2 T I),  I = Σ_m π_m (1 − π_m) (§3.5).

    References
    ----------
    Reardon, S. F. & Firebaugh, G. (2002). Measures of multigroup segregation.
    Sociological Methodology 32, 33–67.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(multi_dissimilarity(c)), 10)
    0.25
    """
    return _apply(_md, counts)


def multi_gini(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup Gini index in O(N·K log N) time and O(N·K) memory.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        G in [0, 1] (one value per leading batch index).

    Notes
    -----
    G = Σ_m Σ_i Σ_j t_i t_j |π_im − π_jm| / (2 T² I) (§3.5); the double sum is evaluated
    per group after sorting units by π_im, with cumulative sums (no N × N matrix).

    References
    ----------
    Reardon, S. F. & Firebaugh, G. (2002). Sociological Methodology 32, 33–67.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(multi_gini(c)), 10)
    0.25
    """
    return _apply(_mg, counts)


def mutual_information(counts: ArrayLike, base: float | None = None) -> np.ndarray | float:
    """Mutual information index M (Theil & Finizza 1971; Mora & Ruiz-Castillo 2011).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.
    base : float, optional
        Logarithm base; natural log (nats) by default.

    Returns
    -------
    ndarray or float
        M in [0, ln K] (in units of ``base``; one value per leading batch index).

    Notes
    -----
    M = Σ_i Σ_m p_im ln(p_im / (w_i π_m)) = E − Σ_i w_i E_i (§3.4).

    References
    ----------
    Mora, R. & Ruiz-Castillo, J. (2011). Entropy-based segregation indices. Sociological
    Methodology 41, 159–194.  Elbers, B. (2023). A method for studying differences in
    segregation across time and space. Sociological Methods & Research 52(1), 5–42.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(mutual_information(c)), 10)
    0.0588915178
    """
    return _apply(_m, counts, base=base)


def theil_h(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup information theory index H (Theil).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        H in [0, 1] (one value per leading batch index).

    Notes
    -----
    H = M / E = 1 − Σ_i t_i E_i / (T E) (§3.4).

    References
    ----------
    Theil, H. (1972). Statistical Decomposition Analysis. Reardon & Firebaugh (2002).

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(theil_h(c)), 10)
    0.0536053696
    """
    return _apply(_h, counts)


def normalized_exposure(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup normalised exposure P.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        P in [0, 1] (one value per leading batch index).

    Notes
    -----
    P = Σ_m Σ_i (t_i / T)(π_im − π_m)² / (1 − π_m) (§3.5).

    References
    ----------
    Reardon, S. F. & Firebaugh, G. (2002). Sociological Methodology 32, 33–67.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(normalized_exposure(c)), 10)
    0.0625
    """
    return _apply(_pexp, counts)


def squared_coefficient_of_variation(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup squared coefficient of variation C.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        C ≥ 0 (one value per leading batch index).

    Notes
    -----
    C = Σ_m Σ_i t_i (π_im − π_m)² / ((K − 1) T π_m) (§3.5).

    References
    ----------
    Reardon, S. F. & Firebaugh, G. (2002). Sociological Methodology 32, 33–67.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(squared_coefficient_of_variation(c)), 10)
    0.0625
    """
    return _apply(_cv, counts)


def relative_diversity(counts: ArrayLike) -> np.ndarray | float:
    """Multigroup relative diversity index R.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        R in [0, 1] (one value per leading batch index).

    Notes
    -----
    R = 1 − Σ_i t_i I_i / (T I),  I_i = Σ_m π_im (1 − π_im) (§3.5).

    References
    ----------
    Reardon, S. F. & Firebaugh, G. (2002). Sociological Methodology 32, 33–67.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[20, 10, 10], [10, 20, 10], [10, 10, 20]])
    >>> round(float(relative_diversity(c)), 10)
    0.0625
    """
    return _apply(_rd, counts)


def simpsons_interaction(counts: ArrayLike) -> np.ndarray | float:
    """Simpson's interaction index I = Σ_m π_m (1 − π_m).

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        I in [0, 1 − 1/K] (one value per leading batch index).

    Notes
    -----
    The probability that two randomly drawn persons belong to different groups (§3.5).

    References
    ----------
    Simpson, E. H. (1949). Measurement of diversity. Nature 163, 688.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(simpsons_interaction(np.array([[10, 30], [30, 10]]))), 10)
    0.5
    """
    _, _, pbar = composition(counts)
    return _interaction(pbar)


def simpsons_concentration(counts: ArrayLike) -> np.ndarray | float:
    """Simpson's concentration index λ = Σ_m π_m² = 1 − I.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.

    Returns
    -------
    ndarray or float
        λ in [1/K, 1] (one value per leading batch index).

    References
    ----------
    Simpson, E. H. (1949). Measurement of diversity. Nature 163, 688.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(simpsons_concentration(np.array([[10, 30], [30, 10]]))), 10)
    0.5
    """
    _, _, pbar = composition(counts)
    return (pbar**2).sum(axis=-1)


def diversity(counts: ArrayLike, normalized: bool = False, base: float | None = None) -> np.ndarray | float:
    """Entropy (diversity) E of the overall group composition.

    Parameters
    ----------
    counts : array_like of shape (..., n, K)
        Count of each of K groups in each of n units.
    normalized : bool, default False
        Divide by ln K so that E is in [0, 1] (``base`` is then ignored).
    base : float, optional
        Logarithm base; natural log (nats) by default.

    Returns
    -------
    ndarray or float
        E (one value per leading batch index).

    Notes
    -----
    E = −Σ_m π_m ln π_m; normalised: E / ln K (§3.4).

    References
    ----------
    Theil, H. (1972). Statistical Decomposition Analysis.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(diversity(np.array([[10, 10], [10, 10]]), normalized=True)), 10)
    1.0
    """
    _, _, pbar = composition(counts)
    e = _entropy(pbar)
    if normalized:
        return e / np.log(pbar.shape[-1])
    return e / _base(base)
