"""Rendering of page templates in the visitor's language, with a per-URL page cache."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from lagesbild.app.i18n import get_lang, t

__all__ = ["render", "render_cached", "cached_page"]


def render(request: Request, name: str, ctx: dict | None = None, status: int = 200, headers=None):
    """Render a page template with the language, its texts and the request."""
    lang = get_lang(request)
    ctx = dict(ctx or {})
    ctx.update(request=request, lang=lang, T=lambda key: t(key, lang),
               path=request.url.path + (("?" + request.url.query) if request.url.query else ""))
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status,
                                                        headers=headers)


def render_cached(request: Request, name: str, ctx_fn, key) -> HTMLResponse:
    """Render once per ``key`` (with the URL and language) and serve the cached bytes after.

    A page for the same URL, language and store generation is the same page; this keeps the
    kommun page fast under many concurrent clients. Pages are built ``page_builds`` at a time
    (:attr:`AppData.builds <lagesbild.app.views.AppData>`): the interpreter runs one thread at a
    time, so twenty first visits built together would all finish at the end, while built in turn
    the first finishes after one page's time.
    """
    lang = get_lang(request)
    full = (name, key, lang, request.url.path, request.url.query)
    data = request.app.state.data

    def build() -> bytes:
        with data.builds:
            return render(request, name, ctx_fn()).body

    html = data.html
    body = html.get(full, build)
    html.get(_url_key(request, lang), lambda: body)  # for cached_page
    return HTMLResponse(body)


def _url_key(request: Request, lang: str) -> tuple:
    return ("url", lang, request.url.path, request.url.query)


def cached_page(request: Request) -> HTMLResponse | None:
    """The page :func:`render_cached` made for this URL and language in the current store
    generation, or None. Reads memory only: an ``async`` route answers a page already made on the
    event loop, without waiting for a thread of the pool."""
    body = request.app.state.data.html.peek(_url_key(request, get_lang(request)))
    return None if body is None else HTMLResponse(body)
