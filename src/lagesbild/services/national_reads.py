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
           "variable_levels"]

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

    def every_year():
        nat = _national_types(store)
        return ot.attach_population(official_types(store, sorted(set(nat["year"])), kommun=kommun), store,
                                    reader=population_reader(store))

    full = per_generation(store, ("national_reads.types_with_population", kommun), every_year)
    part = full[full["year"].isin(years)]
    if part.empty:
        return ot.attach_population(official_types(store, sorted(years), kommun=kommun), store,
                                    reader=population_reader(store))
    return part.reset_index(drop=True)


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

    nat = per_generation(store, ("national_reads.tab6586", variables), build)
    return nat[nat["_kommun"] == kommun].drop(columns="_kommun")


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
