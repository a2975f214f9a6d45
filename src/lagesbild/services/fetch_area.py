"""``fetch kommun|lan|riket``: everything for an area in one run, written in one transaction.

What one run fetches (the request plan is :func:`lagesbild.sources.fetchplan.plan_area_fetch`):

* DeSO 2025 and RegSO 2025 boundaries from SCB's WFS, reprojected to EPSG:3006, invalid
  geometries repaired and reported, simplified for the web with shared edges kept (GEOS
  coverage simplification, as the bundled boundaries);
* every SCB recipe at DeSO and RegSO (and the kommun-only ones at kommun level) for the latest
  year each table has, or the years asked for; a recipe with values per sex is fetched as two
  parts (totals, per sex), so a failing part does not take the totals with it. SCB's
  suppressed cells are kept as suppressed (no value, SCB's status symbol), never zero;
* Kolada KPIs for the kommuner and the members of their Kolada "liknande kommuner" groups;
* Valmyndigheten and Skolverket as far as this version can (see the plan's notes).

Every response is cached as it arrives; nothing is written until all requests have been made,
and then everything is written with one :meth:`Store.write` (one transaction). An interrupted
run therefore leaves the store as it was and resumes from the cache; a second run is a no-op
from the cache. Before any request one TCP check per host (5 s in all) makes a missing network
fail at once, naming the host setting.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild._config import Settings
from lagesbild.errors import DataSourceError, InputError, NotFoundError
from lagesbild.i18n import pair, t

if TYPE_CHECKING:
    from lagesbild.services.sources import Clients
    from lagesbild.sources.fetchplan import PlannedRequest
    from lagesbild.sources.wfs import Layer
    from lagesbild.store.db import Store

__all__ = ["area_kommuner", "kolada_munis", "plan", "fetch_area", "DEFAULT_KPIS", "geometry_rows"]

#: Kolada KPIs fetched by default (titles checked before writing, see services.sources).
DEFAULT_KPIS = ("N15428", "N15507", "N05401", "N01951", "N00945", "N17457", "N02280", "N01982", "N31001",
                "N07540", "N03954")
_SEX_SUFFIXES = ("_man", "_kvinnor")


def area_kommuner(store: Store, scope: str, code: str | None) -> list[str]:
    """The kommuner of ``scope`` (kommun, lan, riket) and ``code``, checked against the store.

    Parameters
    ----------
    store : Store
        The open store.
    scope : {"kommun", "lan", "riket"}
        What to fetch.
    code : str or None
        The kommun or län code (None for riket).

    Returns
    -------
    list of str
        Kommun codes.

    Raises
    ------
    InputError
        If the scope is unknown or the code is missing or malformed.
    NotFoundError
        If the code does not exist.
    """
    code = (code or "").strip()
    kommuner = store.areas(level="kommun")
    if scope == "riket":
        return sorted(kommuner["code"])
    if scope == "kommun":
        if code.isdigit() and len(code) == 2:
            raise InputError(*pair("fetch.lan_not_kommun", code=code))
        if not (code.isdigit() and len(code) == 4):
            raise InputError(*pair("fetch.bad_kommun", code=code))
        if code not in set(kommuner["code"]):
            raise NotFoundError(*pair("fetch.unknown_kommun", code=code))
        return [code]
    if scope == "lan":
        if code.isdigit() and len(code) == 4:
            raise InputError(*pair("fetch.kommun_not_lan", code=code))
        hit = sorted(kommuner.loc[kommuner["lan"] == code, "code"])
        if not hit:
            raise NotFoundError(*pair("fetch.unknown_lan", code=code))
        return hit
    raise InputError(*pair("fetch.bad_scope", scope=scope))


def kolada_munis(store: Store, kommuner: list[str], *, limit: int = 40) -> list[str]:
    """The kommuner and the members of their Kolada "liknande kommuner" groups (socioekonomi,
    övergripande), at most ``limit`` unless the kommuner alone are more.

    Parameters
    ----------
    store : Store
        The open store.
    kommuner : list of str
        Kommun codes.
    limit : int, default 40
        Largest number of kommuner returned (the given ones always are).

    Returns
    -------
    list of str
        The kommuner first, then group members.
    """
    from lagesbild.typology.similar import comparison_groups

    if len(kommuner) > limit:
        return list(kommuner)
    out = list(kommuner)
    for k in kommuner:
        for g in comparison_groups(store, k, kolada_themes=["socioekonomi", "övergripande"]).get("kolada") or []:
            out += g["members"]
    return list(dict.fromkeys(out))[:max(limit, len(kommuner))]


def _regions(store, kommuner: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    a = store.areas()
    a = a[a["kommun"].isin(kommuner)]
    regions = {lvl: int((a["level"] == lvl).sum()) for lvl in ("deso", "regso")}
    regions["kommun"] = len(kommuner)
    wfs = {"deso": int((a["version"] == "DeSO2025").sum()), "regso": int((a["version"] == "RegSO2025").sum())}
    return regions, wfs


def _skola_available() -> bool:
    import importlib.util

    try:
        spec = importlib.util.find_spec("lagesbild.services.skola")
    except ImportError:
        return False
    return spec is not None


def plan(store: Store, settings: Settings, *, scope: str, code: str | None, years: list[int] | None = None,
         kpis: list[str] | None = None) -> tuple[list[str], list[PlannedRequest], list[str]]:
    """The kommuner, the request plan (no network) and the Kolada kommuner of a fetch.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings (SCB's cell limit).
    scope, code
        As for :func:`area_kommuner`.
    years : list of int, optional
        Years (None: all).
    kpis : list of str, optional
        Kolada KPIs (default: the lägesbild set).

    Returns
    -------
    kommuner : list of str
        The kommuner fetched.
    plan : list of PlannedRequest
        The requests.
    munis : list of str
        The kommuner asked of Kolada.
    """
    from lagesbild.sources.fetchplan import plan_area_fetch

    kommuner = area_kommuner(store, scope, code)
    regions, wfs = _regions(store, kommuner)
    munis = kolada_munis(store, kommuner) if scope == "kommun" else list(kommuner)
    kpis = list(DEFAULT_KPIS if kpis is None else kpis)
    p = plan_area_fetch(regions=regions, kommuner=kommuner, years=years, kolada_kpis=kpis,
                        kolada_munis=len(munis), wfs_features=wfs, max_cells=settings.scb_max_cells,
                        kolada_batch=20, skolverket=_skola_available(), scope=scope)
    return kommuner, p, munis


# ----------------------------------------------------------------------------------- geometries
def geometry_rows(layer: Layer, store: Store, tolerance: float, source_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Store rows (areas not yet known, geometries) of a parsed WFS layer.

    Parameters
    ----------
    layer : Layer
        The parsed WFS layer.
    store : Store
        The open store.
    tolerance : float
        Simplification tolerance in metres (the coverage stays gap-free).
    source_id : str
        The ``sources`` id the geometries cite.

    Returns
    -------
    areas, geometries : pandas.DataFrame
        Rows of areas the store does not know yet, and of every geometry.
    """
    import shapely

    from lagesbild.store.bundled_geo import simplify_coverage

    f = layer.frame
    spec = layer.spec
    geoms = f.geometry.values
    simple = simplify_coverage(geoms, tolerance)
    geo = pd.DataFrame({"code": f["code"].values, "version": spec.version,
        "boundary_version": f["boundary_version"].values,
                        "crs": "EPSG:3006", "geometry": shapely.to_wkb(geoms),
                            "geometry_simplified": shapely.to_wkb(simple),
                        "derivation": None, "source_id": source_id})
    known = set(store.areas(version=spec.version, codes=list(f["code"]))["code"])
    new = f[~f["code"].isin(known)]
    areas = pd.DataFrame({"code": new["code"].values, "version": spec.version, "level": spec.level,
                          "name": new["name"].values, "parent_code": new["parent"].values,
                          "parent_version": spec.parent_version, "kommun": new["kommun"].values,
                          "lan": new["lan"].values})
    return areas, geo


def _source(sid: str, publisher: str, table: str, url: str, licence: str, attribution: str, responses,
            note: str) -> dict:
    shas = sorted(r.sha256 for r in responses)
    when = max(r.retrieved_at for r in responses)
    return {"id": sid, "publisher": publisher, "table_id": table, "file": url, "licence": licence,
            "attribution": attribution,
            "retrieved_at": _dt.datetime.fromisoformat(when).astimezone(_dt.UTC).replace(tzinfo=None),
            "sha256": hashlib.sha256("".join(shas).encode()).hexdigest(), "note": note}


# ----------------------------------------------------------------------------------- the fetch
class _Run:
    """What one fetch gathers before the single write."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rows: list[dict] = []
        self.obs: list[pd.DataFrame] = []
        self.variables: list[pd.DataFrame] = []
        self.sources: list[dict] = []
        self.areas: list[pd.DataFrame] = []
        self.geoms: list[pd.DataFrame] = []
        self.notes: list[str] = []
        self.years_missing = 0

    def row(self, kalla: str, niva: str, status: str, *, tabell=None, lager=None, varden=None, orsak=""):
        r = {"kalla": kalla, **({"lager": lager} if lager else {"tabell": tabell}), "niva": niva,
             "status": status, "varden": varden, "orsak": orsak}
        self.rows.append(r)


def _parts(recipe) -> list[list[str] | None]:
    """Variables of a recipe in fetch parts: totals, then per sex (None = all in one part)."""
    ids = recipe.variable_ids()
    sex = [v for v in ids if v.endswith(_SEX_SUFFIXES)]
    if not sex or len(sex) == len(ids):
        return [None]
    return [[v for v in ids if v not in sex], sex]


def _fetch_scb(run: _Run, store, clients, kommuner: list[str], years, progress) -> None:
    from lagesbild.services import source_frames as sf
    from lagesbild.sources.catalogue import RECIPES
    from lagesbild.sources.recipes import NotPublishedAtLevel, YearsNotPublished

    tick = (lambda n=1: progress("SCB", n)) if progress else None
    attribution = "Källa: SCB"
    for level in ("deso", "regso", "kommun"):
        for r in RECIPES:
            if level not in r.levels or (level == "kommun" and ("deso" in r.levels or "regso" in r.levels)):
                continue
            if years is not None and r.years is not None and not any(r.years[0] <= y <= r.years[1] for y in years):
                run.row("scb", level, "ej_publicerad", tabell=r.table_id,
                        orsak=t("fetch.recipe_other_years", run.lang, recipe=r.name))
                continue
            for part in _parts(r):
                label = r.table_id + ("" if part is None else (" (per kön)" if part[0].endswith(_SEX_SUFFIXES)
                                                                else " (totalt)"))
                try:
                    pf = sf.plan_recipe(clients, r, level, kommuner, "latest" if years is None else years, part)
                    client = clients.v2 if pf.api == "v2" else clients.v1
                    ds, responses = client.fetch_dataset(pf.plan, tick)
                except (DataSourceError, NotFoundError) as exc:
                    if isinstance(exc, NotPublishedAtLevel | YearsNotPublished):
                        run.row("scb", level, "ej_publicerad", tabell=label, orsak=exc.message(run.lang))
                        run.years_missing += isinstance(exc, YearsNotPublished)
                    else:
                        run.row("scb", level, "misslyckad", tabell=label, orsak=exc.message(run.lang))
                    continue
                sid = f"scb:{pf.table_id}"
                obs = sf.tidy_observations(pf, ds, sid)
                # a region-year without any value is not published on that geography version (e.g.
                # RegSO 2020 codes after 2023): left out; a missing cell beside values is suppressed
                published = obs["value"].notna().groupby([obs["area_code"], obs["area_version"],
                                                          obs["year"]]).transform("any")
                obs = obs[published.astype(bool)]
                run.obs.append(obs)
                run.sources.append(sf.source_row(pf, ds, responses, attribution))
                run.variables.append(sf.variables_frame(store, pf.resolved.rules, "SCB"))
                n_sup = int(obs["value"].isna().sum())
                why = t("fetch.suppressed_kept", run.lang, n=n_sup) if n_sup else ""
                if pf.missing_years:
                    why = (why + " " + t("fetch.years_missing", run.lang,
                                         years=", ".join(map(str, pf.missing_years)))).strip()
                run.row("scb", level, "hamtad", tabell=label, varden=int(obs["value"].notna().sum()), orsak=why)


def _fetch_geo(run: _Run, store, settings, http_geo, scope, code, kommuner, progress) -> None:
    from lagesbild.sources.wfs import LAYERS, WfsClient, parse_layer

    wfs = WfsClient(http_geo)
    tick = (lambda n=1: progress("SCB geodata", n)) if progress else None
    for level, spec in LAYERS.items():
        try:
            if scope == "riket":
                responses = wfs.get_features(spec.name, progress=tick)
            elif scope == "lan":
                responses = wfs.get_features(spec.name, lan=code, progress=tick)
            else:
                responses = [r for k in kommuner for r in wfs.get_features(spec.name, kommun=k, progress=tick)]
            layer = parse_layer([r.data for r in responses], spec)
        except DataSourceError as exc:
            run.row("scb_geo", level, "misslyckad", lager=spec.name, orsak=exc.message(run.lang))
            continue
        sid = f"scb_geo:{spec.name.split(':')[-1]}"
        areas, geo = geometry_rows(layer, store, settings.simplify_tolerance, sid)
        run.areas.append(areas)
        run.geoms.append(geo)
        run.sources.append(_source(sid, "SCB", spec.name, settings.scb_geo_api, "CC0", "Källa: SCB (öppna geodata)",
                                   responses, f"WFS {spec.name}, {len(geo)} områden; källans CRS {layer.source_crs}"))
        run.notes += layer.report(run.lang)
        run.row("scb_geo", level, "hamtad", lager=spec.name, varden=len(geo),
                orsak="; ".join(layer.report(run.lang)))


def _fetch_kolada(run: _Run, store, settings, clients, kpis, munis, years, progress) -> None:
    from lagesbild.services import source_frames as sf

    try:
        obs, variables, srcs, n_resp = sf.kolada_frames(store, settings, clients, kpis=kpis, munis=munis,
                                                         years=years)
    except (DataSourceError, NotFoundError) as exc:
        run.row("kolada", "kommun", "misslyckad", tabell=",".join(kpis), orsak=exc.message(run.lang))
        return
    if progress:
        progress("Kolada", n_resp)
    run.obs.append(obs)
    run.variables.append(variables)
    run.sources += srcs.to_dict("records")
    run.row("kolada", "kommun", "hamtad", tabell=",".join(kpis), varden=len(obs),
            orsak=t("fetch.kolada_munis", run.lang, n=len(munis)))


def _fetch_schools(run: _Run, store, settings, kommuner, offline, refresh, progress) -> None:
    """Each kommun's schools through the skola use case (its own transaction, after the main write)."""
    from lagesbild.services import skola

    for k in kommuner:
        try:
            res = skola.fetch_skolverket(store, settings, kommun=k, offline=offline, refresh=refresh,
                                         replace=True, progress=(lambda _c, n: progress("Skolverket", n))
                                         if progress else None)
        except (DataSourceError, NotFoundError) as exc:
            run.row("skolverket", "skolenhet", "misslyckad", tabell=f"skolenheter {k}", orsak=exc.message(run.lang))
            continue
        n = res.get("skolor") if isinstance(res, dict) else None
        run.row("skolverket", "skolenhet", "hamtad", tabell=f"skolenheter {k}", varden=n)


def fetch_area(store: Store, settings: Settings, *, scope: str, code: str | None = None, years: list[int] | None = None,
               dry_run: bool = False, offline: bool = False, refresh: bool = False,
               progress: Callable[[str, int], None] | None = None, clients: Clients | None = None,
               kpis: list[str] | None = None, check_network: bool = True, schools: bool = True, lang: str = "sv",
               **http_kw: Any) -> dict[str, Any]:
    """Fetch everything for a kommun, a län or the whole country; one write at the end.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings.
    scope, code
        As for :func:`area_kommuner`.
    years : list of int, optional
        Years (None: all).
    dry_run : bool, default False
        Return the plan only.
    offline, refresh : bool
        Use only cached responses / ignore them.
    progress : callable, optional
        ``progress(source, n)`` as requests complete.
    clients : Clients, optional
        Clients to use; made from the settings otherwise.
    kpis : list of str, optional
        Kolada KPIs.
    check_network : bool, default True
        Check that the sources answer before fetching.
    schools : bool, default True
        Also fetch the kommuner's schools (Skolverket).
    lang : {"sv", "en"}
        Language of the notes.
    **http_kw
        Passed to the HTTP clients.

    Returns
    -------
    dict
        ``omfang, kod, kommuner, plan`` (the request plan), and after a real run ``rader`` (one
        per table or layer and level: ``kalla, tabell|lager, niva, status, varden, orsak`` with
        status ``hamtad``, ``ej_publicerad``, ``misslyckad`` or ``ej_tillganglig``), the counts
        ``hamtade``, ``ej_publicerade``, ``misslyckade``, ``natverksanrop`` and the store's write
        statistics (``skrivet``, ``observationer``, ``undertryckta_celler``, ``geometrier``).
    """
    from lagesbild.services import sources as svc
    from lagesbild.services.source_frames import geo_http
    from lagesbild.sources.fetchplan import NOT_PUBLISHED, duration_s

    kommuner, request_plan, munis = plan(store, settings, scope=scope, code=code, years=years, kpis=kpis)
    kpis = list(DEFAULT_KPIS if kpis is None else kpis)
    summary: dict[str, Any] = {"omfang": scope, "kod": code, "kommuner": kommuner,
                               "plan": [p.as_json() for p in request_plan],
                               "anrop": sum(p.anrop for p in request_plan),
                               "celler": sum(p.celler or 0 for p in request_plan),
                               "minsta_tid_s": duration_s(request_plan)}
    if dry_run:
        return summary
    if not offline and check_network:
        from lagesbild.sources.reachability import check_reachable

        hosts = {"scb_api": settings.scb_api, "scb_geo_api": settings.scb_geo_api, "kolada_api": settings.kolada_api}
        if schools and _skola_available():
            hosts["skolverket_api"] = settings.skolverket_api
        check_reachable(hosts, timeout_s=5.0)
    own = clients is None
    clients = clients or svc.make_clients(settings, offline=offline, refresh=refresh, **http_kw)
    http_geo = geo_http(settings, offline=offline, refresh=refresh, **http_kw)
    run = _Run(lang)
    try:
        _fetch_geo(run, store, settings, http_geo, scope, code, kommuner, progress)
        _fetch_scb(run, store, clients, kommuner, years, progress)
        kolada_years = years if years is not None else list(range(_dt.date.today().year - 10, _dt.date.today().year))
        _fetch_kolada(run, store, settings, clients, kpis, munis, kolada_years, progress)
        if years is not None and run.years_missing and not any(
                r["kalla"] == "scb" and r["status"] == "hamtad" for r in run.rows):
            raise InputError(*pair("fetch.no_year", years=", ".join(map(str, years))))
        for p in request_plan:
            if p.kalla == "valmyndigheten" or (p.kalla == "scb" and p.status == "ej_publicerad"
                                               and p.recept in NOT_PUBLISHED):
                run.row(p.kalla, p.niva, p.status, tabell=p.tabell, orsak=p.not_)
            elif p.kalla == "skolverket" and not (schools and _skola_available()):
                run.row(p.kalla, p.niva, "ej_vald" if _skola_available() else p.status, tabell=p.tabell,
                        orsak=t("fetch.schools_not_chosen", lang) if _skola_available() else p.not_)
        _derive_income_classes(run)
        stats = _write(run, store)
        if schools and _skola_available():
            _fetch_schools(run, store, settings, kommuner, offline, refresh, progress)
    finally:
        http_geo.close()
        if own:
            clients.close()
    https = [*clients.https, http_geo]
    summary.update(rader=run.rows, geometrirapport=run.notes, **stats,
                   hamtade=sum(r["status"] == "hamtad" for r in run.rows),
                   ej_publicerade=sum(r["status"] == "ej_publicerad" for r in run.rows),
                   misslyckade=sum(r["status"] == "misslyckad" for r in run.rows),
                   natverksanrop=sum(h.network_calls for h in https))
    return summary


def _derive_income_classes(run: _Run) -> None:
    """Counts per income quartile from the fetched shares × persons (TAB6679), written with the rest."""
    from lagesbild.services.income_class_frames import derive_income_class_counts

    if not run.obs:
        return
    d = derive_income_class_counts(pd.concat(run.obs, ignore_index=True), run.sources)
    if d is None:
        return
    run.obs.append(d.observations)
    run.variables.append(d.variables)
    run.sources += d.sources
    run.row("scb", ", ".join(d.levels) or "deso, regso", "beraknad", tabell="TAB6679 → inkomstkvartil_1–4",
            varden=d.n_values, orsak=d.summary(run.lang))


def _write(run: _Run, store) -> dict:
    from lagesbild.services import source_frames as sf

    obs = pd.concat(run.obs, ignore_index=True) if run.obs else pd.DataFrame(columns=sf.OBS_COLS)
    areas = pd.concat(run.areas, ignore_index=True) if run.areas else None
    if areas is not None and len(areas):
        store_known = store.areas(codes=list(areas["code"]))
        areas = areas[~areas.set_index(["code", "version"]).index.isin(
            store_known.set_index(["code", "version"]).index)]
    geoms = pd.concat(run.geoms, ignore_index=True) if run.geoms else None
    variables = pd.concat([v for v in run.variables if len(v)], ignore_index=True) if any(
        len(v) for v in run.variables) else None
    if variables is not None:
        variables = variables.drop_duplicates("id")
    # observations for areas the store does not know (and the WFS did not bring) are skipped
    known_new = set() if areas is None else set(zip(areas["code"], areas["version"]))
    obs, skipped = sf.keep_known_areas(store, obs, extra=known_new)
    obs = obs.drop_duplicates(subset=["area_code", "area_version", "year", "variable", "source_id"])
    stats = store.write(observations=obs[sf.OBS_COLS] if len(obs) else None, variables=variables,
                        sources=pd.DataFrame(run.sources) if run.sources else None, areas=areas,
                        geometries=geoms, replace=True, label=t("fetch.label", run.lang))
    n_sup = int(obs["value"].isna().sum()) if len(obs) else 0
    return {"skrivet": stats, "observationer": int(len(obs)), "undertryckta_celler": n_sup,
            "geometrier": 0 if geoms is None else int(len(geoms)),
            "hoppade_omraden": sorted({f"{c} ({v})" for c, v in zip(skipped["area_code"],
                skipped["area_version"])})[:20]}
