"""SCB's statistical grid cells in SWEREF 99 TM (EPSG:3006): codes, centroids, bounds.

SCB publishes population per grid cell on a national grid in SWEREF 99 TM at 1 km, 250 m and
100 m (docs/grid.md). A cell is identified by the coordinates of its **lower-left (south-west)
corner**: the easting as 6 digits followed by the northing as 7 digits (``"6740006580000"`` is
the 1 km cell with corner E 674 000, N 6 580 000). The cell's geometry is derived from the code
and the level: the square [E, E + s) × [N, N + s) with s = 1 000, 250 or 100 m, centroid
(E + s/2, N + s/2). A code must lie on the level's lattice (corner coordinates divisible by s).

Levels: ``ruta1km``, ``ruta250``, ``ruta100`` (the store's level and version names).
Imports only numpy and the foundation.
"""

from __future__ import annotations

import re

import numpy as np

from lagesbild.errors import SchemaError
from lagesbild.i18n import pair

__all__ = ["GRID_LEVELS", "cell_size", "parse_cells", "cell_centroids", "cell_codes", "cell_bounds",
           "is_grid_level"]

#: Grid levels and their cell size in metres.
GRID_LEVELS: dict[str, int] = {"ruta1km": 1000, "ruta250": 250, "ruta100": 100}

_CODE = re.compile(r"^\d{13}$")
#: SWEREF 99 TM extent of Sweden, generous (corners outside it are refused as mistyped).
_E_RANGE = (100_000, 1_100_000)
_N_RANGE = (6_000_000, 7_800_000)


def is_grid_level(level: str | None) -> bool:
    """Whether ``level`` names a grid level."""
    return level in GRID_LEVELS


def cell_size(level: str) -> int:
    """Cell side in metres of a grid level; an unknown level is an error naming the known ones."""
    try:
        return GRID_LEVELS[level]
    except KeyError:
        raise SchemaError(*pair("grid.bad_level", value=level, levels=", ".join(GRID_LEVELS))) from None


def parse_cells(codes, level: str) -> np.ndarray:
    """Lower-left corners (n, 2) of SCB grid cell codes at ``level``.

    Raises
    ------
    SchemaError
        For the first code that is not 13 digits, lies off the level's lattice or outside Sweden.

    Examples
    --------
    >>> parse_cells(["6740006580000"], "ruta1km").tolist()
    [[674000.0, 6580000.0]]
    """
    size = cell_size(level)
    text = [str(c).strip() for c in codes]
    out = np.empty((len(text), 2))
    expected = f"13 siffror (östlig 6 + nordlig 7, nedre vänstra hörnet, delbara med {size})"
    expected_en = f"13 digits (easting 6 + northing 7, lower-left corner, divisible by {size})"
    for i, c in enumerate(text):
        ok = bool(_CODE.match(c))
        if ok:
            e, n = int(c[:6]), int(c[6:])
            ok = (e % size == 0 and n % size == 0 and _E_RANGE[0] <= e < _E_RANGE[1]
                  and _N_RANGE[0] <= n < _N_RANGE[1])
        if not ok:
            sv, _ = pair("grid.bad_code", code=c, level=level, expected=expected)
            _, en = pair("grid.bad_code", code=c, level=level, expected=expected_en)
            raise SchemaError(sv, en)
        out[i] = (e, n)
    return out


def cell_centroids(codes, level: str) -> np.ndarray:
    """Centroids (n, 2) in EPSG:3006 of grid cell codes at ``level``.

    Examples
    --------
    >>> cell_centroids(["3187506180250"], "ruta250").tolist()
    [[318875.0, 6180375.0]]
    """
    return parse_cells(codes, level) + cell_size(level) / 2.0


def cell_codes(xy, level: str) -> list[str]:
    """Codes of the cells at ``level`` that contain the points ``xy`` (EPSG:3006).

    A point on a cell edge belongs to the cell east/north of it (cells are half-open).

    Examples
    --------
    >>> cell_codes([[674_500.0, 6_580_999.0]], "ruta1km")
    ['6740006580000']
    """
    size = cell_size(level)
    corner = np.floor(np.asarray(xy, dtype=np.float64) / size).astype(np.int64) * size
    return [f"{e:06d}{n:07d}" for e, n in corner.tolist()]


def cell_bounds(codes, level: str) -> np.ndarray:
    """(minx, miny, maxx, maxy) per cell, the geometry derived from the code."""
    lo = parse_cells(codes, level)
    return np.column_stack([lo, lo + cell_size(level)])
