"""ASGI entry for uvicorn (``lagesbild.app.asgi:app``); the store comes from the settings.

The app is built on first access (PEP 562), so importing this module (e.g. during doctest
collection) opens no store.
"""

from __future__ import annotations

_APP = None


def __getattr__(name):
    global _APP
    if name == "app":
        if _APP is None:
            from lagesbild.app.main import create_app

            _APP = create_app()
        return _APP
    raise AttributeError(f"module 'lagesbild.app.asgi' has no attribute {name!r}")
