"""Official områdestyper (SCB/Delmos) as primary data: labels, aggregation, transitions.

The classification of every RegSO into five types is published by SCB (reference
``000005QX``; per RegSO and year in TAB6586). Type 1 is the worst and type 5 the best
socio-economic conditions; types 1–2 together are "områden med socioekonomiska utmaningar"
(docs/methods/omradestyper.md §2). Population shares are weighted with the RegSO population of
the **same year and the same RegSO version** as the classification; where that year is
missing, the nearest earlier year of the same version is used and reported in
``population_year``.
"""

from __future__ import annotations

from lagesbild.errors import InputError, NotFoundError

__all__ = [
    "TYPE_LABELS", "TYPE_LABELS_EN", "LABEL_TYPES_12", "LABEL_TYPES_45", "OFFICIAL_COUNTS",
    "SOURCE", "official_types", "attach_population", "type_distribution", "type_summary",
    "transition_matrix", "changed_areas", "change_direction", "CHANGE_LABELS",
]

#: The exact Swedish labels of the five types (docs/methods/omradestyper.md §2).
TYPE_LABELS = {
    1: "Områden med stora socioekonomiska utmaningar",
    2: "Områden med socioekonomiska utmaningar",
    3: "Socioekonomiskt blandade områden",
    4: "Områden med goda socioekonomiska förutsättningar",
    5: "Områden med mycket goda socioekonomiska förutsättningar",
}
TYPE_LABELS_EN = {
    1: "Areas with major socio-economic challenges",
    2: "Areas with socio-economic challenges",
    3: "Socio-economically mixed areas",
    4: "Areas with good socio-economic conditions",
    5: "Areas with very good socio-economic conditions",
}
#: The official collective term for types 1 and 2 together.
LABEL_TYPES_12 = "områden med socioekonomiska utmaningar"
#: Types 4 and 5 have no official collective term; this is a description, not a label.
LABEL_TYPES_45 = "områden med goda eller mycket goda socioekonomiska förutsättningar (typ 4–5)"

#: Official national counts of RegSO per type (RegSO 2020, all 3 363 classified).
OFFICIAL_COUNTS = {2022: (160, 289, 855, 1770, 289), 2023: (162, 293, 835, 1781, 292)}

SOURCE = "SCB/Delmos: områdestyp efter socioekonomiskt index (000005QX, TAB6586)"

#: Labels of the direction of a type change (a higher type number is better).
CHANGE_LABELS = {"stable": "stabil", "improved": "förbättrad", "worsened": "försämrad"}

_TYPES = (1, 2, 3, 4, 5)


def official_types(store, years=None, *, kommun: str | None = None, lan: str | None = None,
                   codes=None, version: str | None = None):
    """The official type per RegSO and year, with kommun and län.

    Parameters
    ----------
    store : Store
    years : int or list of int, optional
        Default: every year in the store.
    kommun, lan : str, optional
        Restrict to one kommun or län.
    codes : list of str, optional
        Restrict to these RegSO codes.
    version : str, optional
        RegSO version (e.g. ``"RegSO2020"``); default: whatever version each year is on.

    Returns
    -------
    DataFrame
        ``area_code, area_version, name, kommun, lan, year, omradestyp (int), source_id``.
    """
    obs = store.observations("omradestyp", level="regso", kommun=kommun, year=years,
                             version=version, codes=codes)
    cols = ["area_code", "area_version", "name", "kommun", "lan", "year", "omradestyp",
            "source_id"]
    if obs.empty:
        import pandas as pd

        return pd.DataFrame(columns=cols)
    areas = store.areas(level="regso", codes=sorted(set(obs["area_code"])))
    areas = areas[["code", "version", "kommun", "lan"]].rename(
        columns={"code": "area_code", "version": "area_version"})
    df = obs.merge(areas, on=["area_code", "area_version"], how="left")
    if lan is not None:
        df = df[df["lan"] == lan]
    df = df.dropna(subset=["value"])
    df["omradestyp"] = df["value"].round().astype(int)
    bad = df[~df["omradestyp"].isin(_TYPES)]
    if not bad.empty:
        r = bad.iloc[0]
        raise InputError(f"Områdestyp måste vara 1–5; {r['area_code']} år {r['year']} har {r['value']}.",
                         f"Områdestyp must be 1–5; {r['area_code']} in {r['year']} has {r['value']}.")
    df["year"] = df["year"].astype(int)
    return df[cols].reset_index(drop=True)


def attach_population(types, store, *, variable: str = "folkmangd", population_year=None, reader=None):
    """Add ``population`` and ``population_year`` (same RegSO version, same year by default).

    Parameters
    ----------
    types : DataFrame
        From :func:`official_types` (or any frame with ``area_code, area_version, year``).
    store : Store
    variable : str
        Population variable (count).
    population_year : int, optional
        Use this year's population for every classification year instead.
    reader : callable, optional
        ``reader(variable, version, codes)`` returning what
        ``store.observations(variable, version=version, codes=codes)`` returns (a shared national
        read split per kommun, say); default: that store read.

    Returns
    -------
    DataFrame
        ``types`` plus ``population`` (float, NaN where no population exists for the version)
        and ``population_year`` (the year actually used; the nearest earlier year of the same
        version when the classification year has none).
    """
    import pandas as pd

    out = []
    for (year, version), part in types.groupby(["year", "area_version"], sort=True):
        codes = sorted(set(part["area_code"]))
        pop = (reader(variable, version, codes) if reader is not None
               else store.observations(variable, version=version, codes=codes))
        avail = sorted(int(y) for y in pop["year"].unique())
        if population_year is not None:
            use = int(population_year) if int(population_year) in avail else None
        else:
            earlier = [y for y in avail if y <= int(year)]
            use = earlier[-1] if earlier else (avail[0] if avail else None)
        if use is None:
            out.append(part.assign(population=float("nan"), population_year=pd.NA))
            continue
        p = pop[pop["year"] == use][["area_code", "value"]].rename(columns={"value": "population"})
        out.append(part.merge(p, on="area_code", how="left").assign(population_year=use))
    if not out:
        return types.assign(population=[], population_year=[])
    res = pd.concat(out, ignore_index=True)
    res["population_year"] = res["population_year"].astype("Int64")
    return res


def _unit_columns(df, by: str):
    if by == "riket":
        return df.assign(unit="riket")
    if by in ("kommun", "lan"):
        return df.assign(unit=df[by])
    raise InputError(f"Parametern 'by' måste vara kommun, lan eller riket. Fick {by!r}.",
                     f"The 'by' parameter must be kommun, lan or riket. Got {by!r} instead.")


def type_distribution(df, by: str = "kommun"):
    """RegSO count, population and shares per type, unit and year.

    Parameters
    ----------
    df : DataFrame
        From :func:`attach_population`.
    by : {"kommun", "lan", "riket"}

    Returns
    -------
    DataFrame
        ``unit, year, omradestyp, label, n_regso, share_regso, population, share_population,
        population_year`` — every type 1–5 present (zero-filled); shares in percent.
    """
    import pandas as pd

    d = _unit_columns(df, by)
    g = d.groupby(["unit", "year", "omradestyp"]).agg(
        n_regso=("area_code", "size"), population=("population", lambda s: s.sum(min_count=1)))
    units_years = d[["unit", "year"]].drop_duplicates()
    full = pd.MultiIndex.from_tuples(
        [(u, y, t) for u, y in units_years.itertuples(index=False) for t in _TYPES],
        names=["unit", "year", "omradestyp"])
    g = g.reindex(full)
    g["n_regso"] = g["n_regso"].fillna(0).astype(int)
    has_pop = d.groupby(["unit", "year"])["population"].apply(lambda s: s.notna().all())
    g = g.reset_index()
    g["population"] = g["population"].fillna(0.0)
    tot = g.groupby(["unit", "year"])[["n_regso", "population"]].transform("sum")
    g["share_regso"] = 100.0 * g["n_regso"] / tot["n_regso"]
    g["share_population"] = 100.0 * g["population"] / tot["population"].where(tot["population"] > 0)
    ok = g.set_index(["unit", "year"]).index.map(has_pop)
    g.loc[~ok.astype(bool), ["population", "share_population"]] = float("nan")
    py = d.groupby(["unit", "year"])["population_year"].max() if "population_year" in d else None
    g["population_year"] = (g.set_index(["unit", "year"]).index.map(py) if py is not None else pd.NA)
    g["label"] = g["omradestyp"].map(TYPE_LABELS)
    return g[["unit", "year", "omradestyp", "label", "n_regso", "share_regso", "population",
              "share_population", "population_year"]]


def type_summary(dist):
    """Per unit and year: totals and the shares living in types 1–2 and 4–5.

    Parameters
    ----------
    dist : DataFrame
        From :func:`type_distribution`.

    Returns
    -------
    DataFrame
        ``unit, year, n_regso, population, share_population_12, share_population_45,
        share_regso_12, share_regso_45, population_year`` (percent).
    """
    import pandas as pd

    d = dist.assign(t12=dist["omradestyp"].isin((1, 2)), t45=dist["omradestyp"].isin((4, 5)))
    g = d.groupby(["unit", "year"])
    out = pd.DataFrame({
        "n_regso": g["n_regso"].sum().astype(int),
        "population": g["population"].sum(min_count=1),
        "share_population_12": d[d["t12"]].groupby(["unit", "year"])["share_population"].sum(min_count=1),
        "share_population_45": d[d["t45"]].groupby(["unit", "year"])["share_population"].sum(min_count=1),
        "share_regso_12": d[d["t12"]].groupby(["unit", "year"])["share_regso"].sum(),
        "share_regso_45": d[d["t45"]].groupby(["unit", "year"])["share_regso"].sum(),
        "population_year": g["population_year"].first(),
    }).reset_index()
    out["year"] = out["year"].astype(int)
    out["population_year"] = out["population_year"].astype("Int64")
    return out


def change_direction(type_from: int, type_to: int) -> str:
    """'stable', 'improved' (to a higher, better type) or 'worsened'."""
    if type_to == type_from:
        return "stable"
    return "improved" if type_to > type_from else "worsened"


def _pair(types, year_from: int, year_to: int):
    years = set(types["year"])
    for y, name in ((year_from, "year_from"), (year_to, "year_to")):
        if y not in years:
            raise NotFoundError(
                f"Områdestyp saknas för år {y} (parametern '{name}'); tillgängliga år: "
                f"{', '.join(map(str, sorted(years))) or 'inga'}.",
                f"No områdestyp for {y} (the '{name}' parameter); available years: "
                f"{', '.join(map(str, sorted(years))) or 'none'}.")
    a = types[types["year"] == year_from]
    b = types[types["year"] == year_to]
    cols = ["area_code", "name", "kommun", "lan", "omradestyp"] + (
        ["population"] if "population" in b else [])
    m = a[["area_code", "omradestyp"]].merge(b[cols], on="area_code", how="outer",
                                              suffixes=("_from", "_to"))
    return m


def transition_matrix(types, year_from: int, year_to: int, *, weight: str | None = None):
    """5 × 5 matrix of type in ``year_from`` (rows) against type in ``year_to`` (columns).

    Areas are matched on code (the same RegSO version is assumed; areas present in only one
    of the years are left out and counted in ``attrs["unmatched"]``).

    Parameters
    ----------
    types : DataFrame
        From :func:`official_types` or :func:`attach_population`.
    year_from, year_to : int
    weight : {None, "population"}
        None counts RegSO; "population" sums the population of ``year_to``.

    Returns
    -------
    DataFrame
        Index ``typ_fran`` 1–5, columns ``typ_till`` 1–5.
    """
    m = _pair(types, year_from, year_to)
    both = m.dropna(subset=["omradestyp_from", "omradestyp_to"])
    val = None if weight is None else weight
    if val is not None and val not in both:
        raise InputError(f"Parametern 'weight' måste vara None eller en kolumn i tabellen. Fick {weight!r}.",
                         f"The 'weight' parameter must be None or a column of the table. Got {weight!r}.")
    import pandas as pd

    tab = pd.crosstab(both["omradestyp_from"].astype(int), both["omradestyp_to"].astype(int),
                      values=None if val is None else both[val],
                      aggfunc=None if val is None else "sum")
    tab = tab.reindex(index=list(_TYPES), columns=list(_TYPES)).fillna(0)
    tab = tab.astype(int) if val is None else tab.astype(float)
    tab.index.name, tab.columns.name = "typ_fran", "typ_till"
    tab.attrs["unmatched"] = int(len(m) - len(both))
    return tab


def changed_areas(types, year_from: int, year_to: int, *, only_changed: bool = True):
    """Areas with their type in both years, the direction of change and the population.

    Returns
    -------
    DataFrame
        ``area_code, name, kommun, lan, typ_fran, typ_till, change ∈ {stable, improved,
        worsened}, change_sv, population`` (population of ``year_to`` where attached).
    """
    m = _pair(types, year_from, year_to).dropna(subset=["omradestyp_from", "omradestyp_to"])
    m = m.rename(columns={"omradestyp_from": "typ_fran", "omradestyp_to": "typ_till"})
    m["typ_fran"] = m["typ_fran"].astype(int)
    m["typ_till"] = m["typ_till"].astype(int)
    m["change"] = [change_direction(a, b) for a, b in zip(m["typ_fran"], m["typ_till"])]
    m["change_sv"] = m["change"].map(CHANGE_LABELS)
    if only_changed:
        m = m[m["change"] != "stable"]
    cols = ["area_code", "name", "kommun", "lan", "typ_fran", "typ_till", "change", "change_sv"]
    if "population" in m:
        cols.append("population")
    return m[cols].sort_values("area_code").reset_index(drop=True)
