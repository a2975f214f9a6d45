"""The app factory: store, templates, static files, security, error pages, routers."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from lagesbild._version import __version__
from lagesbild.app import errors
from lagesbild.app.i18n import fmt_num
from lagesbild.app.security import SecurityMiddleware
from lagesbild.app.static_memory import MemoryStatic
from lagesbild.app.views import TYPE_COLORS, AppData
from lagesbild.app.warmup import VisitorsFirst, Warmup
from lagesbild.i18n import choose

__all__ = ["create_app"]

HERE = Path(__file__).parent
log = logging.getLogger("lagesbild.app")


def create_app(store_path: str | None = None, *, settings=None, store=None) -> FastAPI:
    """Build the app on a store opened read-only.

    Parameters
    ----------
    store_path : str, optional
        The DuckDB store; default: the ``store`` setting.
    settings : Settings, optional
    store : Store, optional
        An already opened store (tests); it is not closed by the app.
    """
    from lagesbild._config import resolve_settings
    from lagesbild.services.store import open_store

    settings = settings or resolve_settings(store=store_path)
    own = store is None
    if own:
        # read-only; upgradable so that the insatser registry (when mounted) can write its own
        # tables — the lägesbild data the pages cache are never written by the app
        store = open_store(store_path or settings.store, settings=settings, read_only=True, upgradable=True)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        warm = None
        if settings.app_warmup:  # the kommun pages' shared tables, in the background (app/warmup.py)
            warm = Warmup(_app.state.data, pages=settings.app_warmup_pages)
            warm.start()
        _app.state.warmup = warm
        yield
        if warm is not None:
            warm.stop()
        _app.state.report_jobs.shutdown()
        if own:  # a store the app opened itself is closed when the server stops
            store.close()

    app = FastAPI(title="lagesbild API", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/api/v1/openapi.json",
                  description="Lägesbild för svenska kommuner: områden, observationer, profiler, "
                              "områdestyper, segregationsmått och gränser (GeoJSON, EPSG:4326).")
    app.state.data = AppData(store, settings)
    from lagesbild.app import report_pages

    # report builds as queued jobs (app/report_jobs.py); waiting ones are dropped when the server stops
    app.state.report_jobs = report_pages.jobs_for(app.state.data, settings)
    app.state.current_user = lambda request: None  # replaced when the insatser pages are mounted
    app.state.settings = settings
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(fmt=fmt_num, type_colors=TYPE_COLORS, version=__version__, choose=choose)
    app.state.templates = templates
    write_paths: list[str] = []
    app.add_middleware(SecurityMiddleware, write_paths=write_paths, hsts_seconds=settings.hsts_seconds)
    # counts the requests being answered: the background warm-up gives way to them (app/warmup.py)
    app.add_middleware(VisitorsFirst, data=app.state.data)
    # from memory on the event loop: static files never wait behind the thread pool
    app.mount("/static", MemoryStatic(HERE / "static"), name="static")
    errors.install(app)

    from lagesbild.app import api, brott, brott_plan, downloads, enkat, pages, skola

    for module in (api, pages, report_pages, downloads, skola, enkat):
        app.include_router(module.router)
    write_paths.extend(report_pages.WRITE_PATHS)
    _mount_insatser(app, write_paths)
    app.include_router(brott.router)
    app.include_router(brott_plan.router)
    write_paths.extend(brott.WRITE_PATHS)
    _robust_openapi(app)
    return app


def _mount_insatser(app: FastAPI, write_paths: list) -> None:
    """Include the insatser registry's router (:mod:`lagesbild.app.insatser`).

    Paths of its routes that accept other methods than GET are opened for writes in the
    security middleware (everything else stays read-only).
    """
    from lagesbild.app import insatser

    settings = app.state.settings
    insatser.install(app, secret_key=settings.secret_key, secure_cookies=settings.secure_cookies)
    app.state.extra_routes = list(insatser.router.routes)
    write_paths.extend(insatser.write_paths())


def _robust_openapi(app: FastAPI) -> None:
    """OpenAPI of all routes; if a mounted router's schema cannot be built, of the app's own."""
    from fastapi.openapi.utils import get_openapi

    def openapi():
        if app.openapi_schema is None:
            kw = dict(title=app.title, version=app.version, description=app.description)
            try:
                app.openapi_schema = get_openapi(routes=app.routes, **kw)
            except Exception:
                log.exception("OpenAPI of a mounted router failed; documenting the app's own routes")
                extra = {id(getattr(r, "endpoint", None)) for r in app.state.extra_routes}
                own = [r for r in app.routes if id(getattr(r, "endpoint", None)) not in extra]
                app.openapi_schema = get_openapi(routes=own, **kw)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # the documented FastAPI way to customise it
