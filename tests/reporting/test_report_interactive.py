"""The HTML report's interactive charts: local assets only, live Vega views with tooltips in
headless Chromium, the static SVG as the no-JS fallback, and the ``--self-contained`` variant."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
MARKS = ("g.mark-symbol > path, g.mark-rect > path, g.mark-shape > path, g.mark-area > path")


@pytest.fixture(scope="module")
def linked(bundled_store, tmp_path_factory):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    out = tmp_path_factory.mktemp("interactive")
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    return build_report(bundled_store, s, "1480", 2023, compare=["1280", "0180"], formats=["html"], out=out), out


@pytest.fixture(scope="module")
def inline(bundled_store, tmp_path_factory):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    out = tmp_path_factory.mktemp("selfcontained")
    cfg = out / "in.yaml"
    cfg.write_text("kommun: '1480'\nyear: 2023\nformats: [html]\nsections: [befolkning, segregation]\n"
                   "n_boot: 10\nself_contained: true\n", encoding="utf-8")
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    return build_report(bundled_store, s, config=cfg, out=out / "rep"), out / "rep"


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.scripts = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) is not None:
                self.refs.append((tag, a[key]))
        if tag == "script":
            self.scripts.append(a)


def _refs(html: str) -> _Refs:
    p = _Refs()
    p.feed(html)
    return p


def test_html_references_only_local_files_that_exist(linked):
    from lagesbild.reporting.render_html import CHART_JS, VENDOR_JS, chart_assets

    res, out = linked
    html_path = Path(res["paths"]["html"])
    p = _refs(html_path.read_text(encoding="utf-8"))
    external = [r for _, r in p.refs if not r.startswith("#")]
    assert external, "the page links no scripts"
    for ref in external:
        assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", ref, re.I), ref     # no scheme, no CDN
        assert ".." not in Path(ref).parts and not ref.startswith("/"), ref
        assert (html_path.parent / ref).is_file(), ref
    srcs = [a["src"] for a in p.scripts if "src" in a]
    assert srcs == [f"assets/{n}" for n in (*VENDOR_JS, CHART_JS)]            # load order
    assert all(a.get("type") == "application/json" for a in p.scripts if "src" not in a)   # no inline code
    # the vendored files are copied unchanged (with their licence), atomically (no temporary left)
    assert sorted(Path(a).name for a in res["assets"]) == sorted(chart_assets())
    vendor = Path(__file__).resolve().parents[2] / "src/lagesbild/app/static/vendor/vega"
    for n in (*VENDOR_JS, "LICENSE-vega-lite"):
        assert (out / "assets" / n).read_bytes() == (vendor / n).read_bytes(), n
    assert not list(out.rglob(".*.tmp"))


def test_self_contained_has_no_external_script(inline):
    from lagesbild.reporting.render_html import VENDOR_JS

    res, out = inline
    assert res["assets"] == [] and not (out / "assets").exists()
    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
    p = _refs(html)
    assert not [r for _, r in p.refs if not r.startswith("#")]
    code = [a for a in p.scripts if a.get("type") != "application/json"]
    assert len(code) == len(VENDOR_JS) + 1
    assert html.count("</script>") == len(p.scripts)        # no script text closes its element early
    assert "self_contained: true" in Path(res["config"]).read_text(encoding="utf-8")


def _static_texts(html: str) -> dict[str, list[str]]:
    """Text of every label in each figure's static SVG (axes, legends, map labels)."""
    from html import unescape

    out = {}
    for m in re.finditer(r'<figure id="([^"]+)"[^>]*>\s*<div class="chart"[^>]*>(.*?)</div>', html, re.S):
        out[m.group(1)] = [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", m.group(2))]
    return out


def _browser(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def _open(browser, html_path, **ctx):
    page = browser.new_context(**ctx).new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(Path(html_path).as_uri())
    return page, errors, requests


def _wait_live(page):
    page.wait_for_function("document.documentElement.getAttribute('data-charts') === 'live'", timeout=60_000)


def _hover_tooltip(page, fig) -> str | None:
    """Move the pointer over the figure's marks until the tooltip shows; its text or None."""
    for mark in fig.query_selector_all(".vega-embed svg " + MARKS.replace(", ", ", .vega-embed svg "))[:40]:
        mark.scroll_into_view_if_needed()
        bb = mark.bounding_box()
        if not bb or bb["width"] < 1 or bb["height"] < 1:
            continue
        page.mouse.move(bb["x"] + bb["width"] / 2, bb["y"] + bb["height"] / 2)
        tip = page.query_selector(".vg-tooltip")
        if tip is not None and tip.is_visible():
            return tip.inner_text()
    return None


def _needs_browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    return pytest.importorskip("playwright.sync_api")


@pytest.mark.browser
def test_every_figure_becomes_a_live_view_with_tooltips(linked):
    pw = _needs_browser()
    res, _ = linked
    figs = res["report"].figures()
    static = _static_texts(Path(res["paths"]["html"]).read_text(encoding="utf-8"))
    with pw.sync_playwright() as p:
        browser = _browser(p)
        try:
            page, errors, requests = _open(browser, res["paths"]["html"])
            _wait_live(page)
            tips = {}
            for f in figs:
                fig = page.query_selector(f"#{f.id}")
                chart = fig.query_selector(".chart")
                assert chart.get_attribute("data-live") == "1", f.id
                assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
                svgs = chart.query_selector_all("svg")
                assert len(svgs) == 1, f.id                                   # the static SVG is replaced
                assert svgs[0].evaluate("e => e.parentElement.classList.contains('vega-embed')"), f.id
                assert len(chart.query_selector_all(MARKS)) > 0, f.id
                # the same spec and number locale: the live view prints what the static SVG printed
                assert chart.eval_on_selector_all("svg text", "e => e.map(x => x.textContent)") == static[f.id]
                if f.table is not None:                                       # the table stays beside it
                    assert fig.query_selector(f"#{f.table.id}-alt") is not None, f.id
                tips[f.id] = _hover_tooltip(page, fig)
                assert tips[f.id] and re.search(r"\d", tips[f.id]), (f.id, tips[f.id])
            assert not errors, errors
            assert requests and all(u.startswith("file://") for u in requests), requests
        finally:
            browser.close()
    text = "\n".join(tips.values())
    assert re.search(r"\d,\d", text) and "\u00a0" in text       # Swedish decimal comma and thousands space
    assert "Område: " in tips["fig-map-types"] and "Områdestyp: Typ " in tips["fig-map-types"]
    assert not re.search(r"\b(properties\.|andel_|year:)", text)  # titles, not field names


@pytest.mark.browser
def test_without_javascript_the_static_svg_stays(linked):
    pw = _needs_browser()
    res, _ = linked
    with pw.sync_playwright() as p:
        browser = _browser(p)
        try:
            page, errors, _ = _open(browser, res["paths"]["html"], java_script_enabled=False)
            charts = page.query_selector_all("figure .chart")
            assert len(charts) == len(res["report"].figures())
            for c in charts:
                assert c.get_attribute("data-live") is None
                assert len(c.query_selector_all("svg")) == 1 and c.query_selector(".vega-embed") is None
        finally:
            browser.close()


@pytest.mark.browser
def test_self_contained_page_is_live_and_offline(inline):
    pw = _needs_browser()
    res, _ = inline
    html = Path(res["paths"]["html"])
    with pw.sync_playwright() as p:
        browser = _browser(p)
        try:
            page, errors, requests = _open(browser, html)
            _wait_live(page)
            n = len(res["report"].figures())
            assert n >= 3
            assert len(page.query_selector_all(".chart[data-live] .vega-embed svg")) == n
            assert _hover_tooltip(page, page.query_selector("figure.fig"))
            assert not errors, errors
            assert requests == [html.as_uri()]
        finally:
            browser.close()


def test_scripts_mode_is_checked(linked):
    from lagesbild.errors import LagesbildError
    from lagesbild.reporting.render_html import render_html

    res, _ = linked
    with pytest.raises(LagesbildError, match="scripts"):
        render_html(res["report"], scripts="cdn")
    static = render_html(res["report"], scripts="none")
    assert "<script src=" not in static and "vega-lite-spec" in static
