"""Fixtures of the web app tests: the app on a per-module copy of the bundled store.

The browser fixtures (``base_url``, ``browser``, ``page``) are shared by the browser test
modules; a module can override ``app`` (e.g. with the insatser registry loaded) and the
server then runs that app. ``page.check_page(name)`` saves a screenshot to ``out/screenshots/``
and asserts no serious/critical axe violations, no console errors and no external requests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def app(cli_store_path):
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def base_url(app, serve_app):
    """The app served by uvicorn in a thread on a free local port."""
    with serve_app(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (/usr/bin/chromium); .ci/run installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh browser context and page; collects console errors and requests leaving the app."""
    ctx = browser.new_context(base_url=base_url, accept_downloads=True, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(30000)
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
    pg.outside = outside
    pg.check_page = lambda name: check_page(pg, name)
    yield pg
    ctx.close()


def check_page(page, name: str) -> None:
    """Screenshot to ``out/screenshots/<name>.png``; axe (no serious/critical), console, requests."""
    from axe_playwright_python.sync_playwright import Axe

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    res = Axe().run(page)
    bad = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
           for v in res.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {name}: {bad}"
    assert not page.console_errors, f"console errors on {name}: {page.console_errors}"
    assert not page.outside, f"external requests on {name}: {page.outside}"
