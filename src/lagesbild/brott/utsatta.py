"""Polisen's utsatta områden and their overlay on the statistical areas (DeSO/RegSO).

Polisen publishes the areas as polygons in EPSG:3006 with ``NAMN`` and ``KATEGORI``
(``Särskilt utsatt område``, ``Utsatt område``, in earlier editions also ``Riskområde``). The
police boundaries follow neither DeSO nor RegSO, so each statistical area gets the share of
its surface that lies inside a police area (``andel_av_omradet``), the share of the police
area it covers (``andel_av_polisomradet``) and, where a finer layer with population exists
(DeSO inside RegSO), the share of its **population** inside (``andel_befolkning``: each DeSO's
population spread evenly over its surface — an areal-weighting assumption). Overlaps below
``min_share`` on both sides are slivers of boundaries that do not quite meet and are dropped.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from lagesbild.errors import SchemaError
from lagesbild.i18n import pair

__all__ = ["CATEGORIES", "read_utsatta", "assign_kommun", "overlay"]

CATEGORIES = {"Särskilt utsatt område": "sarskilt_utsatt", "Utsatt område": "utsatt", "Riskområde": "riskomrade"}


def read_utsatta(path) -> Any:
    """Read a police GeoJSON/GeoParquet of utsatta områden as a GeoDataFrame in EPSG:3006.

    Columns ``namn, kategori`` (the published text), ``kategori_kod`` and ``geometry``; all
    other published properties are kept.
    """
    from lagesbild._compat import import_optional

    gpd = import_optional("geopandas", "geo")
    from pathlib import Path

    path = Path(path)
    g = gpd.read_parquet(path) if path.suffix.lower() == ".parquet" else gpd.read_file(path)
    missing = [c for c in ("NAMN", "KATEGORI") if c not in g.columns]
    if missing:
        raise SchemaError(*pair("brott.uso_columns", file=path.name, missing=", ".join(missing)))
    if g.crs is None:
        g = g.set_crs(3006)
    elif g.crs.to_epsg() != 3006:
        g = g.to_crs(3006)
    bad = sorted(set(g["KATEGORI"]) - set(CATEGORIES))
    if bad:
        raise SchemaError(*pair("brott.uso_category", file=path.name, value=", ".join(map(str, bad)),
                                expected=", ".join(CATEGORIES)))
    g = g.assign(namn=g["NAMN"].astype(str).str.strip(), kategori=g["KATEGORI"],
                 kategori_kod=g["KATEGORI"].map(CATEGORIES))
    return g


def assign_kommun(uso, kommuner) -> np.ndarray:
    """The kommun code holding each police area (by a point inside it)."""
    import shapely

    pts = shapely.point_on_surface(uso.geometry.values)
    tree = shapely.STRtree(kommuner.geometry.values)
    pi, ki = tree.query(pts, predicate="within")
    out = np.full(len(uso), None, dtype=object)
    out[pi] = kommuner["code"].to_numpy()[ki]
    lost = np.flatnonzero(pd.isna(out))
    if len(lost):  # on a generalised coastline: the nearest kommun
        near = tree.nearest(pts[lost])
        out[lost] = kommuner["code"].to_numpy()[near]
    return out


def _intersections(uso, areas) -> pd.DataFrame:
    import shapely

    tree = shapely.STRtree(areas.geometry.values)
    ui, ai = tree.query(uso.geometry.values, predicate="intersects")
    inter = shapely.area(shapely.intersection(uso.geometry.values[ui], areas.geometry.values[ai]))
    return pd.DataFrame({"u": ui, "a": ai, "yta": inter})


def overlay(uso, areas, *, fine=None, fine_pop: pd.Series | None = None, fine_parent: pd.Series | None = None,
            min_share: float = 0.01) -> pd.DataFrame:
    """Shares of each statistical area inside each police area.

    Parameters
    ----------
    uso : GeoDataFrame
        From :func:`read_utsatta`.
    areas : GeoDataFrame
        Statistical areas with ``code, version``.
    fine : GeoDataFrame, optional
        A finer layer (``code``) nested in ``areas`` with population, for population shares.
    fine_pop, fine_parent : Series, optional
        Indexed by fine code: population and the code in ``areas`` it belongs to.
    min_share : float
        Overlaps under this share of both the area and the police area are dropped.

    Returns
    -------
    DataFrame
        ``namn, kategori, kategori_kod, kod, version, andel_av_omradet, andel_av_polisomradet,
        andel_befolkning``.
    """
    import shapely

    if len(uso) == 0 or len(areas) == 0:
        return pd.DataFrame(columns=["namn", "kategori", "kategori_kod", "kod", "version", "andel_av_omradet",
                                     "andel_av_polisomradet", "andel_befolkning"])
    hits = _intersections(uso, areas)
    a_area = shapely.area(areas.geometry.values)
    u_area = shapely.area(uso.geometry.values)
    hits["andel_av_omradet"] = hits["yta"] / a_area[hits["a"]]
    hits["andel_av_polisomradet"] = hits["yta"] / u_area[hits["u"]]
    hits = hits[(hits["andel_av_omradet"] >= min_share) | (hits["andel_av_polisomradet"] >= min_share)]
    out = pd.DataFrame({
        "namn": uso["namn"].to_numpy()[hits["u"]], "kategori": uso["kategori"].to_numpy()[hits["u"]],
        "kategori_kod": uso["kategori_kod"].to_numpy()[hits["u"]],
        "kod": areas["code"].to_numpy()[hits["a"]], "version": areas["version"].to_numpy()[hits["a"]],
        "andel_av_omradet": hits["andel_av_omradet"].clip(upper=1.0).to_numpy(),
        "andel_av_polisomradet": hits["andel_av_polisomradet"].clip(upper=1.0).to_numpy(),
        "andel_befolkning": np.nan,
    })
    if fine is not None and fine_pop is not None and fine_parent is not None and len(fine):
        fh = _intersections(uso, fine)
        f_area = shapely.area(fine.geometry.values)
        fcode = fine["code"].to_numpy()[fh["a"]]
        fh["pop_in"] = (fh["yta"] / f_area[fh["a"]]).clip(upper=1.0) * fine_pop.reindex(fcode).to_numpy()
        fh["parent"] = fine_parent.reindex(fcode).to_numpy()
        fh["namn"] = uso["namn"].to_numpy()[fh["u"]]
        pop_in = fh.groupby(["namn", "parent"])["pop_in"].sum()
        parent_pop = fine_pop.groupby(fine_parent.reindex(fine_pop.index).to_numpy()).sum()
        key = pd.MultiIndex.from_arrays([out["namn"], out["kod"]])
        num = pop_in.reindex(key).to_numpy()
        den = parent_pop.reindex(out["kod"]).to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out["andel_befolkning"] = np.where(den > 0, np.nan_to_num(num) / den, np.nan)
    return out.sort_values(["namn", "andel_av_omradet"], ascending=[True, False], kind="stable").reset_index(
        drop=True)
