"""What areas the store holds, per kommun: the kommun and län rows, the levels with data in a
year and the levels with boundaries — each read once for the whole country per generation of the
store (:func:`lagesbild.store.generations.per_generation`) and looked up per kommun.

Every kommun page, map page and API answer validates its kommun and asks which levels it can
show; one small national read each replaces a query per request. Each lookup returns what the
per-kommun query it replaces returns (tests compare them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagesbild.store.generations import per_generation

if TYPE_CHECKING:
    from lagesbild.store.db import Store

__all__ = ["levels_with_data", "boundary_levels", "area_names"]


def levels_with_data(store: Store, kommun: str, year: int) -> set[str]:
    """The levels among RegSO and DeSO at which the kommun has observations in ``year``.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    year : int
        The year.

    Returns
    -------
    set of str
        A subset of ``{"regso", "deso"}``.
    """

    def build() -> dict:
        df = store.sql("SELECT DISTINCT a.kommun, o.year, a.level FROM observations o JOIN areas a ON "
                       "a.code = o.area_code AND a.version = o.area_version WHERE a.level IN ('regso', 'deso')")
        out: dict = {}
        for k, y, level in df[["kommun", "year", "level"]].itertuples(index=False):
            out.setdefault((str(k), int(y)), set()).add(str(level))
        return out

    return set(per_generation(store, ("national_reads.levels_with_data",), build).get((kommun, int(year)), ()))


def boundary_levels(store: Store, kommun: str) -> list[dict]:
    """The kommun's levels (RegSO, DeSO) with boundaries: ``[{level, version, n}]``, RegSO first,
    newest version first — as :func:`lagesbild.services.web.map_levels` documents.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.

    Returns
    -------
    list of dict
        One per level and boundary version (copies).
    """

    def build() -> dict:
        df = store.sql(
            "SELECT a.kommun, a.level, g.version, count(*) AS n FROM area_geometries g JOIN areas a "
            "ON a.code = g.code AND a.version = g.version WHERE a.level IN ('regso', 'deso') "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2 DESC, 3 DESC")
        out: dict = {}
        for r in df.itertuples(index=False):
            out.setdefault(str(r.kommun), []).append({"level": r.level, "version": r.version, "n": int(r.n)})
        return out

    return [dict(r) for r in per_generation(store, ("national_reads.boundary_levels",), build).get(kommun, [])]


def area_names(store: Store, level: str) -> dict[str, dict]:
    """Every area of ``level`` (kommun, län) as ``{code: row}``, the newest version of each code.

    Parameters
    ----------
    store : Store
        The open store.
    level : str
        ``"kommun"`` or ``"lan"`` (levels with one version in practice).

    Returns
    -------
    dict
        Shared: callers must not modify the rows.
    """

    def build() -> dict:
        df = store.areas(level=level).sort_values("version")
        return {str(r["code"]): r for r in df.to_dict("records")}

    return per_generation(store, ("national_reads.area_names", level), build)
