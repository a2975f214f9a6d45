"""Frame layer: turn tidy or wide tables into count matrices, validate at the boundary,
call a registered kernel and return a :class:`MeasureResult`.

This is the only module in ``measures`` that touches pandas (imported lazily).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lagesbild.errors import DroppedUnitsWarning, InputError, SchemaError, param_error
from lagesbild.i18n import t
from lagesbild.measures._core import check_counts, check_group_totals
from lagesbild.measures._registry import get_measure
from lagesbild.measures.empty_groups import drop_empty_groups, drops_groups, empty_note
from lagesbild.measures.inference import NULL_MODELS
from lagesbild.measures.spatial import KERNELS
from lagesbild.measures.validation import Interval, OneOf, Type, validates

__all__ = ["MeasureResult", "compute", "to_matrix", "get_measure"]

_GEO_KEYS = ("coords", "areas", "perimeters")


@dataclass
class MeasureResult:
    """Result of one measure on one table.

    ``value`` is a float for global indices and an array for local ones (then ``units``
    and, for unit × group measures, ``groups`` label its axes).
    """

    measure: str
    value: Any
    params: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    note_keys: list = field(default_factory=list)   # the notes as (text key, values), for notes_in(lang)
    n_units: int = 0
    n_pop: float = 0.0
    groups: list[str] = field(default_factory=list)
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    method: str = "plug-in"
    method_status: str = "computed"
    p_value: float | None = None
    p_values: dict | None = None
    simulations: np.ndarray | None = field(default=None, repr=False)
    expected_under_null: float | None = None
    value_plugin: float | None = None  # the plug-in value, when inference replaced ``value`` (bias correction)
    units: list | None = None
    local_by: str | None = None

    def notes_in(self, lang: str = "sv") -> list[str]:
        """The notes (dropped empty units and groups) in ``lang``."""
        return [t(k, lang, **v) for k, v in self.note_keys]

    def __float__(self) -> float:
        return float(self.value)

    def row(self) -> dict:
        """The tidy one-row record (global measures)."""
        return {
            "measure": self.measure, "value": _scalar(self.value), "se": self.se,
            "ci_low": self.ci_low, "ci_high": self.ci_high, "method": self.method,
            "params": _jsonable(self.params), "n_units": self.n_units, "n_pop": self.n_pop,
            "groups": ",".join(map(str, self.groups)), "method_status": self.method_status,
        }

    def to_frame(self):
        """One-row DataFrame (global) or one row per unit (and group) for local measures."""
        import pandas as pd

        if self.units is None or np.ndim(self.value) == 0:
            return pd.DataFrame([self.row()])
        val = np.asarray(self.value)
        if val.ndim == 2:
            rows = [{"measure": self.measure, "unit": u, "group": g, "value": float(val[i, k])}
                    for i, u in enumerate(self.units) for k, g in enumerate(self.groups)]
        else:
            key = "group" if self.local_by == "group" else "unit"
            rows = [{"measure": self.measure, key: u, "value": float(v)} for u, v in zip(self.units, val)]
        return pd.DataFrame(rows)


def _scalar(v):
    return float(v) if np.ndim(v) == 0 else None


def _jsonable(params: dict) -> dict:
    out: dict[str, object] = {}
    for k, v in params.items():
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, (str, int, float, bool)) or v is None:
            out[k] = v
        elif isinstance(v, (list, tuple)) and all(isinstance(x, (str, int, float)) for x in v):
            out[k] = list(v)
    return out


def to_matrix(data, unit=None, group=None, weight=None, groups=None, total=None):
    """Convert input data to ``(counts, unit_ids, group_names)``.

    Parameters
    ----------
    data : DataFrame or ndarray
        Tidy (one row per unit × group; give ``unit`` and ``group``, and ``weight`` for
        the count column, else rows are counted) or wide (one row per unit, one column
        per group; the index holds unit ids, ``unit`` may name an id column instead).
    groups : list of str, optional
        Group columns (wide) or group values (tidy) to keep, in this order.
    total : str, optional
        Wide input with one focal-group column (``groups=[x]``) and a total column: the
        rest is ``total − x`` (must be ≥ 0).
    """
    if isinstance(data, np.ndarray) or not hasattr(data, "columns"):
        arr = np.asarray(data, dtype=np.float64)
        if arr.ndim == 1:
            arr = arr[:, None]
        names = [str(g) for g in (groups or [f"g{k}" for k in range(arr.shape[1])])]
        return arr, list(range(arr.shape[0])), names
    import pandas as pd

    df = data
    if group is not None:
        for col in (unit, group) + ((weight,) if weight else ()):
            if col is None or col not in df.columns:
                raise SchemaError(
                    f"Kolumnen {col!r} finns inte i data (kolumner: {list(df.columns)}).",
                    f"The column {col!r} is not in the data (columns: {list(df.columns)}).")
        vals = df[weight] if weight else pd.Series(1.0, index=df.index)
        if weight and not pd.api.types.is_numeric_dtype(vals):
            raise SchemaError(f"Kolumnen '{weight}' måste vara numerisk. Fick typen {vals.dtype}.",
                              f"The column '{weight}' must be numeric. Got dtype {vals.dtype}.")
        tab = pd.DataFrame({"u": df[unit].to_numpy(), "g": df[group].astype(str).to_numpy(),
                            "w": vals.to_numpy(dtype=np.float64, na_value=np.nan)})
        if tab["w"].isna().any():
            n = int(tab["w"].isna().sum())
            raise InputError(f"Kolumnen '{weight}' har {n} saknade värden.",
                             f"The column '{weight}' has {n} missing values.")
        order = list(pd.unique(tab["g"])) if groups is None else [str(g) for g in groups]
        missing = [g for g in order if g not in set(tab["g"])]
        if missing:
            raise SchemaError(f"Gruppen {missing} finns inte i kolumnen '{group}'.",
                              f"The group {missing} is not in the column '{group}'.")
        wide = tab.pivot_table(index="u", columns="g", values="w", aggfunc="sum", fill_value=0.0,
                               sort=False)
        wide = wide.reindex(columns=order, fill_value=0.0)
        return wide.to_numpy(dtype=np.float64), list(wide.index), order
    if unit is not None:
        if unit not in df.columns:
            raise SchemaError(f"Kolumnen '{unit}' finns inte i data.", f"The column '{unit}' is not in the data.")
        df = df.set_index(unit)
    cols = list(groups) if groups is not None else [c for c in df.columns
                                                     if pd.api.types.is_numeric_dtype(df[c]) and c != total]
    missing = [c for c in cols + ([total] if total else []) if c not in df.columns]
    if missing:
        raise SchemaError(f"Kolumnerna {missing} finns inte i data (kolumner: {list(df.columns)}).",
                          f"The columns {missing} are not in the data (columns: {list(df.columns)}).")
    arr = df[cols].to_numpy(dtype=np.float64, na_value=np.nan)
    names = [str(c) for c in cols]
    if total is not None:
        tot = df[total].to_numpy(dtype=np.float64, na_value=np.nan)
        rest = tot - arr.sum(axis=1)
        if (rest < 0).any():
            bad = [str(u) for u in np.asarray(df.index)[rest < 0][:3]]
            raise InputError(
                f"Kolumnen {names} måste vara ≤ '{total}' i varje rad. Fick {int((rest < 0).sum())} "
                f"områden som bryter mot det: {bad}.",
                f"The column {names} must be ≤ '{total}' in every row. Got {int((rest < 0).sum())} "
                f"violating units: {bad}.")
        arr = np.column_stack([arr, rest])
        names = names + [f"{total}-{'-'.join(names)}"]
    return arr, list(df.index), names


def _prepare(counts, units, names, where, geo):
    check_counts(counts, where=where)
    notes = []
    keep = counts.sum(axis=1) > 0
    n_drop = int((~keep).sum())
    if n_drop:
        msg = f"{n_drop} empty units dropped (total population 0)"
        notes.append(msg)
        warnings.warn(f"{n_drop} områden utan befolkning togs bort / {msg}.", DroppedUnitsWarning,
                      stacklevel=3)
        counts = counts[keep]
        units = [u for u, k in zip(units, keep) if k]
        for key in _GEO_KEYS:
            if geo.get(key) is not None:
                geo[key] = np.asarray(geo[key])[keep]
        if geo.get("contiguity") is not None:
            geo["contiguity"] = geo["contiguity"][keep][:, keep]
    if counts.shape[0] < 2:
        raise InputError(
            f"{where} behöver minst 2 områden med befolkning. Fick {counts.shape[0]}.",
            f"{where} needs at least 2 units with population. Got {counts.shape[0]}.")
    return counts, units, notes


def _two_group(counts, names, focal):
    if len(names) < 2:
        raise param_error("group", "measures.compute", "minst två grupper (fokalgrupp och övriga) eller 'total'",
                          "at least two groups (focal and the rest) or 'total'", names)
    k = 0
    if focal is not None:
        if str(focal) not in names:
            raise param_error("focal", "measures.compute", f"en av grupperna {names}", f"one of the groups {names}",
                              focal)
        k = names.index(str(focal))
    x = counts[:, k]
    rest = np.delete(counts, k, axis=1).sum(axis=1)
    rest_name = names[1 - k] if len(names) == 2 else "other"
    return np.column_stack([x, rest]), [names[k], rest_name]


@validates(index_id=Type(str), inference=[OneOf(*NULL_MODELS, "bootstrap_bc"), None], n_sim=Interval(int, 1, None),
           ci=Interval(float, 0, 1, closed="neither"), bandwidth=[Interval(float, 0, None, closed="neither"), None],
           kernel=OneOf(*KERNELS), weights=OneOf("own", "smoothed"))
def compute(index_id: str, data, unit=None, group=None, weight=None, *, groups=None, total=None,
            focal=None, inference=None, n_sim: int = 999, seed=None, ci: float = 0.95,
            coords=None, bandwidth=None, kernel: str = "triangular", weights: str = "own",
            areas=None, perimeters=None, contiguity=None, **params) -> MeasureResult:
    """Compute one registered measure on a table.

    Parameters
    ----------
    index_id : str
        A key of ``lagesbild.measures.registry``.
    data : DataFrame or ndarray
        Tidy (``unit``, ``group``, ``weight`` columns) or wide (units × groups).
    unit, group, weight : str, optional
        Column names for tidy input (``unit`` alone names the id column of wide input).
    groups : list of str, optional
        Groups to use, in order (ordered classes for rank-order indices; for two-group
        indices the first is the focal group unless ``focal`` is given).
    total : str, optional
        Total-population column for wide two-group input.
    focal : str, optional
        Focal group of a two-group index; the other groups are pooled.
    inference : str, optional
        A null model (``systematic``, ``evenness``, ``person_permutation``,
        ``geographic_permutation``, ``systematic_permutation``, ``even_permutation``),
        ``bootstrap`` (resample units) or ``bootstrap_bc`` (bias-corrected multinomial
        bootstrap, as R ``segregation``).
    n_sim, seed, ci
        Simulations, random seed and confidence level for inference.
    coords, bandwidth, kernel, weights
        Kernel-smoothed spatial variant: unit coordinates (EPSG:3006 metres), bandwidth in
        metres, kernel name and ``weights="own"`` (Reardon & O'Sullivan) or
        ``"smoothed"`` (PySAL convention).
    areas, perimeters, contiguity
        Geometry-derived inputs of explicitly spatial measures.
    **params
        Index parameters (e.g. ``b`` for Atkinson); see ``registry[index_id].params``.

    Returns
    -------
    MeasureResult

    Examples
    --------
    >>> import numpy as np
    >>> r = compute("dissimilarity", np.array([[10, 90], [30, 70], [50, 50], [10, 90]]))
    >>> round(r.value, 10), r.n_units, r.n_pop
    (0.4, 4, 400.0)
    """
    m = get_measure(index_id)
    where = f"measures.compute('{index_id}')"
    counts, units, names = to_matrix(data, unit, group, weight, groups, total)
    geo = {"coords": coords, "areas": areas, "perimeters": perimeters, "contiguity": contiguity}
    if contiguity is not None:
        from scipy import sparse

        geo["contiguity"] = sparse.csr_matrix(contiguity)
    n_before = counts.shape[0]
    counts, units, notes = _prepare(counts, units, names, where, geo)
    note_keys = [("measures.note_empty_units", {"n": n_before - counts.shape[0]})] if notes else []
    if m.kind == "two_group":
        counts, names = _two_group(counts, names, focal)
    elif drops_groups(m):  # defined without its empty groups: drop them, with a note
        counts, names, dropped = drop_empty_groups(counts, names)
        if dropped:
            note_keys.append(empty_note(dropped, len(names)))
            notes.append(t(note_keys[-1][0], "sv", **note_keys[-1][1]))
        if len(names) < 2:
            raise param_error("groups", where, "minst två grupper med befolkning",
                              "at least two groups with population", names + dropped)
    if m.kind == "ordinal" and counts.shape[1] < 3:
        raise param_error("groups", where, "minst 3 ordnade klasser", "at least 3 ordered classes", names)
    if m.id != "ice":  # ICE addresses its extreme groups by position and is defined when one is empty
        check_group_totals(counts, names, where)
    full = {**m.params, **params}
    unknown = [k for k in params if k not in m.params]
    if unknown:
        raise param_error(unknown[0], where, f"en av parametrarna {sorted(m.params) or '(inga)'}",
                          f"one of the parameters {sorted(m.params) or '(none)'}", unknown[0])
    method = "plug-in"
    if bandwidth is not None:
        from lagesbild.measures import spatial

        if coords is None:
            raise param_error("coords", where, "koordinater (EPSG:3006) när 'bandwidth' anges",
                              "coordinates (EPSG:3006) when 'bandwidth' is given", None)
        value = spatial.spatial_index(index_id, counts, geo["coords"], bandwidth=bandwidth, kernel=kernel,
                                      weights=weights, **full)
        full.update(bandwidth=float(bandwidth), kernel=kernel, weights=weights)
        method = "kernel-smoothed"
    else:
        kw = {k: geo[k] for k in m.needs}
        for k in m.needs:
            if kw[k] is None:
                raise param_error(k, where, "geometriunderlag för ett explicit rumsligt mått",
                                  "geometry input for an explicitly spatial measure", None)
        value = m.kernel(counts, **kw, **full)
    value = float(value) if np.ndim(value) == 0 else np.asarray(value)
    res = MeasureResult(index_id, value, params=full, notes=notes, note_keys=note_keys, n_units=counts.shape[0],
                        n_pop=float(counts.sum()), groups=names, method=method)
    if m.local_by is not None:
        res.local_by = full.get("by", m.local_by) if m.local_by == "unit" else m.local_by
        res.units = list(names) if res.local_by == "group" else list(units)
    if inference is not None:
        from lagesbild.measures import inference as inf

        inf.attach(res, m, counts, inference, n_sim=n_sim, seed=seed, ci=ci, params=full,
                   geo={k: geo[k] for k in m.needs}, spatial=dict(coords=geo["coords"], bandwidth=bandwidth,
                                                                 kernel=kernel, weights=weights))
    return res
