"""Web pages of the youth survey and the ANDT follow-up.

``GET /enkat/{kommun}`` (``?year=2024&by=kon``): the profile chart and table, priorities with
the insatser that target them and the gap, response rates; ``GET /enkat/{kommun}.json``: the
profile rows; ``GET /enkat/{kommun}/andt``: policies (overdue reviews flagged), tillsyn per year
and every self-assessment in full. Thin: the numbers come from :mod:`lagesbild.services.enkat`;
the texts from the ``enkat`` catalogue section.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from lagesbild.app.i18n import get_lang
from lagesbild.i18n import pair, t

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _render(request: Request, name: str, ctx: dict) -> HTMLResponse:
    from lagesbild.app.i18n import fmt_num
    from lagesbild.app.i18n import t as app_t

    lang = get_lang(request)
    ctx = {
        **ctx,
        "request": request,
        "lang": lang,
        "T": lambda key: app_t(key, lang),
        "S": lambda key, **kw: t(key, lang, **kw),
        "fmt": fmt_num,
        "path": request.url.path + (("?" + request.url.query) if request.url.query else ""),
    }
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def _data(request: Request, kommun: str, year: int | None, by: str | None) -> dict:
    from lagesbild.errors import NotFoundError
    from lagesbild.services import enkat_visning

    data = enkat_visning.page_data(
        request.app.state.data.store,
        request.app.state.settings,
        kommun=kommun,
        year=year,
        by=by or None,
        lang=get_lang(request),
    )
    if data is None:
        raise NotFoundError(*pair("enkat.no_wave", kommun=kommun, year=year or ""))
    return data


@router.get("/enkat/{kommun}.json")
def profile_json(
    request: Request,
    kommun: str,
    year: int | None = Query(None, ge=1990, le=2100),
    by: str | None = Query(None, max_length=40),
):
    d = _data(request, kommun, year, by)
    return Response(
        json.dumps(d["profil"]["rader"], ensure_ascii=False, allow_nan=False),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="enkat_{kommun}_{d["ar"]}.json"'},
    )


@router.get("/enkat/{kommun}/andt", response_class=HTMLResponse)
def andt_page(request: Request, kommun: str):
    from lagesbild.services import andt
    from lagesbild.services import enkat as svc

    lang = get_lang(request)
    store = request.app.state.data.store
    ov = andt.andt_overview(store, kommun, lang=lang)
    return _render(
        request,
        "enkat/andt.html",
        {"o": ov, "kommun": kommun, "title": t("enkat.andt_title", lang) + f" – {svc.kommun_name(store, kommun)}"},
    )


@router.get("/enkat/{kommun}", response_class=HTMLResponse)
def profile_page(
    request: Request,
    kommun: str,
    year: int | None = Query(None, ge=1990, le=2100),
    by: str | None = Query(None, max_length=40),
):
    lang = get_lang(request)
    d = _data(request, kommun, year, by)
    return _render(
        request,
        "enkat/profil.html",
        {
            "d": d,
            "title": t("enkat.report_title", lang, kommun=d["kommunnamn"], ar=d["ar"]),
            "dims": ["skola", "arskurs", "kon", "omrade"],
        },
    )
