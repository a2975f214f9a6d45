"""Fixtures of the web app tests: the app on a per-module copy of the bundled store."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def app(cli_store_path):
    pytest.importorskip("fastapi")
    from lagesbild._config import resolve_settings
    from lagesbild.app import create_app

    s = resolve_settings(config_file=None, env={}, store=str(cli_store_path))
    application = create_app(settings=s)
    yield application
    application.state.data.store.close()


@pytest.fixture(scope="module")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
