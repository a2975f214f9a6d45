"""Valdistrikt boundaries supplied by the user → polygons in EPSG:3006, one row per valdistrikt.

Valmyndigheten publishes the valdistrikt of each election as geodata for download; lagesbild
does not ship them. The user's file (GeoPackage, GeoJSON or Shapefile, any CRS) is read,
the 8-digit valdistrikt code (LLKKVVVV) found by its column name or, failing that, as the one
column where every value has 8 digits, the polygons reprojected to EPSG:3006, invalid
geometries repaired (``shapely.make_valid``, polygonal parts kept) and counted, and rows of the
same code merged. Used by the areal key valdistrikt → DeSO (docs/methods/valdeltagande.md §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagesbild.errors import NotFoundError, SchemaError
from lagesbild.i18n import pair

__all__ = ["CODE_COLUMNS", "Boundaries", "read_boundaries"]

#: Column names taken as the valdistrikt code (compared in lower case), in order of preference
#: ("valdistrik" is "Valdistriktskod" cut to the 10 characters a Shapefile allows).
CODE_COLUMNS = ("valdistriktskod", "valdistrik", "vd_kod_full", "lkfv", "vdkod", "vd_kod", "valdistrikt", "kod",
                "code")


@dataclass
class Boundaries:
    """The valdistrikt of one file: ``frame`` (GeoDataFrame ``valdistrikt, geometry`` in EPSG:3006),
    the code column used and the number of geometries repaired."""

    frame: Any
    code_column: str
    repaired: int


def _code_column(df, file: Path) -> str:
    lower = {str(c).lower(): c for c in df.columns if c != "geometry"}
    for name in CODE_COLUMNS:
        if name in lower:
            return str(lower[name])
    eight = [c for c in lower.values()
             if len(df) and df[c].astype(str).str.strip().str.fullmatch(r"\d{8}").all()]
    if len(eight) == 1:
        return str(eight[0])
    cols = ", ".join(str(c) for c in lower.values()) or "–"
    raise SchemaError(*pair("valnyckel.no_code_column", file=file, expected=", ".join(CODE_COLUMNS), columns=cols))


def _codes(series, file: Path, column: str):
    import pandas as pd

    raw = series.astype(str).str.strip()
    numeric = pd.api.types.is_numeric_dtype(series)
    if numeric:  # a code stored as a number loses its leading zero (län 01–09)
        raw = raw.str.replace(r"\.0$", "", regex=True).str.zfill(8)
    bad = ~raw.str.fullmatch(r"\d{8}")
    if bad.any():
        i = int(bad.to_numpy().argmax())
        raise SchemaError(*pair("valnyckel.bad_code", file=file, row=i + 2, column=column, value=series.iloc[i]))
    return raw


def read_boundaries(path: str | Path, *, crs: str = "EPSG:3006") -> Boundaries:
    """Read a valdistrikt boundary file into one polygon per valdistrikt in ``crs``.

    Raises :class:`NotFoundError` when the file does not exist and :class:`SchemaError` when it
    is not geodata, has no CRS, no code column, a code that is not 8 digits, or no polygon.
    """
    import geopandas as gpd
    import shapely

    file = Path(path)
    if not file.exists():
        raise NotFoundError(*pair("valnyckel.not_found", file=file))
    try:
        raw = gpd.read_file(file)
    except Exception as exc:  # pyogrio's errors differ by driver; one clear line for each
        raise SchemaError(*pair("valnyckel.unreadable", file=file)) from exc
    if not isinstance(raw, gpd.GeoDataFrame) or "geometry" not in raw.columns:
        raise SchemaError(*pair("valnyckel.unreadable", file=file))
    column = _code_column(raw, file)
    codes = _codes(raw[column], file, column)
    if raw.crs is None:
        raise SchemaError(*pair("valnyckel.no_crs", file=file))
    geoms = raw.geometry.values
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = present & ~shapely.is_valid(geoms)
    repaired = int(invalid.sum())
    if repaired:
        fixed = shapely.make_valid(geoms[invalid])
        geoms = geoms.copy()
        geoms[invalid] = [_polygonal(g) for g in fixed]
    frame = gpd.GeoDataFrame({"valdistrikt": codes.to_numpy()}, geometry=geoms, crs=raw.crs)
    frame = frame[present & ~(shapely.is_missing(frame.geometry.values) | shapely.is_empty(frame.geometry.values))]
    if frame.empty:
        raise SchemaError(*pair("valnyckel.empty", file=file))
    frame = frame.to_crs(crs)
    if frame["valdistrikt"].duplicated().any():  # a valdistrikt in several parts
        frame = frame.dissolve(by="valdistrikt", as_index=False)
    bad = ~shapely.is_valid(frame.geometry.values)  # reprojection can make a tight ring self-touch
    if bad.any():
        frame.loc[bad, "geometry"] = [_polygonal(g) for g in shapely.make_valid(frame.geometry.values[bad])]
    return Boundaries(frame.reset_index(drop=True)[["valdistrikt", "geometry"]], column, repaired)


def _polygonal(geom):
    """The polygonal part of a repaired geometry (``make_valid`` may add lines or points)."""
    import shapely

    if geom is None or geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()

