"""Registry entries for the explicitly spatial measures (kernels in ``explicit.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lagesbild.measures._registry import Measure as MeasureEntry

_MD = "Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281-315."
_ANY = (-float("inf"), float("inf"))
_PROX = {"beta": 1.0, "alpha": 0.6, "gamma": 0.5, "proximity": "massey_denton"}


def _k(name: str, needs: tuple[str, ...]) -> Callable[..., Any]:
    def kernel(counts: Any, **kw: Any) -> Any:
        from lagesbild.measures import explicit

        return getattr(explicit, name)(counts, **kw)

    from lagesbild.measures import explicit

    kernel.__doc__ = getattr(explicit, name).__doc__
    return kernel


def entries(Measure: type[MeasureEntry], nulls: tuple[str, ...]) -> list[MeasureEntry]:
    """Return the list of explicitly spatial :class:`Measure` entries.

    Parameters
    ----------
    Measure : type
        The registry's entry class (passed in, so this module does not import the registry).
    nulls : tuple of str
        Null models that apply to explicitly spatial measures.

    Returns
    -------
    list of Measure
        One entry per kernel of :mod:`lagesbild.measures.explicit`.
    """
    spec: list[tuple[str, str, str, str, tuple[float, float], str, tuple[str, ...], dict[str, Any]]] = [
        ("spatial_proximity", "Rumslig närhet (SP)", "Spatial proximity (SP)", "clustering", (0, float("inf")),
         "White (1983). AJS 88(5); " + _MD, ("coords", "areas"), dict(_PROX)),
        ("distance_decay_isolation", "Avståndsviktad isolering (DPxx)", "Distance-decay isolation (DPxx)",
         "exposure", (0, 1), "Morgan (1983). AJS 88(6).", ("coords", "areas"), dict(_PROX)),
        ("distance_decay_exposure", "Avståndsviktad exponering (DPxy)", "Distance-decay exposure (DPxy)",
         "exposure", (0, 1), "Morgan (1983). AJS 88(6).", ("coords", "areas"), dict(_PROX)),
        ("relative_clustering", "Relativ klustring (RCL)", "Relative clustering (RCL)", "clustering",
         (-1, float("inf")), _MD, ("coords", "areas"), dict(_PROX)),
        # ACL = (a − b)/(c − b) with b = (X/n²) ΣΣ c_ij: a − b < 0 when the focal group lives far from
        # its own members (negative in Göteborg), and c − b can be arbitrarily small, so it is unbounded.
        ("absolute_clustering", "Absolut klustring (ACL)", "Absolute clustering (ACL)", "clustering", _ANY, _MD,
         ("coords", "areas"), dict(_PROX)),
        ("relative_centralization", "Relativ centralisering (RCE)", "Relative centralisation (RCE)",
         "centralization", (-1, 1), _MD, ("coords",), {"center": "mean"}),
        ("absolute_centralization", "Absolut centralisering (ACE)", "Absolute centralisation (ACE)",
         "centralization", (-1, 1), _MD, ("coords", "areas"), {"center": "mean"}),
        # ACO = 1 − (x̄_a − lo)/(hi − lo): the focal group's mean area x̄_a may lie below lo or above hi
        # (T1, T2 overshoot X), and hi − lo may be arbitrarily small, so ACO is unbounded.
        ("absolute_concentration", "Absolut koncentration (ACO)", "Absolute concentration (ACO)",
         "concentration", _ANY, _MD, ("areas",), {}),
        # RCO = (x̄_a/ȳ_a − 1)/(lo/hi − 1): the denominator lies in [−1, 0) and the numerator in (−1, ∞),
        # so RCO is below −1 when the focal group (e.g. a majority) lives in larger units than the rest.
        ("relative_concentration", "Relativ koncentration (RCO)", "Relative concentration (RCO)",
         "concentration", _ANY, _MD, ("areas",), {"variant": "massey_denton"}),
        ("delta", "Hoovers delta (DEL)", "Hoover's delta (DEL)", "concentration", (0, 1),
         "Hoover (1941). J. Economic History 1.", ("areas",), {}),
        ("boundary_dissimilarity", "Gränsjusterat olikhetsindex (Morrill)", "Boundary-adjusted dissimilarity "
         "(Morrill)", "evenness", (-1, 1), "Morrill (1991). Geography Research Forum 11.", ("contiguity",),
         {"boundary": "binary", "standardize": False}),
        ("perimeter_area_dissimilarity", "Omkrets/yta-justerat olikhetsindex (Wong)",
         "Perimeter/area-adjusted dissimilarity (Wong)", "evenness", (-1, 1),
         "Wong (1993). Urban Studies 30(3).", ("contiguity", "perimeters", "areas"), {}),
        # η(θ) ∈ [0, 1] gives 0 ≤ SPP ≤ 1/(1 − P): above 1 (and above 2 once P > ½) when η is small
        # below P (far-apart mixed units) and large above it (adjacent focal units).
        ("spatial_proximity_profile", "Rumslig närhetsprofil", "Spatial proximity profile", "clustering",
         (0, float("inf")), "Hong & Sadahiro (2014). J. Geographical Systems 16(2).", ("contiguity",), {"grid": None}),
    ]
    return [Measure(mid, sv, en, "spatial_explicit", "two_group", "2", rng, cit, "§3.9", _k(mid, needs),
                    spatial="explicit_geometry", inference=nulls, params=params, needs=needs)
            for mid, sv, en, _fam, rng, cit, needs, params in spec]
