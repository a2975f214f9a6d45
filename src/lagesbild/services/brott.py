"""Use cases of the crime-prevention lägesbild (Lag 2023:196): statistics, utsatta områden, areas and
the accounts of incident reporting.

The CLI (``lagesbild brott …``), the web pages and the demo call these functions; every number
they show comes from here, so the document and the JSON output agree. Incident reporting is in
:mod:`lagesbild.services.brott_handelser`, the analysis of the incidents in
:mod:`lagesbild.services.brott_lagesbild`, the åtgärdsplan and medborgarlöften in
:mod:`lagesbild.services.brott_plan`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair

if TYPE_CHECKING:
    import geopandas as gpd

    from lagesbild._config import Settings
    from lagesbild.brott.kategorier import Taxonomy
    from lagesbild.store.db import Store
    from lagesbild.store.operational import OperationalStore

__all__ = ["statistik", "utsatta", "population", "open_ops", "area_names", "kolada_comparison", "kommun_name",
           "member", "set_member", "taxonomy", "utsatta_outlines", "import_utsatta", "EXAMPLE_LABEL", "STAT_KEYS"]

#: shown wherever generated incidents appear
EXAMPLE_LABEL = "exempeldata (syntetiska händelser)"
#: keys of each ``brott statistik`` object (documented in docs/brott.md)
STAT_KEYS = ("kalla", "variabel", "ar", "varde", "enhet", "ki_undre", "ki_ovre", "antal_svarande", "geografi",
             "undertryckt", "fa_svarande")
_KOLADA_SOURCE = "Kolada N07540 (Brå, anmälda brott)"


def _none(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else v


def kommun_name(store: Store, kommun: str) -> str:
    """The kommun's name (kommun 2025), checking the code.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    str
        The name, e.g. "Borlänge".

    Raises
    ------
    InputError
        When the code is not four digits or the store has no such kommun.
    """
    if not (isinstance(kommun, str) and len(kommun) == 4 and kommun.isdigit()):
        raise InputError(*pair("brott.unknown_kommun", kommun=kommun))
    try:
        return str(store.area(kommun, version="kommun2025")["name"])
    except NotFoundError:
        raise InputError(*pair("brott.unknown_kommun", kommun=kommun)) from None


# ------------------------------------------------------------------ statistics
def _bra_frame():
    from lagesbild.brott.bra import parse_kommunindikatorer
    from lagesbild.store.bundled import data_path

    raw = pd.read_parquet(data_path("bra_kommunindikatorer_dalarna_2016_2025.parquet"))
    return parse_kommunindikatorer(raw, file="bra_kommunindikatorer_dalarna_2016_2025.parquet")


def _kolada():
    from lagesbild.store.bundled import data_path

    return pd.read_parquet(data_path("kolada_n07540_n01951_2025.parquet"))


def statistik(store: Store, kommun: str, *, years: list[int] | None = None, min_respondents: int = 200,
              geografi: list[str] | None = None) -> list[dict]:
    """Brå's kommunindikatorer for a kommun (NTU with intervals, anmälda brott) and Kolada N07540.

    A value of N07540 fetched into the store replaces the bundled value of the same year.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    years : list of int, optional
        Keep only these years (all by default).
    min_respondents : int
        NTU rows with fewer answers are flagged ``fa_svarande`` (default 200).
    geografi : list of str, optional
        Comparison places added as rows, e.g. ``"Dalarnas län"``, ``"Hela landet"``.

    Returns
    -------
    list of dict
        One dict per row with the keys :data:`STAT_KEYS` (missing numbers are None).

    Raises
    ------
    InputError
        For an unknown kommun.
    NotFoundError
        When there are neither Brå nor Kolada figures for the kommun.
    """
    from lagesbild.brott.bra import flag_few_respondents

    name = kommun_name(store, kommun)
    df = _bra_frame()
    places = [name, *(geografi or [])]
    df = df[df["geografi"].isin(places)]
    df = df.assign(fa_svarande=flag_few_respondents(df, min_respondents))
    kol = _kolada()
    kol = kol[(kol["kommunkod"] == kommun) & (kol["kpi"] == "N07540")]
    if df.empty and kol.empty:
        raise NotFoundError(*pair("brott.no_kommun_data", kommun=kommun))
    krows = pd.DataFrame({"geografi": name, "kalla": _KOLADA_SOURCE, "variabel": "Anmälda brott totalt",
                          "ar": kol["ar"].astype("int64"), "enhet": "Antal per 100 000 inv", "varde": kol["varde"],
                          "ki_undre": np.nan, "ki_ovre": np.nan, "antal_svarande": np.nan, "undertryckt": False,
                          "fa_svarande": False})
    fetched = _fetched_kolada(store, kommun, name)
    if not fetched.empty:  # a fresher fetch of N07540 replaces the bundled value of the same year
        same = fetched[fetched["kalla"] == "Kolada N07540 (Brå)"]["ar"]
        krows = pd.concat([krows[~krows["ar"].isin(same)], fetched], ignore_index=True)
    df = pd.concat([df, krows], ignore_index=True) if not df.empty else krows
    if years:
        df = df[df["ar"].isin(years)]
    out = []
    for r in df.to_dict("records"):
        out.append({k: _none(r[k]) for k in STAT_KEYS} | {"ar": int(r["ar"]), "undertryckt": bool(r["undertryckt"]),
                                                          "fa_svarande": bool(r["fa_svarande"])})
    return out


#: Brå's KPIs in Kolada that `lagesbild fetch kolada` can bring into the store for any kommun
BRA_KPIS = ("N07540", "N07403")


def _fetched_kolada(store, kommun: str, name: str) -> pd.DataFrame:
    """Brå KPIs fetched from Kolada into the store (variables ``kolada_<KPI>``), as statistik rows."""
    wanted = [f"kolada_{k}" for k in BRA_KPIS]
    obs = store.observations(wanted, level="kommun", codes=[kommun])
    if obs.empty:
        return obs
    meta = store.variables()
    return pd.DataFrame({
        "geografi": name, "kalla": "Kolada " + obs["variable"].str.removeprefix("kolada_") + " (Brå)",
        "variabel": [str(meta.loc[v, "label_sv"]) if v in meta.index else v for v in obs["variable"]],
        "ar": obs["year"].astype("int64"), "enhet": "Antal per 100 000 inv", "varde": obs["value"],
        "ki_undre": np.nan, "ki_ovre": np.nan, "antal_svarande": np.nan, "undertryckt": obs["value"].isna(),
        "fa_svarande": False})


def kolada_comparison(kommun: str) -> dict:
    """Reported crimes per 100 000 inhabitants (Kolada N07540, bundled): the kommun against all kommuner.

    Parameters
    ----------
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    dict
        ``ar`` (the latest year), ``varde`` (the kommun's value, None when missing), ``median`` (of
        all kommuner), ``rang`` (1 = highest, None when missing) and ``antal_kommuner``.
    """
    k = _kolada()
    k = k[k["kpi"] == "N07540"].dropna(subset=["varde"])
    own = k[k["kommunkod"] == kommun]
    rank = int((k["varde"] > float(own["varde"].iloc[0])).sum()) + 1 if not own.empty else None
    return {"ar": int(k["ar"].max()), "varde": None if own.empty else float(own["varde"].iloc[0]),
            "median": float(k["varde"].median()), "rang": rank, "antal_kommuner": int(len(k))}


# ------------------------------------------------------------------ utsatta områden
def _edition_path(store) -> Path | None:
    """Where an imported edition of utsatta områden is kept: beside the store file."""
    path = getattr(store, "path", None)
    if not path or str(path) == ":memory:":
        return None
    p = Path(path)
    return p.with_name(p.stem + ".utsatta.parquet")


def _uso(path: Path | None = None, store=None):
    from lagesbild.brott.utsatta import read_utsatta
    from lagesbild.store.bundled import data_path

    if path is None and store is not None:
        edition = _edition_path(store)
        if edition is not None and edition.exists():
            path = edition
    return read_utsatta(path or data_path("polisen_utsatta_omraden_2025.parquet"))


def _uso_source(store, path: Path | None) -> str:
    if path is not None:
        return f"Polismyndigheten, utsatta områden ({Path(path).name})"
    edition = _edition_path(store)
    if edition is not None and edition.exists():
        return "Polismyndigheten, utsatta områden (importerad utgåva)"
    return "Polismyndigheten, utsatta områden 2025"


def import_utsatta(store: Store, file: Path) -> dict:
    """Make a new edition of Polisen's utsatta områden (GeoJSON/GeoParquet, checked) the one in use.

    The edition is kept beside the store file and replaces the previous one atomically.

    Parameters
    ----------
    store : Store
        The analytical store (a file, not in memory).
    file : Path
        The police's GeoJSON or GeoParquet.

    Returns
    -------
    dict
        ``antal`` (areas), ``kategorier`` (count per category) and ``fil`` (where it is kept).

    Raises
    ------
    InputError
        When the store is in memory (no place beside it) or the file cannot be read.
    SchemaError
        When the file lacks required columns.
    """
    import os

    from lagesbild.brott.utsatta import read_utsatta

    edition = _edition_path(store)
    if edition is None:
        raise InputError(*pair("brott.no_edition_place"))
    g = read_utsatta(Path(file))
    tmp = edition.with_suffix(".tmp")
    g.to_parquet(tmp, compression="zstd", index=False)
    os.replace(tmp, edition)
    return {"antal": int(len(g)), "kategorier": {str(k): int(v) for k, v in g["kategori"].value_counts().items()},
            "fil": str(edition)}


def population(store: Store, kommun: str, level: str = "deso") -> pd.DataFrame:
    """Population per area and year from the store and the bundled Dalarna DeSO figures.

    DeSO 2025 codes equal DeSO 2018 codes in Dalarna. For RegSO, years without RegSO figures are
    summed from DeSO.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    level : str
        ``"deso"`` (default) or ``"regso"`` (RegSO 2020).

    Returns
    -------
    pandas.DataFrame
        Columns ``omrade``, ``ar`` (int64) and ``folkmangd`` (float64).
    """
    from lagesbild.store.bundled import data_path

    deso = store.observations("folkmangd", level="deso", kommun=kommun)
    deso = deso.rename(columns={"area_code": "omrade", "year": "ar", "value": "folkmangd"})[["omrade", "ar",
                                                                                              "folkmangd"]]
    dal = pd.read_parquet(data_path("deso2025_dalarna_folkmangd_2022_2024.parquet"))
    dal = dal[dal["kommun"] == kommun].rename(columns={"desokod": "omrade"})[["omrade", "ar", "folkmangd"]]
    deso = pd.concat([deso, dal], ignore_index=True).drop_duplicates(["omrade", "ar"], keep="first")
    deso = deso.astype({"ar": "int64", "folkmangd": "float64"})
    if level == "deso":
        return deso
    reg = store.observations("folkmangd", level="regso", kommun=kommun, version="RegSO2020")
    reg = reg.rename(columns={"area_code": "omrade", "year": "ar", "value": "folkmangd"})[["omrade", "ar",
                                                                                            "folkmangd"]]
    parents = store.areas(level="deso", kommun=kommun, version="DeSO2018").set_index("code")["parent_code"]
    up = deso.assign(omrade=deso["omrade"].map(parents)).dropna(subset=["omrade"])
    up = up.groupby(["omrade", "ar"], as_index=False)["folkmangd"].sum()
    up = up[~up["ar"].isin(reg["ar"].unique())]
    return pd.concat([reg, up], ignore_index=True).astype({"ar": "int64", "folkmangd": "float64"})


def utsatta(store: Store, kommun: str, *, path: Path | None = None, min_share: float = 0.01) -> list[dict]:
    """The kommun's utsatta områden with the RegSO 2020 and DeSO 2018 areas they overlap.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.
    path : Path, optional
        A police file to use instead of the edition in use.
    min_share : float
        Overlaps smaller than this share of the area are left out (default 0.01).

    Returns
    -------
    list of dict
        One dict per område (``namn``, ``kategori``, ``kategori_kod``, ``ort``, ``giltig_fran``,
        ``kalla``, ``omraden``: the overlapped areas with their shares), särskilt utsatta first.

    Raises
    ------
    InputError
        For an unknown kommun.
    """
    from lagesbild.brott.utsatta import assign_kommun, overlay

    kommun_name(store, kommun)
    uso = _uso(path, store)
    source = _uso_source(store, path)
    uso = uso.assign(kommun=assign_kommun(uso, store.geometries(level="kommun")))
    uso = uso[uso["kommun"] == kommun]
    if uso.empty:
        return []
    deso = store.geometries(level="deso", kommun=kommun, version="DeSO2018")
    reg = store.geometries(level="regso", kommun=kommun, version="RegSO2020")
    pop = population(store, kommun, "deso")
    pop = pop[pop["ar"] == pop["ar"].max()].set_index("omrade")["folkmangd"] if not pop.empty else None
    parents = deso.set_index("code")["parent_code"]
    ov_r = overlay(uso, reg, fine=deso, fine_pop=pop, fine_parent=parents, min_share=min_share)
    ov_d = overlay(uso, deso, min_share=min_share)
    names = dict(zip(reg["code"], reg["name"]))
    out = []
    for _, u in uso.iterrows():
        areas = []
        for ov, niva in ((ov_r, "regso"), (ov_d, "deso")):
            for r in ov[ov["namn"] == u["namn"]].to_dict("records"):
                areas.append({"niva": niva, "kod": r["kod"], "version": r["version"],
                              "namn": names.get(r["kod"], r["kod"]),
                              "andel_av_omradet": round(float(r["andel_av_omradet"]), 4),
                              "andel_av_polisomradet": round(float(r["andel_av_polisomradet"]), 4),
                              "andel_befolkning": None if pd.isna(r["andel_befolkning"])
                              else round(float(r["andel_befolkning"]), 4)})
        out.append({"namn": u["namn"], "kategori": u["kategori"], "kategori_kod": u["kategori_kod"],
                    "ort": u.get("ORT"),
                        "giltig_fran": (None if pd.isna(u.get("AKTUALITET_START"))
                                        else str(u.get("AKTUALITET_START"))[:10]),
                    "kalla": source, "omraden": areas})
    return sorted(out, key=lambda d: (d["kategori_kod"] != "sarskilt_utsatt", d["namn"]))


# ------------------------------------------------------------------ incidents
def open_ops(settings: Settings) -> OperationalStore:
    """The operational store with the brott tables declared.

    Parameters
    ----------
    settings : Settings
        The resolved settings (``database_url`` or the file beside the store).

    Returns
    -------
    OperationalStore
        The opened store; the caller closes it.
    """
    import lagesbild.brott.tabeller  # noqa: F401  (declares the tables on METADATA)
    from lagesbild.store.operational import open_operational

    return open_operational(settings)


def area_names(store: Store, kommun: str) -> dict[str, str]:
    """The names of the kommun's RegSO and DeSO areas.

    Parameters
    ----------
    store : Store
        The analytical store.
    kommun : str
        Four-digit kommun code.

    Returns
    -------
    dict of str to str
        Area code → name, for every RegSO and DeSO version in the store.
    """
    a = store.areas(kommun=kommun)
    a = a[a["level"].isin(["regso", "deso"])]
    return dict(zip(a["code"], a["name"]))


def member(ops: OperationalStore, username: str) -> dict | None:
    """The account's organisation, incident role and kommun.

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    username : str
        The account.

    Returns
    -------
    dict or None
        ``username``, ``organisation``, ``roll`` and ``kommun``; None for an account without them.
    """
    from lagesbild.brott.tabeller import member as _member

    return _member(ops, username)


def set_member(ops: OperationalStore, username: str, *, organisation: str, roll: str, kommun: str) -> None:
    """Give an account its organisation, incident role and kommun (replacing earlier ones).

    Parameters
    ----------
    ops : OperationalStore
        The operational store with the brott tables.
    username : str
        The account.
    organisation : str
        The organisation it reports for.
    roll : str
        ``rapportor``, ``granskare`` or ``samordnare``.
    kommun : str
        Four-digit kommun code.
    """
    from lagesbild.brott.tabeller import set_member as _set

    _set(ops, username, organisation=organisation, roll=roll, kommun=kommun)


def taxonomy(settings: Settings | None = None) -> Taxonomy:
    """The incident categories.

    Parameters
    ----------
    settings : Settings, optional
        Its ``brott_kategorier`` names the categories; the EST seed list when absent or empty.

    Returns
    -------
    Taxonomy
        The categories with their labels.
    """
    from lagesbild.brott.kategorier import default_taxonomy

    return default_taxonomy(getattr(settings, "brott_kategorier", "") if settings else "")


def utsatta_outlines(store: Store, kommun: str, *, path: Path | None = None) -> gpd.GeoDataFrame:
    """The outlines of the kommun's utsatta områden, for maps.

    Parameters
    ----------
    store : Store
        The analytical store (kommun boundaries).
    kommun : str
        Four-digit kommun code.
    path : Path, optional
        A police file to use instead of the edition in use.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``namn``, ``kategori``, ``kategori_kod`` and ``geometry`` (EPSG:3006).
    """
    from lagesbild.brott.utsatta import assign_kommun

    uso = _uso(path, store)
    uso = uso.assign(kommun=assign_kommun(uso, store.geometries(level="kommun")))
    return uso[uso["kommun"] == kommun][["namn", "kategori", "kategori_kod", "geometry"]]
