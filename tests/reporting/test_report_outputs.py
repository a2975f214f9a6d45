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
from pathlib import Path

import pytest

from lagesbild.reporting.numbers import fmt_number

NB = "\u00a0"
#: The kommun's own text merged into the population chapter of Botkyrka's report.
OWN_TEXT = "Kommunen har ett *områdesprogram* för norra Botkyrka.\n\n- Uppföljning varje vår\n- Ansvar: KLF\n"
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
    (out / "texter").mkdir()
    (out / "texter" / "befolkning.md").write_text(OWN_TEXT, encoding="utf-8")
    cfg.write_text("kommun: '0127'\nyear: 2023\nsuppress_min_denominator: 6000\nn_boot: 20\n"
                   "organisation: Kommunledningsförvaltningen\nversion: '0.9 remiss'\n"
                   "texter:\n  befolkning: texter/befolkning.md\n", encoding="utf-8")
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
    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
    body = html.split('id="insatser"')[1].split("</section>")[0]
    assert body.count("<p") == 1 and "<table" not in body and "<figure" not in body


def test_summary_has_five_to_eight_findings(gbg, botkyrka):
    from lagesbild.reporting.model import Bullets

    for res, _ in (gbg, botkyrka):
        summ = next(s for s in res["report"].sections if s.id == "sammanfattning")
        items = summ.blocks[0].items if isinstance(summ.blocks[0], Bullets) else []
        assert 5 <= len(items) <= 8
        assert all(s.endswith(".") and s[0].isupper() for s in items)


def test_html_self_contained_with_svg_and_table_alternatives(gbg):
    res, _ = gbg
    html = Path(res["paths"]["html"]).read_text(encoding="utf-8")
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
    from lagesbild.services import kedjor, tackning
    from lagesbild.services.report import build_report

    ins.load_examples(writable_bundled_store, kommuner=["1480"])
    s = resolve_settings(config_file=None, env={}, store=":memory:")
    res = build_report(writable_bundled_store, s, "1480", 2023, sections=["insatser"], formats=["html"],
                       out=tmp_path)
    assert res["sections"]["insatser"] == "ok"
    tab = next(t for t in res["report"].tables() if t.id == "tab-insatser")
    assert len(tab.rows) == len(ins.list_insatser(writable_bundled_store, "1480")) >= 1
    # the gap table (the highest-ranked gaps of 'insatser tackning') and the life-course chain
    gaps = tackning.tackning(writable_bundled_store, "1480")["gaps"]
    tabs = {t.id: t for t in res["report"].tables()}
    if len(gaps):
        g = tabs["tab-gaps"]
        assert len(g.rows) == min(20, len(gaps))
        first = gaps.sort_values("rank").iloc[0]
        assert g.rows[0][1] == f"{first['area_name']} ({first['area_code']})"
    chain = kedjor.chain_table(kedjor.kedja(writable_bundled_store, "1480"))
    assert tabs["tab-chain"].rows[0][0] == str(chain.iloc[0, 0])
    assert len(tabs["tab-chain"].rows) == len(chain)


# --- the nulägesanalys' structure and layout (issue 18) -------------------------------------------

INTERNAL = ("services_", "lagesbild.measures", "area_table", "lagesbild.services")


def _page_texts(pdf) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_pdf_has_no_internal_names(which, request):
    res, _ = request.getfixturevalue(which)
    for i, page in enumerate(_page_texts(res["paths"]["pdf"]), 1):
        for name in INTERNAL:
            assert name not in page, f"page {i}: {name!r}"
    docx_text = _docx_text(res["paths"]["docx"])
    assert not [n for n in INTERNAL if n in docx_text]


def _docx_text(path) -> str:
    import docx

    d = docx.Document(path)
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_pdf_words_stay_inside_the_margins(which, request):
    """No table or text runs past the page margin (A4, 1,8 cm left and right)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    res, _ = request.getfixturevalue(which)
    html = subprocess.run(["pdftotext", "-bbox", res["paths"]["pdf"], "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, flags=re.S)
    assert pages
    margin = 1.8 / 2.54 * 72
    for i, (w, h, body) in enumerate(pages, 1):
        assert abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1, "A4"
        for x1, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)<', body):
            assert float(x1) <= float(w) - margin + 2, f"page {i}: {word!r} ends at {x1}"


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_appendix_keeps_its_income_header_on_every_page(which, request):
    res, _ = request.getfixturevalue(which)
    pages = _page_texts(res["paths"]["pdf"])
    start = next(i for i, p in enumerate(pages) if p.lstrip().startswith("Bilagor"))
    app = [p for p in pages[start:] if len(re.findall(r"\b\d{4}R\d{3}\b", p)) >= 3]
    assert app
    for p in app:
        assert "Medelinkomst" in p and "Födda" in p and "Folk" in p


def _used_fraction(png) -> float:
    """Share of the page's height between the first and the last row with ink (footer excluded)."""
    import numpy as np
    from PIL import Image

    with Image.open(png) as im:
        px = np.asarray(im.convert("L"))
    body = int(px.shape[0] * (29.7 - 1.6) / 29.7)           # without the footer line
    rows = np.flatnonzero(px[:body].min(axis=1) < 200)
    return float(rows[-1] - rows[0]) / body if len(rows) else 0.0


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_no_nearly_empty_page_except_chapter_ends(which, request, tmp_path):
    res, _ = request.getfixturevalue(which)
    report = res["report"]
    pages = _pdf_pages(res["paths"]["pdf"], tmp_path)
    texts = _page_texts(res["paths"]["pdf"])
    titles = [s.title for s in report.sections]
    assert len(texts) == len(pages)
    for i, png in enumerate(pages):
        chapter_end = i == len(pages) - 1 or texts[i + 1].lstrip().startswith(tuple(titles))
        if not chapter_end:
            assert _used_fraction(png) >= 0.25, f"page {i + 1} is nearly empty: {texts[i].strip()[:80]!r}"


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_word_file_is_a4_with_an_author(which, request):
    import docx

    from lagesbild.reporting.render_docx import A4_TWIPS

    res, _ = request.getfixturevalue(which)
    d = docx.Document(res["paths"]["docx"])
    for sect in d.sections:
        assert (sect.page_width.twips, sect.page_height.twips) == A4_TWIPS == (11906, 16838)
    assert d.core_properties.author and "python-docx" not in d.core_properties.author


def test_cover_contents_purpose_and_own_text(botkyrka):
    res, _ = botkyrka
    pages = _page_texts(res["paths"]["pdf"])
    cover = pages[0]
    for want in ("Botkyrka", "Kommunledningsförvaltningen", "0.9 remiss", "lagesbild"):
        assert want in cover
    assert re.search(r"\d{4}-\d{2}-\d{2}", cover)
    toc = pages[1]
    ids = [s.id for s in res["report"].sections]
    assert ids[:2] == ["syfte", "sammanfattning"] and ids[-3:] == ["slutsatser", "metod", "bilagor"]
    # contents with page numbers: each title followed by the page the chapter starts on
    for s in res["report"].sections:
        m = re.search(re.escape(s.title) + r"[ .]*?(\d+)\s*$", toc, flags=re.M)
        assert m, s.title
        assert pages[int(m.group(1)) - 1].find(s.title) >= 0
    syfte = next(s for s in res["report"].sections if s.id == "syfte")
    assert "Delmo" in " ".join(b.text for b in syfte.blocks)
    bef = next(s for s in res["report"].sections if s.id == "befolkning")
    assert bef.blocks[0].text == "Kommunen har ett områdesprogram för norra Botkyrka."
    assert bef.blocks[1].items == ["Uppföljning varje vår", "Ansvar: KLF"]


def test_conclusions_follow_the_findings(botkyrka):
    """Botkyrka has 49 % in types 1–2 against 14 % in riket: the first rule must fire."""
    res, _ = botkyrka
    concl = next(s for s in res["report"].sections if s.id == "slutsatser")
    tab = next(b for b in concl.blocks if getattr(b, "id", "") == "tab-conclusions")
    assert tab.rows[0][0].startswith("En större andel av invånarna än i riket")
    assert any("ungdomsenkät" in r[0] for r in tab.rows)          # no survey imported


def test_profiles_are_one_table_with_flags(gbg):
    res, _ = gbg
    prof = next(s for s in res["report"].sections if s.id == "profiler")
    tables = [b for b in prof.blocks if getattr(b, "columns", None)]
    assert [t.id for t in tables] == ["tab-profiles"]
    n_areas = len(next(t for t in res["report"].tables() if t.id == "tab-appendix-areas").rows)
    assert len(tables[0].rows) == n_areas + 1                    # the kommun's row first
    assert any("▲" in c or "▼" in c for r in tables[0].rows for c in r)


def test_sources_have_data_dates_not_the_build_date(gbg):
    import datetime as dt

    res, _ = gbg
    src = next(t for t in res["report"].tables() if t.id == "tab-sources")
    col = src.rows and [r[2] for r in src.rows]
    today = dt.date.today().isoformat()
    assert not any(today in c for c in col)
    assert any("2025-01-31" in c for c in col)                    # områdestyp: SCB's update date


@pytest.mark.parametrize("argv, what", [
    (["report", "--kommun", "0127", "--year", "2019"], "2019"),
    (["report", "--kommun", "0127", "--year", "2023", "--compare", "9999"], "9999"),
])
def test_refusals_exit_2_with_one_swedish_line(argv, what, cli_store_path, tmp_path, capsys):
    from lagesbild.cli import main

    out = tmp_path / "out"
    rc = main(["--store", str(cli_store_path), *argv, "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert len(err.splitlines()) == 1 and what in err and "Traceback" not in err
    assert "finns" in err                                      # Swedish
    assert not out.exists() or not any(out.iterdir())          # nothing written


def test_two_kommuner_in_one_folder_keep_their_settings(bundled_store, tmp_path):
    from lagesbild._config import resolve_settings
    from lagesbild.reporting import config as rc
    from lagesbild.services.report import build_report

    s = resolve_settings(config_file=None, env={}, store=":memory:")
    written = {}
    for k in ("0127", "1480"):
        cfg = tmp_path / f"{k}.yaml"
        cfg.write_text(f"kommun: '{k}'\nyear: 2023\nn_boot: 0\nsections: [syfte]\nformats: [html]\n",
                       encoding="utf-8")
        written[k] = build_report(bundled_store, s, config=cfg, out=tmp_path / "out")["config"]
    assert written["0127"] != written["1480"]
    for k, path in written.items():
        assert rc.load_config(path)["kommun"] == k
    assert not (tmp_path / "out" / "report.yaml").exists()


@pytest.mark.parametrize("which", ["gbg", "botkyrka"])
def test_no_four_sentences_in_a_row_open_alike(which, request):
    from lagesbild.reporting.model import Bullets, Paragraph

    res, _ = request.getfixturevalue(which)
    for s in res["report"].sections:
        sentences = []
        for b in s.blocks:
            parts = [b.text] if isinstance(b, Paragraph) else b.items if isinstance(b, Bullets) else []
            for p in parts:
                sentences += [x for x in re.split(r"(?<=[.!?])\s+", p) if x]
        openings = [" ".join(x.lower().split()[:2]) for x in sentences]
        for i in range(len(openings) - 3):
            assert len(set(openings[i:i + 4])) > 1, (s.id, sentences[i:i + 4])
