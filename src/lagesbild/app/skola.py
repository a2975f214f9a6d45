"""Web pages for schools: a kommun's schools and one school, with CSV and JSON exports.

``GET /skolor/{kommun}`` (``?years=2021-2025``), ``GET /skolor/{kommun}/{skolenhetskod}``,
``GET /skolor/{kommun}.csv`` and ``.json``. Thin: the numbers come from
:mod:`lagesbild.services.skola`; the texts from the ``skola`` catalogue section.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from lagesbild.app.i18n import get_lang
from lagesbild.i18n import t
from lagesbild.safecells import neutralise_frame

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _years(text: str | None) -> list[int] | None:
    from lagesbild.errors import InputError
    from lagesbild.i18n import pair

    if not text:
        return None
    try:
        if "-" in text:
            a, b = text.split("-", 1)
            return list(range(int(a), int(b) + 1))
        return [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError(*pair("skola.bad_years", given=text[:20], kommun="", available="2021–2025")) from None


def _render(request: Request, name: str, ctx: dict) -> HTMLResponse:
    from lagesbild.app.i18n import fmt_num
    from lagesbild.app.i18n import t as app_t

    lang = get_lang(request)
    ctx = {**ctx, "request": request, "lang": lang, "T": lambda key: app_t(key, lang),
           "S": lambda key, **kw: t(key, lang, **kw), "fmt": fmt_num,
           "path": request.url.path + (("?" + request.url.query) if request.url.query else "")}
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def _result(request: Request, kommun: str, years: str | None) -> dict:
    from lagesbild.services import skola as svc

    store = request.app.state.data.store
    return svc.skola_kommun(store, kommun, _years(years), lang=get_lang(request))


@router.get("/skolor/{kommun}.json")
def export_json(request: Request, kommun: str, years: str | None = Query(None, max_length=20)):
    res = _result(request, kommun, years)
    return Response(json.dumps(res, ensure_ascii=False, allow_nan=False), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="skolor_{res["kommun"]}.json"'})


@router.get("/skolor/{kommun}.csv")
def export_csv(request: Request, kommun: str, years: str | None = Query(None, max_length=20)):
    from lagesbild.services import skola as svc

    res = _result(request, kommun, years)
    body = neutralise_frame(svc.schools_table(res)).to_csv(index=False, sep=";", decimal=",")
    return Response("\ufeff" + body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="skolor_{res["kommun"]}.csv"'})


@router.get("/skolor/{kommun}", response_class=HTMLResponse)
def kommun_page(request: Request, kommun: str, years: str | None = Query(None, max_length=20)):
    from lagesbild.services import skola as svc

    lang = get_lang(request)
    res = _result(request, kommun, years)
    svg = svc.school_map_svg(request.app.state.data.store, res, lang=lang)
    return _render(request, "skola/kommun.html", {"r": res, "map_svg": svg, "years": years or "",
                                                  "title": t("skola.schools_of", lang, kommun=res["kommunnamn"])})


@router.get("/skolor/{kommun}/{code}", response_class=HTMLResponse)
def school_page(request: Request, kommun: str, code: str):
    from lagesbild.services import skola as svc

    lang = get_lang(request)
    res = svc.skola_school(request.app.state.data.store, code, lang=lang)
    return _render(request, "skola/skola.html", {"r": res, "s": res["skola"], "title": res["skola"]["namn"]})
