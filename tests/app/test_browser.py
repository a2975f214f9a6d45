"""Browser tests: Playwright (Python) driving Debian's Chromium against the running app.

Opens the start page, a kommun page, the map (polygons drawn, hover value, click navigates),
an area page, a comparison and a CSV download; saves screenshots to ``out/screenshots/`` and
checks each page with axe-core (no serious or critical violations) and for console errors
(e.g. Content-Security-Policy violations).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium); "
                                                     ".ci/run installs it"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def base_url(app):
    uvicorn = pytest.importorskip("uvicorn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    th.join(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    ctx = browser.new_context(base_url=base_url, accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(30000)
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    pg.outside = outside
    yield pg
    ctx.close()


def _check(page, name):
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    res = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
           for v in res.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {name}: {bad}"
    assert not page.console_errors, f"console errors on {name}: {page.console_errors}"
    assert not page.outside, f"external requests on {name}: {page.outside}"


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
    assert page.locator("#tab-jamfor tbody tr").count() == 3
    _check(page, "compare_kommuner")


def test_csv_download(page):
    page.goto("/kommun/1480?year=2023")
    with page.expect_download() as info:
        page.click("a[href*='table=omraden']")
    dl = info.value
    text = Path(dl.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Kod,Namn") and len(lines) == 148
    assert dl.suggested_filename == "kommun_1480_2023_omraden.csv"
