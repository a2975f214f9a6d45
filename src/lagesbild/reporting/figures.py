"""Charts: one Vega-Lite specification (built with Altair) per figure, rendered to SVG for the
HTML report and to PNG for PDF and Word with ``vl-convert`` (offline, no browser).

Palettes are colour-blind safe: Okabe–Ito for categories and a purple–orange diverging
scale (ColorBrewer PuOr, middle class darkened to grey so it shows on white) for the five
områdestyper. Axis numbers follow the report language (``sv-SE``: space thousands separator
and decimal comma) through vl-convert's d3 format locale.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Literal

__all__ = ["OKABE_ITO", "TYPE_COLORS", "SUPPRESSED_COLOR", "line_chart", "bar_chart", "dot_chart",
           "render_figures", "svg_of", "png_of"]

#: Okabe & Ito (2008) colour-blind-safe categorical palette (black omitted).
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: Områdestyp 1 (stora utmaningar) … 5 (mycket goda förutsättningar): PuOr, colour-blind safe.
TYPE_COLORS = ["#b35806", "#f1a340", "#bdbdbd", "#998ec3", "#542788"]
SUPPRESSED_COLOR = "#ffffff"
FONT = "DejaVu Sans"
_WIDTH, _HEIGHT = 460, 240


def _alt():
    from lagesbild._compat import import_optional

    return import_optional("altair", extra="report")


def chart_config() -> dict:
    return {"font": FONT, "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11, "grid": True, "gridColor": "#e5e5e5"},
            "legend": {"labelFontSize": 11, "titleFontSize": 11, "orient": "bottom", "direction": "horizontal",
                       "columns": 3, "labelLimit": 320},
            "title": {"fontSize": 13, "anchor": "start"}}


def _tip_titles(tips: dict[str, str] | None, axis: dict[str, str]):
    """Tooltip title of a field: ``tips``, else the axis title, else the field name."""
    tips = tips or {}
    return lambda field: tips.get(field) or axis.get(field) or field


def _finish(chart, title: str | None = None) -> dict:
    spec = chart.properties(width=_WIDTH, height=_HEIGHT, **({"title": title} if title else {})).to_dict(
        validate=False)
    spec["config"] = chart_config()
    spec["background"] = "white"
    return spec


def line_chart(df, *, x: str, y: str, color: str | None = None, lo: str | None = None, hi: str | None = None,
               x_title: str = "", y_title: str = "", y_format: str = ",.2~f", zero: bool = False,
               sort: list | None = None, tips: dict[str, str] | None = None) -> dict:
    """Lines with points (and an error band ``lo``–``hi`` when given) over years.

    ``tips`` maps a field to its title in the tooltip (default: the axis title, else the field).
    """
    alt = _alt()
    base = alt.Chart(df)
    xenc = alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0))
    col = (alt.Color(f"{color}:N", title=None, sort=sort, scale=alt.Scale(range=OKABE_ITO))
           if color else alt.value(OKABE_ITO[0]))
    yenc = alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=zero), axis=alt.Axis(format=y_format))
    layers = []
    if lo and hi:
        layers.append(base.mark_errorbar(ticks=True).encode(
            x=xenc, y=alt.Y(f"{lo}:Q", title=y_title), y2=f"{hi}:Q", color=col))
    tt = _tip_titles(tips, {x: x_title, y: y_title})
    tip = [alt.Tooltip(f"{x}:O", title=tt(x)), alt.Tooltip(f"{y}:Q", format=y_format, title=tt(y))] + (
        [alt.Tooltip(f"{color}:N", title=tt(color))] if color else [])
    layers.append(base.mark_line(point=alt.OverlayMarkDef(size=50)).encode(x=xenc, y=yenc, color=col, tooltip=tip))
    return _finish(alt.layer(*layers))


def bar_chart(df, *, x: str, y: str, color: str | None = None, x_title: str = "", y_title: str = "",
              colors: list[str] | None = None, sort: list | None = None, horizontal: bool = False,
              group: str | None = None, y_format: str = ",.1~f", tips: dict[str, str] | None = None) -> dict:
    """Bars (grouped with ``group`` as offset); ``colors`` for a fixed domain order; ``tips`` as in
    :func:`line_chart`."""
    alt = _alt()
    scale = alt.Scale(range=colors or OKABE_ITO, domain=sort) if sort else alt.Scale(range=colors or OKABE_ITO)
    col = alt.Color(f"{color}:N", title=None, scale=scale, sort=sort) if color else alt.value(OKABE_ITO[0])
    cat = alt.X(f"{x}:N", title=x_title, sort=sort, axis=alt.Axis(labelAngle=0, labelLimit=160))
    val = alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format))
    enc = {"x": cat, "y": val}
    if horizontal:
        enc = {"y": alt.Y(f"{x}:N", title=x_title, sort=sort, axis=alt.Axis(labelLimit=220)),
               "x": alt.X(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format))}
    if group:
        enc["xOffset" if not horizontal else "yOffset"] = alt.XOffset(f"{group}:N") if not horizontal \
            else alt.YOffset(f"{group}:N")
    tt = _tip_titles(tips, {x: x_title, y: y_title})
    tip = [alt.Tooltip(f"{x}:N", title=tt(x)), alt.Tooltip(f"{y}:Q", format=y_format, title=tt(y))] + [
        alt.Tooltip(f"{f}:N", title=tt(f)) for f in dict.fromkeys(v for v in (color, group) if v)]
    return _finish(alt.Chart(df).mark_bar().encode(color=col, tooltip=tip, **enc))


def dot_chart(df, *, x: str, x_title: str = "", highlight: str | None = None, x_format: str = ",.0f",
              tips: dict[str, str] | None = None, median_label: str = "median") -> dict:
    """A strip of dots (a distribution of units, e.g. schools) with the median as a labelled rule.

    The axis labels never overlap (Vega drops every other label where they would) and stand at
    least 10 units apart.
    """
    alt = _alt()
    tt = _tip_titles(tips, {x: x_title})
    base = alt.Chart(df)
    dots = base.mark_circle(size=60, opacity=0.7, color=OKABE_ITO[0]).encode(
        x=alt.X(f"{x}:Q", title=x_title, scale=alt.Scale(zero=False),
                axis=alt.Axis(format=x_format, labelOverlap="greedy", labelSeparation=8, tickMinStep=10)),
        y=alt.Y("jitter:Q", title=None, axis=None), tooltip=[alt.Tooltip(f"{x}:Q", format=x_format, title=tt(x))]
        + ([alt.Tooltip(f"{highlight}:N", title=tt(highlight))] if highlight else []))
    med = base.mark_rule(color=OKABE_ITO[5], strokeWidth=2).encode(x=f"median({x}):Q")
    med_text = base.mark_text(align="left", dx=4, dy=-52, color=OKABE_ITO[5], fontSize=11).encode(
        x=f"median({x}):Q", text=alt.value(median_label))
    spec = alt.layer(dots, med, med_text).properties(width=_WIDTH, height=120).to_dict(validate=False)
    spec["config"] = chart_config()
    spec["background"] = "white"
    return spec


#: number and date formats of the rendered charts, per report language
_VEGA_LOCALES: dict[str, Literal["sv-SE", "en-US"]] = {"sv": "sv-SE", "en": "en-US"}


def svg_of(spec: dict, lang: str = "sv") -> str:
    """Render a Vega-Lite spec to SVG text (offline)."""
    import vl_convert as vlc

    from lagesbild.i18n import normalise_lang

    return vlc.vegalite_to_svg(spec, format_locale=_VEGA_LOCALES[normalise_lang(lang)])


def png_of(svg: str, ppi: int = 150) -> bytes:
    """Rasterise an SVG at ``ppi`` (the renderer's 72-dpi SVG scaled to the given density)."""
    import vl_convert as vlc

    return vlc.svg_to_png(svg, scale=ppi / 72.0)


def render_figures(figures, *, lang: str = "sv", png: bool = True, ppi: int = 150, workers: int = 4) -> None:
    """Fill ``figure.svg`` (and ``figure.png``) for every figure, in parallel threads."""

    def one(fig):
        fig.svg = svg_of(fig.spec, lang)
        if png:
            fig.png = png_of(fig.svg, ppi)

    figs = [f for f in figures if f.svg is None or (png and f.png is None)]
    if not figs:
        return
    with ThreadPoolExecutor(max_workers=max(1, workers)) as ex:
        list(ex.map(one, figs))
