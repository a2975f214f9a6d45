"""Browser tests: Playwright (Python) driving Debian's Chromium against the running app.

Opens the start page, a kommun page, the map (polygons drawn, hover value, click navigates),
an area page, a comparison and a CSV download; saves screenshots to ``out/screenshots/`` and
checks each page with axe-core (no serious or critical violations) and for console errors
(e.g. Content-Security-Policy violations).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium); "
                                                     ".ci/run installs it"),
]


def _check(page, name):
    page.check_page(name)  # screenshot, axe, console errors, external requests (tests/app/conftest.py)


def test_start_page(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.keyboard.press("Tab")  # the skip link is the first focusable element and becomes visible
    assert page.evaluate("document.activeElement.className") == "skip"
    _check(page, "start")
    page.fill("#q", "Karlstad")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/kommun/1780"))


def test_kommun_page(page):
    page.goto("/kommun/1480?year=2023")
    page.wait_for_selector("#chart-dist[data-rendered] svg")  # Vega-Lite rendered under the CSP
    assert page.locator("#tab-omraden tbody tr").count() == 147
    _check(page, "kommun_1480")


def test_kommun_page_english(page):
    page.goto("/sprak/en?next=/kommun/1480")
    assert page.locator("html").get_attribute("lang") == "en"
    page.wait_for_selector("#chart-dist[data-rendered] svg")
    _check(page, "kommun_1480_en")


def test_map_hover_and_click(page):
    page.goto("/karta?kommun=1480&level=regso&variable=omradestyp&year=2023")
    page.wait_for_selector("#map[data-ready]")
    paths = page.locator("#map path.leaflet-interactive")
    assert paths.count() == 147
    assert page.locator(".legend").count() == 1
    _check(page, "map_1480")
    hover = page.locator("#map-hover")
    for i in (40, 70, 100, 10):
        box = paths.nth(i).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        if re.search(r"1480R\d{3}", hover.inner_text()):
            break
    text = hover.inner_text()
    assert re.search(r"\(1480R\d{3}\): [1-5]", text), text  # name (code): type
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/omrade/1480R\d{3}\?year=2023"))
    code = re.search(r"1480R\d{3}", page.url).group(0)
    assert code in text
    assert page.locator("h1").inner_text().strip().endswith(code)


def test_area_page(page):
    page.goto("/omrade/1480R001?year=2023")
    assert "Angered" in page.locator("h1").inner_text()
    _check(page, "area_1480R001")


def test_compare_page(page):
    page.goto("/jamfor")
    page.fill("#codes", "1480,0180,1780")
    page.click("form button[type=submit]")
    page.wait_for_selector("#chart-compare[data-rendered] svg")
    assert page.locator("#tab-jamfor tbody tr").count() == 4  # three kommuner and the riket reference
    _check(page, "compare_kommuner")


def test_csv_download(page):
    page.goto("/kommun/1480?year=2023")
    with page.expect_download() as info:
        page.click("a[href*='table=omraden']")
    dl = info.value
    text = Path(dl.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Kod;Namn") and len(lines) == 148  # the Excel dialect (semicolon)
    assert dl.suggested_filename == "kommun_1480_2023_omraden.csv"
