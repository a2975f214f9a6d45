"""Use cases for schools and likvärdighet: a kommun's schools, one school, fetching from Skolverket.

The JSON keys are stable and documented in docs/skola.md. Years follow the store's convention
(2025 = läsår 2024/25). Every measure is labelled as segregation of *results*, not of pupils'
background (``etikett``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair, t

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild._config import Settings
    from lagesbild.sources.skolverket import SkolverketClient
    from lagesbild.store.db import Store

__all__ = ["skola_kommun", "skola_school", "fetch_skolverket", "schools_table", "school_map_svg", "demo"]

_KOMMUN = re.compile(r"^\d{4}$")
_CODE = re.compile(r"^\d{8}$")


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _records(df, cols: dict[str, str]) -> list[dict]:
    out = []
    for r in df.to_dict("records"):
        rec = {}
        for src, dst in cols.items():
            v = r.get(src)
            if isinstance(v, float) or v is None:
                v = _num(v)
            elif hasattr(v, "item"):
                v = v.item()
            rec[dst] = v
        out.append(rec)
    return out


def _check_kommun(kommun: str) -> str:
    k = str(kommun or "").strip()
    if not _KOMMUN.match(k):
        raise InputError(*pair("skola.bad_kommun", value=kommun))
    return k


def _analysis(store, kommun: str, years: list[int] | None):
    from lagesbild.skola import likvardighet as lik
    from lagesbild.skola.placement import place_schools
    from lagesbild.store import skolor as store_skolor

    kommun = _check_kommun(kommun)
    units = store_skolor.school_units(store, kommun=kommun)
    panel_all = lik.school_panel(store, kommun)
    have = panel_all[panel_all[["meritvarde", "andel_behoriga_yrkesprog"]].notna().any(axis=1)
                     | panel_all["meritvarde_status"].notna()]
    if units.empty or have.empty:
        raise NotFoundError(*pair("skola.no_schools", kommun=kommun))
    available = sorted(int(y) for y in have["year"].unique())
    if years:
        bad = [y for y in years if y not in available]
        if bad:
            raise InputError(*pair("skola.bad_years", given=", ".join(map(str, bad)), kommun=kommun,
                                   available=", ".join(map(str, available))))
        panel = panel_all[panel_all["year"].isin(years)]
    else:
        panel = panel_all[panel_all["year"].isin(available)]
    units = units[units["skolenhetskod"].isin(panel["skolenhetskod"])]
    placed = place_schools(store, kommun, units)
    return kommun, units, placed, panel, available


def skola_kommun(store: Store, kommun: str, years: list[int] | None = None, *, lang: str = "sv") -> dict[str, Any]:
    """A kommun's schools, the segregation of results between them and results by områdestyp.

    Returns ``{kommun, kommunnamn, ar, etikett, noter, skolor, segregation, efter_omradestyp,
    spridning, skillnad_omradestyp, huvudman, behorighet_kommun}``.

    Parameters
    ----------
    store : Store
        The open store.
    kommun : str
        Kommun code.
    years : list of int, optional
        Years (default: every year with results).
    lang : {"sv", "en"}
        Language of labels and notes.

    Returns
    -------
    dict
        As above.
    """
    from lagesbild.skola import likvardighet as lik
    from lagesbild.store import skolor as store_skolor

    kommun, units, placed, panel, available = _analysis(store, kommun, years)
    yrs = sorted(int(y) for y in panel["year"].unique())
    trends = lik.school_trends(panel).set_index("skolenhetskod")
    skolor = []
    for r in placed.sort_values("namn").to_dict("records"):
        code = r["skolenhetskod"]
        g = panel[panel["skolenhetskod"] == code].sort_values("year")
        per_year = []
        for p in g.to_dict("records"):
            per_year.append({"ar": int(p["year"]), "lasar": lik.lasar(p["year"]),
                             "meritvarde": _num(p["meritvarde"]), "meritvarde_status": p["meritvarde_status"],
                             "andel_behoriga_yrkesprog": _num(p["andel_behoriga_yrkesprog"]),
                             "andel_behoriga_yrkesprog_status": p["andel_behoriga_yrkesprog_status"],
                             "elever": _num(p["elever"])})
        tr = trends.loc[code] if code in trends.index else None
        skolor.append({
            "skolenhetskod": code, "namn": r["namn"], "huvudman": r["huvudman_typ"],
            "deso": r["deso"], "deso_version": r["deso_version"], "regso": r["regso"],
            "regso_version": r["regso_version"],
            "omradestyp": None if _num(r["omradestyp"]) is None else int(r["omradestyp"]),
            "placering": r["placering"], "placering_text": t(f"skola.placering.{r['placering']}", lang),
            "x": _num(r["x"]), "y": _num(r["y"]), "ar": per_year,
            "trend": None if tr is None else {"poang_per_ar": _num(tr["trend_per_ar"]), "lagre": _num(tr["lagre"]),
                                              "ovre": _num(tr["ovre"]), "antal_ar": int(tr["ar"]),
                                              "litet_arskull": bool(tr["litet_arskull"])},
        })
    seg = lik.segregation(panel)
    by_type = lik.by_area_type(panel, placed)
    spread, spread_trend = lik.spread(panel)
    gap = lik.type_gap(panel, placed)
    hm = lik.by_huvudman(panel, units)
    per_year = panel[panel["meritvarde"].notna()].groupby("year").size()
    notes = [t("skola.label", lang), t("skola.weights_note", lang), t("skola.markers_note", lang)]
    if per_year.nunique() > 1:
        notes.append(t("skola.coverage_note", lang,
                       per_year=", ".join(f"{lik.lasar(y)}: {n}" for y, n in per_year.items())))
    elig = store_skolor.kommun_eligibility(store, kommun)
    sources = sorted(set(store_skolor.school_results(store, kommun=kommun, years=yrs)["source_id"])
                     | set(store.observations([r for r in elig["variable"]], level="kommun",
                                              codes=[kommun])["source_id"] if len(elig) else []))
    try:
        name = store.area(kommun, "kommun2025")["name"]
    except NotFoundError:
        name = kommun
    return {
        "kommun": kommun, "kommunnamn": name, "ar": yrs, "tillgangliga_ar": available,
        "etikett": t("skola.label", lang), "noter": notes, "kallor": sources,
        "skolor": skolor,
        "segregation": _records(seg.rename(columns={"year": "ar"}),
                                {"ar": "ar", "lasar": "lasar", "index": "index", "varde": "varde", "min": "min",
                                 "max": "max", "skolor": "skolor", "skolor_uteslutna": "skolor_uteslutna",
                                 "elever": "elever", "vikt_kalla": "vikt_kalla"}),
        "efter_omradestyp": _records(by_type, {"year": "ar", "lasar": "lasar", "omradestyp": "omradestyp",
                                               "meritvarde": "meritvarde", "skolor": "skolor",
                                               "elever": "elever"}),
        "spridning": {"per_ar": _records(spread, {"year": "ar", "lasar": "lasar", "medel": "medel", "sd": "sd",
                                                  "min": "min", "max": "max", "skolor": "skolor"}),
                      "sd_trend_per_ar": _num(spread_trend["sd_trend_per_ar"]),
                      "sd_trend_se": _num(spread_trend["sd_trend_se"])},
        "skillnad_omradestyp": _records(gap, {c: ("ar" if c == "year" else c) for c in gap.columns}),
        "huvudman": _records(hm, {c: ("ar" if c == "year" else c) for c in hm.columns}),
        "behorighet_kommun": {r["variable"]: {"ar": int(r["year"]), "varde": _num(r["value"]),
                                              "status": r["status"]} for r in elig.to_dict("records")},
    }


def schools_table(result: dict[str, Any], lang: str = "sv") -> pd.DataFrame:
    """One row per school × year (for CSV export and terminal tables).

    Parameters
    ----------
    result : dict
        From :func:`skola_kommun`.
    lang : {"sv", "en"}
        Language of labels and notes.

    Returns
    -------
    pandas.DataFrame
        ``skolenhetskod, namn, huvudman, deso, regso, omradestyp, placering, ar, lasar,
        meritvarde, andel_behoriga_yrkesprog, elever`` (a status marker where a value is not published).
    """
    import pandas as pd

    rows = []
    for s in result["skolor"]:
        for y in s["ar"]:
            rows.append({"skolenhetskod": s["skolenhetskod"], "namn": s["namn"], "huvudman": s["huvudman"],
                         "deso": s["deso"], "regso": s["regso"], "omradestyp": s["omradestyp"],
                         "placering": s["placering"], "ar": y["ar"], "lasar": y["lasar"],
                         "meritvarde": y["meritvarde"] if y["meritvarde"] is not None else y["meritvarde_status"],
                         "andel_behoriga_yrkesprog": (y["andel_behoriga_yrkesprog"]
                                                      if y["andel_behoriga_yrkesprog"] is not None
                                                      else y["andel_behoriga_yrkesprog_status"]),
                         "elever": y["elever"]})
    return pd.DataFrame(rows)


def skola_school(store: Store, code: str, *, lang: str = "sv") -> dict[str, Any]:
    """One school: its placement, results per year, trend, and the kommun context.

    Parameters
    ----------
    store : Store
        The open store.
    code : str
        Skolenhetskod.
    lang : {"sv", "en"}
        Language of labels and notes.

    Returns
    -------
    dict
        The school and its kommun context.
    """
    code = str(code or "").strip()
    if not _CODE.match(code):
        raise InputError(*pair("skola.bad_school_code", code=code))
    areas = store.areas(level="skolenhet", codes=[code])
    if areas.empty:
        raise NotFoundError(*pair("skola.unknown_school", code=code))
    kommun = str(areas["kommun"].iloc[0])
    res = skola_kommun(store, kommun, lang=lang)
    match = [s for s in res["skolor"] if s["skolenhetskod"] == code]
    if not match:
        raise NotFoundError(*pair("skola.unknown_school", code=code))
    return {"skola": match[0], "kommun": kommun, "kommunnamn": res["kommunnamn"], "etikett": res["etikett"],
            "noter": res["noter"], "efter_omradestyp": res["efter_omradestyp"]}


def fetch_skolverket(store: Store, settings: Settings, *, kommun: str, offline: bool = False, refresh: bool = False,
                     record: str | None = None, replace: bool = False, client: SkolverketClient | None = None,
                     progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """Fetch a kommun's schools with year 9 and their statistics from the API and store them.

    Writes school areas, points and results (markers as status) in one transaction.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings (API URL, cache).
    kommun : str
        Kommun code.
    offline : bool, default False
        Answer from the response cache only.
    refresh : bool, default False
        Ignore cached responses.
    record : str, optional
        Folder where responses are recorded.
    replace : bool, default False
        Replace values from an earlier fetch.
    client : SkolverketClient, optional
        A client to use; made from the settings otherwise.
    progress : callable, optional
        ``progress(skolenhetskod, 1)`` after each school.

    Returns
    -------
    dict
        The write statistics and what was fetched.
    """
    import pandas as pd

    from lagesbild.store import skolor as store_skolor

    kommun = _check_kommun(kommun)
    own = client is None
    if client is None:  # = own
        from lagesbild.sources.cache import ResponseCache
        from lagesbild.sources.http import Recorder
        from lagesbild.sources.skolverket import SkolverketClient

        client = SkolverketClient.create(settings.skolverket_api, cache=ResponseCache(settings.cache_dir),
                                         timeout=settings.http_timeout, retries=settings.http_retries,
                                         offline=offline, max_age_s=0.0 if refresh else 86400.0,
                                         calls_per_window=5, window_s=1.0,
                                         max_retry_after=settings.http_max_retry_after,
                                         recorder=Recorder(record) if record else None)
    try:
        listed = client.school_units(kommun)
        if listed.empty:
            raise NotFoundError(*pair("skola.fetch_no_units", kommun=kommun))
        units, stats = [], []
        for code in listed["skolenhetskod"]:
            u = client.school_unit(code)
            units.append({**u, "kommun": u.get("kommun") or kommun,
                          "koordinat_kalla": "API skolenhet (SWEREF 99 TM)" if u.get("sweref_n") else None})
            s = client.statistics(code)
            stats.append(s[s["year"].notna()])
            if progress:
                progress(code, 1)
    finally:
        if own:
            client.http.close()
    udf = pd.DataFrame(units)
    sdf = pd.concat(stats, ignore_index=True) if stats else pd.DataFrame()
    import datetime as _dt

    sid = f"skolverket_api:{kommun}"
    src = pd.DataFrame([{"id": sid, "publisher": "Skolverket", "table_id": "Planned Educations API v4",
                         "file": settings.skolverket_api, "licence": "officiell statistik",
                         "attribution": "Källa: Skolverket",
                         "retrieved_at": _dt.datetime.now(_dt.UTC).replace(tzinfo=None), "sha256": None,
                         "note": f"kommun {kommun}"}])
    known = store.areas(level="skolenhet", kommun=None)["code"]
    frames = store_skolor.frames_from_api(udf, sdf, sid, known)
    stats_w = store.write(sources=src, variables=store_skolor.variables_frame(), areas=frames["areas"],
                          geometries=frames["geometries"],
                          observations=frames["observations"], replace=replace, label="Skolverket API")
    return {"kommun": kommun, "skolor": int(len(udf)), "med_statistik": int(sdf["skolenhetskod"].nunique())
            if len(sdf) else 0, **stats_w}


def school_map_svg(store: Store, result: dict[str, Any], *, lang: str = "sv") -> str | None:
    """An SVG map of the kommun's schools over the områdestyp of its RegSO (None without boundaries).

    Parameters
    ----------
    store : Store
        The open store.
    result : dict
        From :func:`skola_kommun`.
    lang : {"sv", "en"}
        Language of labels and notes.

    Returns
    -------
    str or None
        The SVG document.
    """
    from lagesbild.reporting import facts as fx
    from lagesbild.reporting import figures as fg
    from lagesbild.reporting import maps

    gdf, _ = fx.map_geometries(store, result["kommun"])
    pts = [s for s in result["skolor"] if s["x"] is not None]
    if gdf is None or not pts:
        return None
    names = {i: t(f"skola.typ{i}", lang) for i in range(1, 6)}
    types = {s["regso"]: s["omradestyp"] for s in result["skolor"] if s["regso"] and s["omradestyp"]}
    g = gdf.assign(typ=[names[types[c]] if c in types else None for c in gdf["code"]])
    spec = maps.choropleth(g, value="typ", domain=list(names.values()), colors=fg.TYPE_COLORS,
                           title=t("skola.omradestyp", lang), missing_label=t("skola.okand", lang),
                           scalebar_text="{km} km", lang=lang, label_title="RegSO")
    spec["layer"].insert(1, {"data": {"values": [{"x": round(s["x"]), "y": round(s["y"]), "namn": s["namn"]}
                                                 for s in pts]},
                             "mark": {"type": "circle", "size": 40, "fill": "#000000", "stroke": "#ffffff",
                                      "strokeWidth": 1},
                             "encoding": {"longitude": {"field": "x", "type": "quantitative"},
                                          "latitude": {"field": "y", "type": "quantitative"}}})
    svg = fg.svg_of(spec, lang)
    # one accessible image: the marks' own ARIA roles are dropped, the root gets a label and title
    svg = re.sub(r'\s(role|aria-roledescription|aria-label)="[^"]*"', "", svg)
    label = t("skola.map_heading", lang) + f" – {result['kommunnamn']}: {len(pts)} / {len(result['skolor'])}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).replace(
        ">", f"><title>{label}</title>", 1)


def demo(store: Store, settings: Settings) -> None:
    """Print Haninge's (0136) schools: D between schools and the områdestyp gap per school year.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings (``lang``).
    """
    lang = getattr(settings, "lang", "sv")
    res = skola_kommun(store, "0136", lang=lang)

    def f(v, d=1):
        return "–" if v is None else f"{v:.{d}f}".replace(".", t("common.decimal_sep", lang))

    print()
    print(t("skola.demo_title", lang, kommun=res["kommunnamn"], n=len(res["skolor"]),
            years=f"{res['ar'][0] - 1}/{str(res['ar'][0])[2:]}–{res['ar'][-1] - 1}/{str(res['ar'][-1])[2:]}"))
    gaps = {g["ar"]: g for g in res["skillnad_omradestyp"]}
    for r in (r for r in res["segregation"] if r["index"] == "D"):
        g = gaps.get(r["ar"], {})
        print(t("skola.demo_line", lang, lasar=r["lasar"], d=f(r["varde"], 3), lo=f(r["min"], 3), hi=f(r["max"], 3),
                k=r["skolor"], a=f(g.get("typ_1_2")), b=f(g.get("typ_4_5"))))
