"""The lagesbild web app: server-rendered pages, a versioned JSON API, offline.

Start it with ``lagesbild serve`` or build it in code::

    from lagesbild.app import create_app
    app = create_app(store_path="lagesbild.duckdb")

FastAPI, Jinja2 and uvicorn are imported only when the app is built, so ``import lagesbild``
stays light.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(*args, **kwargs):
    """Build the FastAPI app; see :func:`lagesbild.app.main.create_app`."""
    from lagesbild.app.main import create_app as _create

    return _create(*args, **kwargs)
