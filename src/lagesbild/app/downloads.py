"""Downloads of exactly what a page shows: CSV (one table), Excel (all tables), GeoPackage.

``/ladda-ner/{page}.{format}`` takes the page's own query parameters and builds the page's
:class:`~lagesbild.app.views.Table` objects through the same cached calls as the page.

CSV comes in two dialects: ``excel`` (the default; semicolon, decimal comma, UTF-8 with BOM,
values rounded as the page shows them, so Swedish Excel opens it as numbers) and ``maskin``
(``&dialect=maskin``: comma, decimal point, UTF-8 without BOM, full precision) for programs.
"""

from __future__ import annotations

import io

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from lagesbild.app import validate as v
from lagesbild.app.i18n import get_lang
from lagesbild.errors import InputError, NotFoundError
from lagesbild.safecells import neutralise_frame

__all__ = ["router", "page_tables"]

router = APIRouter(include_in_schema=False)
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "gpkg": "application/geopackage+sqlite3"}


def page_tables(d, page: str, params, lang: str):
    """The tables of ``page`` for the query ``params`` and, for maps, the geometry source."""
    year = params.get("year")
    year = v.year(year) if year not in (None, "") else None
    if page == "kommun":
        kommun = v.kommun_code(params.get("kommun", ""))
        d.kommun(kommun)
        year = year or d.default_year()
        return d.kommun_page(kommun, year, lang)["tables"], (kommun, "regso", None), f"kommun_{kommun}_{year}"
    if page == "omrade":
        code = v.area_code(params.get("code", ""))
        ctx = d.area_page(code, year, lang)
        return ctx["tables"], None, f"omrade_{code}_{ctx['year']}"
    if page == "karta":
        kommun = v.kommun_code(params.get("kommun", ""))
        level = v.level(params.get("level", "regso"))
        variable = v.variable(params.get("variable", "omradestyp"))
        version = v.version(params.get("version"))
        year = year or d.default_year()
        ctx = d.map_page(kommun, level, variable, year, lang, version)
        shown = ctx["values"]["geometry_version"]
        return ctx["tables"], (kommun, level, shown), f"karta_{kommun}_{level}_{variable}_{year}_{shown}"
    if page == "jamfor":
        ctx = d.compare_page(params.get("codes", ""), year, lang)
        return ctx["tables"], None, f"jamfor_{ctx['year']}"
    raise NotFoundError(f"Sidan '{page[:20]}' har inga nedladdningar.", f"The page '{page[:20]}' has no downloads.")


@router.get("/ladda-ner/{page}.{fmt}")
def download(request: Request, page: str, fmt: str, table: str | None = Query(None, max_length=40),
             dialect: str = Query("excel", max_length=10)):
    if dialect not in DIALECTS:
        raise v._bad("dialect", "excel eller maskin", "excel or maskin", dialect)
    if fmt not in FORMATS:
        raise InputError(f"Formatet måste vara csv, xlsx eller gpkg. Fick {fmt[:10]!r}.",
                         f"The format must be csv, xlsx or gpkg. Got {fmt[:10]!r}.")
    d = request.app.state.data
    lang = get_lang(request)
    tables, geo, stem = page_tables(d, page, request.query_params, lang)
    if fmt == "csv":
        tab = next((x for x in tables if x.id == table), None) if table else tables[0]
        if tab is None:
            raise NotFoundError(f"Tabellen '{table}' finns inte på sidan.", f"The table '{table}' is not on the page.")
        body = csv_bytes(tab, dialect)
        name = f"{stem}_{tab.id}{'' if dialect == 'excel' else '_maskin'}.csv"
    elif fmt == "xlsx":
        import pandas as pd

        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xw:
            for tab in tables:
                neutralise_frame(rounded_frame(tab)).to_excel(xw, sheet_name=tab.id[:31], index=False)
        body, name = buf.getvalue(), f"{stem}.xlsx"
    else:
        body, name = _gpkg(d, tables, geo, stem)
    return Response(body, media_type=FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store"})


DIALECTS = ("excel", "maskin")
#: Decimals as the page shows them, per column kind (``num``: the page's adaptive rule).
DECIMALS = {"int": 0, "pct": 1}


def _shown_decimals(kind: str, value: float) -> int:
    if kind in DECIMALS:
        return DECIMALS[kind]
    a = abs(value)
    return 0 if (value == int(value) and a >= 1) or a >= 1000 else (1 if a >= 10 else 3)


def _is_number(x) -> bool:
    import numbers

    return isinstance(x, numbers.Real) and not isinstance(x, bool) and x == x


def rounded_frame(tab):
    """The table as shown, numbers rounded to the decimals the page shows (numbers stay numbers)."""
    frame = tab.frame()
    for i, (_, _, kind) in enumerate(tab.cols):
        if kind in ("int", "pct", "num"):
            frame.isetitem(i, [(int(round(float(x))) if kind == "int" else
                                round(float(x), _shown_decimals(kind, float(x)))) if _is_number(x) else None
                               for x in frame.iloc[:, i].astype(object)])
    return frame


def _excel_cell(x, kind: str):
    """One number as Swedish Excel reads it: decimal comma, no thousands separator, ASCII minus."""
    if not _is_number(x):
        return x
    d = _shown_decimals(kind, float(x))
    return f"{float(x):.{d}f}".replace(".", ",")


def csv_bytes(tab, dialect: str = "excel") -> bytes:
    """One table as CSV in ``dialect`` (see the module docstring)."""
    frame = tab.frame()
    if dialect == "maskin":
        for i, (_, _, kind) in enumerate(tab.cols):
            if kind == "int":
                frame.isetitem(i, [int(x) if _is_number(x) else None for x in frame.iloc[:, i].astype(object)])
        return neutralise_frame(frame).to_csv(index=False).encode("utf-8")
    for i, (_, _, kind) in enumerate(tab.cols):
        if kind in ("int", "pct", "num"):
            frame.isetitem(i, [_excel_cell(x, kind) for x in frame.iloc[:, i].astype(object)])
    return neutralise_frame(frame).to_csv(index=False, sep=";").encode("utf-8-sig")


def _gpkg(d, tables, geo, stem):
    import tempfile
    from pathlib import Path

    from lagesbild.services.web import geometry_version

    if geo is None:
        raise NotFoundError("Sidan har ingen karta; välj CSV eller Excel.",
                            "The page has no map; choose CSV or Excel.")
    kommun, level, version = geo
    version = geometry_version(d.store, kommun, level, version)
    g = d.store.geometries(level=level, kommun=kommun, version=version)[["code", "geometry"]]
    tab = next(x for x in tables if any(kind == "area" for _, _, kind in x.cols))
    code_col = next(c for c, _, kind in tab.cols if kind == "area")
    frame = tab.frame()
    header = next(h for c, h, _ in tab.cols if c == code_col)
    out = g.merge(frame, left_on="code", right_on=header, how="inner")
    if header != "code":
        out = out.drop(columns=[header])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{stem}.gpkg"
        out.to_file(path, layer=tab.id, driver="GPKG")
        return path.read_bytes(), path.name
