"""Use cases of the web app that the other services do not cover.

The web app's pages and its JSON API both call these functions (and
:mod:`lagesbild.services.lagesbild` for profiles, områdestyper and indicator panels), so that
no logic lives in the HTTP layer. Every function reads the store through its public methods
with parameterised queries.

Public functions::

    search_kommuner(store, q=None)
    map_levels(store, kommun)
    geometry_geojson(store, kommun, level, version=None)
    map_variables(store, kommun, level)
    map_values(store, kommun, level, variable, year, settings=None)
    area_history(store, code, version)
    kommun_measures(store, kommun, year, level="regso")
    kommun_trend(store, kommun)
    compare_kommuner(store, codes, year, settings=None)
    compare_areas(store, codes, year, settings=None)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["search_kommuner", "map_levels", "geometry_geojson", "map_variables", "map_values",
           "area_history", "kommun_measures", "kommun_trend", "compare_kommuner",
           "compare_areas", "MAP_LEVELS", "SEGREGATION_GROUPS"]

#: Area levels the map can show.
MAP_LEVELS = ("regso", "deso")
#: The two groups of the segregation measures shown on the kommun page.
SEGREGATION_GROUPS = ("fodda_utrikes", "fodda_i_sverige")
#: Crosswalk notes that mean the same code covers the same area.
_EXACT_NOTES = ("samma namn",)


def search_kommuner(store: Store, q: str | None = None) -> pd.DataFrame:
    """Kommuner whose name or code contains ``q`` (case-insensitive), with their län.

    Names match without diacritics (``goteborg`` finds Göteborg, ``malmo`` Malmö); a code of
    fewer than four digits that is a kommun code without its leading zero finds that kommun
    (``127`` → Botkyrka 0127).

    Parameters
    ----------
    store : Store
        The open store.
    q : str, optional
        Search text (None or empty: every kommun).

    Returns
    -------
    DataFrame
        ``code, name, lan, lan_name`` sorted by name.
    """
    k = store.areas(level="kommun")[["code", "name", "lan"]]
    lan = store.areas(level="lan")[["code", "name"]].rename(columns={"code": "lan", "name": "lan_name"})
    k = k.merge(lan, on="lan", how="left")
    if q:
        q = q.strip()
        if q.isdigit() and len(q) < 4 and (k["code"] == q.zfill(4)).any():
            k = k[k["code"] == q.zfill(4)]  # a code written without its leading zero: 127 → 0127
        else:
            folded = fold(q)
            hit = k["name"].map(fold).str.contains(folded, regex=False) | k["code"].str.startswith(q)
            k = k[hit]
    return k.sort_values("name", key=lambda s: s.str.casefold()).reset_index(drop=True)


def fold(text: str) -> str:
    """``text`` for searching: case folded and without diacritics (Göteborg → goteborg, Å → a)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", str(text).casefold()) if not unicodedata.combining(c))


def map_levels(store: Store, kommun: str) -> list[dict[str, Any]]:
    """Levels (RegSO, DeSO) with boundaries in the kommun: ``[{level, version, n}]``.

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.

    Returns
    -------
    list of dict
        One per level and boundary version, newest first.
    """
    from lagesbild.services import area_index

    return area_index.boundary_levels(store, kommun)  # one read for every kommun per generation


def geometry_version(store, kommun: str, level: str, version: str | None = None) -> str:
    have = [r["version"] for r in map_levels(store, kommun) if r["level"] == level]
    if version is not None and version in have:
        return version
    if not have:
        raise NotFoundError(
            f"Kommun {kommun} har inga gränser på nivån {level} i lagret; gränser finns för "
            "Göteborgsregionen, Stockholms län och Dalarna.",
            f"The kommun {kommun} has no boundaries at level {level} in the store; boundaries "
            "exist for Göteborgsregionen, Stockholms län and Dalarna.")
    if version is not None:  # an unknown version is bad input (422), listing those there are
        raise InputError(*pair("fetch.no_boundary_version", version=version, kommun=kommun, level=level,
                               versions=", ".join(have)))
    return have[0]


def geometry_geojson(store: Store, kommun: str, level: str, version: str | None = None,
                     precision: int = 5) -> tuple[bytes, str]:
    """The kommun's simplified boundaries at ``level`` as GeoJSON in EPSG:4326.

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.
    level, version : str
        Area level (regso, deso) and boundary version (None: the newest).
    precision : int, default 5
        Decimals of the coordinates.

    Returns
    -------
    (bytes, str)
        The serialised FeatureCollection (properties ``code, name``; coordinates rounded to
        ``precision`` decimals) and the boundary version.
    """
    import numpy as np
    import shapely

    version = geometry_version(store, kommun, level, version)
    g = store.geometries(level=level, kommun=kommun, version=version, simplified=True)
    g = g.to_crs("EPSG:4326")
    geoms = shapely.transform(g.geometry.values, lambda c: np.round(c, precision))
    feats = []
    for code, name, geom in zip(g["code"], g["name"], geoms):
        if geom is None or geom.is_empty:
            continue
        feats.append({"type": "Feature", "id": code, "properties": {"code": code, "name": name},
                      "geometry": json.loads(shapely.to_geojson(geom))})
    fc = {"type": "FeatureCollection", "name": f"{kommun}_{level}_{version}",
          "crs_note": "EPSG:4326", "features": feats}
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), version


def map_variables(store: Store, kommun: str, level: str) -> list[dict[str, Any]]:
    """Variables with values at ``level`` in the kommun, with their years.

    Shares whose numerator and denominator are stored (e.g. andel födda utomlands) are
    included; they are computed by the store's aggregation rules.

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.
    level : str
        Area level.

    Returns
    -------
    list of dict
        One per variable, with its label, unit, kind and years.
    """
    df = store.sql(
        "SELECT o.variable, o.year, o.area_version FROM observations o JOIN areas a "
        "ON a.code = o.area_code AND a.version = o.area_version WHERE a.kommun = ? "
        "AND a.level = ? GROUP BY 1, 2, 3", [kommun, level])
    meta = store.variables()
    years: dict[str, set] = {}
    for r in df.itertuples():
        years.setdefault(r.variable, set()).add(int(r.year))
    for var, row in meta.iterrows():
        if row["kind"] == "share" and isinstance(row["numerator"], str) and var not in years:
            common = years.get(row["numerator"], set()) & years.get(row["denominator"], set())
            if common:
                years[var] = common
    out = []
    for var in sorted(years, key=lambda v: (v != "omradestyp", str(meta.loc[v, "label_sv"]))):
        m = meta.loc[var]
        out.append({"variable": var, "label_sv": m["label_sv"], "label_en": m["label_en"] or m["label_sv"],
                    "unit": m["unit"], "kind": m["kind"], "years": sorted(years[var])})
    return out


def _values_at(store, kommun, level, variable, year):
    """Stored values, or a share computed from its stored numerator and denominator."""
    import pandas as pd

    from lagesbild.store.aggregate import aggregate

    obs = store.observations([variable], level=level, kommun=kommun, year=year)
    if not obs.empty:
        return obs[["area_code", "area_version", "value"]]
    meta = store.variables()
    m = meta.loc[variable]
    if m["kind"] != "share" or not isinstance(m["numerator"], str):
        return pd.DataFrame(columns=["area_code", "area_version", "value"])
    low = store.observations([m["numerator"], m["denominator"]], level=level, kommun=kommun, year=year)
    if low.empty:
        return pd.DataFrame(columns=["area_code", "area_version", "value"])
    versions = low.drop_duplicates("area_code").set_index("area_code")["area_version"]
    ident = pd.DataFrame({"from_code": versions.index, "to_code": versions.index})
    agg = aggregate(low, ident, [variable], meta)
    return agg.assign(area_version=agg["area_code"].map(versions))[["area_code", "area_version", "value"]]


def map_values(store: Store, kommun: str, level: str, variable: str, year: int,
               settings: Settings | None = None, version: str | None = None) -> dict[str, Any]:
    """Values of one variable and year for every mapped area of the kommun.

    Statistics kept on another area version than the boundaries (RegSO 2020 values on RegSO
    2025 boundaries) are joined through the store's same-code crosswalk; areas whose name or
    DeSO composition changed are flagged ``approximate``. For ``omradestyp``, areas whose
    reconstructed class is uncertain are flagged ``uncertain`` where the index exists.

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.
    level, variable, year, settings, version : str, str, int, Settings or None, str or None
        Area level, variable, year, suppression thresholds, boundary version (None: the newest).

    Returns
    -------
    dict
        ``kommun, level, variable, label, unit, kind, year, geometry_version, data_version,
        rows`` (DataFrame: code, name, value, approximate, uncertain, note), ``notes``.
    """
    import pandas as pd

    from lagesbild.services.store import require_kommun

    require_kommun(store, kommun)
    if level not in MAP_LEVELS:
        raise InputError(f"Parametern 'level' måste vara regso eller deso. Fick {level!r}.",
                         f"The 'level' parameter must be regso or deso. Got {level!r}.")
    meta = store.variables()
    if variable not in meta.index:
        raise NotFoundError(f"Variabeln '{variable}' finns inte i lagret.",
                            f"The variable '{variable}' is not in the store.")
    avail = {v["variable"]: v["years"] for v in map_variables(store, kommun, level)}
    if year not in avail.get(variable, []):
        raise NotFoundError(
            f"Värden för {variable} år {year} saknas på nivån {level} i kommun {kommun}; "
            f"år med värden: {', '.join(map(str, avail.get(variable, []))) or 'inga'}.",
            f"Values of {variable} for {year} are missing at level {level} in kommun {kommun}; "
            f"years with values: {', '.join(map(str, avail.get(variable, []))) or 'none'}.")
    gver = geometry_version(store, kommun, level, version)
    areas = store.areas(level=level, kommun=kommun, version=gver)[["code", "name"]]
    vals = _values_at(store, kommun, level, variable, year)
    dver = vals["area_version"].mode().iloc[0] if not vals.empty else gver
    vals = vals[vals["area_version"] == dver]
    notes = []
    if dver == gver:
        rows = areas.merge(vals[["area_code", "value"]], left_on="code", right_on="area_code", how="left")
        rows = rows.assign(approximate=False, note="")
    else:
        key = store.area_keys(from_version=dver, to_version=gver)
        key = key[key["from_code"].isin(vals["area_code"])]
        j = vals.merge(key[["from_code", "to_code", "note"]], left_on="area_code", right_on="from_code")
        rows = areas.merge(j[["to_code", "value", "note"]], left_on="code", right_on="to_code", how="left")
        rows["note"] = rows["note"].fillna("")
        rows["approximate"] = rows["value"].notna() & ~rows["note"].isin(_EXACT_NOTES)
        notes.append(f"Värdena gäller {dver} och visas på gränserna {gver} via samma kod; områden "
                     "där namnet eller DeSO-indelningen ändrats är markerade som ungefärliga.")
    rows["uncertain"] = False
    if variable == "omradestyp":
        unc = _uncertain_types(store, kommun, year, settings)
        if unc:
            rows["uncertain"] = rows["code"].isin(unc)
            notes.append("Osäker klassning: typen ändras om indikatorerna flyttas ± 0,5 "
                         "procentenheter (beräknad av lagesbild).")
    rows = rows[["code", "name", "value", "approximate", "uncertain", "note"]]
    rows = rows.sort_values("code").reset_index(drop=True)
    m = meta.loc[variable]
    return {"kommun": kommun, "level": level, "variable": variable, "label": m["label_sv"],
            "label_en": m["label_en"] or m["label_sv"], "unit": m["unit"], "kind": m["kind"],
            "year": int(year), "geometry_version": gver, "data_version": dver,
            "rows": rows.astype({"value": "float64"}) if not rows.empty else pd.DataFrame(rows),
            "notes": notes}


def _uncertain_types(store, kommun, year, settings) -> set:
    from lagesbild.services.lagesbild import socioekonomiskt_index

    try:
        sei = socioekonomiskt_index(store, kommun, settings=settings)
    except NotFoundError:
        return set()
    a = sei["areas"]
    a = a[(a["year"] == year) & a["osaker_klassning"].fillna(False).astype(bool)]
    return set(a["area_code"])


def area_history(store: Store, code: str, version: str) -> dict[str, Any]:
    """Områdestyp per year and the stored values per variable and year of one area.

    Parameters
    ----------
    store : Store
        The open store.
    code, version : str
        The area's code and version.

    Returns
    -------
    dict
        ``types`` (DataFrame year, omradestyp, label), ``values`` (DataFrame variable,
        label, unit, year, value; counts and shares only, suppressed below the settings'
        thresholds are left to the panel).
    """
    from lagesbild.typology.omradestyp import TYPE_LABELS

    obs = store.observations(None, codes=[code], version=version)
    types = obs[obs["variable"] == "omradestyp"][["year", "value"]].rename(columns={"value": "omradestyp"})
    types = types.assign(omradestyp=types["omradestyp"].astype(int))
    types["label"] = types["omradestyp"].map(TYPE_LABELS)
    meta = store.variables()
    vals = obs[~obs["variable"].str.match(r"^folkmangd_\d")]
    vals = vals[vals["variable"] != "omradestyp"][["variable", "year", "value"]]
    vals = vals.assign(label=vals["variable"].map(meta["label_sv"]), unit=vals["variable"].map(meta["unit"]))
    return {"types": types.sort_values("year").reset_index(drop=True),
            "values": vals[["variable", "label", "unit", "year", "value"]].reset_index(drop=True)}


def kommun_measures(store: Store, kommun: str, year: int, level: str = "regso",
                    n_sim: int = 199) -> list[dict[str, Any]]:
    """Segregation between people born abroad and born in Sweden, with 95 % intervals.

    A thin view of :func:`lagesbild.services.measures.segregation_indices` (bias-corrected
    bootstrap; isolation is that of people born abroad). Returns one row per index:
    ``index, label, label_en, value, value_plugin, ci_low, ci_high, n_units, n_pop, year, level,
    groups, method``; an empty list when the counts are missing.

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.
    year, level, n_sim : int, str, int
        The year, the unit level and the number of bootstrap draws.

    Returns
    -------
    list of dict
        The rows described above.
    """
    from lagesbild.services.measures import segregation_indices

    try:
        df = segregation_indices(store, kommun, years=[year], groups=SEGREGATION_GROUPS,
                                 indices=("dissimilarity", "isolation", "entropy"), level=level,
                                 ci=True, n_boot=n_sim, seed=20240101, focal="fodda_utrikes")
    except NotFoundError:
        return []
    df = df.rename(columns={"label_sv": "label"})
    keep = ["index", "label", "label_en", "value", "value_plugin", "ci_low", "ci_high", "n_units", "n_pop",
            "year", "level", "groups", "method"]
    return df[keep].to_dict("records")


def kommun_trend(store: Store, kommun: str) -> pd.DataFrame:
    """Kommun population and share born abroad per year (aggregated by the store's rules).

    Parameters
    ----------
    store, kommun : Store, str
        The open store and the kommun code.

    Returns
    -------
    DataFrame
        ``year, folkmangd, andel_utrikes_fodda``.
    """
    from lagesbild.services import national_reads

    wide = national_reads.kommun_wide(store, ("folkmangd", "andel_utrikes_fodda")).get(kommun)
    if wide is not None:  # from one pass over every kommun
        return wide.copy()
    df = store.observations_at(["folkmangd", "andel_utrikes_fodda"], level="kommun", kommun=kommun)
    if df.empty:
        return df.assign(folkmangd=[], andel_utrikes_fodda=[])[["year"]]
    wide = df.pivot_table(index="year", columns="variable", values="value", aggfunc="first")
    return wide.reset_index().rename_axis(columns=None)


def compare_kommuner(store: Store, codes: list[str], year: int, settings: Settings | None = None) -> pd.DataFrame:
    """Områdestyper shares and population of two to four kommuner side by side.

    Parameters
    ----------
    store : Store
        The open store.
    codes, year, settings : list of str, int, Settings or None
        Two to four kommun codes, the year and the suppression thresholds.

    Returns
    -------
    DataFrame
        One row per kommun: ``code, name, population, share_population_12,
        share_population_45`` and ``typ_1`` … ``typ_5`` (share of the population, %).
    """
    import pandas as pd

    from lagesbild.services.lagesbild import omradestyper_table

    _check_count(codes)
    rows = []
    for c in codes:
        t = omradestyper_table(store, kommun=c, years=[year], settings=settings)
        s = {f["id"]: f["value"] for f in t["summary"]}
        r = {"code": c, "name": t["scope"]["name"], "population": s.get("population"),
             "share_population_12": s.get("share_population_12"),
             "share_population_45": s.get("share_population_45")}
        for tr in t["table"].itertuples(index=False):
            r[f"typ_{int(tr.omradestyp)}"] = tr.share_population
        rows.append(r)
    return pd.DataFrame(rows)


def compare_areas(store: Store, codes: list[str], year: int,
                  settings: Settings | None = None) -> tuple[list[dict[str, Any]], pd.DataFrame]:
    """The indicator panels of two to four areas side by side.

    Parameters
    ----------
    store : Store
        The open store.
    codes, year, settings : list of str, int, Settings or None
        Two to four area codes, the year and the suppression thresholds.

    Returns
    -------
    (list of dict, DataFrame)
        The areas (code, name, level, kommun, omradestyp) and one row per indicator with a
        value in at least one area: ``id, label, unit``, one value column per area code and the
        references ``kommun_<kod>`` (each area's kommun) and ``riket``.
    """
    import pandas as pd

    from lagesbild.services.lagesbild import area_indicators

    _check_count(codes)
    heads: list[dict[str, Any]] = []
    table: dict[str, dict[str, Any]] = {}
    for c in codes:
        p = area_indicators(store, c, year, settings=settings)
        t = p["omradestyp"]
        heads.append(p["area"] | {"omradestyp": None if t is None else int(t["value"]),
                                  "omradestyp_label": None if t is None else t["label"]})
        for r in p["indicators"]:
            row = table.setdefault(r["id"], {"id": r["id"], "label": r["label"], "unit": r["unit"]})
            row[p["area"]["code"]] = r.get("value")
            row[f"kommun_{p['area']['kommun']}"] = r.get("kommun_value")  # reference values
            row["riket"] = r.get("riket_value")
    df = pd.DataFrame(list(table.values()))
    vcols = [h["code"] for h in heads]
    df = df[df[vcols].notna().any(axis=1)].reset_index(drop=True)
    return heads, df


def _check_count(codes):
    if not 2 <= len(codes) <= 4 or len(set(codes)) != len(codes):
        raise InputError("Jämför två till fyra olika koder (parametern 'codes').",
                         "Compare two to four different codes (the 'codes' parameter).")


def national_overview(store, year: int, width: int = 360) -> dict:
    """Every kommun with its share of the population in områdestyp 1–2 and an SVG outline.

    Returns
    -------
    dict
        ``year``, ``viewbox`` (SVG, north up, EPSG:3006 metres scaled to ``width``), ``kommuner``
        (``code, name, share`` (percent or None), ``cls`` (class index into
        :data:`lagesbild.typology.palette.SHARE_12_COLORS`), ``d`` (SVG path)), ``n_with_share``,
        ``n`` and the ``classes`` (``color, low, high``).
    """
    from lagesbild.services.kommun_blocks import national_summary
    from lagesbild.typology.palette import SHARE_12_BREAKS, SHARE_12_COLORS

    s = national_summary(store, year)
    share = s[s["level"] == "kommun"].set_index("unit")["share_population_12"].to_dict()
    g = store.geometries(level="kommun", simplified=True)
    if g.empty:
        raise NotFoundError("Lagret har inga kommungränser.", "The store holds no kommun boundaries.")
    viewbox, paths = svg_paths(g, width)
    out = []
    for code, name, d in paths:
        v = share.get(code)
        v = None if v is None or v != v else float(v)
        cls = None if v is None else sum(v > b for b in SHARE_12_BREAKS)
        out.append({"code": code, "name": name, "share": v, "cls": cls, "d": d})
    bounds = [None, *SHARE_12_BREAKS]
    classes = [{"color": c, "low": bounds[i], "high": SHARE_12_BREAKS[i] if i < len(SHARE_12_BREAKS) else None}
               for i, c in enumerate(SHARE_12_COLORS)]
    return {"year": year, "viewbox": viewbox, "kommuner": out, "classes": classes,
            "n": len(out), "n_with_share": sum(k["share"] is not None for k in out)}


def svg_paths(g, width: int) -> tuple[str, list[tuple[str, str, str]]]:
    """Polygons of a GeoDataFrame in EPSG:3006 as SVG paths (north up, ``width`` wide).

    Returns the ``viewBox`` and ``(code, name, d)`` per feature with a geometry.
    """
    import shapely

    minx, miny, maxx, maxy = g.total_bounds
    scale = width / max(maxx - minx, 1.0)
    height = (maxy - miny) * scale
    out = []
    for code, name, geom in zip(g["code"], g["name"], g.geometry):
        if geom is None or geom.is_empty:
            continue
        geom = geom.simplify(2.0 / scale)  # about half an SVG pixel
        parts = []
        for poly in getattr(geom, "geoms", [geom]):
            for ring in [poly.exterior, *poly.interiors]:
                xy = shapely.get_coordinates(ring)
                pts = " ".join(f"{(x - minx) * scale:.1f},{(maxy - y) * scale:.1f}" for x, y in xy)
                parts.append(f"M{pts}Z")
        out.append((code, name, "".join(parts)))
    return f"0 0 {width} {height:.0f}", out


def area_locator(store, code: str, width: int = 260) -> dict | None:
    """The area among the other areas of its kommun at the same level, as SVG paths (None when
    the store has no boundaries for them): ``viewbox`` and ``areas`` (``code, name, d, focal``)."""
    a = store.areas(codes=[code])
    if a.empty:
        return None
    row = a.iloc[0]
    try:
        version = geometry_version(store, row["kommun"], row["level"])
    except NotFoundError:
        return None
    g = store.geometries(level=row["level"], kommun=row["kommun"], version=version, simplified=True)
    if g.empty or code not in set(g["code"]):
        return None
    viewbox, paths = svg_paths(g, width)
    return {"viewbox": viewbox, "version": version,
            "areas": [{"code": c, "name": n, "d": d, "focal": c == code} for c, n, d in paths]}


def indicator_definitions() -> dict[str, dict]:
    """What each indicator of the area panel measures: ``{id: {numerator, denominator, age_band,
    source, unit, higher_is_better}}`` (the declarations of :mod:`lagesbild.typology.indicators`)."""
    from lagesbild.typology.indicators import CATALOGUE

    return {i.id: {"numerator": i.numerator, "denominator": i.denominator, "age_band": i.age_band,
                   "source": i.source_table, "unit": i.unit, "higher_is_better": i.higher_is_better}
            for i in CATALOGUE}


def resolve_compare(store, text: str) -> str:
    """Kommun or area names (or codes) separated by commas → the codes, comma-separated.

    A name matches without case or diacritics (``goteborg, stockholm``; ``Rinkeby``); a kommun code
    may lack its leading zero. A name that matches nothing, or several areas, is refused naming it.
    """
    import re

    out = []
    kommuner = store.areas(level="kommun")[["code", "name"]]
    kfold = {fold(n): c for c, n in zip(kommuner["code"], kommuner["name"])}
    areas = None
    for token in [x.strip() for x in (text or "").split(",") if x.strip()]:
        if re.fullmatch(r"\d{4}|\d{4}R\d{3}|\d{4}[ABC]\d{4}", token):
            out.append(token)
        elif token.isdigit() and len(token) < 4 and token.zfill(4) in set(kommuner["code"]):
            out.append(token.zfill(4))
        elif fold(token) in kfold:
            out.append(kfold[fold(token)])
        else:
            if areas is None:
                a = store.areas(level="regso")[["code", "name", "kommun"]].drop_duplicates("code")
                areas = a.assign(f=a["name"].map(fold))
            hit = areas[areas["f"] == fold(token)]
            if len(hit) != 1:
                raise InputError(
                    f"Parametern 'codes': '{token[:40]}' är ingen kommun och inget RegSO-område i lagret"
                    + (f" (flera områden heter så: {', '.join(hit['code'].head(4))})." if len(hit) else "."),
                    f"The 'codes' parameter: '{token[:40]}' is no municipality and no RegSO area in the store"
                    + (f" (several areas have that name: {', '.join(hit['code'].head(4))})." if len(hit) else "."))
            out.append(hit["code"].iloc[0])
    return ",".join(out)
