"""SCB's open geodata (GeoServer WFS 2.0): DeSO 2025 and RegSO 2025 boundaries.

Requests are ``GET {base}?service=WFS&version=2.0.0&request=GetFeature&typeNames=stat:DeSO_2025
&outputFormat=application/json&srsName=EPSG:3006&CQL_FILTER=kommunkod='1780'`` (or
``lanskod='17'``, or no filter for the whole country), paged with ``count``/``startIndex`` in a
stable order (``sortBy=objectid``). Pacing, retries, cache (resumption) and offline mode come
from :class:`~lagesbild.sources.http.HttpClient`; an HTML error page or a truncated answer is
retried and then reported in one line.

:func:`parse_layer` turns the answers into polygons in EPSG:3006 whatever CRS the server
answered in (the CRS is read from the GeoJSON ``crs`` member; GeoJSON without one is
EPSG:4326), with latitude/longitude order detected, and repairs invalid geometries with
``make_valid``, listing each repair. A layer whose coordinates do not fall in Sweden after
reprojection is refused, so a wrong CRS can never reach the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lagesbild.errors import DataSourceError, InputError
from lagesbild.i18n import pair, t
from lagesbild.sources.http import HttpClient, Response

__all__ = ["LAYERS", "LayerSpec", "WfsClient", "Layer", "parse_layer", "check_feature_collection", "layer_crs"]


@dataclass(frozen=True)
class LayerSpec:
    name: str  # the WFS type name
    level: str
    version: str  # lagesbild's area version
    code_field: str
    name_field: str | None
    parent_field: str  # the property naming the parent area
    parent_version: str


#: The layers of SCB's WFS that ``fetch kommun`` reads, by level.
LAYERS = {
    "deso": LayerSpec("stat:DeSO_2025", "deso", "DeSO2025", "desokod", None, "regsokod", "RegSO2025"),
    "regso": LayerSpec("stat:RegSO_2025", "regso", "RegSO2025", "regsokod", "regsonamn", "kommunkod", "kommun2025"),
}

#: SWEREF 99 TM extent of Sweden with a margin (x: east, y: north), metres.
_SWEDEN_3006 = (180_000.0, 6_050_000.0, 1_000_000.0, 7_750_000.0)


def check_feature_collection(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is a GeoJSON FeatureCollection (marks it damaged)."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"inte en GeoJSON FeatureCollection (fick {kind!r})")


class WfsClient:
    """GetFeature requests for SCB's WFS, paged and cached.

    Parameters
    ----------
    http : HttpClient
        Bound to the WFS endpoint (setting ``scb_geo_api``).
    page_size : int
        Features per request (``count``).
    """

    def __init__(self, http: HttpClient, *, page_size: int = 2000) -> None:
        self.http = http
        self.page_size = int(page_size)

    @staticmethod
    def cql(kommun: str | None = None, lan: str | None = None) -> str | None:
        if kommun is not None:
            return f"kommunkod='{kommun}'"
        if lan is not None:
            return f"lanskod='{lan}'"
        return None

    def params(self, layer: str, *, kommun: str | None = None, lan: str | None = None,
               start: int = 0) -> dict:
        p = {"service": "WFS", "version": "2.0.0", "request": "GetFeature", "typeNames": layer,
             "outputFormat": "application/json", "srsName": "EPSG:3006", "sortBy": "objectid",
             "count": self.page_size, "startIndex": start}
        cql = self.cql(kommun, lan)
        if cql:
            p["CQL_FILTER"] = cql
        return p

    def get_features(self, layer: str, *, kommun: str | None = None, lan: str | None = None,
                     progress: Callable[[int], None] | None = None) -> list[Response]:
        """Every page of ``layer`` (filtered to a kommun or a län); one response per page."""
        out: list[Response] = []
        start = 0
        while True:
            resp = self.http.get_json(self.http.base_url, self.params(layer, kommun=kommun, lan=lan, start=start),
                                      validate=check_feature_collection)
            out.append(resp)
            if progress is not None:
                progress(1)
            n = len(resp.data["features"])
            matched = resp.data.get("numberMatched", resp.data.get("totalFeatures"))
            start += n
            if n < self.page_size or n == 0 or (isinstance(matched, int) and start >= matched):
                return out


@dataclass
class Layer:
    """Features of one layer as polygons in EPSG:3006, with what was done to them."""

    spec: LayerSpec
    frame: Any  # GeoDataFrame: code, name, parent, kommun, lan, boundary_version, geometry (EPSG:3006)
    source_crs: str
    swapped_axes: bool = False
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (code, GEOS reason)

    def report(self, lang: str = "sv") -> list[str]:
        """One line per repair and per reprojection, for the fetch summary."""
        lines = []
        if self.source_crs != "EPSG:3006":
            key = "fetch.wfs_reprojected_swapped" if self.swapped_axes else "fetch.wfs_reprojected"
            lines.append(t(key, lang, layer=self.spec.name, crs=self.source_crs))
        for code, why in self.repaired:
            lines.append(t("fetch.wfs_repaired", lang, layer=self.spec.name, code=code, reason=why))
        return lines


def layer_crs(doc: dict) -> str:
    """The CRS a GeoJSON answer names (``EPSG:n``); EPSG:4326 when it names none (RFC 7946).

    Examples
    --------
    >>> layer_crs({"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}})
    'EPSG:3006'
    >>> layer_crs({})
    'EPSG:4326'
    """
    crs = doc.get("crs")
    if not crs:
        return "EPSG:4326"
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
    m = re.search(r"EPSG:*(\d+)$", name, re.I)
    if m:
        return f"EPSG:{m.group(1)}"
    if re.search(r"CRS84$", name, re.I):
        return "EPSG:4326"
    raise DataSourceError(*pair("fetch.wfs_unknown_crs", name=repr(name)))


def _polygonal(geom):
    """The polygonal part of a repaired geometry (make_valid may add lines or points)."""
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for p in parts:
        polys += list(p.geoms) if p.geom_type == "MultiPolygon" else [p]
    return shapely.MultiPolygon(polys) if polys else None


def parse_layer(docs: list[dict], spec: LayerSpec) -> Layer:
    """Polygons of ``spec`` from the pages ``docs``, reprojected to EPSG:3006 and repaired.

    Raises
    ------
    DataSourceError
        No features, a feature without a code, a non-polygon geometry, an unknown CRS, or
        coordinates outside Sweden after reprojection (a CRS the answer misnames).
    """
    import geopandas as gpd
    import numpy as np
    import pyproj
    import shapely

    feats = [f for d in docs for f in d.get("features", [])]
    if not feats:
        raise DataSourceError(*pair("fetch.wfs_empty", layer=spec.name))
    crss = {layer_crs(d) for d in docs}
    if len(crss) > 1:
        raise DataSourceError(*pair("fetch.wfs_mixed_crs", layer=spec.name, crs=", ".join(sorted(crss))))
    src = crss.pop()
    codes, names, parents, kommuner, lans, bvs, geoms = [], [], [], [], [], [], []
    for i, f in enumerate(feats):
        props = f.get("properties") or {}
        code = props.get(spec.code_field)
        if not code:
            raise DataSourceError(*pair("fetch.wfs_no_code", n=i + 1, layer=spec.name, field=spec.code_field))
        g = f.get("geometry") or {}
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            raise DataSourceError(*pair("fetch.wfs_not_polygon", code=code, layer=spec.name, type=repr(g.get("type"))))
        codes.append(str(code))
        names.append(str(props.get(spec.name_field) or code) if spec.name_field else str(code))
        parents.append(props.get(spec.parent_field))
        kommuner.append(str(props.get("kommunkod") or str(code)[:4]))
        lans.append(str(props.get("lanskod") or str(code)[:2]))
        bvs.append(props.get("version"))
        geoms.append(shapely.geometry.shape(g))
    arr = np.array(geoms, dtype=object)
    swapped = False
    if src == "EPSG:4326":  # GeoJSON is lon, lat; a WFS 2.0 answer may be lat, lon
        xy = shapely.get_coordinates(arr)
        if np.median(xy[:, 0]) > np.median(xy[:, 1]):
            arr = shapely.transform(arr, lambda c: c[:, ::-1])
            swapped = True
    if src != "EPSG:3006":
        try:
            tr = pyproj.Transformer.from_crs(src, "EPSG:3006", always_xy=True)
        except pyproj.exceptions.CRSError:
            raise DataSourceError(*pair("fetch.wfs_bad_crs", crs=src)) from None
        arr = shapely.transform(arr, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))
    x0, y0, x1, y1 = shapely.total_bounds(arr)
    ex0, ey0, ex1, ey1 = _SWEDEN_3006
    if not (x0 >= ex0 and y0 >= ey0 and x1 <= ex1 and y1 <= ey1):
        raise DataSourceError(*pair("fetch.wfs_outside_sweden", layer=spec.name, crs=src))
    repaired = []
    reasons = shapely.is_valid_reason(arr)
    for bad in np.flatnonzero(~shapely.is_valid(arr)).tolist():
        fixed = _polygonal(shapely.make_valid(arr[bad]))
        if fixed is None or fixed.is_empty:
            raise DataSourceError(*pair("fetch.wfs_unrepairable", code=codes[bad], reason=reasons[bad]))
        arr[bad] = fixed
        repaired.append((codes[bad], str(reasons[bad])))
    if len(set(codes)) != len(codes):
        dup = next(c for c in codes if codes.count(c) > 1)
        raise DataSourceError(*pair("fetch.wfs_duplicate", code=dup, layer=spec.name))
    frame = gpd.GeoDataFrame({"code": codes, "name": names, "parent": parents, "kommun": kommuner, "lan": lans,
                              "boundary_version": bvs}, geometry=list(arr), crs="EPSG:3006")
    return Layer(spec, frame, src, swapped, repaired)


def layer_for(level: str) -> LayerSpec:
    if level not in LAYERS:
        raise InputError(*pair("fetch.wfs_no_layer", level=repr(level), levels=", ".join(LAYERS)))
    return LAYERS[level]
