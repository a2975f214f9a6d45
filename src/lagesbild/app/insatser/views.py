"""Rendering of the insatser pages: the shared page context, the form and error pages, the coverage map,
the change log's differences, and the wrapper that runs a handler off the event loop."""

from __future__ import annotations

import asyncio
import functools
import html
import json
from pathlib import Path

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from lagesbild.app import errors as app_errors
from lagesbild.app.insatser.auth import Viewer, get_options, get_store, viewer_of
from lagesbild.app.insatser.forms import field_errors
from lagesbild.errors import InputError, LagesbildError
from lagesbild.i18n import choose

__all__ = ["Key", "text_ctx", "templates_of", "page", "form_page", "error_page", "guarded", "kommun_name",
           "when", "changes", "map_svg", "jsonable"]

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Key(str):
    """A page title given as a key of the ``insatser`` text section (translated in :func:`page`)."""


def text_ctx(request) -> dict:
    from lagesbild.app.i18n import get_lang, t
    from lagesbild.app.insatser_texts import it

    lang = get_lang(request)
    return {"lang": lang, "T": lambda key: t(key, lang), "I": lambda key: it(key, lang),
            "L": lambda term: term.text(lang), "choose": choose}


def templates_of(request: Request):
    """The app's templates (``app.state.templates``); on a bare app, one on the app's template folder."""
    state = request.app.state
    tpl = getattr(state, "templates", None)
    if tpl is None:
        from fastapi.templating import Jinja2Templates

        tpl = state.templates = Jinja2Templates(directory=str(_TEMPLATES))
    return tpl


def page(request: Request, name: str, ctx: dict, status: int = 200, viewer: Viewer | None = None):
    """Render an insatser template with the user, CSRF token, texts and vocabularies every page uses."""
    from lagesbild.app.insatser_texts import ROLE_EN, it
    from lagesbild.services.accounts import auth
    from lagesbild.services.insatser import (
        ARENAS,
        FACTOR_DOMAINS,
        FACTORS,
        FIELD_LABELS,
        FIELD_LABELS_EN,
        LEVELS,
        LIFE_STAGES,
        PARTNER_TYPES,
        STATUSES,
        THEMES,
    )

    viewer = viewer or viewer_of(request)
    text = text_ctx(request)
    lang = text["lang"]
    title = ctx.get("title", Key("nav"))
    title = it(title, lang) if isinstance(title, Key) else title
    base = {"request": request, "user": viewer.user, "csrf": viewer.csrf(),
            "path": request.url.path, **text, "title": title,
            "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
            "role_labels": {k: choose(v, ROLE_EN.get(k, v), lang) for k, v in auth.ROLE_LABELS.items()},
            "vocab": {"arenas": ARENAS, "levels": LEVELS, "stages": LIFE_STAGES, "themes": THEMES,
                      "statuses": STATUSES, "factors": FACTORS, "partners": PARTNER_TYPES,
                      "factor_domains": FACTOR_DOMAINS},
            "labels": {k: choose(v, FIELD_LABELS_EN.get(k, v), lang) for k, v in FIELD_LABELS.items()}}
    return templates_of(request).TemplateResponse(
        request, name, {**base, **{k: v for k, v in ctx.items() if k != "title"}}, status_code=status)


def form_page(request: Request, viewer: Viewer, title: str, f: dict, exc: InputError | None, mode: str,
              version=None):
    """The create/edit form, with the errors of ``exc`` beside their fields (status 400 then)."""
    lang = text_ctx(request)["lang"]
    errors = getattr(exc, "errors", None) or ([{"field": "", "sv": exc.message(), "en": exc.message("en")}]
                                              if exc else [])
    errors = [{**e, "text": e.get(lang) or e["sv"]} for e in errors]
    return page(request, "insatser/form.html", {"title": title, "f": f, "errors": errors,
                                                "field_errors": field_errors(errors, lang), "mode": mode,
                                                "version": version}, 400 if exc else 200, viewer)


def error_page(request: Request, exc: LagesbildError):
    """The app's one error contract: the same status mapping and JSON shape as every router; HTML off /api."""
    status, code = app_errors.status_for(exc)
    if request.url.path.startswith("/api/"):
        return app_errors.error_response(request, status, exc.message("sv"), exc.message("en"), code=code)
    lang = text_ctx(request)["lang"]
    return page(request, "insatser/fel.html", {"title": Key("error"), "message": exc.message(lang),
                                               "status": status}, status)


def guarded(role_for_read: bool = True):
    """Run an ``async`` handler in the thread pool (Argon2, store queries and rendering never hold up the
    event loop), check the read role when the app's pages are not public, and show errors as pages."""
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(request: Request, *a, **kw):
            # read the body on the event loop; everything else runs in the thread pool
            if request.method not in ("GET", "HEAD"):
                if "json" in request.headers.get("content-type", ""):
                    await request.body()
                else:
                    await request.form()

            def blocking():
                try:
                    if role_for_read and not get_options(request).public_read:
                        viewer_of(request).need("lasare")
                    return asyncio.run(fn(request, *a, **kw))
                except LagesbildError as exc:
                    return error_page(request, exc)

            return await run_in_threadpool(blocking)
        return wrapper
    return deco


def kommun_name(request: Request, code: str) -> str:
    try:
        df = get_store(request).areas(level="kommun", codes=[code])
    except Exception:  # an odd code typed in a filter: show the code only
        return ""
    return "" if df.empty else str(df["name"].iloc[0])


def when(ts) -> str:
    """A timestamp to the minute (``2025-06-01 14:03``)."""
    return str(ts or "")[:16]


def changes(before_json: str | None, after_json: str | None, lang: str = "sv") -> tuple[list[dict], str, str]:
    """The changed fields of an audit entry (label in ``lang``, before, after) and both sides pretty-printed."""
    from lagesbild.services.insatser import field_label

    def load(text):
        try:
            return json.loads(text) if text else None
        except ValueError:
            return text

    def short(v) -> str:
        t = "–" if v in (None, "", [], {}) else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        return t if len(t) <= 120 else t[:119] + "…"

    b, a = load(before_json), load(after_json)
    out = []
    if isinstance(b, dict) and isinstance(a, dict):
        for k in [*a, *(k for k in b if k not in a)]:
            if b.get(k) != a.get(k):
                out.append({"field": field_label(k, lang), "before": short(b.get(k)), "after": short(a.get(k))})

    def pretty(v) -> str:
        return "–" if v is None else v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, indent=1)

    return out, pretty(b), pretty(a)


def map_svg(store, kommun: str, gaps, lang: str = "sv") -> str | None:
    """A small server-rendered SVG map of RegSO 2020 areas coloured by stages without any insats."""
    from lagesbild.app.insatser_texts import it
    try:
        geo = store.geometries(level="regso", kommun=kommun, version="RegSO2020", simplified=True)
    except Exception:  # no geometries for this kommun (or no geo extra): the page says so
        return None
    if geo is None or len(geo) == 0:
        return None
    counts = {}
    if gaps is not None and len(gaps):
        g = gaps[(gaps["dimension"] == "livsfas") & (gaps["gap"] == "ingen insats")]
        counts = g.groupby("area_code").size().to_dict()
        high = set(gaps["area_code"])
    else:
        high = set()
    minx, miny, maxx, maxy = geo.total_bounds
    w, h = maxx - minx or 1, maxy - miny or 1
    scale = 600 / max(w, h)
    colours = ["#e8eef5", "#fcd9b6", "#f59d5a", "#d4561c", "#8f2a05"]
    paths = []
    for r in geo.itertuples():
        code = getattr(r, "code", None) or getattr(r, "area_code", "")
        n = counts.get(code, 0)
        fill = colours[min(4, (n + 1) // 2)] if code in high else "#ffffff"
        polys = getattr(r.geometry, "geoms", [r.geometry])
        d = ""
        for poly in polys:
            pts = [(f"{(x - minx) * scale:.1f}", f"{(maxy - y) * scale:.1f}") for x, y in poly.exterior.coords]
            d += "M" + " L".join(f"{x},{y}" for x, y in pts) + " Z "
        name = getattr(r, "name", code)
        title = f"{name} ({code}): " + (f"{n} {it('map_stages', lang)}" if code in high else it("map_not_high", lang))
        paths.append(f'<path d="{d.strip()}" fill="{fill}" stroke="#333" stroke-width="0.6">'
                     f'<title>{html.escape(title)}</title></path>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w * scale:.0f} {h * scale:.0f}" role="img" '
            f'aria-label="{html.escape(it("map_title", lang))}" '
            f'class="insats-karta">{"".join(paths)}</svg>')


def jsonable(obj):
    """``obj`` with frames as record lists and anything else unknown as text, ready for JSON."""
    return json.loads(json.dumps(obj, default=lambda o: o.to_dict("records") if hasattr(o, "to_dict") else str(o)))
