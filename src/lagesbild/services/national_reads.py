"""National reads shared by every kommun page: read once per store generation, split per kommun.

A kommun page used to read the store kommun by kommun: the official types of its RegSO (four
times), their population, the TAB6586 index inputs, the kommun-level value and the riket value of
every indicator of the panel (two queries per indicator) — about 60 queries and 1–3 s per first
visit. Here each of those tables is read once for the whole country per generation of the store
file (:func:`lagesbild.store.generations.per_generation`: shared by all threads, refreshed after
every write) and split per kommun in pandas, so a first visit filters frames already in memory.

Every function returns exactly what the store read it replaces returns — the same rows in the
same order and the same columns — because it filters the national frame that the same query
without the kommun condition returns (``Store.observations`` orders by variable, year and area
code; a filter keeps that order). Frames are shared: callers must not modify them in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from lagesbild.store.generations import per_generation

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.store.db import Store

__all__ = ["official_types", "types_with_population", "population_reader", "tab6586", "kommun_stored",
           "variable_levels", "type_tables", "kommun_observations_at", "transition_tables",
           "kommun_panel_values", "kommun_wide",
           "indicator_values_of"]

_VERSION = "RegSO2020"


def _national_types(store):
    from lagesbild.typology import omradestyp as ot

    return per_generation(store, ("national_reads.types", _VERSION),
                          lambda: ot.official_types(store, None, version=_VERSION))


def official_types(store: Store, years: int | Iterable[int], *, kommun: str) -> pd.DataFrame:
    """``typology.omradestyp.official_types(store, years, kommun=kommun, version="RegSO2020")``.

    Parameters
    ----------
    store : Store
        The open store.
    years : int or iterable of int
        The years.
    kommun : str
        Kommun code.

    Returns
    -------
    pandas.DataFrame
        The official områdestyp of each RegSO and year (shared: do not modify in place).
    """
    nat = _national_types(store)
    years = {int(y) for y in ([years] if isinstance(years, int) else years)}
    part = nat[(nat["kommun"] == kommun) & nat["year"].isin(years)]
    if part.empty:  # keep the shape of the store read for the no-data case
        from lagesbild.typology import omradestyp as ot

        return ot.official_types(store, sorted(years), kommun=kommun, version=_VERSION)
    return part.reset_index(drop=True)


def population_reader(store: Store) -> Callable[[str, str, Iterable[str]], pd.DataFrame]:
    """A reader for ``attach_population``: ``(variable, version, codes)`` → the frame of
    ``store.observations(variable, version=version, codes=codes)``, filtered from one national read.

    Parameters
    ----------
    store : Store
        The open store.

    Returns
    -------
    callable
        ``read(variable, version, codes)``.
    """

    def read(variable, version, codes):
        nat = per_generation(store, ("national_reads.population", variable, version),
                             lambda: store.observations(variable, version=version))
        return nat[nat["area_code"].isin(set(codes))]

    return read


def types_with_population(store: Store, years: int | Iterable[int], *, kommun: str) -> pd.DataFrame:
    """Official types of the kommun's RegSO (2020) with population, as
    ``attach_population(official_types(...), store)``.

    ``attach_population`` treats each year on its own, so the kommun's frame over every year is
    made once per store generation and the years asked for are selected from it.

    Parameters
    ----------
    store : Store
        The open store.
    years : int or iterable of int
        The years.
    kommun : str
        Kommun code.

    Returns
    -------
    pandas.DataFrame
        Types with a population column per RegSO and year.
    """
    from lagesbild.typology import omradestyp as ot

    years = {int(y) for y in ([years] if isinstance(years, int) else years)}
    full = _types_with_population_by_kommun(store).get(kommun)
    part = full[full["year"].isin(years)] if full is not None else full
    if part is None or part.empty:
        return ot.attach_population(official_types(store, sorted(years), kommun=kommun), store,
                                    reader=population_reader(store))
    return part.reset_index(drop=True)


def _types_with_population_all(store) -> pd.DataFrame:
    """Every kommun's frame of :func:`types_with_population` over all years, concatenated.

    The same computation as ``attach_population`` run kommun by kommun: within one year and
    RegSO version, the population year of a kommun is the latest year not after the
    classification year that has population for *its* RegSO (the earliest when none is earlier),
    so a kommun whose population lacks a year gets the same year as when it is computed alone.
    """
    import pandas as pd

    nat = _national_types(store)
    read = population_reader(store)
    out = []
    for (year, version), part in nat.groupby(["year", "area_version"], sort=True):
        pop = read("folkmangd", version, part["area_code"])
        pk = pop[["area_code", "year", "value"]].merge(part[["area_code", "kommun"]].drop_duplicates(),
                                                       on="area_code")
        use = {}
        for k, ys in pk.groupby("kommun")["year"].unique().items():
            avail = sorted(int(y) for y in ys)
            earlier = [y for y in avail if y <= int(year)]
            use[k] = earlier[-1] if earlier else avail[0]
        py = part["kommun"].map(use)
        p = pk.rename(columns={"year": "_py", "value": "population"})[["area_code", "_py", "population"]]
        merged = part.assign(_py=py.astype("float64")).merge(p, on=["area_code", "_py"], how="left")
        out.append(merged.assign(population_year=merged["_py"].astype("Int64")).drop(columns="_py"))
    if not out:
        return nat.assign(population=[], population_year=pd.array([], dtype="Int64"))
    res = pd.concat(out, ignore_index=True)
    res["population_year"] = res["population_year"].astype("Int64")
    return res


def _types_with_population_by_kommun(store) -> dict[str, pd.DataFrame]:
    def build():
        full = _types_with_population_all(store)
        return {k: g.reset_index(drop=True) for k, g in full.groupby("kommun", sort=False)}

    return per_generation(store, ("national_reads.types_with_population_by_kommun",), build)


def type_tables(store: Store, kommun: str, years: Iterable[int]) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """``(type_distribution, type_summary)`` of the kommun's RegSO for ``years``, as
    ``typology.omradestyp`` computes them from :func:`types_with_population` with ``by="kommun"``,
    taken from one computation over every kommun (None when the kommun has no types in a year).

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    years : iterable of int
        The years.

    Returns
    -------
    tuple of pandas.DataFrame or None
        The distribution and the summary (fresh frames), or None when a year has no types for
        the kommun (the caller computes that case itself).
    """
    from lagesbild.typology import omradestyp as ot

    def build():
        full = _types_with_population_all(store)
        dist = ot.type_distribution(full, by="kommun")
        summ = ot.type_summary(dist)
        return ({k: g.reset_index(drop=True) for k, g in dist.groupby("unit", sort=False)},
                {k: g.reset_index(drop=True) for k, g in summ.groupby("unit", sort=False)})

    dists, summs = per_generation(store, ("national_reads.type_tables",), build)
    years = [int(y) for y in years]
    if kommun not in dists:
        return None
    d, s = dists[kommun], summs[kommun]
    d = d[d["year"].isin(years)].reset_index(drop=True)
    s = s[s["year"].isin(years)].reset_index(drop=True)
    if set(s["year"]) != set(years):
        return None
    return d, s


def _regso_kommun(store) -> dict:
    def build():
        a = store.areas(level="regso")
        return dict(zip(zip(a["code"], a["version"]), a["kommun"]))

    return per_generation(store, ("national_reads.regso_kommun",), build)


def tab6586(store: Store, *, kommun: str) -> pd.DataFrame:
    """The observations ``typology.socioindex.read_tab6586(store, kommun=kommun)`` reads.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.

    Returns
    -------
    pandas.DataFrame
        The kommun's RegSO observations of the index, the type and the index inputs.
    """
    from lagesbild.typology import socioindex as si

    variables = (si.INDEX_VARIABLE, "omradestyp", *si.INPUTS)

    def build():
        obs = store.observations(list(variables), level="regso")
        lookup = _regso_kommun(store)
        return obs.assign(_kommun=[lookup.get(k) for k in zip(obs["area_code"], obs["area_version"])])

    def split() -> dict:  # kommun → its rows, in the national frame's order
        nat = per_generation(store, ("national_reads.tab6586", variables), build)
        parts = {k: g.drop(columns="_kommun") for k, g in nat.groupby("_kommun", sort=False)}
        return {"": nat.iloc[:0].drop(columns="_kommun")} | parts

    parts = per_generation(store, ("national_reads.tab6586.split", variables), split)
    return parts.get(kommun, parts[""]).copy()


def indicator_values_of(store: Store, values: pd.DataFrame, kommun: str, key: tuple) -> pd.DataFrame:
    """The rows of ``values`` (an indicator table of every area, e.g.
    :func:`lagesbild.typology.indicators.indicator_values`) for one kommun, split from it once per
    store generation and ``key`` (what identifies ``values``: level, year, version).

    Parameters
    ----------
    store : Store
        The open store.
    values : pandas.DataFrame
        The national table, with a ``kommun`` column.
    kommun : str
        Kommun code.
    key : tuple
        Identifies ``values`` within the generation.

    Returns
    -------
    pandas.DataFrame
        ``values[values["kommun"] == kommun]`` (shared: do not modify in place).
    """

    def split() -> dict:
        parts = {k: g for k, g in values.groupby("kommun", sort=False)}
        return {"": values.iloc[:0]} | parts

    parts = per_generation(store, ("national_reads.indicator_values_of", key), split)
    return parts.get(kommun, parts[""])


def kommun_stored(store: Store, variables: Iterable[str], year: int) -> pd.DataFrame:
    """``store.observations(variables, level="kommun", year=year)`` for every kommun (one read).

    Parameters
    ----------
    store : Store
        The open store.
    variables : iterable of str
        Variables.
    year : int
        The year.

    Returns
    -------
    pandas.DataFrame
        The observations (shared: do not modify in place).
    """
    variables = tuple(variables)
    return per_generation(store, ("national_reads.kommun_stored", variables, int(year)),
                          lambda: store.observations(list(variables), level="kommun", year=int(year)))


def variable_levels(store: Store) -> dict[str, frozenset[str]]:
    """``{variable: set of levels with observations}`` (one national read).

    Parameters
    ----------
    store : Store
        The open store.

    Returns
    -------
    dict
        Variable → the levels it has observations at.
    """
    def build():
        lv = store.sql("SELECT o.variable, list(DISTINCT a.level) AS levels FROM observations o "
                       "JOIN areas a ON a.code = o.area_code AND a.version = o.area_version "
                       "GROUP BY o.variable")
        return {v: frozenset(ls) for v, ls in zip(lv["variable"], lv["levels"])}

    return per_generation(store, ("national_reads.variable_levels",), build)


def _mode_version(low: pd.DataFrame) -> dict[str, str]:
    """Per kommun, ``low[low.kommun == k]["area_version"].mode().iloc[0]`` (ties: the smallest)."""
    n = low.groupby(["kommun", "area_version"]).size().rename("n").reset_index()
    n = n.sort_values(["kommun", "n", "area_version"], ascending=[True, False, True])
    first = n.drop_duplicates("kommun")
    return dict(zip(first["kommun"], first["area_version"]))


def kommun_observations_at(store: Store, variables: Iterable[str]) -> dict[str, pd.DataFrame]:
    """``store.observations_at(variables, level="kommun", kommun=k)`` for every kommun ``k``, from
    one read per level and one aggregation over all kommuner (per store generation).

    Kommuner are treated as the store treats each of them alone: values stored at kommun level
    first; a variable missing there is aggregated from the nearest finer level that holds all it
    needs for that kommun, on the kommun's most common geography version at that level.

    Parameters
    ----------
    store : Store
        The open store.
    variables : iterable of str
        Variables.

    Returns
    -------
    dict
        Kommun code → tidy frame ``area_code, year, variable, value, derived`` (the rows of the
        per-kommun read, possibly in another order; shared: do not modify in place).
    """
    variables = tuple(variables)

    def build():
        import pandas as pd

        from lagesbild.geo import LEVEL_ORDER
        from lagesbild.store.aggregate import aggregate, needed_variables

        cols = ["area_code", "year", "variable", "value"]
        kommuner = store.kommuner()
        direct = store.observations(list(variables), level="kommun")
        parts: dict[str, list] = {k: [] for k in kommuner}
        for k, g in direct.groupby("area_code", sort=False):
            if k in parts:
                parts[k].append(g[cols].assign(derived=False))
        have = direct.groupby("area_code")["variable"].agg(set).to_dict()
        missing = {k: tuple(v for v in variables if v not in have.get(k, set())) for k in kommuner}
        meta = store.variables()
        for finer in LEVEL_ORDER[LEVEL_ORDER.index("kommun") + 1:]:
            for miss in sorted({m for m in missing.values() if m}):
                group = [k for k, m in missing.items() if m == miss]
                low = store.observations(needed_variables(list(miss), meta), level=finer)
                areas = store.areas(level=finer)
                where = dict(zip(zip(areas["code"], areas["version"]), areas["kommun"]))
                low = low.assign(kommun=[where.get(x) for x in zip(low["area_code"], low["area_version"])])
                low = low[low["kommun"].isin(group)]
                if low.empty:
                    continue
                vers = _mode_version(low)
                low = low[low["area_version"] == low["kommun"].map(vers)]
                present = low.groupby("kommun")["variable"].agg(set).to_dict()
                here = {k: tuple(v for v in miss if set(needed_variables([v], meta)) <= present[k])
                        for k in vers}
                for h in sorted({h for h in here.values() if h}):
                    ks = [k for k, x in here.items() if x == h]
                    a = areas[areas["kommun"].isin(ks)]
                    a = a[a["version"] == a["kommun"].map(vers)]
                    mapping = pd.DataFrame({"from_code": a["code"], "to_code": a["kommun"]}).dropna()
                    agg = aggregate(low[low["kommun"].isin(ks)], mapping, list(h), meta)
                    for k, g in agg.groupby("area_code", sort=False):
                        parts[k].append(g[cols].assign(derived=True))
                    for k in ks:
                        missing[k] = tuple(v for v in missing[k] if v not in h)
        empty = pd.DataFrame({"area_code": pd.Series(dtype="object"), "year": pd.Series(dtype="int64"),
                              "variable": pd.Series(dtype="object"), "value": pd.Series(dtype="float64"),
                              "derived": pd.Series(dtype="bool")})
        return {k: (pd.concat(p, ignore_index=True) if p else empty) for k, p in parts.items()}

    return per_generation(store, ("national_reads.kommun_observations_at", variables), build)


def transition_tables(store: Store, kommun: str, year_from: int, year_to: int
                      ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    """``(transition_matrix, the population-weighted matrix, changed_areas(only_changed=False))`` of
    the kommun's RegSO, as ``typology.omradestyp`` computes them from :func:`types_with_population`,
    taken from one computation over every kommun per store generation and pair of years.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year_from, year_to : int
        The two years (both with types for the kommun).

    Returns
    -------
    tuple of pandas.DataFrame or None
        Fresh frames; None when the kommun has no RegSO typed in both years (the caller computes
        that case itself).
    """
    import numpy as np
    import pandas as pd

    from lagesbild.typology import omradestyp as ot

    def build():
        full = _types_with_population_all(store)
        rows = ot.changed_areas(full, int(year_from), int(year_to), only_changed=False)
        return {k: g.reset_index(drop=True) for k, g in rows.groupby("kommun", sort=False)}

    per_kommun = per_generation(store, ("national_reads.transitions", int(year_from), int(year_to)), build)
    rows = per_kommun.get(kommun)
    frame = _types_with_population_by_kommun(store).get(kommun)
    if rows is None or frame is None:
        return None
    types = sorted(ot.TYPE_LABELS)
    f = rows["typ_fran"].to_numpy() - 1
    t = rows["typ_till"].to_numpy() - 1
    n = np.zeros((len(types), len(types)), dtype="int64")
    np.add.at(n, (f, t), 1)
    p = np.zeros((len(types), len(types)), dtype="float64")
    np.add.at(p, (f, t), np.nan_to_num(rows["population"].to_numpy(dtype="float64")))
    idx = pd.Index(types, dtype="int64", name="typ_fran")
    cols = pd.Index(types, dtype="int64", name="typ_till")
    unmatched = int((frame["year"] == year_from).sum() + (frame["year"] == year_to).sum() - 2 * len(rows))
    mat = pd.DataFrame(n, index=idx, columns=cols)
    matp = pd.DataFrame(p, index=idx, columns=cols)
    mat.attrs["unmatched"] = matp.attrs["unmatched"] = unmatched
    return mat, matp, rows.copy()


def kommun_panel_values(store: Store, values: pd.DataFrame, kinds: dict[str, str], year: int,
                        lang: str = "sv") -> dict[tuple[str, str], tuple[float | None, str]]:
    """``typology.indicators.aggregate_value(store, values, var, kind, kommun=k, year=year)`` for
    every variable of ``kinds`` and every kommun, computed once per store generation and year.

    Stored kommun values first (the first row, as the per-kommun read takes it); otherwise counts
    summed and shares recomputed from their summed numerators and denominators over the kommun's
    areas in ``values`` (``indicator_values`` of the year at RegSO, the same frame for every kommun).

    Parameters
    ----------
    store : Store
        The open store.
    values : pandas.DataFrame
        ``typology.indicators.indicator_values(store, level="regso", year=year, version="RegSO2020")``.
    kinds : dict
        Variable → its kind (count, share, mean …).
    year : int
        The year.
    lang : {"sv", "en"}, optional
        Language of the notes (default Swedish). The values are computed once; the notes of each
        language are filled in once per store generation.

    Returns
    -------
    dict
        ``(variable, kommun)`` → ``(value, note)``; kommuner with neither a stored value nor areas
        are absent (their value is ``(None, "saknas")``, in ``lang``).
    """
    from lagesbild.i18n import normalise_lang, t

    def build():
        stored = kommun_stored(store, sorted(set(kinds)), year)
        out: dict = {}
        for var, kind in kinds.items():
            v = values[values["indicator"] == var]
            for kommun, g in v.groupby("kommun", sort=False):
                if kind == "count":
                    out[(var, kommun)] = (float(g["value"].sum()), "typology.note_summed_areas")
                elif kind == "share" and g["denominator_value"].notna().all() and g["numerator_value"].notna().all():
                    out[(var, kommun)] = (float(100.0 * g["numerator_value"].sum() / g["denominator_value"].sum()),
                                          "typology.note_ratio")
                else:
                    out[(var, kommun)] = (None, "typology.note_mean_no_weights" if kind == "mean"
                                          else "typology.note_share_no_parts")
            first = stored[stored["variable"] == var].drop_duplicates("area_code")
            for kommun, value in zip(first["area_code"], first["value"]):
                out[(var, kommun)] = (float(value), "")
        return out  # notes as catalogue keys ("" for a stored value)

    key = ("national_reads.kommun_panel_values", int(year), tuple(sorted(kinds.items())))
    lang = normalise_lang(lang)

    def worded():
        keyed = per_generation(store, key, build)
        texts = {k: t(k, lang) for k in {n for _, n in keyed.values() if n}}
        return {k: (v, texts.get(n, "")) for k, (v, n) in keyed.items()}

    return per_generation(store, (*key, lang), worded)


def kommun_wide(store: Store, variables: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Per kommun, :func:`kommun_observations_at` as a table of years × variables (the pivot a
    kommun's trend shows), from one pivot over every kommun per store generation.

    Parameters
    ----------
    store : Store
        The open store.
    variables : iterable of str
        Variables.

    Returns
    -------
    dict
        Kommun code → ``year`` and one column per variable with a value (shared: do not modify in
        place); kommuner without values are absent.
    """
    variables = tuple(variables)

    def build():
        import pandas as pd

        frames = {k: f for k, f in kommun_observations_at(store, variables).items() if not f.empty}
        if not frames:
            return {}
        every = pd.concat([f.assign(_kommun=k) for k, f in frames.items()], ignore_index=True)
        wide = every.pivot_table(index=["_kommun", "year"], columns="variable", values="value", aggfunc="first")
        out = {}
        for k, part in wide.groupby(level="_kommun", sort=False):
            part = part.droplevel("_kommun").dropna(axis=1, how="all")
            out[k] = part.reset_index().rename_axis(columns=None)
        return out

    return per_generation(store, ("national_reads.kommun_wide", variables), build)
