"""Rendering of page templates in the visitor's language, with a per-URL page cache."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from lagesbild.app.i18n import get_lang, t

__all__ = ["render", "render_cached"]


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
    kommun page fast under many concurrent clients.
    """
    lang = get_lang(request)
    full = (name, key, lang, request.url.path, request.url.query)

    def build() -> bytes:
        return render(request, name, ctx_fn()).body

    body = request.app.state.data.html.get(full, build)
    return HTMLResponse(body)
