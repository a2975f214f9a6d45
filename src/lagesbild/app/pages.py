"""Server-rendered pages: start, kommun, map, area, compare, API docs, language (the report page: report_pages)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from lagesbild.app import validate as v
from lagesbild.app._render import cached_page, render, render_cached
from lagesbild.app.i18n import get_lang, t

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Year = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)


def _data(request: Request):
    return request.app.state.data


@router.get("/", response_class=HTMLResponse)
def start(request: Request, q: str | None = Query(None, max_length=60)):
    d = _data(request)
    if not q:
        return render_cached(request, "start.html", lambda: {
            "q": "", "hits": None, "kommuner": d.kommuner(), "overview": d.overview(d.default_year()),
            "title": t("choose_kommun", get_lang(request))}, "start")
    hits = d.kommuner(q)
    if hits is not None and len(hits) == 1:
        return RedirectResponse(f"/kommun/{hits['code'].iloc[0]}", status_code=303)
    return render(request, "start.html", {"q": q or "", "hits": hits, "kommuner": d.kommuner(),
                                          "title": t("choose_kommun", get_lang(request))})


@router.get("/sprak/{lang}")
def language(lang: str, next: str | None = Query(None, max_length=500)):
    if lang not in ("sv", "en"):
        from lagesbild.errors import InputError

        raise InputError(f"Språket måste vara sv eller en. Fick {lang[:10]!r}.",
                         f"The language must be sv or en. Got {lang[:10]!r}.")
    resp = RedirectResponse(v.safe_next(next), status_code=303)
    resp.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return resp


@router.get("/kommun/{kommun}", response_class=HTMLResponse)
async def kommun(request: Request, kommun: str, year: int | None = Year):
    # a page already made is answered on the event loop; a first visit is built in the thread pool
    return cached_page(request) or await run_in_threadpool(_kommun, request, kommun, year)


def _kommun(request: Request, kommun: str, year: int | None):
    d = _data(request)
    lang = get_lang(request)
    v.kommun_code(kommun)
    k = d.kommun(kommun)
    year = year or d.default_year()
    return render_cached(request, "kommun.html", lambda: d.kommun_page(kommun, year, lang) | {
        "k": k, "year": year, "years": d.types_years(), "title": k["name"],
        "map_levels": d.map_levels(kommun)}, (kommun, year))


@router.get("/karta", response_class=HTMLResponse)
def map_page(request: Request, kommun: str | None = Query(None), level: str = Query("regso"),
             variable: str = Query("omradestyp"), year: int | None = Year,
             version: str | None = Query(None, max_length=40)):
    d = _data(request)
    lang = get_lang(request)
    if kommun is None:
        with_geo = d.cached(("with_geo",), lambda: d.store.sql(
            "SELECT DISTINCT a.kommun FROM area_geometries g JOIN areas a ON a.code = g.code AND "
            "a.version = g.version WHERE a.level IN ('regso', 'deso')")["kommun"].tolist())
        ks = d.kommuner()
        return render(request, "map_choose.html", {"kommuner": ks[ks["code"].isin(with_geo)],
                                                   "title": t("map_of", lang)})
    v.kommun_code(kommun)
    v.level(level)
    v.variable(variable)
    version = v.version(version)
    k = d.kommun(kommun)
    # only levels, layers and years with data are offered; a combination without data (a layer
    # kept when the level changes, a year kept when the layer changes) shows the nearest one
    levels = [x for x in d.map_levels(kommun) if d.map_variables(kommun, x["level"])]
    if not levels:
        from lagesbild.errors import NotFoundError

        raise NotFoundError(t("map_no_data", "sv", name=k["name"]), t("map_no_data", "en", name=k["name"]))
    asked = (level, variable, year)
    if level not in [x["level"] for x in levels]:
        level = levels[0]["level"]
    variables = d.map_variables(kommun, level)
    if variable not in [x["variable"] for x in variables]:
        variable = variables[0]["variable"]
    years = next(x["years"] for x in variables if x["variable"] == variable)
    if year not in years:
        year = d.default_year() if d.default_year() in years else years[-1]
    shown = (level, variable, year)
    fallback = asked[2] is not None and asked != shown or asked[:2] != shown[:2]
    d.geojson(kommun, level, version)  # 404 early when the kommun has no boundaries, 422 for a bad version
    return render_cached(request, "map.html", lambda: d.map_page(kommun, level, variable, year, lang, version) | {
        "k": k, "level": level, "variable": variable, "year": year, "years": years,
        "variables": variables, "levels": levels, "title": f"{t('map_of', lang)} {k['name']}",
        "fallback": fallback, "version": version,
        "params": f"kommun={kommun}&level={level}&variable={variable}&year={year}"
                  + (f"&version={version}" if version else "")},
        (kommun, level, variable, year, version))


@router.get("/omrade/{code}", response_class=HTMLResponse)
def area(request: Request, code: str, year: int | None = Year):
    d = _data(request)
    v.area_code(code)
    lang = get_lang(request)

    def ctx():
        c = d.area_page(code, year, lang)
        return c | {"title": c["area"]["name"]}

    return render_cached(request, "area.html", ctx, (code, year))


@router.get("/jamfor", response_class=HTMLResponse)
def compare(request: Request, codes: str | None = Query(None, max_length=80), year: int | None = Year):
    d = _data(request)
    lang = get_lang(request)
    ctx: dict[str, Any] = {"codes": codes or "", "title": t("compare", lang), "tables": [], "chart": None}
    if codes:
        from lagesbild.services.web import resolve_compare

        resolved = resolve_compare(d.store, codes)  # names (without diacritics) or codes
        if resolved != codes:
            return RedirectResponse(f"/jamfor?codes={resolved}" + (f"&year={year}" if year else ""),
                                    status_code=303)
        ctx |= d.compare_page(codes, year, lang)
    return render(request, "compare.html", ctx)


@router.get("/api/v1/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    spec = request.app.openapi()
    ops = []
    for path, items in spec["paths"].items():
        for method, op in items.items():
            params = [(p["name"], p["in"], p.get("required", False), p.get("description", ""))
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params})
    return render(request, "api_docs.html", {"ops": ops, "title": t("api_title", get_lang(request))})
