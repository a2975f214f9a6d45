"""HTML rendering (Jinja2): an offline page (inline CSS and SVG, no CDN).

Two modes share one template: ``screen`` (the HTML report: inline SVG charts with a table
alternative in ``<details>`` and the Vega-Lite spec embedded as JSON) and ``print`` (the
input of WeasyPrint: PNG images, page rules).

In ``screen`` mode the page loads Vega, Vega-Lite and vega-interpreter (the web app's vendored
copies in ``lagesbild/app/static/vendor/vega``) and ``templates/report-charts.js``, which
replaces each static SVG with a live Vega view of the same spec (tooltips). ``scripts``
chooses how: ``"assets"`` links ``assets/<file>`` (the caller writes :func:`chart_assets`
next to the HTML), ``"inline"`` puts the code inside the page (one file to e-mail),
``"none"`` leaves the static charts only.
"""

from __future__ import annotations

import base64
import json
import re
from importlib import resources

from lagesbild.reporting.model import Report

__all__ = ["render_html", "number_blocks", "chart_assets", "fit_width_cm", "ASSETS_DIR", "VENDOR_JS", "CHART_JS"]

#: Folder next to the HTML that holds the chart scripts (``scripts="assets"``).
ASSETS_DIR = "assets"
#: The web app's vendored Vega files, in load order (see app/static/vendor/VENDORED.md).
VENDOR_JS = ("vega.min.js", "vega-lite.min.js", "vega-interpreter.min.js")
#: The report's own chart script (in ``reporting/templates``).
CHART_JS = "report-charts.js"
_LICENCE = "LICENSE-vega-lite"
SCRIPT_MODES = ("assets", "inline", "none")


def _vendor_dir():
    # a data folder of the package, not an import of lagesbild.app (which would pull in FastAPI)
    return resources.files("lagesbild").joinpath("app", "static", "vendor", "vega")


def chart_assets() -> dict[str, bytes]:
    """The files of the ``assets`` folder: the vendored Vega scripts and their licence
    (unchanged copies) and ``report-charts.js``, in load order.

    Raises
    ------
    ConfigError
        When the vendored files are missing from the installed package.
    """
    from lagesbild.errors import ConfigError

    vendor = _vendor_dir()
    out: dict[str, bytes] = {}
    for name in (*VENDOR_JS, _LICENCE):
        f = vendor.joinpath(name)
        if not f.is_file():
            raise ConfigError(f"Den paketerade filen '{name}' saknas i lagesbild/app/static/vendor/vega; "
                              "installera om lagesbild.",
                              f"The packaged file '{name}' is missing from lagesbild/app/static/vendor/vega; "
                              "reinstall lagesbild.")
        out[name] = f.read_bytes()
    out[CHART_JS] = resources.files("lagesbild.reporting").joinpath("templates", CHART_JS).read_bytes()
    return out


def _inline_js(code: bytes) -> str:
    """Script text safe inside ``<script>…</script>`` (no early end tag or comment opener)."""
    text = code.decode("utf-8")
    return re.sub(r"</(script)", r"<\\/\1", re.sub(r"<!--", r"<\\!--", text, flags=re.I), flags=re.I)


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

#: The printable area of an A4 page with the report's margins (report.css ``@page``), in cm,
#: less room for a figure's caption.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM = 17.4, 15.0


def fit_width_cm(png: bytes | None, *, width_cm: float = PAGE_WIDTH_CM, height_cm: float = PAGE_HEIGHT_CM) -> float:
    """The print width of a figure: the page's width, or less where the figure would then be
    taller than the page (its aspect ratio read from the PNG header).

    Examples
    --------
    >>> import struct
    >>> head = lambda w, h: b"\\x89PNG\\r\\n\\x1a\\n" + b"\\0" * 8 + struct.pack(">II", w, h)
    >>> fit_width_cm(head(1000, 500)), fit_width_cm(head(500, 1000))
    (17.4, 7.5)
    """
    if not png or len(png) < 24:
        return width_cm
    import struct

    w, h = struct.unpack(">II", png[16:24])
    if not w or not h:
        return width_cm
    return round(min(width_cm, height_cm * w / h), 1)


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


def render_html(report: Report, *, mode: str = "screen", scripts: str = "assets") -> str:
    """Render the report to one HTML string.

    Parameters
    ----------
    report : Report
    mode : {"screen", "print"}
    scripts : {"assets", "inline", "none"}
        How the screen page gets its chart scripts (see the module docstring); ignored for print.
    """
    from lagesbild.errors import param_error
    from lagesbild.reporting.model import Figure

    if scripts not in SCRIPT_MODES:
        raise param_error("scripts", "render_html", " eller ".join(SCRIPT_MODES), " or ".join(SCRIPT_MODES), scripts)
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
                    b.print_width_cm = fit_width_cm(b.png)
    js_src, js_inline = [], []
    if mode == "screen" and scripts != "none" and report.figures():
        names = [*VENDOR_JS, CHART_JS]
        if scripts == "assets":
            js_src = [f"{ASSETS_DIR}/{n}" for n in names]
        else:
            files = chart_assets()
            js_inline = [jinja2.utils.markupsafe.Markup(_inline_js(files[n])) for n in names]
    from lagesbild.i18n import t as catalogue

    def tr(key: str, **values) -> str:
        return catalogue(key, report.lang, **values)

    tpl = env.get_template("report.html.j2")
    return tpl.render(r=report, t=texts(report.lang), tr=tr, css=jinja2.utils.markupsafe.Markup(css), mode=mode,
                      js_src=js_src, js_inline=js_inline)
