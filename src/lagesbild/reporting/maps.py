"""Choropleth maps as Vega-Lite layers: filled areas with a legend, a scale bar and area labels.

Geometries are kept in SWEREF 99 TM (EPSG:3006) and drawn with the ``identity`` projection
(``reflectY`` because northing grows upwards), so distances in the data are metres and the
scale bar is exact. Labels are drawn only where the name fits inside the area's bounding box
at the printed scale (at most ``max_labels``, largest areas first). Areas without a value
(suppressed or missing) are drawn white with a grey outline and named in the legend.
"""

from __future__ import annotations

import json
import math
from typing import Any

from lagesbild.i18n import t
from lagesbild.reporting.figures import FONT, OKABE_ITO, chart_config

__all__ = ["choropleth", "nice_scalebar_km", "features"]

_W, _H = 460, 460
_NICE = (0.5, 1, 2, 5, 10, 20, 50, 100)


def nice_scalebar_km(width_m: float, fraction: float = 0.22) -> float:
    """The largest 'nice' length (km) not exceeding ``fraction`` of the map width.

    Examples
    --------
    >>> nice_scalebar_km(30000), nice_scalebar_km(4000)
    (5, 0.5)
    """
    target = width_m * fraction / 1000.0
    best = _NICE[0]
    for v in _NICE:
        if v <= target:
            best = v
    return best


def features(gdf, props: list[str], grid: float = 5.0) -> list[dict]:
    """GeoJSON features (coordinates snapped to ``grid`` metres to keep the spec small)."""
    import shapely

    geoms = shapely.set_precision(gdf.geometry.values, grid)
    out = []
    for geom, rec in zip(geoms, gdf[props].to_dict("records")):
        if geom is None or geom.is_empty:
            continue
        clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()}
        out.append({"type": "Feature", "geometry": json.loads(shapely.to_geojson(geom)), "properties": clean})
    return out


def choropleth(
    gdf,
    *,
    value: str,
    label: str = "name",
    title: str = "",
    domain: list[str] | None = None,
    colors: list[str] | None = None,
    missing_label: str = "Uppgift saknas",
    scalebar_text: str = "{km} km",
    lang: str = "sv",
    max_labels: int = 30,
    number_format: str = ",.1f",
    label_title: str | None = None,
) -> dict:
    """A Vega-Lite spec of a choropleth map.

    Parameters
    ----------
    gdf : GeoDataFrame
        EPSG:3006, with ``value`` and ``label`` columns (and ``code``).
    value : str
        Column to colour by: categories (give ``domain`` and ``colors`` in order) or numbers
        (sequential colour-blind-safe "viridis" scale, or ``colors``).
    label : str
        Column with area names for labels and tooltips.
    missing_label : str
        Legend entry for areas without a value (suppressed or missing).
    label_title : str, optional
        Title of the area name in the tooltip (default "Område" / "Area" by ``lang``).

    Returns
    -------
    dict
        Vega-Lite spec (layers: areas, labels, scale bar line, scale bar text).
    """
    categorical = domain is not None
    g = gdf.copy()
    if categorical:
        g["_cat"] = g[value].where(g[value].notna(), missing_label).astype(str)
    feats = features(g, ["code", label, value] + (["_cat"] if categorical else []))
    x0, y0, x1, y1 = (float(v) for v in g.total_bounds)
    wm, hm = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    px_per_m = min(_W / wm, _H / hm)
    height = int(round(min(_H, hm * px_per_m)))
    width = int(round(min(_W, wm * px_per_m)))
    proj = {"type": "identity", "reflectY": True}
    tip = [
        {"field": f"properties.{label}", "type": "nominal", "title": label_title or t("captions.area", lang)},
        {
            "field": f"properties.{'_cat' if categorical else value}",  # the missing label, never "null"
            "type": "nominal" if categorical else "quantitative",
            "title": title or value,
            **({} if categorical else {"format": number_format}),
        },
    ]
    color: dict[str, Any]
    if categorical:
        domain = list(domain or [])
        dom = domain + ([missing_label] if g[value].isna().any() else [])
        rng = list(colors or OKABE_ITO)[: len(domain)] + (["#ffffff"] if len(dom) > len(domain) else [])
        color = {
            "field": "properties._cat",
            "type": "nominal",
            "title": title or None,
            "scale": {"domain": dom, "range": rng},
            "legend": {
                "orient": "bottom",
                "columns": 1,
                "labelLimit": 420,
                "symbolStrokeColor": "#666",
                "symbolType": "square",
            },
        }
    else:
        color = {
            "field": f"properties.{value}",
            "type": "quantitative",
            "title": title or None,
            "scale": {"scheme": "viridis", "reverse": True} if not colors else {"range": colors},
            "legend": {"orient": "bottom", "format": number_format, "gradientLength": 300},
        }
        color = {"condition": {"test": f"datum.properties.{value} === null", "value": "#ffffff"}, **color}
    areas = {
        "data": {"values": feats},
        "mark": {"type": "geoshape", "stroke": "#555555", "strokeWidth": 0.4},
        "encoding": {"color": color, "tooltip": tip},
    }
    layers = [areas]
    # labels where they fit: the name's width (≈ 6.2 px per character at 10 px) inside the bbox
    lab = []
    for _, r in g.iterrows():
        name = str(r[label]) if r[label] is not None else ""
        if not name:
            continue
        bx0, by0, bx1, by1 = r.geometry.bounds
        if (bx1 - bx0) * px_per_m > 6.2 * len(name) + 4 and (by1 - by0) * px_per_m > 14:
            p = r.geometry.representative_point()
            lab.append({"x": round(p.x), "y": round(p.y), "t": name, "a": r.geometry.area})
    lab = sorted(lab, key=lambda d: -d["a"])[:max_labels]
    if lab:
        layers.append(
            {
                "data": {"values": lab},
                "mark": {
                    "type": "text",
                    "fontSize": 10,
                    "font": FONT,
                    "fill": "#111111",
                    "stroke": "#ffffff",
                    "strokeWidth": 2.5,
                    "strokeOpacity": 0.9,
                },
                "encoding": {
                    "longitude": {"field": "x", "type": "quantitative"},
                    "latitude": {"field": "y", "type": "quantitative"},
                    "text": {"field": "t"},
                },
            }
        )
        layers.append(
            {
                "data": {"values": lab},
                "mark": {"type": "text", "fontSize": 10, "font": FONT, "fill": "#111111"},
                "encoding": {
                    "longitude": {"field": "x", "type": "quantitative"},
                    "latitude": {"field": "y", "type": "quantitative"},
                    "text": {"field": "t"},
                },
            }
        )
    km = nice_scalebar_km(wm)
    sx, sy = x0 + 0.03 * wm, y0 + 0.03 * hm
    line = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[sx, sy], [sx + km * 1000.0, sy]]},
    }
    layers.append(
        {
            "data": {"values": [line]},
            "mark": {"type": "geoshape", "filled": False, "stroke": "#000000", "strokeWidth": 3},
        }
    )
    from lagesbild.reporting.numbers import fmt_number

    kmtxt = scalebar_text.format(km=fmt_number(km, 0 if km >= 1 else 1, lang))
    layers.append(
        {
            "data": {"values": [{"x": sx + km * 500.0, "y": sy + 0.015 * hm, "t": kmtxt}]},
            "mark": {"type": "text", "fontSize": 11, "font": FONT, "baseline": "bottom"},
            "encoding": {
                "longitude": {"field": "x", "type": "quantitative"},
                "latitude": {"field": "y", "type": "quantitative"},
                "text": {"field": "t"},
            },
        }
    )
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "projection": proj,
        "layer": layers,
        "config": chart_config(),
        "background": "white",
    }
    return spec
