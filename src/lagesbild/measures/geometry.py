"""Geometry-derived inputs for the spatial measures, from a GeoDataFrame.

The kernels in :mod:`lagesbild.measures.explicit` and :mod:`lagesbild.measures.spatial`
take plain arrays; :func:`spatial_inputs` derives them from polygons (e.g.
``store.geometries(...)``): centroids, areas, perimeters and a sparse matrix of shared
boundary lengths.  geopandas/shapely/scipy are imported lazily (extra ``geo``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lagesbild.errors import InputError, SchemaError
from lagesbild.measures.validation import Interval, OneOf, Type, validates

__all__ = ["SpatialInputs", "spatial_inputs"]


@dataclass
class SpatialInputs:
    """Arrays for the spatial indices, one row per unit (in the order of ``units``).

    ``coords`` (n, 2) in metres (EPSG:3006), ``areas`` (n,) in m², ``perimeters`` (n,) in m,
    ``contiguity`` a ``scipy.sparse.csr_matrix`` (n, n) of shared boundary lengths in m
    (symmetric, zero diagonal).
    """

    units: list
    coords: np.ndarray
    areas: np.ndarray
    perimeters: np.ndarray
    contiguity: object = field(repr=False)
    corners: object = field(default=None, repr=False)

    def binary(self):
        """0/1 contiguity (rook: a shared boundary of positive length)."""
        c = self.contiguity.copy()
        c.data = (c.data > 0).astype(float)
        c.eliminate_zeros()
        return c

    def queen(self):
        """0/1 queen contiguity: rook neighbours plus units that touch only at a point
        (libpysal's ``Queen.from_dataframe``, PySAL's default graph)."""
        c = self.binary()
        if self.corners is not None:
            c = ((c + self.corners) > 0).astype(float).tocsr()
        return c

    def as_kwargs(self) -> dict:
        """``coords, areas, perimeters, contiguity`` for :func:`lagesbild.measures.compute`."""
        return {"coords": self.coords, "areas": self.areas, "perimeters": self.perimeters,
                "contiguity": self.contiguity}


@validates(code=Type(str), point=OneOf("centroid", "representative"),
           tolerance=Interval(float, 0, None))
def spatial_inputs(gdf, code: str = "code", point: str = "centroid", tolerance: float = 0.0) -> SpatialInputs:
    """Derive centroids, areas, perimeters and shared-boundary lengths from polygons.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Polygons in a projected CRS in metres (reprojected to EPSG:3006 when another
        projected CRS is set; a geographic CRS is refused).
    code : str
        Column with the unit id (``units`` of the result); the index when absent.
    point : {"centroid", "representative"}
        The unit's point: the polygon centroid, or a point guaranteed inside it.
    tolerance : float
        0 (default): exact shared edges, length of boundary_i ∩ boundary_j.  > 0 (metres):
        for generalised layers with small gaps between neighbours, the mean of
        length(boundary_i ∩ buffer(polygon_j, tol)) and the same with i and j swapped.

    Returns
    -------
    SpatialInputs

    Notes
    -----
    Shared boundary lengths b_ij feed Morrill's D(adj) (``boundary="length"`` or binary
    c_ij = [b_ij > 0]) and Wong's D(s), with perimeters P_i and areas A_i (§3.9).

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> g = gpd.GeoDataFrame({"code": ["a", "b"]}, geometry=[box(0, 0, 100, 100), box(100, 0, 200, 100)],
    ...                      crs="EPSG:3006")
    >>> s = spatial_inputs(g)
    >>> s.coords.tolist(), s.areas.tolist(), s.perimeters.tolist(), s.contiguity.toarray().tolist()
    ([[50.0, 50.0], [150.0, 50.0]], [10000.0, 10000.0], [400.0, 400.0], [[0.0, 100.0], [100.0, 0.0]])
    """
    from lagesbild._compat import import_optional

    shapely = import_optional("shapely", "geo")
    from scipy import sparse

    where = "spatial_inputs"
    if not hasattr(gdf, "geometry"):
        raise SchemaError(f"{where} behöver en GeoDataFrame med polygoner. Fick {type(gdf).__name__}.",
                          f"{where} needs a GeoDataFrame of polygons. Got {type(gdf).__name__}.")
    if gdf.crs is not None:
        if gdf.crs.is_geographic:
            raise InputError(
                f"{where} behöver projicerade koordinater i meter (EPSG:3006). Fick {gdf.crs.to_string()}.",
                f"{where} needs projected coordinates in metres (EPSG:3006). Got {gdf.crs.to_string()}.")
        if gdf.crs.to_epsg() != 3006:
            gdf = gdf.to_crs(3006)
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    bad = [i for i, g in enumerate(geoms) if g is None or g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon")]
    if bad:
        raise SchemaError(
            f"{where}: {len(bad)} rader saknar polygon (t.ex. rad {bad[:3]}).",
            f"{where}: {len(bad)} rows have no polygon (e.g. rows {bad[:3]}).")
    units = list(gdf[code]) if code in gdf.columns else list(gdf.index)
    pts = shapely.centroid(geoms) if point == "centroid" else shapely.point_on_surface(geoms)
    coords = np.column_stack([shapely.get_x(pts), shapely.get_y(pts)]).astype(np.float64)
    areas = shapely.area(geoms).astype(np.float64)
    perims = shapely.length(geoms).astype(np.float64)
    n = len(geoms)
    tree = shapely.STRtree(geoms)
    if tolerance > 0:
        i, j = tree.query(geoms, predicate="dwithin", distance=float(tolerance))
    else:
        i, j = tree.query(geoms, predicate="intersects")
    keep = i < j
    i, j = i[keep], j[keep]
    bnd = shapely.boundary(geoms)
    if tolerance > 0:
        lij = shapely.length(shapely.intersection(bnd[i], shapely.buffer(geoms[j], float(tolerance))))
        lji = shapely.length(shapely.intersection(bnd[j], shapely.buffer(geoms[i], float(tolerance))))
        lengths = 0.5 * (lij + lji)
    else:
        lengths = shapely.length(shapely.intersection(bnd[i], bnd[j]))
    pos = lengths > 0
    ci, cj = i[~pos], j[~pos]
    corners = sparse.csr_matrix((np.ones(2 * ci.size), (np.concatenate([ci, cj]), np.concatenate([cj, ci]))),
                                shape=(n, n)) if tolerance == 0 else None
    i, j, lengths = i[pos], j[pos], lengths[pos]
    w = sparse.csr_matrix((np.concatenate([lengths, lengths]), (np.concatenate([i, j]), np.concatenate([j, i]))),
                          shape=(n, n))
    return SpatialInputs(units=units, coords=coords, areas=areas, perimeters=perims, contiguity=w,
                         corners=corners)
