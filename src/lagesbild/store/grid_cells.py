"""The grid level of the store: SCB grid cells as areas, their import, and aggregation by centroid.

Grid cells (``ruta1km``, ``ruta250``, ``ruta100``; :mod:`lagesbild.grid`) are areas whose
version is the level's name. Their geometry is derived from the code, never stored. A cell's
kommun and län are those whose boundary contains the cell's **centroid** (the boundaries held in
the store at level ``kommun``); a centroid outside every kommun (at sea, across the border)
leaves both empty.

Import: :func:`import_grid` checks every code (13 digits, on the level's lattice, within
Sweden), adds the new cells to ``areas`` with their kommun, then runs the file through the same
validated importer as every other statistics file (:func:`lagesbild.store.importer.import_file`).

Aggregation rule (docs/grid.md): each cell's counts go **wholly** to the area (DeSO, RegSO,
kommun) that contains its centroid; nothing is split by area. A centroid exactly on a boundary goes
to the area with the smallest code among those touching it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lagesbild.errors import InputError, SchemaError
from lagesbild.grid import cell_centroids, is_grid_level
from lagesbild.i18n import pair

__all__ = ["areas_of_points", "register_cells", "import_grid", "aggregate_grid"]


def areas_of_points(store, xy: np.ndarray, *, level: str, version: str | None = None) -> np.ndarray:
    """Code of the area at ``level`` containing each point (object array; None outside all)."""
    import shapely

    g = store.geometries(level=level, version=version)
    out = np.full(len(xy), None, dtype=object)
    if g.empty or not len(xy):
        return out
    g = g.sort_values("code").reset_index(drop=True)
    pts = shapely.points(np.asarray(xy, dtype=np.float64))
    tree = shapely.STRtree(g.geometry.to_numpy())
    pi, ai = tree.query(pts, predicate="intersects")
    order = np.lexsort((ai, pi))  # per point, the smallest code (areas sorted by code)
    pi, ai = pi[order], ai[order]
    first = np.ones(pi.size, dtype=bool)
    first[1:] = pi[1:] != pi[:-1]
    out[pi[first]] = g["code"].to_numpy()[ai[first]]
    return out


def register_cells(store, codes, level: str) -> dict:
    """Add grid cells not yet in the store as areas (kommun and län by centroid)."""
    codes = pd.unique(pd.Series([str(c).strip() for c in codes]))
    known = set(store.areas(version=level)["code"])
    new = [c for c in codes if c not in known]
    if not new:
        return {"nya_rutor": 0, "utanfor_kommun": 0}
    xy = cell_centroids(new, level)
    kommun = areas_of_points(store, xy, level="kommun")
    areas = pd.DataFrame({"code": new, "version": level, "level": level, "name": None,
                          "parent_code": kommun, "parent_version": np.where(kommun == None,  # noqa: E711
                                                                            np.array(None, dtype=object),
                                                                            "kommun2025"),
                          "kommun": kommun, "lan": [k[:2] if k else None for k in kommun]})
    store.write(areas=areas, label=f"rutor {level}")
    return {"nya_rutor": len(new), "utanfor_kommun": int(sum(k is None for k in kommun))}


def _codes_of_file(file: Path, column: str, m) -> list[str]:
    from lagesbild.store.readers import read_chunks, sniff_kind

    kind = sniff_kind(file)
    skip = (m.excel if kind == "xlsx" else m.csv).get("skiprows") or 0
    codes: list[str] = []
    for start, chunk in read_chunks(file, kind, encoding=m.csv.get("encoding"), delimiter=m.csv.get("delimiter"),
                                    sheet=m.excel.get("sheet"), skiprows=int(skip)):
        if column not in chunk.columns:
            raise SchemaError(*pair("grid.column_missing", file=str(file), column=column,
                                    columns=", ".join(map(str, chunk.columns))))
        col = chunk[column].astype(str).str.strip()
        try:
            cell_centroids(col.tolist(), m.level)
        except SchemaError as exc:
            bad = next(i for i, c in enumerate(col) if _bad(c, m.level))
            raise InputError(f"{file}, rad {start + bad}, kolumn '{column}': {exc.sv}",
                             f"{file}, row {start + bad}, column '{column}': {exc.en}") from None
        codes.extend(col.tolist())
    return codes


def _bad(code: str, level: str) -> bool:
    try:
        cell_centroids([code], level)
    except SchemaError:
        return True
    return False


def import_grid(store, file, mapping, *, replace: bool = False, prefer_import: bool = False,
                progress=None) -> dict:
    """Import grid statistics (a mapping whose ``area`` has ``level: ruta250`` or another grid level)."""
    from lagesbild.store.importer import import_file
    from lagesbild.store.mapping import load_mapping

    file, mapping = Path(file), Path(mapping)
    m = load_mapping(mapping)
    if not is_grid_level(m.level):
        raise InputError(*pair("grid.bad_level", value=m.level, levels="ruta1km, ruta250, ruta100"))
    reg = register_cells(store, _codes_of_file(file, m.area_column, m), m.level)
    result = import_file(store, file, mapping, replace=replace, prefer_import=prefer_import, progress=progress)
    result.update(reg)
    return result


def aggregate_grid(store, variables: list[str], *, level: str, to: str, year: int | None = None,
                   kommun: str | None = None) -> pd.DataFrame:
    """Sum grid counts into DeSO, RegSO or kommun by cell centroid (the rule in the module doc).

    Returns tidy ``area_code, year, variable, value`` at ``to``; cells whose centroid lies in no
    area are left out.
    """
    obs = store.observations(variables, version=level, year=year, kommun=kommun)
    if obs.empty:
        return pd.DataFrame(columns=["area_code", "year", "variable", "value"])
    if to == "kommun":
        cells = store.areas(version=level, codes=obs["area_code"].unique().tolist())
        target = dict(zip(cells["code"], cells["kommun"]))
    else:
        codes = obs["area_code"].unique()
        target = dict(zip(codes, areas_of_points(store, cell_centroids(codes, level), level=to)))
    obs = obs.assign(area_code=obs["area_code"].map(target)).dropna(subset=["area_code"])
    return (obs.groupby(["area_code", "year", "variable"], as_index=False)["value"].sum()
            [["area_code", "year", "variable", "value"]])
