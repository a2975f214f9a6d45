"""Building blocks shared by the fetch use cases: plan one recipe, tidy its answer into store rows.

:mod:`lagesbild.services.sources` (``fetch scb``, ``fetch kolada``) and
:mod:`lagesbild.services.fetch_area` (``fetch kommun|lan|riket``) both use them: a recipe resolved
against SCB's metadata (:func:`plan_recipe`), a JSON-stat answer as tidy observations
(:func:`tidy_observations`) with its ``sources`` row (:func:`source_row`), the variables the store
lacks (:func:`variables_frame`), Kolada KPIs as store rows (:func:`kolada_frames`), and the HTTP
client of SCB's WFS (:func:`geo_http`).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild._config import Settings
from lagesbild.errors import DataSourceError, NotFoundError

if TYPE_CHECKING:
    from lagesbild.services.sources import Clients
    from lagesbild.sources.http import HttpClient, Response
    from lagesbild.sources.jsonstat import Dataset
    from lagesbild.sources.pxweb import PxWebClient
    from lagesbild.sources.recipes import Recipe, VarRule
    from lagesbild.store.db import Store

__all__ = ["PlannedFetch", "plan_recipe", "discover", "tidy_observations", "source_row", "variables_frame",
           "keep_known_areas", "kolada_frames", "kolada_area", "geo_http", "OBS_COLS", "VAR_COLS", "KOLADA_TITLES"]

#: Expected title patterns of KPIs used in lagesbild; checked before their data are written.
KOLADA_TITLES = {
    "N15428": r"behöriga till yrkesprogram", "N15507": r"meritvärde", "N05401": r"valdeltagande",
    "N01951": r"invånare totalt", "N00945": r"VAB", "N17457": r"examen", "N02280": r"arbetslöshet",
    "N01982": r"eftergymnasial", "N31001": r"ekonomiskt bistånd", "N07540": r"anmälda brott",
    "N03954": r"långtidsarbetslösa",
}
OBS_COLS = ["area_code", "area_version", "year", "variable", "value", "source_id", "status"]
VAR_COLS = ["id", "label_sv", "label_en", "unit", "kind", "numerator", "denominator", "weight", "source",
            "description"]


def geo_http(settings: Settings, *, offline: bool = False, refresh: bool = False, **http_kw: Any) -> HttpClient:
    """An HTTP client for SCB's WFS (setting ``scb_geo_api``), paced with SCB's limit, same cache.

    Parameters
    ----------
    settings : Settings
        The resolved settings.
    offline : bool, default False
        Answer from the response cache only.
    refresh : bool, default False
        Ignore cached responses.
    **http_kw
        Further arguments of the client.

    Returns
    -------
    HttpClient
        The client (close it after use).
    """
    from lagesbild.sources.cache import ResponseCache
    from lagesbild.sources.http import HttpClient

    return HttpClient(settings.scb_geo_api, name="SCB geodata", cache=ResponseCache(settings.cache_dir),
                      timeout=max(settings.http_timeout, 60.0), retries=settings.http_retries, offline=offline,
                      max_age_s=0.0 if refresh else 86400.0, calls_per_window=settings.scb_calls_per_window,
                      window_s=settings.scb_window_s, max_retry_after=settings.http_max_retry_after, **http_kw)


@dataclass
class PlannedFetch:
    """One recipe resolved against SCB's metadata: the table, the API that answered and the request plan."""

    recipe: Any
    table_id: str
    level: str
    api: str
    plan: Any
    resolved: Any
    missing_years: list[int]
    notes: list[str]

    def row(self) -> dict[str, Any]:
        """The plan as one row of the ``--dry-run`` table.

        Returns
        -------
        dict
            ``recept, tabell, api, nivå, variabler, anrop, celler, saknade_år, not``.
        """
        return {"recept": self.recipe.name, "tabell": self.table_id, "api": self.api, "nivå": self.level,
                "variabler": len(self.resolved.rules), "anrop": len(self.plan.chunks), "celler": self.plan.cells,
                "saknade_år": ",".join(map(str, self.missing_years)), "not": " ".join(self.notes)}


def discover(v2: PxWebClient, recipe: Recipe) -> tuple[str, list[str]]:
    """The table id to use: the recipe's, or the newest matching table when it is gone.

    Parameters
    ----------
    v2 : PxWebClient
        SCB's PxWeb API v2 client.
    recipe : Recipe
        The recipe (its table id, search words and title pattern).

    Returns
    -------
    table_id : str
        The table to fetch.
    notes : list of str
        A note when the table id changed.

    Raises
    ------
    NotFoundError
        If the table is gone and no table found by the search matches the title pattern.
    """
    from lagesbild.sources.pxweb import TableNotFoundError
    from lagesbild.sources.recipes import pick_table

    try:
        info = v2.table(recipe.table_id)
        if not info.get("discontinued"):
            return recipe.table_id, []
    except TableNotFoundError:
        pass
    found = pick_table(recipe, v2.search(recipe.search))
    if found is None:
        raise NotFoundError(
            f"SCB: tabellen {recipe.table_id} ({recipe.title_sv}) finns inte längre, och sökningen "
            f"{recipe.search!r} gav ingen tabell vars titel matchar {recipe.label_regex!r}.",
            f"SCB: the table {recipe.table_id} ({recipe.title_sv}) no longer exists, and the search "
            f"{recipe.search!r} found no table whose title matches {recipe.label_regex!r}.")
    return found["id"], [f"TAB-id ändrat: {recipe.table_id} → {found['id']} ({found.get('label', '')})."]


def plan_recipe(clients: Clients, recipe: Recipe, level: str, kommuner: list[str], years: list[int] | str | None,
                variables: list[str] | None) -> PlannedFetch:
    """Resolve one recipe for ``kommuner`` at ``level`` against SCB's metadata (v2, else v1).

    ``years``: a list, None (every year) or ``"latest"``; ``variables``: a subset or None.

    Parameters
    ----------
    clients : Clients
        SCB's clients (v2 first; v1 when v2 fails and the recipe has a v1 path).
    recipe : Recipe
        The recipe.
    level : str
        Area level.
    kommuner : list of str
        Kommun codes.
    years, variables
        As above.

    Returns
    -------
    PlannedFetch
        The resolved plan (no data fetched).

    Raises
    ------
    DataSourceError
        The first error when neither API answers (an HTTP 400 at once).
    """
    from lagesbild.sources.http import HttpError
    from lagesbild.sources.pxweb import TableNotFoundError
    from lagesbild.sources.recipes import region_codes, resolve_recipe, time_codes

    errors: list[Exception] = []
    for api in ("v2", "v1"):
        if api == "v1" and not recipe.v1_path:
            break
        try:
            notes: list[str] = []
            if api == "v2":
                table_id, notes = discover(clients.v2, recipe)
                meta = clients.v2.metadata(table_id)
            else:
                table_id = str(recipe.v1_path)  # set: checked at the top of the loop
                meta = clients.v1.metadata(table_id)
                notes.append("PxWeb v2 svarade inte; v1 användes.")
            resolved = resolve_recipe(recipe, meta, variables)
            tcodes, missing = time_codes(meta, recipe, years)
            sel = {**resolved.selection, "Region": region_codes(meta, level, kommuner), meta.time_dim: tcodes}
            plan = clients.v2.plan(table_id, sel) if api == "v2" else clients.v1.plan(table_id, sel)
            return PlannedFetch(recipe, table_id, level, api, plan, resolved, missing, notes)
        except TableNotFoundError as exc:
            errors.append(exc)
        except DataSourceError as exc:
            if isinstance(exc, HttpError) and exc.status == 400:
                raise
            errors.append(exc)
    raise errors[0]


def tidy_observations(pf: PlannedFetch, ds: Dataset, source_id: str) -> pd.DataFrame:
    """A JSON-stat answer as store observations, one row per area, year and variable.

    Parameters
    ----------
    pf : PlannedFetch
        The plan the answer belongs to (its rules name the variables).
    ds : Dataset
        The parsed answer.
    source_id : str
        The ``sources`` id the rows cite.

    Returns
    -------
    pandas.DataFrame
        ``area_code, area_version, year, variable, value, source_id, status``.
    """
    from lagesbild.sources.jsonstat import split_region
    from lagesbild.sources.recipes import year_of

    f = ds.frame
    key = list(zip(*(f[d] for d in pf.resolved.dims))) if pf.resolved.dims else []
    var = pd.Series([pf.resolved.keys.get(k) for k in key], index=f.index, dtype=object)
    f = f.assign(variable=var).dropna(subset=["variable"])
    regions = [split_region(c) for c in f["Region"]]
    tdim = pf.plan.meta.time_dim
    return pd.DataFrame({
        "area_code": [r[0] if r else None for r in regions], "area_version": [r[1] if r else None for r in regions],
        "year": [year_of(c) for c in f[tdim]], "variable": f["variable"].to_numpy(),
        "value": f["value"].to_numpy(), "source_id": source_id, "status": f["status"].to_numpy()})


def source_row(pf: PlannedFetch, ds: Dataset, responses: Sequence[Response], attribution: str) -> dict[str, Any]:
    """The ``sources`` row of one fetched table: id, publisher, URL, licence, retrieval time, checksum, notes.

    Parameters
    ----------
    pf : PlannedFetch
        The plan.
    ds : Dataset
        The parsed answer (title, update date, SCB's notes).
    responses : sequence of Response
        The HTTP responses (at least one).
    attribution : str
        The attribution to show with the data.

    Returns
    -------
    dict
        The row.
    """
    shas = sorted(r.sha256 for r in responses)
    digest = shas[0] if len(shas) == 1 else hashlib.sha256("".join(shas).encode()).hexdigest()
    when = max(r.retrieved_at for r in responses)
    notes = [f"{ds.title or pf.recipe.title_sv}", f"uppdaterad {ds.updated}" if ds.updated else "",
             f"PxWeb {pf.api}, {len(responses)} anrop", pf.recipe.note, *pf.notes]
    if ds.ckm:
        notes.append("Cell Key Method (från referensår 2025): SCB:s not — "
                     + next(n for n in ds.notes if "kontrollerad slumpmässig" in n).split("\n")[0].strip())
    return {"id": f"scb:{pf.table_id}", "publisher": "SCB", "table_id": pf.table_id,
            "file": responses[0].url if len(responses) == 1 else f"{responses[0].url} (+{len(responses) - 1})",
            "licence": "CC0", "attribution": attribution,
            "retrieved_at": _dt.datetime.fromisoformat(when).astimezone(_dt.UTC).replace(tzinfo=None),
            "sha256": digest, "note": "; ".join(n for n in notes if n)}


def variables_frame(store: Store | None, rules: Iterable[VarRule], source: str) -> pd.DataFrame:
    """The variables of ``rules`` that the store does not know yet, as ``variables`` rows.

    Parameters
    ----------
    store : Store or None
        The store (None: every rule is new).
    rules : iterable of VarRule
        The recipe's variable rules.
    source : str
        The publisher named in the rows.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`VAR_COLS`.
    """
    have = set(store.variables().index) if store is not None else set()
    rows = {r.id: {"id": r.id, "label_sv": r.label_sv, "label_en": r.label_en, "unit": r.unit, "kind": r.kind,
                   "numerator": r.numerator, "denominator": r.denominator, "weight": r.weight, "source": source,
                   "description": None} for r in rules if r.id not in have}
    return pd.DataFrame(list(rows.values()), columns=VAR_COLS)


def keep_known_areas(store: Store, obs: pd.DataFrame, extra: set[tuple[str, str]] | None = None
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``obs`` into rows for areas the store knows (or in ``extra``: (code, version)) and the rest.

    Parameters
    ----------
    store : Store
        The store.
    obs : pandas.DataFrame
        Observations with ``area_code`` and ``area_version``.
    extra : set of (str, str), optional
        Areas to accept besides the stored ones (e.g. written in the same transaction).

    Returns
    -------
    known, unknown : pandas.DataFrame
        The rows for known areas and the rest.
    """
    if obs.empty:
        return obs, obs
    pairs = obs[["area_code", "area_version"]].drop_duplicates()
    known = store.areas(codes=pairs["area_code"].dropna().unique().tolist())[["code", "version"]]
    known = set(zip(known["code"], known["version"])) | set(extra or ())
    ok = [(c, v) in known for c, v in zip(obs["area_code"], obs["area_version"])]
    mask = pd.Series(ok, index=obs.index)
    return obs[mask], obs[~mask]


def kolada_area(mid: str) -> tuple[str, str]:
    """The store's area code and version of a Kolada municipality id.

    Parameters
    ----------
    mid : str
        ``"0000"`` (Riket), ``"00"`` + län code, or a kommun code.

    Returns
    -------
    (str, str)
        Area code and version (``riket``, ``lan2025`` or ``kommun2025``).
    """
    if mid == "0000":
        return "riket", "riket"
    if mid.startswith("00"):
        return mid[2:], "lan2025"
    return mid, "kommun2025"


def kolada_frames(store: Store, settings: Settings, clients: Clients, *, kpis: list[str], munis: list[str],
                  years: list[int] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, int]:
    """Kolada KPIs for ``munis`` as store rows: observations, new variables, sources, and the
    number of responses. Titles are checked against :data:`KOLADA_TITLES` first.

    Variables are ``kolada_<KPI>`` (total), ``kolada_<KPI>_kvinnor`` and ``kolada_<KPI>_man``.

    Parameters
    ----------
    store : Store
        The store (which variables it knows).
    settings : Settings
        The resolved settings (Kolada's URL for the source rows).
    clients : Clients
        The clients (Kolada's is used).
    kpis : list of str
        KPI ids.
    munis : list of str
        Kolada municipality ids.
    years : list of int, optional
        Years (None: all).

    Returns
    -------
    observations, variables, sources : pandas.DataFrame
        Store rows (``observations.attrs["deleted"]``: values Kolada has deleted).
    n_responses : int
        Number of HTTP responses.

    Raises
    ------
    NotFoundError
        If a KPI is not in Kolada's catalogue.
    """
    from lagesbild.sources.kolada import check_kpi_titles

    k = clients.kolada
    catalogue = k.kpis(ids=kpis)
    found = set(catalogue["id"]) if "id" in catalogue else set()
    if set(kpis) - found:
        raise NotFoundError(f"Kolada: KPI {sorted(set(kpis) - found)[0]} finns inte i katalogen.",
                            f"Kolada: the KPI {sorted(set(kpis) - found)[0]} is not in the catalogue.")
    check_kpi_titles(catalogue, {i: KOLADA_TITLES[i] for i in kpis if i in KOLADA_TITLES})
    data = k.data(kpis, munis, years)
    f = data.frame
    sex = {"T": "", "K": "_kvinnor", "M": "_man"}
    areas = [kolada_area(g) for g in f["geo_id"]]
    obs = pd.DataFrame({"area_code": [a[0] for a in areas], "area_version": [a[1] for a in areas],
                        "year": f["year"], "variable": [f"kolada_{kp}{sex.get(g, '_' + str(g))}"
                                                        for kp, g in zip(f["kpi"], f["gender"])],
                        "value": f["value"], "source_id": [f"kolada:{kp}" for kp in f["kpi"]],
                        "status": f["status"]})
    obs = obs[obs["value"].notna()]
    titles = dict(zip(catalogue["id"], catalogue["title"]))
    have = set(store.variables().index)
    vrows = []
    for kp in kpis:
        t = str(titles[kp])
        kind = "share" if ("(%)" in t or "andel" in t.lower()) else "count" if t.lower().endswith("antal") else "index"
        for suf, sv, en in (("", "", ""), ("_kvinnor", ", kvinnor", ", women"), ("_man", ", män", ", men")):
            vid = f"kolada_{kp}{suf}"
            if vid not in have:
                vrows.append({"id": vid, "label_sv": t + sv, "label_en": t + en, "unit": None, "kind": kind,
                              "source": "Kolada", "description": f"Kolada {kp}"})
    when = max(r.retrieved_at for r in data.responses)
    shas = sorted(r.sha256 for r in data.responses)
    srcs = pd.DataFrame([{"id": f"kolada:{kp}", "publisher": "RKA (Kolada)", "table_id": kp,
                          "file": settings.kolada_api, "licence": "CC BY 4.0 (ej verifierad)",
                          "attribution": "Källa: Kolada (RKA)",
                          "retrieved_at": _dt.datetime.fromisoformat(when).astimezone(_dt.UTC).replace(tzinfo=None),
                          "sha256": hashlib.sha256("".join(shas).encode()).hexdigest(),
                          "note": f"{titles[kp]}; {len(data.responses)} anrop; {data.deleted} raderade värden"}
                         for kp in kpis])
    obs.attrs["deleted"] = data.deleted
    return obs, pd.DataFrame(vrows, columns=VAR_COLS), srcs, len(data.responses)
