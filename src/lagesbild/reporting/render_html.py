"""HTML rendering (Jinja2): a self-contained, offline page (inline CSS and SVG, no CDN).

Two modes share one template: ``screen`` (the HTML report: inline SVG charts with a table
alternative in ``<details>`` and the Vega-Lite spec embedded as JSON for interactive use)
and ``print`` (the input of WeasyPrint: PNG images, page rules).
"""

from __future__ import annotations

import base64
import json
import re
from importlib import resources

from lagesbild.reporting.model import Report

__all__ = ["render_html", "number_blocks"]


def _env():
    from lagesbild._compat import import_optional

    jinja2 = import_optional("jinja2", extra="report")
    env = jinja2.Environment(loader=jinja2.PackageLoader("lagesbild.reporting", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]), trim_blocks=True,
                             lstrip_blocks=True)
    return env, jinja2


def number_blocks(report: Report) -> None:
    """Number figures and (captioned, top-level) tables in reading order."""
    from lagesbild.reporting.model import Figure, Table

    nf = nt = 0
    for s in report.sections:
        for b in s.blocks:
            if isinstance(b, Figure):
                nf += 1
                b.number = nf
            elif isinstance(b, Table) and b.caption and not b.compact:
                nt += 1
                b.number = nt


_SVG_OPEN = re.compile(r"<svg\b")


class Grouped:
    """Consecutive compact tables with the same columns, printed as one table with a
    group row per table (WeasyPrint lays out one long table several times faster than
    a hundred small ones)."""

    def __init__(self, tables):
        self.tables = tables
        self.columns = tables[0].columns
        self.numeric = tables[0].numeric


def _print_blocks(blocks):
    from lagesbild.reporting.model import Table

    out, run = [], []

    def flush():
        if len(run) > 1:
            out.append(Grouped(list(run)))
        else:
            out.extend(run)
        run.clear()

    for b in blocks:
        if isinstance(b, Table) and b.compact and (not run or run[0].columns == b.columns):
            run.append(b)
            continue
        flush()
        if isinstance(b, Table) and b.compact:
            run.append(b)
        else:
            out.append(b)
    flush()
    return out


def _accessible_svg(svg: str) -> str:
    """The chart SVG is decorative inside a ``role=img`` container that carries the alt text."""
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    return _SVG_OPEN.sub('<svg aria-hidden="true" focusable="false"', svg, count=1)


def render_html(report: Report, *, mode: str = "screen") -> str:
    """Render the report to one HTML string (``mode`` = "screen" or "print")."""
    from lagesbild.reporting.model import Figure
    from lagesbild.reporting.phrasing import texts

    env, jinja2 = _env()
    css = resources.files("lagesbild.reporting").joinpath("templates/report.css").read_text(encoding="utf-8")
    for s in report.sections:
        s.render_blocks = s.blocks if mode == "screen" else _print_blocks(s.blocks)
        for b in s.blocks:
            if isinstance(b, Figure):
                if mode == "screen":
                    b.svg_markup = jinja2.utils.markupsafe.Markup(_accessible_svg(b.svg or ""))
                    b.spec_json = jinja2.utils.markupsafe.Markup(
                        json.dumps(b.spec, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"))
                else:
                    b.png_uri = "data:image/png;base64," + base64.b64encode(b.png or b"").decode("ascii")
    tpl = env.get_template("report.html.j2")
    return tpl.render(r=report, t=texts(report.lang), css=jinja2.utils.markupsafe.Markup(css), mode=mode)
