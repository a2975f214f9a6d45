"""Kernel-smoothed local environments and spatial variants of aspatial indices.

A sparse proximity matrix is built once from unit coordinates (EPSG:3006, metres) with
``scipy.spatial.cKDTree`` inside a cutoff (never a dense N × N).  Spatial indices run
the **same** composition-form formula as the aspatial kernel on the smoothed
compositions (Reardon & O'Sullivan 2004, ``weights="own"``), or the unchanged aspatial
kernel on rounded smoothed counts (PySAL's convention, ``weights="smoothed"``).
Formulas: docs/methods/segregation.md §3.8.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import param_error
from lagesbild.measures._core import composition, safe_div
from lagesbild.measures.validation import Interval, OneOf, validates

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from scipy import sparse

__all__ = ["KERNELS", "build_smoother", "multiscalar_profile", "smooth", "spatial_index"]


def _triangular(z):
    return np.clip(1.0 - z, 0.0, None)


def _uniform(z):
    return np.where(z <= 1, 0.5, 0.0)


def _quadratic(z):
    return np.clip(0.75 * (1 - z**2), 0.0, None)


def _quartic(z):
    return np.where(z <= 1, (15.0 / 16.0) * (1 - z**2) ** 2, 0.0)


def _gaussian(z):
    return np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi)


def _exponential(z):
    return np.exp(-z)


KERNELS = {"triangular": _triangular, "uniform": _uniform, "quadratic": _quadratic, "quartic": _quartic,
           "gaussian": _gaussian, "exponential": _exponential}
_DEFAULT_CUTOFF = {"gaussian": 5.0, "exponential": 12.0}


def _check_coords(coords, where):
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2 or not np.isfinite(xy).all():
        raise param_error("coords", where, "en (n, 2)-matris med ändliga koordinater i meter (EPSG:3006)",
                          "an (n, 2) array of finite coordinates in metres (EPSG:3006)",
                          f"shape {xy.shape}")
    span = np.ptp(xy, axis=0).max() if xy.shape[0] > 1 else 0.0
    if np.abs(xy).max() <= 360 and xy.shape[0] > 1 and span < 50:
        raise param_error("coords", where, "projicerade koordinater i meter (EPSG:3006), inte grader",
                          "projected coordinates in metres (EPSG:3006), not degrees",
                          f"values within ±{np.abs(xy).max():.4g}")
    return xy


@validates(bandwidth=Interval(float, 0, None, closed="neither"), kernel=OneOf(*KERNELS),
           cutoff=[Interval(float, 0, None, closed="neither"), None], self_weight=[Interval(float, 0, None), None])
def build_smoother(coords: ArrayLike, bandwidth: float, kernel: str = "triangular", cutoff: float | None = None,
                   self_weight: float | None = None) -> sparse.csr_matrix:
    """Sparse proximity matrix W with w_ij = φ(d_ij / h) for d_ij ≤ cutoff.

    Parameters
    ----------
    coords : ndarray of shape (n, 2)
        Unit coordinates in metres (EPSG:3006).
    bandwidth : float
        Kernel bandwidth h in metres (> 0).
    kernel : {"triangular", "uniform", "quadratic", "quartic", "gaussian", "exponential"}
        Kernel φ of the scaled distance d / h.
    cutoff : float, optional
        Neighbourhood radius in metres; default h for compact kernels, 5h (gaussian) and
        12h (exponential).
    self_weight : float, optional
        Diagonal value; default φ(0) (Reardon & O'Sullivan).  PySAL uses 1.

    Returns
    -------
    scipy.sparse.csr_matrix of shape (n, n)
        The proximity weights (not row-standardised).

    Raises
    ------
    InputError
        If the coordinates are not a finite (n, 2) array in metres (degrees are refused),
        or ``bandwidth``, ``kernel``, ``cutoff`` or ``self_weight`` is invalid.

    Examples
    --------
    >>> import numpy as np
    >>> W = build_smoother(np.array([[0.0, 0.0], [500.0, 0.0], [5000.0, 0.0]]), 1000)
    >>> W.toarray().round(2).tolist()
    [[1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    from lagesbild.measures.smoother import sparse_kernel_matrix

    where = "spatial.build_smoother"
    xy = _check_coords(coords, where)
    if kernel not in KERNELS:
        raise param_error("kernel", where, f"en av {sorted(KERNELS)}", f"one of {sorted(KERNELS)}", kernel)
    scalar = bool(np.isscalar(bandwidth))  # not in the condition: np.isscalar narrows too far for mypy
    h = float(bandwidth) if scalar else float("nan")
    if not h > 0:
        raise param_error("bandwidth", where, "ett tal > 0 (meter)", "a float > 0 (metres)", bandwidth)
    if cutoff is None:
        cutoff = h * _DEFAULT_CUTOFF.get(kernel, 1.0)
    diag = KERNELS[kernel](np.zeros(1))[0] if self_weight is None else float(self_weight)
    # built in blocks with int32 indices: memory ≈ 12 bytes per pair (measures.smoother)
    return sparse_kernel_matrix(xy, h, KERNELS[kernel], float(cutoff), float(diag))


def smooth(counts: ArrayLike, W: sparse.spmatrix | np.ndarray) -> np.ndarray:
    """Kernel-weighted local environment t̃_im = Σ_j w_ij t_jm for (n, K) or (B, n, K) counts.

    Parameters
    ----------
    counts : array_like of shape (n, K) or (B, n, K)
        Count of each group in each unit (optionally a batch of B tables).
    W : scipy.sparse matrix or ndarray of shape (n, n)
        Proximity weights, e.g. from :func:`build_smoother`.

    Returns
    -------
    ndarray
        Smoothed counts of the shape of ``counts``.
    """
    c = np.asarray(counts, dtype=np.float64)
    if c.ndim == 2:
        return np.asarray(W @ c)
    b, n, k = c.shape
    flat = np.moveaxis(c, 1, 0).reshape(n, b * k)
    return np.moveaxis(np.asarray(W @ flat).reshape(n, b, k), 0, 1)


def _geometry(coords: ArrayLike | None, bandwidth: float | None) -> tuple[np.ndarray, float]:
    """``coords`` and ``bandwidth``, required when no smoother is given."""
    if coords is None or bandwidth is None:
        raise param_error("coords", "spatial.spatial_index",
                          "koordinater och en bandbredd (eller en smoother)",
                          "coordinates and a bandwidth (or a smoother)", None)
    return np.asarray(coords, dtype=np.float64), float(bandwidth)


@validates(kernel=OneOf(*KERNELS), weights=OneOf("own", "smoothed"),
           bandwidth=[Interval(float, 0, None, closed="neither"), None])
def spatial_index(index_id: str, counts: ArrayLike, coords: ArrayLike | None = None, bandwidth: float | None = None,
                  kernel: str = "triangular", weights: str = "own",
                  smoother: sparse.spmatrix | np.ndarray | None = None, cutoff: float | None = None,
                  **params: Any) -> np.ndarray | float:
    """A registered aspatial index computed on kernel-smoothed local environments.

    Parameters
    ----------
    index_id : str
        A measure with ``spatial == "implicit_kernel"`` (``weights="own"``) or any
        global two-group/multigroup measure (``weights="smoothed"``).
    counts : array_like of shape (n, K) or (B, n, K)
        Count of each group in each unit (two-group measures: focal group, rest).
    coords, bandwidth, kernel, cutoff
        See :func:`build_smoother` (or pass a prebuilt ``smoother``).
    smoother : scipy.sparse matrix of shape (n, n), optional
        A prebuilt proximity matrix; ``coords`` and ``bandwidth`` are then not used.
    weights : {"own", "smoothed"}
        ``"own"``: Reardon & O'Sullivan — each unit keeps its own population as weight,
        only its composition is smoothed.  ``"smoothed"``: PySAL — all counts are replaced
        by their kernel-weighted sums rounded to integers (self-weight 1, kernel truncated
        at the bandwidth), then the aspatial formula runs.
    **params
        Parameters of the index (e.g. ``b`` of the Atkinson index).

    Returns
    -------
    ndarray or float
        The spatial index (one value per table in the batch).

    Raises
    ------
    InputError
        If the measure has no spatial variant (with ``weights="own"``) or a parameter is invalid.

    Notes
    -----
    t̃_im = Σ_j φ(d_ij/h) t_jm, π̃_im = t̃_im / Σ_m t̃_im; e.g. D̃ = Σ_m Σ_i t_i |π̃_im − π_m| / (2TI),
    H̃ = 1 − Σ_i t_i Ẽ_i / (TE), R̃ = 1 − Σ_i t_i Ĩ_i / (TI) (§3.8).

    References
    ----------
    Reardon, S. F. & O'Sullivan, D. (2004). Measures of spatial segregation. Sociological
    Methodology 34, 121–162.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[90, 10], [10, 90], [90, 10], [10, 90]])
    >>> xy = np.array([[0, 0], [100, 0], [50000, 0], [50100, 0]], dtype=float)
    >>> round(float(spatial_index("dissimilarity", c, xy, bandwidth=10)), 6)
    0.8
    >>> bool(spatial_index("dissimilarity", c, xy, bandwidth=1000) < 0.8)
    True
    """
    from lagesbild.measures._registry import get_measure

    m = get_measure(index_id)
    W = smoother
    if weights not in ("own", "smoothed"):
        raise param_error("weights", "spatial.spatial_index", "'own' eller 'smoothed'", "'own' or 'smoothed'",
                          weights)
    c = np.asarray(counts, dtype=np.float64)
    if weights == "smoothed":
        if W is None:
            coords, bandwidth = _geometry(coords, bandwidth)
            W = build_smoother(coords, bandwidth, kernel, cutoff=bandwidth if cutoff is None else cutoff,
                               self_weight=1.0)
        if m.kind == "two_group":
            x, t = smooth(c[..., :1], W)[..., 0], smooth(c.sum(axis=-1, keepdims=True), W)[..., 0]
            x, t = np.round(x), np.round(t)
            sc = np.stack([x, t - x], axis=-1)
        else:
            sc = np.round(smooth(c, W))
        return m.kernel(sc, **{**m.params, **params})
    if m.composition_form is None:
        raise param_error("index", "spatial.spatial_index",
                          "ett mått med rumslig variant (registry[...].spatial == 'implicit_kernel') eller "
                          "weights='smoothed'",
                          "a measure with a spatial variant (registry[...].spatial == 'implicit_kernel') or "
                          "weights='smoothed'", index_id)
    if W is None:
        coords, bandwidth = _geometry(coords, bandwidth)
        W = build_smoother(coords, bandwidth, kernel, cutoff=cutoff)
    t, comp, pbar = composition(c)
    sm = smooth(c, W)
    env = safe_div(sm, sm.sum(axis=-1, keepdims=True))
    kw = {k: v for k, v in {**m.params, **params}.items()}
    if m.kind == "two_group":
        return m.composition_form(t, comp[..., 0], env[..., 0], pbar[..., 0], **kw)
    return m.composition_form(t, comp, env, pbar, **kw)


@validates(kernel=OneOf(*KERNELS), weights=OneOf("own", "smoothed"))
def multiscalar_profile(index_id: str, counts: ArrayLike, coords: ArrayLike, bandwidths: Iterable[float],
                        kernel: str = "triangular", weights: str = "own", **params: Any) -> np.ndarray:
    """The same index over a ladder of bandwidths (Reardon et al. 2008).

    Parameters
    ----------
    index_id : str
        A registered measure (see :func:`spatial_index`).
    counts : array_like of shape (n, K)
        Count of each group in each unit.
    coords : array_like of shape (n, 2)
        Unit coordinates in metres (EPSG:3006).
    bandwidths : iterable of float
        Bandwidths h in metres; 0 gives the aspatial value.
    kernel, weights, **params
        As in :func:`spatial_index`.

    Returns
    -------
    ndarray of shape (len(bandwidths),)
        A bandwidth of 0 gives the aspatial value.

    References
    ----------
    Reardon, S. F. et al. (2008). The geographic scale of metropolitan racial
    segregation. Demography 45(3), 489–514.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[90, 10], [10, 90], [90, 10], [10, 90]])
    >>> xy = np.array([[0, 0], [100, 0], [50000, 0], [50100, 0]], dtype=float)
    >>> p = multiscalar_profile("dissimilarity", c, xy, [0, 10, 1000])
    >>> bool(p[0] == p[1] and p[2] < p[1])
    True
    """
    from lagesbild.measures._registry import get_measure

    m = get_measure(index_id)
    out = []
    for h in bandwidths:
        if float(h) == 0:
            out.append(float(m.kernel(np.asarray(counts, dtype=np.float64), **{**m.params, **params})))
        else:
            out.append(float(spatial_index(index_id, counts, coords, bandwidth=h, kernel=kernel, weights=weights,
                                           **params)))
    return np.array(out)
