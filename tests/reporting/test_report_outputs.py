"""End-to-end: Göteborg's and Botkyrka's reports as PDF, Word and HTML.

The PDF is rendered to PNG with pdftoppm (page count, no blank page, one image per figure),
the DOCX is read back with python-docx, the HTML is checked with axe-core in headless
Chromium, and the report's numbers are compared with ``lagesbild profile`` and
``lagesbild measure`` on the same store.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from lagesbild.reporting.numbers import fmt_number

NB = "\u00a0"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def gbg(bundled_store, tmp_path_factory):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    out = tmp_path_factory.mktemp("gbg")
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(bundled_store, s, "1480", 2023, compare=["1280", "0180"], out=out)
    return res, out


@pytest.fixture(scope="module")
def botkyrka(bundled_store, tmp_path_factory):
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    out = tmp_path_factory.mktemp("botkyrka")
    cfg = out / "in.yaml"
    cfg.write_text("kommun: '0127'\nyear: 2023\nsuppress_min_denominator: 6000\nn_boot: 20\n", encoding="utf-8")
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    return build_report(bundled_store, s, config=cfg, out=out), out


def _pdf_pages(pdf, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    return sorted(tmp_path.glob("p-*.png"))


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_pdf_pages_not_blank_and_every_figure_has_an_image(which, request, tmp_path):
    from PIL import Image

    res, _ = request.getfixturevalue(which)
    report = res["report"]
    pages = _pdf_pages(res["paths"]["pdf"], tmp_path)
    assert len(pages) >= (20 if which == "gbg" else 10)
    for p in pages:
        hist = Image.open(p).convert("L").histogram()
        dark = sum(hist[:200]) / sum(hist)
        assert dark > 0.003, f"{p.name} looks blank"
    if shutil.which("pdfimages"):
        lst = subprocess.run(["pdfimages", "-list", res["paths"]["pdf"]], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
        images = [ln for ln in lst if ln.split()[2] == "image"]
        assert len(images) == len(report.figures()) >= 5
    for f in report.figures():
        assert f.png and f.png[:8] == b"\x89PNG\r\n\x1a\n", f.id


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_docx_headings_tables_images(which, request):
    import docx

    res, _ = request.getfixturevalue(which)
    report = res["report"]
    d = docx.Document(res["paths"]["docx"])
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert heads == [s.title for s in report.sections]
    assert len(d.inline_shapes) == len(report.figures())
    n_tables = sum(1 for t in report.tables() if t.columns)
    assert len(d.tables) == n_tables >= 5
    texts = "\n".join(p.text for p in d.paragraphs)
    assert "lagesbild" in texts and res["hash"] in texts   # colophon


def test_skipped_sections_are_one_line_notes(gbg):
    res, _ = gbg
    secs = {s.id: s for s in res["report"].sections}
    ins = secs["insatser"]
    assert ins.skipped and "\n" not in ins.skipped and not ins.blocks
    html = open(res["paths"]["html"], encoding="utf-8").read()
    body = html.split('id="insatser"')[1].split("</section>")[0]
    assert body.count("<p") == 1 and "<table" not in body and "<figure" not in body


def test_summary_has_five_to_eight_findings(gbg, botkyrka):
    from lagesbild.reporting.model import Bullets

    for res, _ in (gbg, botkyrka):
        summ = res["report"].sections[0]
        assert summ.id == "sammanfattning"
        items = summ.blocks[0].items if isinstance(summ.blocks[0], Bullets) else []
        assert 5 <= len(items) <= 8
        assert all(s.endswith(".") and s[0].isupper() for s in items)


def test_html_self_contained_with_svg_and_table_alternatives(gbg):
    res, _ = gbg
    html = open(res["paths"]["html"], encoding="utf-8").read()
    assert '<html lang="sv">' in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html)   # no CDN
    figs = res["report"].figures()
    assert html.count('<div class="chart" role="img"') == len(figs)
    assert html.count("<svg") >= len(figs)
    for f in figs:
        if f.table is not None:
            assert f'id="{f.table.id}-alt"' in html
    assert "Typ 1 – Områden med stora socioekonomiska utmaningar" in html   # map legend / table
    assert "10 km" in html or "5 km" in html    # scale bar text inside the map SVG


def test_outputs_written_atomically_with_config(gbg):
    res, out = gbg
    assert not list(out.glob(".*.tmp"))
    from lagesbild.reporting import config as rc

    again = rc.merge(rc.load_config(res["config"]))
    assert rc.config_hash(again) == res["hash"]


def test_suppression_in_tables(botkyrka):
    res, _ = botkyrka
    tabs = {t.id: t for t in res["report"].tables()}
    app = tabs["tab-appendix-areas"]
    share_col = app.columns.index("Födda utomlands, procent")
    cells = [r[share_col] for r in app.rows]
    assert "–" in cells                                    # RegSO under 6 000 inhabitants
    assert any("röjandekontroll" in n for n in app.notes)
    pop_col = app.columns.index("Folkmängd")
    for r in app.rows:
        pop = float(r[pop_col].replace(NB, "")) if r[pop_col] not in ("–", "..") else None
        if pop is not None:
            assert (r[share_col] == "–") == (pop < 6000)


def test_second_kommun_builds_without_gothenburg_specifics(botkyrka):
    res, _ = botkyrka
    assert set(res["paths"]) == {"html", "pdf", "docx"}
    assert res["sections"]["omradestyper"] == "ok" and res["sections"]["segregation"] == "ok"
    figs = {f.id for f in res["report"].figures()}
    assert "fig-map-types" in figs and "fig-age" not in figs   # no age data for Botkyrka
    assert "Botkyrka" in res["report"].title


def _cli_json(capsys, argv):
    from lagesbild.cli import main

    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_numbers_equal_profile_and_measure(gbg, cli_store_path, capsys):
    res, _ = gbg
    tabs = {t.id: t for t in res["report"].tables()}
    prof = _cli_json(capsys, ["--store", str(cli_store_path), "profile", "--kommun", "1480", "--year", "2023",
                              "--format", "json"])
    rows = {r["omradestyp"]: r for r in prof["omradestyper"]["table"]}
    tt = tabs["tab-types"]
    for i, row in enumerate(tt.rows, start=1):
        assert row[1] == fmt_number(rows[i]["n_regso"], 0)
        assert row[3] == fmt_number(rows[i]["population"], 0)
        assert row[4] == fmt_number(rows[i]["share_population"], 1)
    # like with like: the uncorrected column against `measure --store` (plug-in values), the
    # bias-corrected column and its interval against `measure --store --ci` with the report's draws and seed
    cfg = res["report"]
    base = ["--store", str(cli_store_path), "measure", "--store", "--kommun", "1480", "--level", "regso",
            "--year", "2023", "--groups", "fodda_utrikes,fodda_i_sverige", "--index", "dissimilarity,theil_h",
            "--format", "json"]
    plug = _cli_json(capsys, base)
    bc = _cli_json(capsys, base + ["--ci", "--n-boot", "100", "--seed", "2023"])
    seg = tabs["tab-seg"]
    assert seg.columns[2:4] == ["Värde (biaskorrigerat)", "Utan korrigering"]
    got = {(r[0], r[1]): r for r in seg.rows}
    for name, i in (("Olikhetsindex D", 0), ("Theils H", 1)):
        row = got[(name, "2023")]
        assert row[3] == fmt_number(plug[i]["value"], 3)
        assert row[2] == fmt_number(bc[i]["value"], 3) and bc[i]["value"] != plug[i]["value"]
        assert row[4] == f"{fmt_number(bc[i]['ci_low'], 3)}–{fmt_number(bc[i]['ci_high'], 3)}"
    # the sentence shows the bias-corrected D with its interval, and names it so
    d_txt = next(p.text for s in cfg.sections if s.id == "segregation" for p in s.blocks
                 if getattr(p, "text", "").startswith("Olikhetsindex D var"))
    assert f"var {fmt_number(bc[0]['value'], 3)} år 2023 (biaskorrigerad" in d_txt
    assert f"utan korrigering {fmt_number(plug[0]['value'], 3)}" in d_txt


@pytest.mark.browser
def test_html_accessibility_axe(gbg):
    if not CHROMIUM:
        pytest.skip("Chromium is not installed")
    pw = pytest.importorskip("playwright.sync_api")
    axe_mod = pytest.importorskip("axe_playwright_python.sync_playwright")
    res, _ = gbg
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with pw.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            page = browser.new_page()
            page.goto("file://" + res["paths"]["html"])
            # axe checks the page as readers get it: with the live Vega views and the tooltip element
            page.wait_for_function("document.documentElement.getAttribute('data-charts') === 'live'",
                                   timeout=60_000)
            assert page.eval_on_selector_all(".chart[data-live]", "e => e.length") == len(res["report"].figures())
            result = axe_mod.Axe().run(page)
        finally:
            browser.close()
    bad = [v for v in result.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], len(v["nodes"])) for v in bad]


def test_insatser_section_from_registry(writable_bundled_store, tmp_path):
    ins = pytest.importorskip("lagesbild.services.insatser")
    from lagesbild._config import resolve_settings
    from lagesbild.services.report import build_report

    ins.load_examples(writable_bundled_store, kommuner=["1480"])
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(writable_bundled_store, s, "1480", 2023, sections=["insatser"], formats=["html"],
                       out=tmp_path)
    assert res["sections"]["insatser"] == "ok"
    tab = next(t for t in res["report"].tables() if t.id == "tab-insatser")
    assert len(tab.rows) == len(ins.list_insatser(writable_bundled_store, "1480")) >= 1
