"""The app factory: store, templates, static files, security, error pages, routers."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagesbild import __version__
from lagesbild.app.i18n import fmt_num, get_lang, t
from lagesbild.app.security import SecurityMiddleware
from lagesbild.app.views import TYPE_COLORS, AppData
from lagesbild.errors import InputError, LagesbildError, NotFoundError

__all__ = ["create_app", "render", "render_cached"]

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
    from lagesbild.store import open_store

    settings = settings or resolve_settings(store=store_path)
    own = store is None
    if own:
        # read-only; upgradable so that the insatser registry (when mounted) can write its own
        # tables — the lägesbild data the pages cache are never written by the app
        store = open_store(store_path or settings.store, settings=settings, read_only=True, upgradable=True)
    app = FastAPI(title="lagesbild API", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Lägesbild för svenska kommuner: områden, observationer, profiler, "
                              "områdestyper, segregationsmått och gränser (GeoJSON, EPSG:4326).")
    app.state.data = AppData(store, settings)
    app.state.settings = settings
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(fmt=fmt_num, type_colors=TYPE_COLORS, version=__version__)
    app.state.templates = templates
    write_paths: list[str] = []
    app.add_middleware(SecurityMiddleware, write_paths=write_paths)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _errors(app)

    from lagesbild.app import api, downloads, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.include_router(__import__("lagesbild.app.skola", fromlist=["router"]).router)
    app.state.extra_routes = []
    _mount_insatser(app, templates, write_paths)
    _robust_openapi(app)
    if own:
        @app.on_event("shutdown")
        def _close() -> None:  # pragma: no cover - exercised by uvicorn
            store.close()
    return app


def _mount_insatser(app, templates, write_paths: list) -> None:
    """Mount the insatser registry's router when that module exists.

    Paths of its routes that accept other methods than GET are opened for writes in the
    security middleware (everything else stays read-only).
    """
    try:
        from lagesbild.app.insatser_routes import make_router
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("lagesbild"):
            return
        raise
    import inspect

    kw = {}
    if "secret_key" in inspect.signature(make_router).parameters:
        kw["secret_key"] = app.state.settings.secret_key
    router = make_router(lambda: app.state.data.store, templates, **kw)
    app.include_router(router)
    app.state.extra_routes = list(router.routes)
    for route in router.routes:
        methods = getattr(route, "methods", None) or set()
        if methods - {"GET", "HEAD", "OPTIONS"}:
            path = getattr(route, "path", "")
            write_paths.append(path.split("{", 1)[0] or path)


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

    app.openapi = openapi


def render(request: Request, name: str, ctx: dict | None = None, status: int = 200, headers=None):
    """Render a page template with the language, its texts and the request."""
    lang = get_lang(request)
    ctx = dict(ctx or {})
    ctx.update(request=request, lang=lang, T=lambda key: t(key, lang),
               path=request.url.path + (("?" + request.url.query) if request.url.query else ""))
    resp = request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status,
                                                        headers=headers)
    return resp


def render_cached(request: Request, name: str, ctx_fn, key) -> HTMLResponse:
    """Render once per ``key`` (with the URL and language) and serve the cached bytes after.

    The store is read-only while the app runs, so a page for the same URL and language is
    the same page; this keeps the kommun page fast under many concurrent clients.
    """
    lang = get_lang(request)
    full = (name, key, lang, request.url.path, request.url.query)

    def build() -> bytes:
        return render(request, name, ctx_fn()).body

    body = request.app.state.data.html.get(full, build)
    return HTMLResponse(body)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, sv: str, en: str | None = None):
    lang = get_lang(request)
    msg = (en or sv) if lang == "en" else sv
    if _is_api(request):
        return JSONResponse({"error": {"status": status, "message": msg, "message_sv": sv,
                                       "message_en": en or sv}}, status_code=status)
    title = {404: "not_found", 422: "bad_request"}.get(status, "error")
    return render(request, "error.html", {"status": status, "message": msg, "title_key": title},
                  status=status)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LagesbildError)
    async def _lagesbild(request: Request, exc: LagesbildError):
        if isinstance(exc, NotFoundError):
            status = 404
        elif isinstance(exc, InputError):
            status = 422
        else:
            log.exception("service error", exc_info=exc)
            return _error(request, 500, t("server_error", "sv"), t("server_error", "en"))
        return _error(request, status, exc.message("sv"), exc.message("en"))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        names = sorted({str(e.get("loc", ["", "?"])[-1]) for e in exc.errors()})
        return _error(request, 422, f"Ogiltigt värde för parametern {', '.join(names)}.",
                      f"Invalid value of the parameter {', '.join(names)}.")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return _error(request, 404, "Sidan finns inte.", "The page does not exist.")
        if exc.status_code == 405:
            return _error(request, 405, "Metoden är inte tillåten.", "Method not allowed.")
        return _error(request, exc.status_code, "Förfrågan kunde inte hanteras.",
                      "The request could not be handled.")
