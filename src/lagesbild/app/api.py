"""The versioned JSON API (``/api/v1``); every endpoint calls the same services as the pages.

Malformed codes and years give 422, unknown ones 404, both as
``{"error": {"status", "message", "message_sv", "message_en"}}``.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from lagesbild.app import validate as v
from lagesbild.errors import NotFoundError

__all__ = ["router", "geojson_response"]

router = APIRouter(prefix="/api/v1", tags=["api"])
MAX_ROWS = 50_000


def _data(request: Request):
    return request.app.state.data


def _json(obj, max_age: int = 300) -> JSONResponse:
    from lagesbild.services.kommun_blocks import to_jsonable

    return JSONResponse(to_jsonable(obj), headers={"Cache-Control": f"public, max-age={max_age}"})


@router.get("/status", summary="Serverns läge: version och uppvärmning av kommunsidorna")
def status(request: Request):
    from lagesbild._version import __version__

    warm = getattr(request.app.state, "warmup", None)
    state = dict(warm.state) if warm is not None else {"status": "av", "sidor": False, "klara": 0, "kommuner": 0}
    return JSONResponse({"version": __version__, "uppvarmning": state}, headers={"Cache-Control": "no-store"})


@router.get("/kommuner", summary="Kommuner (sök på namn eller kod)")
def kommuner(request: Request, q: str | None = Query(None, max_length=60, description="Del av namn eller kod")):
    return _json(_data(request).kommuner(q))


@router.get("/kommuner/{kommun}", summary="En kommun")
def kommun(request: Request, kommun: str):
    d = _data(request)
    k = d.kommun(v.kommun_code(kommun))
    return _json(k | {"map_levels": d.map_levels(kommun), "types_years": d.types_years()})


@router.get("/kommuner/{kommun}/profile", summary="Kommunens lägesbild (services_lagesbild.kommun_profile)")
def profile(request: Request, kommun: str, year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX),
            level: str = Query("regso", pattern="^(regso|deso)$")):
    d = _data(request)
    v.kommun_code(kommun)
    d.kommun(kommun)
    p = d.profile(kommun, year or d.default_year(), level)
    return _json(p)


@router.get("/kommuner/{kommun}/measures", summary="Segregationsindex med 95 % intervall")
def kommun_measures(request: Request, kommun: str, year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    d = _data(request)
    d.kommun(v.kommun_code(kommun))
    year = year or d.default_year()
    rows = d.measures(kommun, year)
    if not rows:
        raise NotFoundError(f"Antal födda i Sverige och utomlands saknas för kommun {kommun} år {year}.",
                            f"Counts born in Sweden and abroad are missing for kommun {kommun} in {year}.")
    return _json(rows)


@router.get("/areas", summary="Områden i en kommun")
def areas(request: Request, kommun: str = Query(..., description="Kommunkod, t.ex. 1480"),
          level: str | None = Query(None, pattern="^(regso|deso)$"),
          version: str | None = Query(None, pattern=v.VERSION_PATTERN)):
    from lagesbild.services.store import list_areas

    d = _data(request)
    d.kommun(v.kommun_code(kommun))
    return _json(list_areas(d.store, kommun=kommun, level=level, version=version))


@router.get("/areas/{code}", summary="Ett område med dess värden (services.show_area)")
def area(request: Request, code: str, year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX),
         version: str | None = Query(None, pattern=v.VERSION_PATTERN)):
    from lagesbild.services.store import show_area

    v.area_code(code)
    return _json(show_area(_data(request).store, code, year=year, version=version))


@router.get("/areas/{code}/indicators", summary="Områdets indikatorpanel (services_lagesbild.area_indicators)")
def area_indicators(request: Request, code: str,
                    year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    d = _data(request)
    v.area_code(code)
    year = year if year is not None else d._area_year(code)
    return _json(d.area(code, year))


@router.get("/variables", summary="Variabelkatalogen")
def variables(request: Request):
    return _json(_data(request).store.variables().reset_index(drop=True), max_age=3600)


@router.get("/observations", summary="Observationer (långt format)")
def observations(request: Request, kommun: str = Query(...), variable: str | None = Query(None),
                 level: str | None = Query(None, pattern="^(regso|deso|kommun)$"),
                 year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    d = _data(request)
    d.kommun(v.kommun_code(kommun))
    if variable is not None:
        v.variable(variable)
        d.store.variable(variable)
    obs = d.store.observations(variable, level=level, kommun=kommun, year=year)
    if year is not None and obs.empty:
        raise NotFoundError(f"Inga observationer för kommun {kommun} år {year}.",
                            f"No observations for kommun {kommun} in {year}.")
    return _json({"n": int(len(obs)), "truncated": len(obs) > MAX_ROWS, "rows": obs.head(MAX_ROWS)})


@router.get("/omradestyper", summary="Områdestyper per år (services_lagesbild.omradestyper_table)")
def omradestyper(request: Request, kommun: str | None = Query(None), lan: str | None = Query(None, pattern=r"^\d{2}$"),
                 year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    from lagesbild.services.lagesbild import omradestyper_table

    d = _data(request)
    if kommun is not None:
        v.kommun_code(kommun)
    years = [year] if year is not None else None
    key = ("omradestyper_api", kommun, lan, year)
    res = d.cached(key, lambda: omradestyper_table(d.store, kommun=kommun, lan=lan,
                                                   riket=kommun is None and lan is None, years=years,
                                                   settings=d.settings))
    return _json(res)


@router.get("/omradestyper/transitions", summary="Övergångar mellan områdestyper")
def transitions(request: Request, kommun: str = Query(...),
                year_from: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX),
                year_to: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    from lagesbild.services.lagesbild import transitions as tr

    d = _data(request)
    v.kommun_code(kommun)
    return _json(d.cached(("transitions", kommun, year_from, year_to), lambda: tr(
        d.store, kommun=kommun, year_from=year_from, year_to=year_to, settings=d.settings)))


@router.get("/measures", summary="Registrerade segregationsmått")
def measures():
    from lagesbild.services.measures import registry

    rows = []
    for m in registry.values():
        r = m.as_dict()
        rows.append({k: r.get(k) for k in ("id", "name_sv", "name_en", "family", "kind", "spatial")})
    return _json(rows, max_age=3600)


@router.get("/map/{kommun}", summary="Värden för kartan (ett värde per område med gräns)")
def map_values(request: Request, kommun: str, level: str = Query("regso"), variable: str = Query("omradestyp"),
               year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX),
               version: str | None = Query(None, pattern=v.VERSION_PATTERN)):
    d = _data(request)
    v.kommun_code(kommun)
    v.level(level)
    v.variable(variable)
    res = d.map_values(kommun, level, variable, year if year is not None else d.default_year(), version)
    return _json(res)


@router.get("/geometries/{kommun}", summary="Förenklade gränser som GeoJSON (EPSG:4326)",
            response_class=Response)
def geometries(request: Request, kommun: str, level: str = Query("regso"),
               version: str | None = Query(None, pattern=v.VERSION_PATTERN)):
    v.kommun_code(kommun)
    v.level(level)
    return geojson_response(request, _data(request).geojson(kommun, level, version))


def geojson_response(request: Request, g: dict) -> Response:
    """The cached GeoJSON, gzip-compressed when the client accepts it; 304 on a matching ETag."""
    headers = {"ETag": g["etag"], "Cache-Control": "public, max-age=3600", "Vary": "Accept-Encoding",
               "X-Boundary-Version": g["version"]}
    if request.headers.get("if-none-match") == g["etag"]:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(g["gzip"], media_type="application/geo+json",
                        headers=headers | {"Content-Encoding": "gzip"})
    return Response(g["body"], media_type="application/geo+json", headers=headers)


@router.get("/compare", summary="Två till fyra kommuner eller områden sida vid sida")
def compare(request: Request, codes: str = Query(..., max_length=80),
            year: int | None = Query(None, ge=v.YEAR_MIN, le=v.YEAR_MAX)):
    from lagesbild.services.web import compare_areas, compare_kommuner

    d = _data(request)
    kind, cl = v.code_list(codes)
    year = year or d.default_year()
    if kind == "kommun":
        return _json({"kind": kind, "year": year, "rows": d.cached(
            ("cmpk", tuple(cl), year), lambda: compare_kommuner(d.store, cl, year, settings=d.settings))})
    heads, table = d.cached(("cmpa", tuple(cl), year),
                            lambda: compare_areas(d.store, cl, year, settings=d.settings))
    return _json({"kind": kind, "year": year, "areas": heads, "rows": table})
