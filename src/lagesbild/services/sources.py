"""Use cases for the data sources: plan, fetch, and write to the store in one transaction.

``fetch_scb`` resolves recipes (:mod:`lagesbild.sources.catalogue`) against SCB's live metadata
(finding a republished table again by its title), plans the requests under SCB's limits,
sends them all (each response is cached on arrival, so an interrupted fetch resumes), and only
when every request has succeeded writes the observations, any new variables and one
``sources`` row per table with :meth:`Store.write` — one transaction, so the store never holds
a partial fetch. Observations for areas the store does not know are skipped and reported.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild._config import Settings
from lagesbild.errors import DataSourceError, InputError, NotFoundError
from lagesbild.geo import parse_code
from lagesbild.i18n import pair
from lagesbild.services.source_frames import (
    KOLADA_TITLES,
    OBS_COLS,
    VAR_COLS,
    PlannedFetch,
    keep_known_areas,
    kolada_frames,
    plan_recipe,
    source_row,
    tidy_observations,
    variables_frame,
)

if TYPE_CHECKING:
    from lagesbild.sources.http import HttpClient
    from lagesbild.store.db import Store

__all__ = ["Clients", "make_clients", "plan_scb", "fetch_scb", "fetch_kolada", "search_tables",
           "list_recipes", "import_election_file", "import_school_export", "KOLADA_TITLES"]


@dataclass
class Clients:
    """The HTTP clients of one fetch: SCB's PxWeb API v2 and v1, Kolada, and their connections."""

    v2: Any
    v1: Any
    kolada: Any
    https: list[HttpClient] = field(default_factory=list)

    def close(self) -> None:
        """Close every HTTP connection."""
        for h in self.https:
            h.close()


def make_clients(settings: Settings, *, offline: bool = False, refresh: bool = False, record: str | None = None,
                 on_call: Callable[[str, str], None] | None = None, **http_kw: Any) -> Clients:
    """HTTP clients for SCB v2, v1 and Kolada from the settings (base URLs, limits, cache).

    Parameters
    ----------
    settings : Settings
        Base URLs, rate limits, timeouts and the cache folder.
    offline : bool, default False
        Answer from the response cache only; a request not cached fails.
    refresh : bool, default False
        Ignore cached responses and ask the source again.
    record : str, optional
        Folder where the responses are recorded (for replay tests).
    on_call : callable, optional
        ``on_call(source, url)`` for every request sent.
    **http_kw
        Further arguments of :class:`lagesbild.sources.http.HttpClient`.

    Returns
    -------
    Clients
        Close them with :meth:`Clients.close`.
    """
    from lagesbild.sources.cache import ResponseCache
    from lagesbild.sources.http import HttpClient, Recorder
    from lagesbild.sources.kolada import KoladaClient
    from lagesbild.sources.pxweb import PxWebClient, PxWebV1Client

    cache = ResponseCache(settings.cache_dir)
    common: dict[str, Any] = {"cache": cache, "timeout": settings.http_timeout, "retries": settings.http_retries,
              "offline": offline, "max_age_s": 0.0 if refresh else 86400.0, "on_call": on_call,
              "recorder": Recorder(record) if record else None,
              "max_retry_after": settings.http_max_retry_after, **http_kw}
    scb: dict[str, Any] = {"calls_per_window": settings.scb_calls_per_window, "window_s": settings.scb_window_s}
    h2 = HttpClient(settings.scb_api, name="SCB", **scb, **common)
    h1 = HttpClient(settings.scb_api_v1, name="SCB v1", **scb, **common)
    hk = HttpClient(settings.kolada_api, name="Kolada", calls_per_window=5, window_s=1.0, **common)
    return Clients(PxWebClient(h2, max_cells=settings.scb_max_cells, lang="sv"),
                   PxWebV1Client(h1, max_cells=min(settings.scb_max_cells, 100_000)),
                   KoladaClient(hk, per_page=settings.kolada_per_page), [h2, h1, hk])


def _check_kommuner(store: Store | None, kommuner: list[str]) -> None:
    for k in kommuner:
        parse_code(k, "kommun")
        if store is not None and store.areas(level="kommun", codes=[k]).empty:
            raise NotFoundError(f"Kommunkoden {k} finns inte (290 kommuner, t.ex. 1480 Göteborg).",
                                f"The kommun code {k} does not exist (290 kommuner, e.g. 1480 Göteborg).")


def plan_scb(clients: Clients, *, kommuner: list[str], level: str, topics: list[str], years: list[int] | None,
             variables: list[str] | None = None, store: Store | None = None) -> tuple[list[PlannedFetch], list[str]]:
    """Plan a fetch: one :class:`PlannedFetch` per recipe; also returns warnings.

    Parameters
    ----------
    clients : Clients
        From :func:`make_clients` (only metadata is read).
    kommuner : list of str
        Kommun codes.
    level : {"deso", "regso", "kommun"}
        Area level.
    topics : list of str
        Recipe topics (:data:`lagesbild.sources.catalogue.TOPICS`).
    years : list of int or None
        Years (None: every year the tables hold).
    variables : list of str, optional
        Only these variables.
    store : Store, optional
        When given, the kommuner are checked against it.

    Returns
    -------
    plans : list of PlannedFetch
        One per recipe.
    warnings : list of str
        E.g. a table found again under a new id.

    Raises
    ------
    InputError
        If the level or a topic is unknown.
    """
    from lagesbild.sources.catalogue import RECIPES, TOPICS, recipes_for

    if level not in ("deso", "regso", "kommun"):
        raise InputError(f"Parametern '--level' måste vara deso, regso eller kommun. Fick {level!r}.",
                         f"The '--level' parameter must be deso, regso or kommun. Got {level!r} instead.")
    unknown = [t for t in topics if t not in TOPICS]
    if unknown:
        raise InputError(f"Okänt ämne {unknown[0]!r}. Giltiga: {', '.join(TOPICS)}.",
                         f"Unknown topic {unknown[0]!r}. Valid: {', '.join(TOPICS)}.")
    _check_kommuner(store, kommuner)
    recipes, none = recipes_for(topics, level)
    warnings = [f"Ämnet {t} finns inte på nivån {level} (hoppas över)." for t in none]
    if variables is not None:
        known = {v for r in RECIPES for v in r.variable_ids()}
        bad = [v for v in variables if v not in known]
        if bad:
            raise InputError(f"Ingen recept har variabeln {bad[0]!r}. Se 'lagesbild fetch recipes'.",
                             f"No recipe has the variable {bad[0]!r}. See 'lagesbild fetch recipes'.")
        recipes = [r for r in recipes if set(variables) & set(r.variable_ids())]
    if years is not None:  # recipes meant for other years (universe changes) are left out
        recipes = [r for r in recipes if r.years is None or any(r.years[0] <= y <= r.years[1] for y in years)]
    if not recipes:
        raise InputError("Inget att hämta: inget recept passar ämnena, nivån och variablerna.",
                         "Nothing to fetch: no recipe fits the topics, level and variables.")
    plans, failed = [], []
    for r in recipes:
        want = None if variables is None else [v for v in variables if v in r.variable_ids()]
        try:
            p = plan_recipe(clients, r, level, kommuner, years, want)
        except NotFoundError as exc:  # one recipe that cannot be planned does not stop the others
            failed.append(exc)
            warnings.append(f"{r.name} hoppas över: {exc.message('sv')}")
            continue
        if p.missing_years:
            warnings.append(f"{r.name} ({p.table_id}): åren {', '.join(map(str, p.missing_years))} saknas i tabellen.")
        plans.append(p)
    if not plans:
        raise failed[0]
    return plans, warnings


def fetch_scb(store: Store, settings: Settings, *, kommuner: list[str], level: str, topics: list[str],
              years: list[int] | None = None, variables: list[str] | None = None, dry_run: bool = False,
              offline: bool = False, refresh: bool = False, record: str | None = None, replace: bool = False,
              keep_missing: bool = False, progress: Callable[[str, int], None] | None = None,
              clients: Clients | None = None) -> dict[str, Any]:
    """Plan, fetch and write SCB data for ``kommuner`` at ``level``; returns a summary dict.

    With ``dry_run`` only metadata is read and the planned requests are returned.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings.
    kommuner, level, topics, years, variables
        What to fetch (see :func:`plan_scb`).
    dry_run : bool, default False
        Plan only.
    offline : bool, default False
        Answer from the response cache only; a request not cached fails.
    refresh : bool, default False
        Ignore cached responses and ask the source again.
    record : str, optional
        Folder where the responses are recorded (for replay tests).
    replace : bool, default False
        Replace values the store holds from the same tables.
    keep_missing : bool, default False
        Keep SCB's missing-value markers as missing rows instead of dropping them.
    progress : callable, optional
        ``progress("SCB", n)`` as requests complete.
    clients : Clients, optional
        Clients to use (closed by the caller); made from the settings otherwise.

    Returns
    -------
    dict
        ``plan``, ``warnings`` and, unless ``dry_run``, the write statistics and skipped areas.
    """
    own = clients is None
    clients = clients or make_clients(settings, offline=offline, refresh=refresh, record=record)
    try:
        plans, warnings = plan_scb(clients, kommuner=kommuner, level=level, topics=topics, years=years,
                                   variables=variables, store=store)
        summary: dict[str, Any] = {"plan": [p.row() for p in plans], "warnings": warnings,
                                   "requests": sum(len(p.plan.chunks) for p in plans),
                                   "cells": sum(p.plan.cells for p in plans)}
        if dry_run:
            return summary
        tick = (lambda n=1: progress("SCB", n)) if progress else None
        attribution = "Källa: SCB"
        try:
            refs = clients.v2.config().get("sourceReferences") or []
            attribution = next((r["text"] for r in refs if r.get("language") == "sv"), attribution)
        except DataSourceError:
            pass
        parts, sources, rules = [], [], []
        for pf in plans:  # every request first; nothing is written until all have succeeded
            client = clients.v2 if pf.api == "v2" else clients.v1
            ds, responses = client.fetch_dataset(pf.plan, tick)
            sid = f"scb:{pf.table_id}"
            parts.append(tidy_observations(pf, ds, sid))
            sources.append(source_row(pf, ds, responses, attribution))
            rules += pf.resolved.rules
        obs = pd.concat(parts, ignore_index=True)
        derived_vars = None
        from lagesbild.services.income_class_frames import derive_income_class_counts

        derived = derive_income_class_counts(obs, sources)
        if derived is not None and len(derived.observations):  # counts per income quartile, same write
            obs = pd.concat([obs, derived.observations], ignore_index=True)
            sources += derived.sources
            derived_vars = derived.variables
            summary["derived"] = derived.summary()
        missing = obs["value"].isna()
        summary["missing_cells"] = obs.loc[missing, "status"].fillna("null").value_counts().to_dict()
        if not keep_missing:
            obs = obs[~missing]
        obs, skipped = keep_known_areas(store, obs)
        summary["skipped_areas"] = sorted({f"{c} ({v})" for c, v in zip(skipped["area_code"], skipped["area_version"])})
        variables = variables_frame(store, rules, "SCB")
        if derived_vars is not None:
            variables = pd.concat([variables, derived_vars], ignore_index=True)
        stats = store.write(observations=obs[OBS_COLS], variables=variables,
                            sources=pd.DataFrame(sources), replace=replace, label="SCB-hämtningen")
        summary.update(stats)
        summary["observations"] = len(obs)
        summary["sources"] = [s["id"] for s in sources]
        return summary
    finally:
        if own:
            clients.close()


def fetch_kolada(store: Store, settings: Settings, *, kpis: list[str], kommuner: list[str],
                 years: list[int] | None = None,
                 include_riket: bool = True, dry_run: bool = False, offline: bool = False, refresh: bool = False,
                 record: str | None = None, replace: bool = False, clients: Clients | None = None,
                 progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """Fetch Kolada KPIs for kommuner (and Riket) and write them in one transaction.

    Variables are ``kolada_<KPI>`` (total), ``kolada_<KPI>_kvinnor`` and ``kolada_<KPI>_man``.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings.
    kpis : list of str
        Kolada KPI ids (e.g. ``"N07540"``).
    kommuner : list of str
        Kommun codes.
    years : list of int, optional
        Years (None: all).
    include_riket : bool, default True
        Also fetch Riket (``0000``).
    dry_run : bool, default False
        Only check the KPIs against Kolada's catalogue and return the plan.
    offline : bool, default False
        Answer from the response cache only; a request not cached fails.
    refresh : bool, default False
        Ignore cached responses and ask the source again.
    record : str, optional
        Folder where the responses are recorded (for replay tests).
    replace : bool, default False
        Replace values the store holds from Kolada.
    clients : Clients, optional
        Clients to use; made from the settings otherwise.
    progress : callable, optional
        ``progress("Kolada", n_responses)`` when fetched.

    Returns
    -------
    dict
        ``plan`` and, unless ``dry_run``, the write statistics, ``observations``, ``deleted`` and
        ``skipped_areas``.

    Raises
    ------
    NotFoundError
        If a KPI is not in Kolada's catalogue (dry run).
    """
    from lagesbild.sources.kolada import check_kpi_titles

    _check_kommuner(store, kommuner)
    munis = list(dict.fromkeys(kommuner + (["0000"] if include_riket else [])))
    own = clients is None
    clients = clients or make_clients(settings, offline=offline, refresh=refresh, record=record)
    try:
        k = clients.kolada
        batches = -(-len(munis) // k.batch)
        summary: dict[str, Any] = {"plan": [{"kpi": ",".join(kpis), "kommuner": ",".join(munis),
                                             "år": ",".join(map(str, years or [])) or "alla",
                                                 "anrop (minst)": batches}]}
        if dry_run:
            catalogue = k.kpis(ids=kpis)
            found = set(catalogue["id"]) if "id" in catalogue else set()
            if set(kpis) - found:
                raise NotFoundError(f"Kolada: KPI {sorted(set(kpis) - found)[0]} finns inte i katalogen.",
                                    f"Kolada: the KPI {sorted(set(kpis) - found)[0]} is not in the catalogue.")
            check_kpi_titles(catalogue, {i: KOLADA_TITLES[i] for i in kpis if i in KOLADA_TITLES})
            return summary
        obs, vrows, srcs, n_resp = kolada_frames(store, settings, clients, kpis=kpis, munis=munis, years=years)
        if progress:
            progress("Kolada", n_resp)
        deleted = obs.attrs.get("deleted", 0)
        obs, skipped = keep_known_areas(store, obs)
        stats = store.write(observations=obs[OBS_COLS], variables=vrows, sources=srcs, replace=replace,
                            label="Kolada-hämtningen")
        summary.update(stats)
        summary.update(observations=len(obs), deleted=deleted, skipped_areas=sorted(set(skipped["area_code"])))
        return summary
    finally:
        if own:
            clients.close()


def search_tables(settings: Settings, query: str, *, offline: bool = False,
    clients: Clients | None = None) -> pd.DataFrame:
    """SCB tables matching ``query`` (id, title, first and last period, updated).

    Parameters
    ----------
    settings : Settings
        The resolved settings.
    query : str
        Search words.
    offline : bool, default False
        Answer from the response cache only.
    clients : Clients, optional
        Clients to use.

    Returns
    -------
    pandas.DataFrame
        ``id, titel, från, till, uppdaterad``.
    """
    own = clients is None
    clients = clients or make_clients(settings, offline=offline)
    try:
        rows = clients.v2.search(query)
        df = pd.DataFrame(rows, columns=["id", "label", "firstPeriod", "lastPeriod", "updated"])
        return df.rename(columns={"label": "titel", "firstPeriod": "från", "lastPeriod": "till",
                                  "updated": "uppdaterad"})
    finally:
        if own:
            clients.close()


def list_recipes() -> pd.DataFrame:
    """The recipe catalogue: topic, recipe, table, levels, variables.

    Returns
    -------
    pandas.DataFrame
        One row per recipe: ``ämne, recept, tabell, nivåer, år, variabler, exempel``.
    """
    from lagesbild.sources.catalogue import RECIPES

    return pd.DataFrame([{"ämne": r.topic, "recept": r.name, "tabell": r.table_id, "nivåer": ",".join(r.levels),
                          "år": f"{r.years[0]}–" + ("" if r.years[1] == 9999 else str(r.years[1])) if r.years else "",
                          "variabler": len(r.variables),
                          "exempel": ", ".join(r.variable_ids()[:3])} for r in RECIPES])


def _file_source(path: str | Path, publisher: str, table: str, attribution: str, note: str) -> pd.DataFrame:
    p = Path(path)
    return pd.DataFrame([{"id": f"{publisher.split()[0].lower()}:{p.name}", "publisher": publisher, "table_id": table,
                          "file": str(p), "licence": "öppna data (ej verifierad)", "attribution": attribution,
                          "retrieved_at": _dt.datetime.now(_dt.UTC).replace(tzinfo=None),
                          "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "note": note}])


def import_election_file(store: Store, path: str | Path, *, election: str | None = None, year: int | None = None,
                         replace: bool = False, boundaries: str | Path | None = None,
                         key_out: str | Path | None = None) -> dict[str, Any]:
    """Valmyndigheten's result file per valdistrikt → kommun turnout in the store (one transaction).

    Riksdag results use the variables ``rostberattigade``, ``rostande``, ``valdeltagande``;
    kommun and region elections get the suffix ``_kommunval`` / ``_regionval``. With
    ``boundaries`` (the valdistrikt polygons, which the user downloads from Valmyndigheten) the
    turnout per DeSO is written too, in the same transaction, through an areal key
    (:func:`lagesbild.services.valnyckel.deso_turnout`; docs/methods/valdeltagande.md §1–2).

    Parameters
    ----------
    store : Store
        The open store.
    path : str or Path
        Valmyndigheten's result file.
    election : str, optional
        ``"riksdag"``, ``"kommun"`` or ``"region"`` (read from the file by default).
    year : int, optional
        Election year (read from the file by default).
    replace : bool, default False
        Replace values from an earlier import of the same file.
    boundaries : str or Path, optional
        Valdistrikt boundaries (GeoPackage, GeoJSON or Shapefile, any CRS): also write turnout per DeSO.
    key_out : str or Path, optional
        Write the key valdistrikt → DeSO there as CSV (``valdistrikt, deso, vikt``); needs ``boundaries``.

    Returns
    -------
    dict
        The write statistics, ``valdistrikt``, ``kommuner`` and ``skipped_areas``; with
        ``boundaries`` also ``per_deso`` (the key's summary) and ``nyckelfil``.
    """
    from lagesbild.sources.valmyndigheten import read_valdistrikt, turnout_by_kommun

    if key_out is not None and boundaries is None:
        raise InputError(*pair("valnyckel.key_needs_boundaries"))
    d = read_valdistrikt(path, election=election, year=year)
    t = turnout_by_kommun(d)
    el = d["election"].iloc[0]
    suf = "" if el == "riksdag" else f"_{el}val"
    src = _file_source(path, "Valmyndigheten", f"{el}sval {int(d['year'].iloc[0])} per valdistrikt",
                       "Källa: Valmyndigheten", f"{len(d)} valdistrikt, {int(d['unallocated'].sum())} ej fördelade "
                       "(ingår i kommunens summa); valdeltagande = Σ röstande / Σ röstberättigade")
    sid = src["id"].iloc[0]
    obs = pd.concat([pd.DataFrame({"area_code": t["kommun"], "area_version": "kommun2025", "year": t["year"],
                                   "variable": f"{v}{suf}", "value": t[v].astype(float), "source_id": sid,
                                   "status": None}) for v in ("rostberattigade", "rostande", "valdeltagande")])
    vars_ = pd.DataFrame([
        {"id": f"rostberattigade{suf}", "label_sv": f"Röstberättigade, {el}sval", "label_en": f"Eligible voters ({el})",
         "unit": "personer", "kind": "count", "source": "Valmyndigheten"},
        {"id": f"rostande{suf}", "label_sv": f"Röstande, {el}sval", "label_en": f"Voters ({el})", "unit": "personer",
         "kind": "count", "source": "Valmyndigheten"},
        {"id": f"valdeltagande{suf}", "label_sv": f"Valdeltagande, {el}sval", "label_en": f"Turnout ({el})",
         "unit": "procent", "kind": "share", "numerator": f"rostande{suf}", "denominator": f"rostberattigade{suf}",
         "source": "Valmyndigheten"}], columns=VAR_COLS)
    vars_ = vars_[~vars_["id"].isin(store.variables().index)]
    obs, skipped = keep_known_areas(store, obs)
    per_deso = None
    if boundaries is not None:
        from lagesbild.services.valnyckel import deso_turnout

        per_deso = deso_turnout(store, d, boundaries, results=path)
        obs = pd.concat([obs, per_deso.observations], ignore_index=True)
        vars_ = pd.concat([vars_, per_deso.variables], ignore_index=True)
        src = pd.concat([src, per_deso.source], ignore_index=True)
    stats = store.write(observations=obs, variables=vars_, sources=src, replace=replace, label=str(path))
    out = {**stats, "valdistrikt": len(d), "kommuner": int(t["kommun"].nunique()),
           "skipped_areas": sorted(set(skipped["area_code"]))}
    if per_deso is not None:
        out["per_deso"] = per_deso.summary
        if key_out is not None:
            from lagesbild.services.valnyckel import write_key_csv

            out["nyckelfil"] = str(write_key_csv(per_deso.key, key_out))
    return out


def import_school_export(store: Store, path: str | Path, *, year: int | None = None,
                         replace: bool = False) -> dict[str, Any]:
    """Skolverket's export per skolenhet (åk 9 slutbetyg) → the store's skolenhet variables.

    Parameters
    ----------
    store : Store
        The open store.
    path : str or Path
        The export file.
    year : int, optional
        The year the values belong to (default: the spring of the file's school year).
    replace : bool, default False
        Replace values from an earlier import.

    Returns
    -------
    dict
        The write statistics and what was imported.

    Raises
    ------
    InputError
        If ``year`` is missing and the file does not name its school year.
    """
    from lagesbild.sources.skolverket import read_school_export

    e = read_school_export(path)
    if year is None:
        if not e.school_year:
            raise InputError(f"Ange läsåret för {path} (raden 'Valt läsår' saknas).",
                             f"Give the school year for {path} (no 'Valt läsår' line).")
        year = int(e.school_year.split("/")[0]) + 1  # 2024/25 → 2025, as in the bundled store
    src = _file_source(path, "Skolverket", e.title or "export per skolenhet", "Källa: Skolverket",
                       f"läsår {e.school_year}; {len(e.frame)} skolenheter; prickade värden ej skrivna")
    sid = src["id"].iloc[0]
    mapping = {"antal_elever": "elever_ak9", "andel_alla_amnen": "andel_alla_amnen_ak9",
               "andel_behoriga_yrkesprog": "andel_behoriga_yrkesprog_ak9", "meritvarde": "meritvarde_ak9"}
    f = e.frame
    obs = pd.concat([pd.DataFrame({"area_code": f["skolenhetskod"], "area_version": "skolenhet2025", "year": year,
                                   "variable": var, "value": f[col], "source_id": sid, "status": None})
                     for col, var in mapping.items()])
    obs = obs[obs["value"].notna()]
    missing_vars = [v for v in mapping.values() if v not in store.variables().index]
    if missing_vars:
        raise NotFoundError(f"Variablerna {', '.join(missing_vars)} finns inte i lagret; kör 'lagesbild init'.",
                            f"The variables {', '.join(missing_vars)} are not in the store; run 'lagesbild init'.")
    obs, skipped = keep_known_areas(store, obs)
    stats = store.write(observations=obs, sources=src, replace=replace, label=str(path))
    return {**stats, "skolenheter": len(f), "skipped_areas": sorted(set(skipped["area_code"]))}
