"""Web pages of a kommun's schools and of one school; CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def app(cli_store_path):
    """The school pages on the app's templates and static files, with the app's one error contract
    (app.errors) — independent of the rest of the app."""
    from types import SimpleNamespace

    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles
    from fastapi.templating import Jinja2Templates

    import lagesbild.app as app_pkg
    from lagesbild._config import resolve_settings
    from lagesbild.app import errors as app_errors
    from lagesbild.app import skola as skola_pages
    from lagesbild.app.i18n import fmt_num
    from lagesbild.i18n import choose
    from lagesbild.store import open_store

    here = Path(app_pkg.__file__).parent
    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path), app_warmup_pages=False)
    store = open_store(cli_store_path, settings=s, read_only=True)
    application = FastAPI()
    application.state.data = SimpleNamespace(store=store)
    templates = Jinja2Templates(directory=str(here / "templates"))
    templates.env.globals.update(fmt=fmt_num, version="test", type_colors={}, choose=choose)
    application.state.templates = templates
    application.mount("/static", StaticFiles(directory=str(here / "static")), name="static")
    application.include_router(skola_pages.router)

    app_errors.install(application)

    yield application
    store.close()


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_kommun_page(client):
    r = client.get("/skolor/0136")
    assert r.status_code == 200
    html = r.text
    assert "Brandbergsskolan" in html
    assert "inte av elevernas bakgrund" in html
    for lasar in ("2020/21", "2022/23", "2024/25"):
        assert lasar in html
    assert "<svg" in html  # the map


def test_school_page_and_markers(client):
    r = client.get("/skolor/0136/73184968")
    assert r.status_code == 200
    assert "Brandbergen" not in r.text or "0136R001" in r.text
    assert "0136C1260" in r.text and "0136R001" in r.text


def test_exports_agree_with_the_service(client, cli_store_path):
    j = client.get("/skolor/0180.json?years=2023-2025")
    assert j.status_code == 200
    data = json.loads(j.text)
    assert data["ar"] == [2023, 2024, 2025]
    c = client.get("/skolor/0180.csv?years=2023-2025")
    assert c.status_code == 200
    rows = list(csv.DictReader(io.StringIO(c.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == sum(len(s["ar"]) for s in data["skolor"])
    first = next(r for r in rows if r["meritvarde"] not in ("", "..", "."))
    s = next(s for s in data["skolor"] if s["skolenhetskod"] == first["skolenhetskod"])
    y = next(y for y in s["ar"] if str(y["ar"]) == first["ar"])
    assert float(first["meritvarde"].replace(",", ".")) == pytest.approx(y["meritvarde"])


@pytest.mark.parametrize("url,status", [("/skolor/9999", 404), ("/skolor/0136/12345678", 404),
                                        ("/skolor/0136?years=2010-2011", 422), ("/skolor/13x", 422)])
def test_bad_input_pages(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert "Traceback" not in r.text


@pytest.fixture(scope="module")
def base_url(app, serve_app):
    with serve_app(app) as url:
        yield url


def test_pages_in_the_browser_pass_axe(base_url):
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    from axe_playwright_python.sync_playwright import Axe

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            pg = b.new_page()
            errors, outside = [], []
            pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base_url, "data:")) else None)
            for url in ("/skolor/1480", "/skolor/1480/39701961"):
                pg.goto(base_url + url)
                res = Axe().run(pg)
                bad = [v["id"] for v in res.response["violations"] if v["impact"] in ("serious", "critical")]
                assert not bad, (url, bad)
            assert not errors and not outside
        finally:
            b.close()


def test_the_app_mounts_the_school_pages(cli_store_path):
    from fastapi.testclient import TestClient

    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    application = create_app(settings=resolve_settings(config_file=None, env={}, store=str(cli_store_path),
                                                          app_warmup_pages=False))
    try:
        with TestClient(application, raise_server_exceptions=False) as c:
            r = c.get("/skolor/0136/73184968")
            assert r.status_code == 200 and "Brandbergsskolan" in r.text
            assert c.get("/skolor/0136/12345678").status_code == 404
    finally:
        application.state.data.store.close()
