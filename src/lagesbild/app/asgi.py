"""ASGI entry for uvicorn (``lagesbild.app.asgi:app``); the store comes from the settings."""

from __future__ import annotations

from lagesbild.app.main import create_app

app = create_app()
