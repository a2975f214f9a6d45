"""The explicit registry of segregation measures: ``MEASURES: dict[str, Measure]``.

Exposed as ``lagesbild.measures.registry``.  Batch runs, the CLI ``list-measures`` and
the tests iterate over it; nothing is discovered by reflection.  Every registered kernel
has the uniform signature ``kernel(counts, **params)`` with ``counts`` of shape
``(..., n_units, n_groups)``; two-group measures read column 0 as the focal group and
the row sum as the unit total.  Explicitly spatial measures also take geometry-derived
keyword arrays (``coords``, ``areas``, ``contiguity``, ``perimeters``).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lagesbild.errors import param_error
from lagesbild.measures import local, multigroup, ordinal, singlegroup

__all__ = ["MEASURES", "Measure", "get_measure", "markdown_table"]

NULLS = ("systematic", "evenness", "person_permutation", "bootstrap")
NULLS_SPATIAL = NULLS + ("geographic_permutation", "systematic_permutation", "even_permutation")


@dataclass(frozen=True)
class Measure:
    """Metadata and kernel of one registered measure."""

    id: str
    name_sv: str
    name_en: str
    family: str          # evenness | exposure | entropy | diversity | local | ordinal | spatial_explicit
    kind: str            # two_group | multigroup | local | ordinal
    n_groups: str        # "2" | ">=2" | ">=3 ordered"
    value_range: tuple[float, float]
    citation: str
    formula_ref: str
    kernel: Callable[..., Any] = field(repr=False)
    spatial: str = "none"                      # none | implicit_kernel | explicit_geometry
    inference: tuple[str, ...] = NULLS
    decompositions: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    log_base: str | None = None
    needs: tuple[str, ...] = ()                # geometry inputs for explicit measures
    local_by: str | None = None                # unit | unit_group | group (local measures)
    composition_form: Callable[..., Any] | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """Plain metadata (no callables), for JSON output and docs.

        Returns
        -------
        dict
            id, names, family, kind, number of groups, value range, spatial kind, citation,
            formula reference, null models, decompositions, parameters, log base and geometry needs.
        """
        return {
            "id": self.id, "name_sv": self.name_sv, "name_en": self.name_en,
            "family": self.family, "kind": self.kind, "n_groups": self.n_groups,
            "range": list(self.value_range), "spatial": self.spatial,
            "citation": self.citation, "formula_ref": self.formula_ref,
            "inference": list(self.inference), "decompositions": list(self.decompositions),
            "params": dict(self.params), "log_base": self.log_base, "needs": list(self.needs),
        }


def _two(func, **defaults):
    def kernel(counts, **params):
        return func(counts[..., 0], counts.sum(axis=-1), **params)
    kernel.__doc__ = func.__doc__
    kernel.__wrapped__ = func
    return kernel


def _multi(func):
    def kernel(counts, **params):
        return func(counts, **params)
    kernel.__doc__ = func.__doc__
    kernel.__wrapped__ = func
    return kernel


_S, _M = singlegroup.COMPOSITION_FORMS, multigroup.COMPOSITION_FORMS
_MD = "Massey, D. S. & Denton, N. A. (1988). Social Forces 67(2), 281-315."
_RF = "Reardon, S. F. & Firebaugh, G. (2002). Sociological Methodology 32, 33-67."
_ANY = (-float("inf"), float("inf"))
_ALLEN = "Allen, R., Burgess, S., Davidson, R. & Windmeijer, F. (2015). Econometrics Journal 18(1)."


def _m(id, sv, en, family, kind, ng, rng, cit, ref, kernel, **kw) -> Measure:
    return Measure(id, sv, en, family, kind, ng, rng, cit, ref, kernel, **kw)


_ENTRIES = [
    # --- two-group ---------------------------------------------------------------------
    _m("dissimilarity", "Olikhetsindex (D)", "Dissimilarity index (D)", "evenness", "two_group", "2",
       (0, 1), "Duncan & Duncan (1955). American Sociological Review 20(2).", "§3.2",
       _two(singlegroup.dissimilarity), spatial="implicit_kernel", composition_form=_S["dissimilarity"],
       decompositions=("spatial_compositional",)),
    _m("gini", "Gini-index", "Gini index", "evenness", "two_group", "2", (0, 1), _MD, "§3.2",
       _two(singlegroup.gini), spatial="implicit_kernel", composition_form=_S["gini"],
       decompositions=("spatial_compositional",)),
    _m("entropy", "Entropiindex (Theils H, två grupper)", "Entropy index (Theil H, two groups)",
       "entropy", "two_group", "2", (0, 1), "Theil & Finizza (1971). J. Math. Sociology 1.", "§3.4",
       _two(singlegroup.entropy), spatial="implicit_kernel", composition_form=_S["entropy"],
       decompositions=("spatial_compositional",)),
    _m("isolation", "Isoleringsindex (xPx)", "Isolation index (xPx)", "exposure", "two_group", "2",
       (0, 1), "Bell (1954). Social Forces 32(4).", "§3.3", _two(singlegroup.isolation),
       spatial="implicit_kernel", composition_form=_S["isolation"], decompositions=("spatial_compositional",)),
    _m("exposure", "Exponeringsindex (xPy)", "Exposure/interaction index (xPy)", "exposure", "two_group",
       "2", (0, 1), "Lieberson (1981). In Ethnic Segregation in Cities.", "§3.3", _two(singlegroup.exposure),
       spatial="implicit_kernel", composition_form=_S["exposure"], decompositions=("spatial_compositional",)),
    _m("atkinson", "Atkinsonindex", "Atkinson index", "evenness", "two_group", "2", (0, 1),
       "James & Taeuber (1985). Sociological Methodology 15.", "§3.2", _two(singlegroup.atkinson),
       spatial="implicit_kernel", composition_form=_S["atkinson"], params={"b": 0.5},
       decompositions=("spatial_compositional",)),
    _m("correlation_ratio", "Korrelationskvot (eta²)", "Correlation ratio (eta²)", "exposure", "two_group",
       "2", (0, 1), "Bell (1954); " + _MD, "§3.3", _two(singlegroup.correlation_ratio),
       spatial="implicit_kernel", composition_form=_S["correlation_ratio"],
       decompositions=("spatial_compositional",)),
    _m("concentration_profile", "Koncentrationsprofil (R)", "Concentration profile (R)", "evenness",
       "two_group", "2", (0, 1), "Hong & Sadahiro (2014). J. Geographical Systems 16(2).", "§3.2",
       _two(singlegroup.concentration_profile), params={"grid": None}),
    # 2·D − mean(D*) with D, D* ∈ [0, 1]: from −1 up to 2 (D near 1 with small simulated values).
    _m("bias_corrected_dissimilarity", "Biaskorrigerat olikhetsindex", "Bias-corrected dissimilarity",
       "evenness", "two_group", "2", (-1, 2), _ALLEN, "§3.10", _two(singlegroup.bias_corrected_dissimilarity),
       params={"B": 500, "seed": None}, inference=()),
    _m("density_corrected_dissimilarity", "Täthetskorrigerat olikhetsindex",
       "Density-corrected dissimilarity", "evenness", "two_group", "2", (0, 1), _ALLEN, "§3.10",
       _two(singlegroup.density_corrected_dissimilarity), params={"solver": "exact"}),
    _m("min_max", "MinMax-index", "MinMax index", "evenness", "two_group", "2", (0, 1),
       "O'Sullivan & Wong (2007). Geographical Analysis 39(2).", "§3.2", _two(singlegroup.min_max)),
    # --- multigroup --------------------------------------------------------------------
    _m("multi_dissimilarity", "Olikhetsindex, flera grupper", "Multigroup dissimilarity", "evenness",
       "multigroup", ">=2", (0, 1), _RF, "§3.5", _multi(multigroup.multi_dissimilarity),
       spatial="implicit_kernel", composition_form=_M["multi_dissimilarity"]),
    _m("multi_gini", "Gini-index, flera grupper", "Multigroup Gini", "evenness", "multigroup", ">=2",
       (0, 1), _RF, "§3.5", _multi(multigroup.multi_gini), spatial="implicit_kernel",
       composition_form=_M["multi_gini"]),
    _m("mutual_information", "Ömsesidig information (M)", "Mutual information index (M)", "entropy",
       "multigroup", ">=2", (0, float("inf")),
       "Mora & Ruiz-Castillo (2011). Sociological Methodology 41; Elbers (2023). SMR 52(1).", "§3.4",
       _multi(multigroup.mutual_information), spatial="implicit_kernel", log_base="e",
       composition_form=_M["mutual_information"],
       decompositions=("between_within", "local", "shapley_change"), params={"base": None}),
    _m("theil_h", "Theils informationsindex (H)", "Theil information theory index (H)", "entropy",
       "multigroup", ">=2", (0, 1), "Theil (1972); " + _RF, "§3.4", _multi(multigroup.theil_h),
       spatial="implicit_kernel", composition_form=_M["theil_h"], decompositions=("between_within",)),
    _m("normalized_exposure", "Normaliserad exponering (P)", "Normalised exposure (P)", "exposure",
       "multigroup", ">=2", (0, 1), _RF, "§3.5", _multi(multigroup.normalized_exposure),
       spatial="implicit_kernel", composition_form=_M["normalized_exposure"]),
    _m("relative_diversity", "Relativ diversitet (R)", "Relative diversity (R)", "diversity", "multigroup",
       ">=2", (0, 1), _RF, "§3.5", _multi(multigroup.relative_diversity), spatial="implicit_kernel",
       composition_form=_M["relative_diversity"]),
    _m("squared_coefficient_of_variation", "Kvadrerad variationskoefficient (C)",
       "Squared coefficient of variation (C)", "evenness", "multigroup", ">=2", (0, 1), _RF, "§3.5",
       _multi(multigroup.squared_coefficient_of_variation), spatial="implicit_kernel",
       composition_form=_M["squared_coefficient_of_variation"]),
    _m("simpsons_interaction", "Simpsons interaktionsindex", "Simpson's interaction index", "diversity",
       "multigroup", ">=2", (0, 1), "Simpson (1949). Nature 163.", "§3.5",
       _multi(multigroup.simpsons_interaction), inference=()),
    _m("simpsons_concentration", "Simpsons koncentrationsindex", "Simpson's concentration index",
       "diversity", "multigroup", ">=2", (0, 1), "Simpson (1949). Nature 163.", "§3.5",
       _multi(multigroup.simpsons_concentration), inference=()),
    _m("diversity", "Diversitet (entropi E)", "Diversity (entropy E)", "diversity", "multigroup", ">=2",
       (0, float("inf")), "Theil (1972). Statistical Decomposition Analysis.", "§3.4",
       _multi(multigroup.diversity), inference=(), params={"normalized": False, "base": None},
       log_base="e"),
    # --- ordinal -----------------------------------------------------------------------
    # The rank-order indices integrate a least-squares polynomial through H(p_k) (R(p_k)); the polynomial
    # is unconstrained between and beyond the observed thresholds (e.g. two thresholds close together
    # extrapolate steeply), so the integral is not bounded by [0, 1] although every H(p_k) is.
    _m("rank_order_information_theory", "Rangordnad informationsindex (H^R)",
       "Rank-order information theory index (H^R)", "ordinal", "ordinal", ">=3 ordered", _ANY,
       "Reardon (2011). Measures of income segregation. CEPA, Stanford.", "§3.7",
       _multi(ordinal.rank_order_information_theory), params={"order": None, "weights": None}),
    _m("rank_order_variance_ratio", "Rangordnad variansindex (R^R)",
       "Rank-order variance ratio index (R^R)", "ordinal", "ordinal", ">=3 ordered", _ANY,
       "Reardon (2011). Measures of income segregation. CEPA, Stanford.", "§3.7",
       _multi(ordinal.rank_order_variance_ratio), params={"order": None, "weights": None}),
    # --- local -------------------------------------------------------------------------
    _m("location_quotient", "Lokaliseringskvot", "Location quotient", "local", "local", ">=2",
       (0, float("inf")), "Isard (1960). Methods of Regional Analysis.", "§3.6",
       _multi(local.location_quotient), inference=(), local_by="unit_group"),
    _m("local_entropy", "Lokal entropi (normaliserad)", "Local entropy (normalised)", "local", "local",
       ">=2", (0, 1), "Theil (1972).", "§3.6", _multi(local.local_entropy), inference=(), local_by="unit"),
    _m("local_diversity", "Lokal diversitet", "Local diversity", "local", "local", ">=2",
       (0, float("inf")), "Theil (1972).", "§3.6", _multi(local.local_diversity), inference=(),
       local_by="unit", params={"base": None}),
    _m("local_mutual_information", "Lokala segregationsbidrag (ls)", "Local segregation scores (ls)",
       "local", "local", ">=2", (0, float("inf")), "Elbers (2023). SMR 52(1).", "§3.4",
       _multi(local.local_mutual_information), inference=("bootstrap",), local_by="unit",
       params={"by": "unit", "base": None}, log_base="e"),
    _m("local_simpsons_interaction", "Lokal Simpson-interaktion", "Local Simpson's interaction", "local",
       "local", ">=2", (0, 1), "Simpson (1949).", "§3.6", _multi(local.local_simpsons_interaction),
       inference=(), local_by="unit"),
    _m("local_simpsons_concentration", "Lokal Simpson-koncentration", "Local Simpson's concentration",
       "local", "local", ">=2", (0, 1), "Simpson (1949).", "§3.6",
       _multi(local.local_simpsons_concentration), inference=(), local_by="unit"),
    _m("ice", "Koncentration vid ytterligheterna (ICE)", "Index of Concentration at the Extremes (ICE)",
       "local", "local", ">=2", (-1, 1), "Massey (2001). In Does It Take a Village?", "§3.6",
       _multi(local.ice), inference=(), local_by="unit", params={"privileged": 0, "deprived": -1}),
]

MEASURES: dict[str, Measure] = {m.id: m for m in _ENTRIES}


def _register_spatial() -> None:
    from lagesbild.measures import _explicit_entries

    for m in _explicit_entries.entries(Measure, NULLS_SPATIAL):
        MEASURES[m.id] = m


_register_spatial()


def markdown_table() -> str:
    """The registry as a Markdown table (id, name, family, kind, spatial, range, formula, source);
    ``docs/measures.md`` holds this table and a test keeps the two identical.

    Returns
    -------
    str
        The table, one row per registered measure, ending with a newline.
    """
    def num(x):
        return "∞" if x == float("inf") else "−∞" if x == -float("inf") else f"{x:g}"

    lines = ["| id | Namn | Familj | Typ | Rumslig | Intervall | Formel (docs/methods/segregation.md) | Källa |",
             "|---|---|---|---|---|---|---|---|"]
    for m in MEASURES.values():
        lo, hi = m.value_range
        lines.append(f"| `{m.id}` | {m.name_sv} | {m.family} | {m.kind} | {m.spatial} | [{num(lo)}, {num(hi)}] "
                     f"| {m.formula_ref} | {m.citation} |")
    return "\n".join(lines) + "\n"


def get_measure(index_id: str) -> Measure:
    """Look up a registered measure; unknown ids raise an error listing close matches.

    Parameters
    ----------
    index_id : str
        A key of :data:`MEASURES` (e.g. ``"dissimilarity"``).

    Returns
    -------
    Measure
        The registry entry.

    Raises
    ------
    InputError
        If the id is not registered (the message suggests close matches).
    """
    if index_id not in MEASURES:
        close = difflib.get_close_matches(str(index_id), list(MEASURES), n=3)
        raise param_error("index", "measures.compute", f"ett registrerat mått (t.ex. {close or 'dissimilarity'})",
                          f"a registered measure (e.g. {close or 'dissimilarity'})", index_id)
    return MEASURES[index_id]
