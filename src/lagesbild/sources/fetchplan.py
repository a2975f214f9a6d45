"""The request plan of a whole-area fetch (kommun, län, riket), computed without network.

One :class:`PlannedRequest` per source × table (or layer) × level, with the number of cells it
asks for and the number of HTTP calls it takes. Cells of an SCB table are regions × the
categories the recipe selects × years; regions are the areas of the level in every
geography version SCB publishes the table on (DeSO 2018 and 2025, RegSO 2020 and 2025), taken
from the store's area list. Calls are the data requests after splitting at SCB's cell limit
plus the two metadata calls of each table (``/tables/{id}`` and ``/metadata``). The plan is what
``--dry-run`` shows and what :func:`duration_s` turns into a time under SCB's published limit
(30 calls per 10 s).

What SCB does not publish at a level is planned as ``status = "ej_publicerad"`` with the
reason, so the summary can say so before anything is fetched.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from lagesbild.sources.catalogue import RECIPES
from lagesbild.sources.recipes import Recipe

__all__ = ["PlannedRequest", "recipe_categories", "plan_area_fetch", "duration_s", "NOT_PUBLISHED", "KOLADA_GENDERS"]

KOLADA_GENDERS = 3  # T, K, M

#: Themes the issue asks for that SCB does not publish as such at DeSO/RegSO (level → reason).
NOT_PUBLISHED = {
    "ekonomiskt_bistand": (
        "ekonomiskt bistånd",
        "SCB publicerar inte ekonomiskt bistånd för sig per DeSO/RegSO; det ingår i TAB6586 (V3: bistånd "
        "och/eller långtidsarbetslöshet, RegSO) och per kommun i Kolada (N31001)",
    ),
}


@dataclass(frozen=True)
class PlannedRequest:
    """One planned table (or layer) fetch: the keys of ``--dry-run --format json``."""

    kalla: str  # scb, scb_geo, kolada, valmyndigheten, skolverket
    niva: str
    celler: int | None
    anrop: int
    tabell: str | None = None
    lager: str | None = None
    recept: str | None = None
    status: str = "planerad"  # planerad, ej_publicerad, ej_tillganglig
    not_: str = ""

    def as_json(self) -> dict:
        d = {
            k: v
            for k, v in asdict(self).items()
            if k != "not_" and (v is not None or k not in ("tabell", "lager", "recept"))
        }
        d["not"] = self.not_
        return d


def recipe_categories(recipe: Recipe) -> int:
    """Cells per region and year a recipe asks for (distinct categories per matched dimension).

    Examples
    --------
    >>> from lagesbild.sources.catalogue import recipe
    >>> recipe_categories(recipe("befolkning_alder_kon")), recipe_categories(recipe("socioekonomiskt_index"))
    (54, 5)
    """
    dims = list(recipe.variables[0].match)
    n = 1
    for d in dims:
        n *= len({str(v.match[d]) for v in recipe.variables})
    for codes in recipe.fixed.values():
        n *= len(codes)
    return n


def _years_for(recipe: Recipe, years: list[int] | None) -> int:
    if years is None:
        return 1  # the latest year the table has
    lo, hi = recipe.years or (0, 9999)
    return sum(1 for y in years if lo <= y <= hi)


def plan_area_fetch(
    *,
    regions: dict[str, int],
    kommuner: list[str],
    years: list[int] | None,
    kolada_kpis: list[str],
    kolada_munis: int,
    wfs_features: dict[str, int],
    max_cells: int = 150_000,
    wfs_page: int = 2000,
    kolada_batch: int = 20,
    kolada_years: int = 10,
    skolverket: bool = False,
    scope: str = "kommun",
    calls_per_table: int = 2,
) -> list[PlannedRequest]:
    """The plan of fetching everything for ``kommuner``.

    Parameters
    ----------
    regions : dict
        Level (``deso``, ``regso``, ``kommun``) → number of region codes SCB's tables carry for
        the kommuner at that level (all published versions).
    wfs_features : dict
        Level → number of 2025 areas (features of the WFS layer).
    kolada_munis : int
        Kommuner asked from Kolada (the kommuner and their comparison group members).
    scope : str
        ``kommun``, ``lan`` or ``riket``: how the WFS is filtered (requests per kommun, one
        filtered set for the län, or the whole layer paged).
    """
    from lagesbild.sources.wfs import LAYERS

    out: list[PlannedRequest] = []
    for level in ("deso", "regso"):
        spec = LAYERS[level]
        n = wfs_features.get(level, 0)
        pages = (
            max(1, math.ceil(n / wfs_page))
            if scope in ("riket", "lan")
            else len(kommuner) * max(1, math.ceil(n / max(1, len(kommuner)) / wfs_page))
        )
        out.append(
            PlannedRequest(
                "scb_geo", level, n, pages, lager=spec.name, not_="gränser 2025, EPSG:3006, förenklade för webben"
            )
        )
    for level in ("deso", "regso", "kommun"):
        for r in RECIPES:
            if level not in r.levels:
                continue
            if level == "kommun" and ("deso" in r.levels or "regso" in r.levels):
                continue  # kommun level only for tables SCB has at no finer level
            ny = _years_for(r, years)
            if ny == 0:
                out.append(
                    PlannedRequest(
                        "scb",
                        level,
                        0,
                        0,
                        tabell=r.table_id,
                        recept=r.name,
                        status="ej_publicerad",
                        not_=f"tabellen gäller åren {r.years[0]}–{r.years[1] if r.years[1] < 9999 else ''}"
                        if r.years
                        else "",
                    )
                )
                continue
            cells = regions.get(level, 0) * recipe_categories(r) * ny
            calls = max(1, math.ceil(cells / max_cells)) + calls_per_table
            out.append(PlannedRequest("scb", level, cells, calls, tabell=r.table_id, recept=r.name, not_=r.note))
        if level in ("deso", "regso"):
            for key, (what, why) in NOT_PUBLISHED.items():
                out.append(
                    PlannedRequest("scb", level, 0, 0, tabell=what, recept=key, status="ej_publicerad", not_=why)
                )
    if kolada_kpis:
        ny = len(years) if years else kolada_years
        out.append(
            PlannedRequest(
                "kolada",
                "kommun",
                len(kolada_kpis) * kolada_munis * ny * KOLADA_GENDERS,
                math.ceil(kolada_munis / kolada_batch) + 1,
                tabell=",".join(kolada_kpis),
                not_=f"{kolada_munis} kommuner, {ny} år",
            )
        )
    out.append(
        PlannedRequest(
            "valmyndigheten",
            "valdistrikt",
            None,
            0,
            tabell="valdeltagande per valdistrikt",
            status="ej_tillganglig",
            not_="Valmyndigheten har inget öppet API för resultat per valdistrikt: läs in resultatfilen med "
            "'lagesbild fetch valmyndigheten FIL' (valdeltagande per kommun). Valdeltagande per DeSO: ladda ned "
            "Valmyndighetens valdistriktsgränser för samma val och lägg till '--granser VALDISTRIKTSFIL'; "
            "en areaviktad nyckel valdistrikt → DeSO byggs mot lagrets DeSO-gränser (se docs/sources.md)",
        )
    )
    out.append(
        PlannedRequest(
            "skolverket",
            "skolenhet",
            None,
            len(kommuner) if skolverket else 0,
            tabell="skolenheter",
            status="planerad" if skolverket else "ej_tillganglig",
            not_="Skolverkets API för skolenheter" if skolverket else "skolhämtningen finns inte i denna version",
        )
    )
    return out


def duration_s(
    plan: list[PlannedRequest], *, calls_per_window: int = 30, window_s: float = 10.0, kolada_calls_per_s: float = 5.0
) -> float:
    """Least time the plan takes under the pacing limits (SCB 30 calls/10 s; Kolada 5 calls/s).

    Network time per call is not included; SCB and its WFS share one limit.

    Examples
    --------
    >>> duration_s([PlannedRequest("scb", "deso", 1, 61)])
    20.0
    """
    scb = sum(p.anrop for p in plan if p.kalla in ("scb", "scb_geo"))
    kol = sum(p.anrop for p in plan if p.kalla == "kolada")
    scb_s = max(0, math.ceil(scb / calls_per_window) - 1) * window_s
    return scb_s + kol / kolada_calls_per_s
