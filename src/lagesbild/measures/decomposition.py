"""Decompositions: between/within for M and H, the Shapley decomposition of a change in M
into additions, removals, group- and unit-marginal and structural parts (Elbers 2023,
IPF), and the spatial vs compositional decomposition of a difference in a two-group index
(Rey, Cortes & Knaap).  Formulas: docs/methods/segregation.md §3.4 and §5.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from lagesbild.errors import ConvergenceError, DroppedUnitsWarning, param_error
from lagesbild.i18n import t
from lagesbild.measures._core import composition, safe_div, xlogx
from lagesbild.measures.ipf import RTOL, ipf_fit
from lagesbild.measures.multigroup import mutual_information
from lagesbild.measures.validation import Interval, OneOf, Type, validates

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = ["between_within", "counterfactual", "shapley_change", "spatial_compositional"]


def _entropy(counts):
    _, _, pbar = composition(counts)
    return 0.0 - xlogx(pbar).sum(axis=-1)


@validates(index=OneOf("mutual_information", "theil_h"))
def between_within(counts: ArrayLike, within: ArrayLike, index: str = "mutual_information") -> dict[str, Any]:
    """Exact between/within decomposition of M or H for units nested in super-units.

    Parameters
    ----------
    counts : array_like of shape (n, K)
        Count of each of K groups in each of n units.
    within : array_like of shape (n,)
        Super-unit label of each unit (e.g. the RegSO of each DeSO).
    index : {"mutual_information", "theil_h"}
        The index to decompose.

    Returns
    -------
    dict
        ``total``, ``between``, ``within`` and ``by_super`` (label → dict with ``p``,
        the super-unit's ``M``/``H``, ``ent_ratio`` and its ``contribution``).

    Notes
    -----
    M = M_between + Σ_s p_s M_s;  H = H_between + Σ_s p_s (E_s/E) H_s (§3.4).

    References
    ----------
    Elbers, B. (2023). Sociological Methods & Research 52(1); Theil (1972).

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[30, 10], [20, 10], [10, 20], [10, 30]])
    >>> d = between_within(c, ["a", "a", "b", "b"])
    >>> round(d["between"], 10), round(d["within"], 10)
    (0.094877592, 0.0041434338)
    """
    if index not in ("mutual_information", "theil_h"):
        raise param_error("index", "between_within", "'mutual_information' eller 'theil_h'",
                          "'mutual_information' or 'theil_h'", index)
    counts = np.asarray(counts, dtype=np.float64)
    labels = np.asarray(within)
    uniq, inv = np.unique(labels, return_inverse=True)
    agg = np.zeros((uniq.size, counts.shape[1]))
    np.add.at(agg, inv, counts)
    T = counts.sum()
    e = _entropy(counts)
    total = float(mutual_information(counts))
    between = float(mutual_information(agg))
    by = {}
    within_sum = 0.0
    for s, lab in enumerate(uniq):
        sub = counts[inv == s]
        p_s = sub.sum() / T
        m_s = float(mutual_information(sub)) if sub.shape[0] > 0 else 0.0
        e_s = float(_entropy(sub))
        if index == "mutual_information":
            contrib = float(p_s * m_s)
            by[lab.item() if hasattr(lab, "item") else lab] = {"p": p_s, "M": m_s, "contribution": contrib}
        else:
            h_s = m_s / e_s if e_s > 0 else 0.0
            contrib = float(p_s * (e_s / e) * h_s)
            by[lab.item() if hasattr(lab, "item") else lab] = {"p": p_s, "H": h_s, "ent_ratio": e_s / e,
                                                                "contribution": contrib}
        within_sum += contrib
    if index == "theil_h":
        total, between = total / e, between / e
    return {"total": total, "between": between, "within": within_sum, "by_super": by}


# --- Shapley decomposition of a change in M ---------------------------------------------

def _common_support(a, ua, ga, b, ub, gb):
    ga_i = {g: i for i, g in enumerate(ga)}
    gb_i = {g: i for i, g in enumerate(gb)}
    groups = [g for g in ga if g in gb_i and a[:, ga_i[g]].sum() > 0 and b[:, gb_i[g]].sum() > 0]
    ub_i = {u: i for i, u in enumerate(ub)}
    ca = a[:, [ga_i[g] for g in groups]]
    cb = b[:, [gb_i[g] for g in groups]]
    units = [u for i, u in enumerate(ua) if u in ub_i and ca[i].sum() > 0 and cb[ub_i[u]].sum() > 0]
    ua_i = {u: i for i, u in enumerate(ua)}
    ca = ca[[ua_i[u] for u in units]]
    cb = cb[[ub_i[u] for u in units]]
    keep = (ca.sum(axis=0) > 0) & (cb.sum(axis=0) > 0)
    return ca[:, keep], cb[:, keep], units, [g for g, k in zip(groups, keep) if k]


@validates(rtol=Interval(float, 0, 1, closed="neither"), max_iter=Interval(int, 1, None),
           ipf_order=OneOf("units_first", "groups_first"), strict=Type(bool))
def shapley_change(a: ArrayLike, b: ArrayLike, units_a: Sequence[Hashable] | None = None,
                   units_b: Sequence[Hashable] | None = None, groups_a: Sequence[Hashable] | None = None,
                   groups_b: Sequence[Hashable] | None = None,
                   rtol: float = RTOL, max_iter: int = 10_000, ipf_order: str = "units_first",
                   strict: bool = True) -> dict[str, Any]:
    """Shapley decomposition of M(B) − M(A) (Elbers 2023).

    Parameters
    ----------
    a, b : array_like of shape (n_A, K_A), (n_B, K_B)
        Count tables of period/place A and B.
    units_a, units_b, groups_a, groups_b : sequence, optional
        Unit ids and group names used to match the tables (positions by default).
    rtol, max_iter : float, int
        IPF relative tolerance of every margin and sweep limit (see
        :func:`lagesbild.measures.ipf.ipf_fit`).  The default 1e-10 makes the components
        agree with a fully converged IPF to 1e-8 or better; R ``segregation``'s default
        (``precision = 0.001``, at most 100 iterations) is ``rtol=1e-3, max_iter=100,
        ipf_order="groups_first", strict=False``.
    ipf_order, strict : str, bool
        Passed to ``ipf_fit``.

    Returns
    -------
    dict
        ``M1, M2, diff, additions, removals, group_marginal, unit_marginal, structural``
        (plus ``n_common_units``, ``n_common_groups``, ``ipf_iterations`` (largest of the
        six fits), ``ipf_precision`` (largest achieved max |margin/target − 1|),
        ``ipf_converged``, ``notes`` (sentences for the user, Swedish) and ``note_keys``
        (the same as ``(text key, values)`` for :func:`lagesbild.i18n.t` in any language).

    Raises
    ------
    ConvergenceError
        If IPF fails, or if the decomposition identities do not hold to 1e-8.

    Notes
    -----
    m_XYZ = M of IPF(seed Z → group margin X, unit margin Y) on the common support;
    additions = M2 − m_BBB, removals = m_AAA − M1,
    structural = ½(m_AAB − m_AAA) + ½(m_BBB − m_BBA),
    group_marginal = ¼[(m_BAA − m_AAA) + (m_BBA − m_ABA) + (m_BBB − m_ABB) + (m_BAB − m_AAB)],
    unit_marginal = ¼[(m_ABA − m_AAA) + (m_BBA − m_BAA) + (m_BBB − m_BAB) + (m_ABB − m_AAB)]
    (docs/methods/segregation.md §5.1).

    References
    ----------
    Elbers, B. (2023). A method for studying differences in segregation across time and
    space. Sociological Methods & Research 52(1), 5–42.  Karmel, T. & Maclachlan, M.
    (1988). Economic Record 64(3), 187–195.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([[30, 10], [20, 10], [10, 20]])
    >>> d = shapley_change(a, 2 * a)
    >>> round(abs(d["diff"]) + abs(d["structural"]), 12)
    0.0
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    ua = list(range(a.shape[0])) if units_a is None else list(units_a)
    ub = list(range(b.shape[0])) if units_b is None else list(units_b)
    ga = list(range(a.shape[1])) if groups_a is None else list(groups_a)
    gb = list(range(b.shape[1])) if groups_b is None else list(groups_b)
    m1, m2 = float(mutual_information(a)), float(mutual_information(b))
    ca, cb, units, groups = _common_support(a, ua, ga, b, ub, gb)
    dropped = (len(ua) - len(units), len(ub) - len(units), len(ga) - len(groups), len(gb) - len(groups))
    if any(dropped):
        warnings.warn(
            f"Gemensamt underlag: {dropped[0]}/{dropped[1]} områden och {dropped[2]}/{dropped[3]} grupper "
            f"finns bara i A/B / Common support: {dropped[0]}/{dropped[1]} units and {dropped[2]}/{dropped[3]} "
            "groups exist only in A/B; they are reported as removals/additions.", DroppedUnitsWarning,
            stacklevel=2)
    if ca.shape[0] < 2 or ca.shape[1] < 2:
        raise param_error("a, b", "shapley_change", "tabeller med minst 2 gemensamma områden och grupper",
                          "tables with at least 2 common units and groups", ca.shape)
    m_aaa, m_bbb = float(mutual_information(ca)), float(mutual_information(cb))
    pos = np.concatenate([ca[ca > 0], cb[cb > 0]])
    eps = 1e-10 if 1e-10 < pos.min() / 1000 else pos.min() / 1000
    seeds = {"A": np.where(ca > 0, ca, eps), "B": np.where(cb > 0, cb, eps)}
    unit_m = {"A": ca.sum(axis=1), "B": cb.sum(axis=1)}
    grp_m = {"A": ca.sum(axis=0), "B": cb.sum(axis=0)}
    m = {"AAA": m_aaa, "BBB": m_bbb}
    fits = []
    for key in ("BBA", "ABA", "BAA", "AAB", "BAB", "ABB"):
        gx, uy, sz = key
        rows = unit_m[uy] / unit_m[uy].sum()
        cols = grp_m[gx] / grp_m[gx].sum()
        tab, info = ipf_fit(seeds[sz], rows, cols, rtol=rtol, max_iter=max_iter, order=ipf_order, strict=strict)
        fits.append(info)
        m[key] = float(mutual_information(tab))
    structural = 0.5 * (m["AAB"] - m["AAA"]) + 0.5 * (m["BBB"] - m["BBA"])
    marginal = 0.5 * (m["BBA"] - m["AAA"]) + 0.5 * (m["BBB"] - m["AAB"])
    gm = 0.25 * ((m["BAA"] - m["AAA"]) + (m["BBA"] - m["ABA"]) + (m["BBB"] - m["ABB"]) + (m["BAB"] - m["AAB"]))
    um = 0.25 * ((m["ABA"] - m["AAA"]) + (m["BBA"] - m["BAA"]) + (m["BBB"] - m["BAB"]) + (m["ABB"] - m["AAB"]))
    out: dict[str, Any] = {"M1": m1, "M2": m2, "diff": m2 - m1, "additions": m2 - m_bbb, "removals": m_aaa - m1,
           "group_marginal": gm, "unit_marginal": um, "structural": structural}
    ident1 = abs(gm + um - marginal)
    ident2 = abs(out["diff"] - (out["additions"] + out["removals"] + gm + um + structural))
    if ident1 > 1e-8 or ident2 > 1e-8:  # pragma: no cover - guarded by algebra
        raise ConvergenceError(f"Shapley-identiteterna håller inte ({ident1:.2e}, {ident2:.2e}).",
                               f"The Shapley identities do not hold ({ident1:.2e}, {ident2:.2e}).")
    out["n_common_units"] = len(units)
    out["n_common_groups"] = len(groups)
    out["ipf_iterations"] = max(f["iterations"] for f in fits)
    out["ipf_precision"] = max(f["precision"] for f in fits)
    out["ipf_converged"] = all(f["converged"] for f in fits)
    keys = [("measures.note_ipf", {"iterations": f"{out['ipf_iterations']:g}",
                                   "precision": f"{out['ipf_precision']:.1e}", "rtol": f"{rtol:g}"})]
    if not out["ipf_converged"]:
        keys.append(("measures.note_ipf_not_converged", {}))
    out["note_keys"] = keys
    out["notes"] = [t(k, "sv", **v) for k, v in keys]
    return out


# --- spatial vs compositional (Rey, Cortes & Knaap) -------------------------------------

def _pct_rank(v):
    from scipy.stats import rankdata

    return rankdata(v, method="average") / v.size


@validates(approach=OneOf("composition", "share", "dual_composition"))
def counterfactual(x1: ArrayLike, t1: ArrayLike, x2: ArrayLike, t2: ArrayLike, approach: str = "composition"
                   ) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """Counterfactual populations for the spatial/compositional decomposition.

    Returns ``(x1', t1'), (x2', t2')``: context 1's spatial structure with context 2's
    attribute distribution and vice versa (§5.2).  Percentile ranks use average ranks
    divided by n; quantiles interpolate linearly (as PySAL).

    Parameters
    ----------
    x1, t1 : array_like of shape (n1,)
        Focal-group count and total of each unit in context 1.
    x2, t2 : array_like of shape (n2,)
        The same for context 2.
    approach : {"composition", "share", "dual_composition"}
        Swap the focal share of each unit (``"composition"``), the shares of both groups
        (``"dual_composition"``) or each group's distribution over units (``"share"``).

    Returns
    -------
    (x1', t1'), (x2', t2') : tuple of two (ndarray, ndarray) pairs
        Counterfactual focal counts and totals of context 1 and of context 2.

    Raises
    ------
    InputError
        If ``approach`` is unknown.

    References
    ----------
    Rey, S. J., Cortes, R. X. & Knaap, E. (2021). Comparative spatial segregation
    analytics. Spatial Demography 9, 199–223.
    """
    x1, t1, x2, t2 = (np.asarray(v, dtype=np.float64) for v in (x1, t1, x2, t2))

    def swap(a, b):
        return np.quantile(b, _pct_rank(a))

    if approach == "composition":
        s1, s2 = safe_div(x1, t1), safe_div(x2, t2)
        return (swap(s1, s2) * t1, t1), (swap(s2, s1) * t2, t2)
    if approach == "dual_composition":
        s1, s2 = safe_div(x1, t1), safe_div(x2, t2)
        c1, c2 = safe_div(t1 - x1, t1), safe_div(t2 - x2, t2)
        g1, g2 = swap(s1, s2) * t1, swap(s2, s1) * t2
        r1, r2 = swap(c1, c2) * t1, swap(c2, c1) * t2
        return (g1, g1 + r1), (g2, g2 + r2)
    if approach == "share":
        y1, y2 = t1 - x1, t2 - x2
        a1, a2 = x1 / x1.sum(), x2 / x2.sum()
        b1, b2 = y1 / y1.sum(), y2 / y2.sum()
        g1, g2 = swap(a1, a2), swap(a2, a1)
        r1, r2 = swap(b1, b2), swap(b2, b1)
        g1, g2 = g1 / g1.sum() * x1.sum(), g2 / g2.sum() * x2.sum()
        r1, r2 = r1 / r1.sum() * y1.sum(), r2 / r2.sum() * y2.sum()
        return (g1, g1 + r1), (g2, g2 + r2)
    raise param_error("approach", "spatial_compositional", "'composition', 'share' eller 'dual_composition'",
                      "'composition', 'share' or 'dual_composition'", approach)


@validates(approach=OneOf("composition", "share", "dual_composition"))
def spatial_compositional(index: str, counts1: ArrayLike, counts2: ArrayLike, approach: str = "composition",
                          **params: Any) -> dict[str, float]:
    """Split G(context 1) − G(context 2) into a spatial and an attribute component.

    Parameters
    ----------
    index : str
        A registered two-group measure (e.g. ``"dissimilarity"``).
    counts1, counts2 : array_like of shape (n1, 2), (n2, 2)
        Focal group in column 0, the rest in column 1.
    approach : {"composition", "share", "dual_composition"}
        How the counterfactual populations are built (see :func:`counterfactual`).
    **params
        Parameters of the index.

    Returns
    -------
    dict
        ``c_s``, ``c_a`` and the four values ``s1_a1``, ``s1_a2``, ``s2_a1``, ``s2_a2``.

    Notes
    -----
    c_s = ½[(G_S1A1 − G_S2A1) + (G_S1A2 − G_S2A2)], c_a = ½[(G_S1A1 − G_S1A2) + (G_S2A1 − G_S2A2)],
    so c_s + c_a = G_S1A1 − G_S2A2 (§5.2).

    References
    ----------
    Rey, S. J., Cortes, R. X. & Knaap, E. (2021). Comparative spatial segregation
    analytics. Spatial Demography 9, 199–223.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[10, 90], [30, 70], [50, 50], [10, 90]])
    >>> d = spatial_compositional("dissimilarity", c, c)
    >>> d["c_s"], d["c_a"]
    (0.0, 0.0)
    """
    from lagesbild.measures._registry import get_measure

    m = get_measure(index)
    if m.kind != "two_group":
        raise param_error("index", "spatial_compositional", "ett tvågruppsmått", "a two-group measure", index)
    c1 = np.asarray(counts1, dtype=np.float64)
    c2 = np.asarray(counts2, dtype=np.float64)
    x1, t1 = c1[:, 0], c1.sum(axis=1)
    x2, t2 = c2[:, 0], c2.sum(axis=1)
    (cx1, ct1), (cx2, ct2) = counterfactual(x1, t1, x2, t2, approach)

    def g(x, t):
        return float(m.kernel(np.column_stack([x, t - x]), **{**m.params, **params}))

    s1a1, s2a2 = g(x1, t1), g(x2, t2)
    s1a2, s2a1 = g(cx1, ct1), g(cx2, ct2)
    return {"c_s": 0.5 * ((s1a1 - s2a1) + (s1a2 - s2a2)), "c_a": 0.5 * ((s1a1 - s1a2) + (s2a1 - s2a2)),
            "s1_a1": s1a1, "s1_a2": s1a2, "s2_a1": s2a1, "s2_a2": s2a2}
