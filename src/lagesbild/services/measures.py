"""Segregation measures on the store: the one service layer for the CLI, the report and
the web app.

Every function reads counts from the store, runs the engine (:mod:`lagesbild.measures`)
and returns a tidy DataFrame carrying ``source`` (source ids), ``attribution``, ``year``,
``unit`` (``'index 0–1'``, or ``'index ≥ 0 (nats)'`` for M), ``level``, ``geo_version``
and ``method_status`` (``'computed'``).  No formula lives here.

Functions
---------
segregation_indices    indices per year with bias-corrected bootstrap intervals
between_within         exact between-/within-kommun decomposition of M and H
kommun_share_of_within one kommun's contribution to the within-kommun part
multiscalar_profile    kernel-smoothed D and H over bandwidths, on store geometries
segregation_change     Shapley decomposition of the change in M between two years
within_kommun_by       M and H inside one kommun split between/within area categories
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from lagesbild.errors import DroppedUnitsWarning, NotFoundError, param_error
from lagesbild.measures import compute, registry
from lagesbild.measures.batch import compute_many
from lagesbild.measures.decomposition import between_within as between_within_counts
from lagesbild.measures.decomposition import shapley_change
from lagesbild.measures.frames import to_matrix
from lagesbild.measures.validation import Constraint, Interval, OneOf, Type, validates
from lagesbild.services.measure_inputs import (
    STATUS,
    available_years,
    check_focal,
    check_groups,
    read_counts,
    result_frame,
    result_meta,
    unit_label,
)

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.store.db import Store

__all__ = ["between_within_counts", "compute", "compute_many", "registry", "shapley_change", "to_matrix",
           "DEFAULT_GROUPS", "DEFAULT_INDICES", "available_years", "between_within", "kommun_share_of_within",
           "multiscalar_profile", "segregation_change", "segregation_indices", "within_kommun_by"]

DEFAULT_GROUPS = ("fodda_i_sverige", "fodda_utrikes")
DEFAULT_INDICES = ("dissimilarity", "isolation", "theil_h", "mutual_information")
LEVELS = ("deso", "regso", "kommun", "lan", "custom")
_KERNELS = ("triangular", "uniform", "quadratic", "quartic", "gaussian", "exponential")
_GROUPS: list[Constraint | None] = [Type(tuple, list)]
_YEAR = Interval(int, 1900, 2100)

# --------------------------------------------------------------------------- 1. indices

_INDEX_COLS = ["kommun", "year", "index", "label_sv", "label_en", "value", "value_plugin", "se", "ci_low",
               "ci_high", "conf_level", "method", "ci_note", "n_units", "n_pop", "groups", "focal", "level",
               "geo_version", "unit", "source", "attribution", "method_status"]


@validates(kommun=[Type(str), None], years=[Type(list, tuple, range), None], groups=_GROUPS,
           indices=Type(list, tuple), level=OneOf(*LEVELS), ci=Type(bool), n_boot=Interval(int, 10, 100_000),
           seed=[Type(int), None], conf=Interval(float, 0, 1, closed="neither"), focal=[Type(str), None],
           expected_null=[OneOf("systematic", "evenness", "person_permutation"), None])
def segregation_indices(store: Store, kommun: str | None, years: Sequence[int] | None = None,
                        groups: Sequence[str] = DEFAULT_GROUPS, indices: Sequence[str] = DEFAULT_INDICES,
                        level: str = "regso", ci: bool = True, n_boot: int = 200, seed: int | None = 20240101,
                        conf: float = 0.95, focal: str | None = None, expected_null: str | None = None
                        ) -> pd.DataFrame:
    """Segregation indices per year, with bias-corrected bootstrap confidence intervals.

    Parameters
    ----------
    store : lagesbild.store.Store
    kommun : str or None
        Kommun code (``"1480"``); ``None`` for all of Sweden.
    years : list of int, optional
        Years to compute; default every year in which all ``groups`` are stored.  A
        requested year without data raises :class:`NotFoundError`.
    groups : sequence of str
        Count variables forming the groups (default born in Sweden / born abroad).
    indices : sequence of str
        Registered global measures (``lagesbild.measures.registry``).
    level : str
        Unit level (``"regso"``, ``"deso"``, ...).
    ci : bool
        Attach a bias-corrected multinomial bootstrap (Elbers 2023) where the engine
        supports it (``"bootstrap" in registry[i].inference``); otherwise the interval
        columns are empty and ``ci_note`` says why.
    n_boot, seed, conf
        Bootstrap draws, seed (the same draws for every index of a year) and level.
    focal : str, optional
        Focal group of two-group indices (isolation, D); default ``fodda_utrikes`` when
        among the groups, else the first group.  Other groups are pooled.
    expected_null : str, optional
        Also report ``expected_under_null`` (the value expected without segregation,
        e.g. ``"systematic"``) with ``n_boot`` simulations.

    Returns
    -------
    DataFrame
        One row per year × index: ``value`` (the bias-corrected estimate when ``ci`` and
        supported, else the plug-in value), ``value_plugin``, ``se``, ``ci_low``,
        ``ci_high``, ``conf_level``, ``method``, ``ci_note``, ``n_units``, ``n_pop`` plus
        ``kommun, groups, focal, level, geo_version, unit, source, attribution,
        method_status``.
    """
    from lagesbild.measures import compute
    from lagesbild.measures.frames import get_measure
    where = "segregation_indices"
    gl = check_groups(groups, where)
    foc = check_focal(gl, focal, where)
    _check_kommun(store, kommun)
    ms = [get_measure(i) for i in indices]
    for m in ms:
        if m.local_by is not None or m.needs:
            raise param_error("indices", where, "globala mått utan geometriunderlag (se list-measures)",
                              "global measures without geometry inputs (see list-measures)", m.id)
    avail = available_years(store, gl)
    if years is None:
        years = avail
        if not years:
            raise NotFoundError(f"Lagret har inga år med alla grupperna {gl}.",
                                f"The store has no year with all of the groups {gl}.")
    rows = []
    for year in [int(y) for y in years]:
        try:
            wide, prov, notes = read_counts(store, gl, level, kommun, year)
        except NotFoundError:
            raise NotFoundError(
                f"Inga antal för {', '.join(gl)} på nivån {level}"
                f"{' i kommun ' + kommun if kommun else ''} år {year}. År med data i lagret: {avail}.",
                f"No counts for {', '.join(gl)} at level {level}"
                f"{' in kommun ' + kommun if kommun else ''} in {year}. Years in the store: {avail}.") from None
        counts = wide[gl]
        integer = bool(np.allclose(counts.to_numpy(), np.round(counts.to_numpy())))
        for m in ms:
            kw = {"groups": gl, "focal": foc if m.kind == "two_group" else None}
            boot = ci and "bootstrap" in m.inference
            how = "bootstrap_bc" if integer else "bootstrap"
            # one computation: with the bootstrap it also gives the plug-in value
            r = (compute(m.id, counts, inference=how, n_sim=n_boot, seed=seed, ci=conf, **kw) if boot
                 else compute(m.id, counts, **kw))
            plug = float(r.value if r.value_plugin is None else r.value_plugin)  # set by the bias correction
            row = {"kommun": kommun, "index": m.id, "label_sv": m.name_sv, "label_en": m.name_en,
                   "value": plug, "value_plugin": plug, "se": None, "ci_low": None,
                   "ci_high": None, "conf_level": None, "method": r.method, "ci_note": None,
                   "n_units": r.n_units, "n_pop": r.n_pop, "groups": ",".join(gl),
                   "focal": foc if m.kind == "two_group" else None}
            if ci and not boot:
                row["ci_note"] = "motorn har ingen bootstrap för detta mått"
            elif boot:
                row.update(value=float(r.value), se=r.se, ci_low=r.ci_low, ci_high=r.ci_high,
                           conf_level=conf, method=r.method)
                if not integer:
                    row["ci_note"] = "antalen är inte heltal: områdesbootstrap i stället för biaskorrigerad"
            if expected_null:
                row["expected_under_null"] = _expected(m, counts, foc, expected_null, n_boot, seed)
            if notes:
                row["notes"] = "; ".join(notes)
            rows.append({**row, **result_meta(prov, year, level, unit_label(m))})
    return result_frame(rows, _INDEX_COLS)


def _expected(m, counts, focal, null, n_sim, seed) -> float:
    from lagesbild.measures.inference import expected_under_null

    c = counts.to_numpy(dtype=float)
    if m.kind == "two_group":
        k = list(counts.columns).index(focal)
        c = np.column_stack([c[:, k], np.delete(c, k, axis=1).sum(axis=1)])
    return expected_under_null(m.id, c, null=null, n_sim=n_sim, seed=seed)["expected"]


# --------------------------------------------------------------------------- 2. between/within

_BW_COLS = ["scope", "year", "index", "part", "kommun", "value", "p", "local_value", "share_of_within",
            "share_of_total", "n_units", "n_pop", "groups", "level", "geo_version", "unit", "source",
            "attribution", "method_status"]


def _scope_areas(store, scope, level, version, where):
    areas = store.areas(level=level, version=version)
    if scope != "riket":
        lans = sorted(set(areas["lan"].dropna()))
        if scope not in lans:
            raise param_error("scope", where, f"'riket' eller en länskod ({', '.join(lans[:3])}, …)",
                              f"'riket' or a län code ({', '.join(lans[:3])}, …)", scope)
        areas = areas[areas["lan"] == scope]
    return areas.set_index("code")


@validates(year=_YEAR, groups=_GROUPS, scope=Type(str), level=OneOf("deso", "regso"))
def between_within(store: Store, year: int, groups: Sequence[str] = DEFAULT_GROUPS, scope: str = "riket",
                   level: str = "regso") -> pd.DataFrame:
    """Exact between-/within-kommun decomposition of M and H over all units in a scope.

    Parameters
    ----------
    store : lagesbild.store.Store
    year : int
    groups : sequence of str
    scope : str
        ``"riket"`` (all of Sweden) or a län code (``"14"``).
    level : {"regso", "deso"}
        The units nested in kommuner.

    Returns
    -------
    DataFrame
        For each index (``mutual_information``, ``theil_h``): rows with ``part`` =
        ``total``, ``between`` (between kommuner), ``within`` (Σ over kommuner), and one
        row per kommun (``part="kommun"``) whose ``value`` is its contribution to the
        within part (M: p_k M_k; H: p_k (E_k/E) H_k), ``p`` its population share,
        ``local_value`` its own M_k or H_k, ``share_of_within`` and ``share_of_total``.
        ``between + within = total`` exactly.

    Notes
    -----
    M = M_between + Σ_k p_k M_k;  H = H_between + Σ_k p_k (E_k/E) H_k
    (docs/methods/segregation.md §3.4; Elbers 2023, Theil 1972).
    """
    from lagesbild.measures.decomposition import between_within as bw
    from lagesbild.measures.frames import get_measure

    where = "between_within"
    gl = check_groups(groups, where)
    wide, prov, notes = read_counts(store, gl, level, None, year)
    version = prov["geo_version"].split(", ")[0]
    areas = _scope_areas(store, scope, level, version, where)
    wide = wide[wide.index.isin(areas.index)]
    if len(wide) < 2:
        raise NotFoundError(f"För få områden med antal i {scope} år {year} ({len(wide)}).",
                            f"Too few units with counts in {scope} in {year} ({len(wide)}).")
    labels = areas.loc[wide.index, "kommun"].astype(str).to_numpy()
    counts = wide[gl].to_numpy(dtype=np.float64)
    rows = []
    for idx in ("mutual_information", "theil_h"):
        m = get_measure(idx)
        d = bw(counts, labels, index=idx)
        base = {"scope": scope, "index": idx, "n_units": int(counts.shape[0]), "groups": ",".join(gl),
                **result_meta(prov, year, level, unit_label(m))}
        tot, within = d["total"], d["within"]
        for part in ("total", "between", "within"):
            rows.append({**base, "part": part, "kommun": None, "value": float(d[part]),
                         "n_pop": float(counts.sum()), "share_of_total": float(d[part] / tot) if tot else None})
        for k, v in d["by_super"].items():
            sel = labels == k
            rows.append({**base, "part": "kommun", "kommun": str(k), "value": v["contribution"], "p": v["p"],
                         "local_value": v["M"] if idx == "mutual_information" else v["H"],
                         "share_of_within": v["contribution"] / within if within else None,
                         "share_of_total": v["contribution"] / tot if tot else None,
                         "n_units": int(sel.sum()), "n_pop": float(counts[sel].sum())})
    return result_frame(rows, _BW_COLS)


@validates(kommun=Type(str), year=_YEAR, groups=_GROUPS, scope=[Type(str), None], level=OneOf("deso", "regso"))
def kommun_share_of_within(store: Store, kommun: str, year: int, groups: Sequence[str] = DEFAULT_GROUPS,
                           scope: str | None = "riket", level: str = "regso") -> pd.DataFrame:
    """One kommun's part of the within-kommun segregation of a scope (for a kommun page).

    Parameters
    ----------
    store, kommun, year, groups, level
        The store, the kommun code, the year, the count variables and the unit level.
    scope : str or None
        ``"riket"``, a län code, or ``None`` for the kommun's own län.

    Returns
    -------
    DataFrame
        One row per index (M, H): ``contribution`` (the kommun's term of the within part),
        ``within``, ``total``, ``share_of_within``, ``share_of_total``, ``p`` (population
        share), ``local_value`` (the kommun's own M or H), ``rank`` (1 = largest
        contribution) and ``n_kommuner``, plus the provenance columns.
    """
    from lagesbild.geo import lan_of

    _check_kommun(store, kommun)
    if scope is None:
        scope = lan_of(kommun) or "riket"
    d = between_within(store, year, groups=groups, scope=scope, level=level)
    rows = []
    for _idx, sub in d.groupby("index", sort=False):
        ks = sub[sub["part"] == "kommun"].sort_values("value", ascending=False).reset_index(drop=True)
        hit = ks.index[ks["kommun"] == kommun]
        if not len(hit):
            raise NotFoundError(f"Kommun {kommun} har inga områden med antal i {scope} år {year}.",
                                f"Kommun {kommun} has no units with counts in {scope} in {year}.")
        r = ks.loc[hit[0]].to_dict()
        parts = sub.set_index("part")["value"]
        rows.append({**r, "contribution": r["value"], "within": float(parts["within"]),
                     "total": float(parts["total"]), "rank": int(hit[0]) + 1, "n_kommuner": len(ks)})
    out = result_frame(rows, ["kommun", "scope", "year", "index", "contribution", "within", "total", "share_of_within",
                        "share_of_total", "p", "local_value", "rank", "n_kommuner"])
    return out.drop(columns=["value", "part"])


# --------------------------------------------------------------------------- 3. multiscalar profile

def _geometry_refusal(store, kommun, level):
    g = store.geometries(level=level)
    have = g.groupby("version")["lan"].unique() if len(g) else {}
    lst = "; ".join(f"{v}: län {', '.join(sorted(map(str, lans)))}" for v, lans in dict(have).items()) or "inga"
    return NotFoundError(
        f"Kommun {kommun} har inga geometrier på nivån {level} i lagret, så den rumsliga profilen kan inte "
        f"beräknas. Geometrier finns för {lst}.",
        f"Kommun {kommun} has no geometries at level {level} in the store, so the spatial profile cannot be "
        f"computed. Geometries exist for {lst}.",
        hint="Importera gränser med `lagesbild import` (GeoPackage/GeoParquet i EPSG:3006).",
        hint_en="Import boundaries with `lagesbild import` (GeoPackage/GeoParquet in EPSG:3006).")


def _unit_points(store, kommun, level, stats_version, units):
    """Centroids for the statistics units: directly, or through a key to the geometry version."""
    from lagesbild.measures.geometry import spatial_inputs

    geoms = store.geometries(level=level, kommun=kommun)
    if geoms.empty:
        raise _geometry_refusal(store, kommun, level)
    gvers = sorted(set(geoms["version"]))
    if stats_version in gvers:
        g = geoms[geoms["version"] == stats_version]
        si = spatial_inputs(g[["code", "geometry"]].reset_index(drop=True))
        pts = dict(zip(si.units, map(tuple, si.coords)))
        return pts, stats_version, {"join": "direct", "n_links_boundary_changed": 0, "n_links_split": 0}
    for gv in gvers:
        key = store.area_keys(from_version=stats_version, to_version=gv)
        if key.empty:
            continue
        key = key[key["from_code"].isin(units)]
        g = geoms[geoms["version"] == gv]
        si = spatial_inputs(g[["code", "geometry"]].reset_index(drop=True))
        gpts = dict(zip(si.units, map(tuple, si.coords)))
        best = key.sort_values("weight", ascending=False).drop_duplicates("from_code")
        best = best[best["to_code"].isin(gpts)]
        pts = {f: gpts[t] for f, t in zip(best["from_code"], best["to_code"])}
        note = best["note"].fillna("")
        info = {"join": f"nyckel {stats_version}→{gv}",
                "n_links_boundary_changed": int(note.str.contains("gränsen kan ha ändrats").sum()),
                "n_links_split": int((best["weight"] < 1).sum()),
                "key_source": sorted(set(best["source_id"].dropna()))}
        return pts, gv, info
    raise NotFoundError(
        f"Kommun {kommun}: statistiken gäller {stats_version} men geometrierna {', '.join(gvers)}, och lagret "
        "saknar en nyckel mellan dem.",
        f"Kommun {kommun}: the statistics are on {stats_version} but the geometries on {', '.join(gvers)}, "
        "and the store has no key between them.")


_PROFILE_COLS = ["kommun", "year", "index", "bandwidth", "kernel", "weights", "value", "n_units", "n_unmatched",
                 "n_pop", "join", "approximate", "n_links_boundary_changed", "n_links_split", "geometry_version",
                 "level", "geo_version", "unit", "method", "source", "attribution", "method_status"]


@validates(kommun=Type(str), year=_YEAR, groups=_GROUPS, bandwidths=Type(list, tuple),
           kernel=OneOf(*_KERNELS), level=OneOf("deso", "regso", "custom"), indices=Type(list, tuple),
           weights=OneOf("own", "smoothed"), focal=[Type(str), None], include_aspatial=Type(bool))
def multiscalar_profile(store: Store, kommun: str, year: int, groups: Sequence[str] = DEFAULT_GROUPS,
                        bandwidths: Sequence[float] = (500, 1000, 2000, 4000, 8000), kernel: str = "gaussian",
                        level: str = "regso", indices: Sequence[str] = ("dissimilarity", "theil_h"),
                        weights: str = "own", focal: str | None = None, include_aspatial: bool = True
                        ) -> pd.DataFrame:
    """Kernel-smoothed indices over a ladder of bandwidths, on unit centroids from the store.

    Parameters
    ----------
    store : lagesbild.store.Store
    kommun : str
    year : int
    groups : sequence of str
    bandwidths : sequence of float
        Kernel bandwidths in metres (each > 0).
    kernel : str
        One of ``triangular, uniform, quadratic, quartic, gaussian, exponential``.
    level : str
    indices : sequence of str
        Measures with a kernel-smoothed variant (default D and H).
    weights : {"own", "smoothed"}
        Reardon & O'Sullivan (``own``) or PySAL's convention (``smoothed``).
    focal : str, optional
        Focal group of two-group indices (see :func:`segregation_indices`).
    include_aspatial : bool
        Add the aspatial value as ``bandwidth = 0``.

    Returns
    -------
    DataFrame
        One row per index × bandwidth with ``value``, ``n_units`` (units with a point),
        ``n_unmatched`` (statistics units without geometry, left out), ``join``
        (``direct`` or ``nyckel RegSO2020→RegSO2025``), ``approximate`` (True when joined
        through a key), ``n_links_boundary_changed`` (links noted "gränsen kan ha ändrats"),
        ``geometry_version`` and the provenance columns.

    Raises
    ------
    NotFoundError
        When the kommun has no geometries at ``level`` (the message lists what exists).

    Notes
    -----
    Unit points are polygon centroids (EPSG:3006).  t̃_im = Σ_j φ(d_ij/h) t_jm; the
    aspatial formula runs on the smoothed compositions (docs/methods/segregation.md §3.8).

    References
    ----------
    Reardon, S. F. et al. (2008). Demography 45(3), 489–514.
    """
    from lagesbild.measures import compute
    from lagesbild.measures.frames import get_measure

    where = "multiscalar_profile"
    gl = check_groups(groups, where)
    foc = check_focal(gl, focal, where)
    bws = [float(b) for b in bandwidths] if all(isinstance(b, (int, float)) for b in bandwidths) else None
    if not bws or any(not b > 0 for b in bws):
        raise param_error("bandwidths", where, "en lista med bandbredder > 0 (meter)",
                          "a list of bandwidths > 0 (metres)", list(bandwidths))
    ms = [get_measure(i) for i in indices]
    for m in ms:
        if m.spatial != "implicit_kernel":
            raise param_error("indices", where, "mått med kärnutjämnad variant (t.ex. dissimilarity, theil_h)",
                              "measures with a kernel-smoothed variant (e.g. dissimilarity, theil_h)", m.id)
    _check_kommun(store, kommun)
    if store.geometries(level=level, kommun=kommun).empty:
        raise _geometry_refusal(store, kommun, level)
    wide, prov, notes = read_counts(store, gl, level, kommun, year)
    pts, gver, info = _unit_points(store, kommun, level, prov["geo_version"], list(wide.index))
    matched = [u for u in wide.index if u in pts]
    if len(matched) < 2:
        raise NotFoundError(f"Kommun {kommun}: bara {len(matched)} områden har både antal och geometri.",
                            f"Kommun {kommun}: only {len(matched)} units have both counts and a geometry.")
    sub = wide.loc[matched, gl]
    xy = np.array([pts[u] for u in matched], dtype=np.float64)
    src = prov["source"]
    gsrc = store.sql("SELECT DISTINCT source_id FROM area_geometries WHERE version = ? AND source_id IS NOT NULL "
                     "ORDER BY 1", [gver])["source_id"].tolist() + info.pop("key_source", [])
    prov = {**prov, "source": ", ".join([src] + [s for s in gsrc if s not in src.split(", ")])}
    rows = []
    base = {"kommun": kommun, "kernel": kernel, "weights": weights, "n_units": len(matched),
            "n_unmatched": len(wide) - len(matched), "n_pop": float(sub.to_numpy().sum()), **info,
            "approximate": info["join"] != "direct", "geometry_version": gver}
    for m in ms:
        kw = {"groups": gl, "focal": foc if m.kind == "two_group" else None}
        meta = result_meta(prov, year, level, unit_label(m))
        if include_aspatial:
            r = compute(m.id, sub, **kw)
            rows.append({**base, **meta, "index": m.id, "bandwidth": 0.0, "value": float(r.value),
                         "method": "aspatial"})
        for h in bws:
            r = compute(m.id, sub, coords=xy, bandwidth=h, kernel=kernel, weights=weights, **kw)
            rows.append({**base, **meta, "index": m.id, "bandwidth": h, "value": float(r.value),
                         "method": "kernel-smoothed"})
    return result_frame(rows, _PROFILE_COLS)


# --------------------------------------------------------------------------- 5. change

_COMPONENTS = ("M1", "M2", "diff", "additions", "removals", "group_marginal", "unit_marginal", "structural")


@validates(kommun=[Type(str), None], year_a=_YEAR, year_b=_YEAR, groups=_GROUPS, level=OneOf(*LEVELS))
def segregation_change(store: Store, kommun: str | None, year_a: int, year_b: int,
                       groups: Sequence[str] = DEFAULT_GROUPS, level: str = "regso") -> pd.DataFrame:
    """Shapley decomposition of the change in M from ``year_a`` to ``year_b`` (Elbers 2023).

    Parameters
    ----------
    store : lagesbild.store.Store
    kommun : str or None
        Kommun code (None: every unit in the country).
    year_a, year_b : int
        The two years (different).
    groups : sequence of str
        Count variables.
    level : str
        Unit level.

    Returns
    -------
    DataFrame
        One row per component ``M1, M2, diff, additions, removals, group_marginal,
        unit_marginal, structural`` with ``value``, ``n_common_units``,
        ``geo_version`` (``"A → B"`` when the versions differ; units are matched by code)
        and the provenance columns.  ``diff = additions + removals + group_marginal +
        unit_marginal + structural``.
    """
    from lagesbild.measures.decomposition import shapley_change
    from lagesbild.measures.frames import get_measure

    where = "segregation_change"
    gl = check_groups(groups, where)
    if int(year_a) == int(year_b):
        raise param_error("year_b", where, "ett annat år än year_a", "a year other than year_a", year_b)
    _check_kommun(store, kommun)
    wa, pa, _ = read_counts(store, gl, level, kommun, year_a)
    wb, pb, _ = read_counts(store, gl, level, kommun, year_b)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DroppedUnitsWarning)
        d = shapley_change(wa[gl].to_numpy(), wb[gl].to_numpy(), list(wa.index), list(wb.index), gl, gl)
    note = "; ".join([str(w.message).split(" / ")[0] for w in caught if issubclass(w.category, DroppedUnitsWarning)]
                     + d["notes"])   # the IPF iterations and achieved precision
    gv = pa["geo_version"] if pa["geo_version"] == pb["geo_version"] else f"{pa['geo_version']} → {pb['geo_version']}"
    src = ", ".join(dict.fromkeys(pa["source"].split(", ") + pb["source"].split(", ")))
    attr = "; ".join(dict.fromkeys(a for a in (pa["attribution"], pb["attribution"]) if a))
    unit = unit_label(get_measure("mutual_information"))
    rows = [{"kommun": kommun, "year_a": int(year_a), "year_b": int(year_b), "component": c, "value": float(d[c]),
             "n_common_units": int(d["n_common_units"]), "groups": ",".join(gl), "note": note or None,
             "method": "Shapley (Elbers 2023)", "year": int(year_b), "level": level, "geo_version": gv,
             "unit": unit, "source": src, "attribution": attr, "method_status": STATUS} for c in _COMPONENTS]
    return result_frame(rows, ["kommun", "year_a", "year_b", "component", "value"])

@validates(kommun=Type(str), year=_YEAR, grouping=Type(str), groups=_GROUPS, level=OneOf("deso", "regso"))
def within_kommun_by(store: Store, kommun: str, year: int, grouping: str = "omradestyp",
                     groups: Sequence[str] = DEFAULT_GROUPS, level: str = "regso") -> pd.DataFrame:
    """M and H of one kommun's units split exactly between and within categories of units.

    ``grouping`` is a category variable of the store (``"omradestyp"``: the type of each RegSO
    that year); units without a category are left out (``n_unmatched``).  Returns a DataFrame:
    per index (M, H) rows ``part`` = ``total``, ``between``, ``within`` and one per category
    (``part="category"``, ``value`` = its term of the within part, ``p``, ``local_value``),
    with ``share_of_total`` and the provenance columns (docs/methods/segregation.md §3.4).

    Parameters
    ----------
    store, kommun, year, groups, level
        The store, the kommun code, the year, the count variables and the unit level.
    grouping : str
        The category variable.

    Returns
    -------
    DataFrame
        The rows described above.

    References
    ----------
    Elbers, B. (2023). A method for studying differences in segregation across time and
    space. Sociological Methods & Research 52(1), 5–42.
    """
    from lagesbild.measures.decomposition import between_within as bw
    from lagesbild.measures.frames import get_measure

    gl = check_groups(groups, "within_kommun_by")
    _check_kommun(store, kommun)
    wide, prov, _ = read_counts(store, gl, level, kommun, year)
    cat = store.observations(grouping, level=level, kommun=kommun, year=int(year))
    lab = cat.assign(area_code=cat["area_code"].astype(str)).set_index("area_code")["value"].reindex(wide.index)
    keep = lab.notna().to_numpy()
    if keep.sum() < 2:
        raise NotFoundError(f"Kommun {kommun}: {grouping} saknas för områdena år {year}.",
                            f"Kommun {kommun}: {grouping} is missing for the units in {year}.")
    counts, labels, rows = wide[gl].to_numpy(dtype=np.float64)[keep], lab[keep].astype(int).astype(str).to_numpy(), []
    for idx in ("mutual_information", "theil_h"):
        d = bw(counts, labels, index=idx)
        base, tot = {"kommun": kommun, "grouping": grouping, "index": idx, "n_units": int(keep.sum()),
                     "n_unmatched": int((~keep).sum()), **result_meta(prov, year, level,
                         unit_label(get_measure(idx)))}, d["total"]
        rows += [{**base, "part": p, "value": float(d[p]), "share_of_total": float(d[p] / tot) if tot else None}
                 for p in ("total", "between", "within")]
        rows += [{**base, "part": "category", "category": k, "value": v["contribution"], "p": v["p"],
                  "local_value": v["M"] if idx == "mutual_information" else v["H"],
                  "share_of_total": v["contribution"] / tot if tot else None} for k, v in d["by_super"].items()]
    return result_frame(rows, ["kommun", "year", "index", "part", "category", "value", "share_of_total"])


def _check_kommun(store, kommun) -> None:
    if kommun is not None and kommun not in set(store.kommuner()):
        raise NotFoundError(f"Kommunen {kommun!r} finns inte i lagret (ange en fyrsiffrig kommunkod, t.ex. '1480').",
                            f"The kommun {kommun!r} is not in the store (give a four-digit kommun code, e.g. '1480').")
