"""Load the bundled real data (src/lagesbild/data, see DATA.md there) into a store.

Used by ``lagesbild init``. Every file becomes a row in ``sources`` with its SHA-256, and
every value is written through :meth:`Store.write` in one transaction per step.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from lagesbild.store.bundled_files import DATA_DIR, data_path
from lagesbild.store.db import Store

__all__ = ["DATA_DIR", "VARIABLES", "load_bundled", "data_path", "data_dates"]


_AGES = ["-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49",
         "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-"]


def _age_id(a: str) -> str:
    return {"-4": "0_4", "80-": "80_w"}.get(a, a.replace("-", "_"))


def _age_label(a: str) -> str:
    return {"-4": "0–4", "80-": "80+"}.get(a, a.replace("-", "–"))


# id, label_sv, label_en, unit, kind, numerator, denominator, weight, source
VARIABLES: list[tuple] = [
    ("folkmangd", "Folkmängd", "Population", "personer", "count", None, None, None, "SCB"),
    ("fodda_i_sverige", "Födda i Sverige", "Born in Sweden", "personer", "count", None, None, None, "SCB"),
    ("fodda_utrikes", "Födda utomlands", "Born abroad", "personer", "count", None, None, None, "SCB"),
    ("andel_utrikes_fodda", "Andel födda utomlands", "Share born abroad", "procent", "share",
     "fodda_utrikes", "folkmangd", None, "SCB"),
    ("lgh_hyresratt", "Lägenheter, hyresrätt", "Dwellings, rental", "lägenheter", "count", None, None, None, "SCB"),
    ("lgh_bostadsratt", "Lägenheter, bostadsrätt", "Dwellings, tenant-owned", "lägenheter", "count",
     None, None, None, "SCB"),
    ("lgh_aganderatt", "Lägenheter, äganderätt", "Dwellings, owner-occupied", "lägenheter", "count",
     None, None, None, "SCB"),
    ("lgh_uppgift_saknas", "Lägenheter, upplåtelseform saknas", "Dwellings, tenure unknown",
     "lägenheter", "count", None, None, None, "SCB"),
    ("lgh_totalt", "Lägenheter totalt", "Dwellings, total", "lägenheter", "count", None, None, None, "SCB"),
    ("andel_hyresratt", "Andel lägenheter i hyresrätt", "Share of dwellings rented", "procent", "share",
     "lgh_hyresratt", "lgh_totalt", None, "SCB"),
    ("loneinkomst_medel_tkr", "Löneinkomst, medelvärde", "Wage income, mean", "tkr", "mean",
     None, None, None, "SCB"),
    ("omradestyp", "Områdestyp (officiell)", "Area type (official)", "typ 1–5", "category",
     None, None, None, "SCB/Delmos"),
    ("socioekonomiskt_index", "Socioekonomiskt index", "Socio-economic index", "index", "index",
     None, None, None, "SCB/Delmos"),
    ("andel_lag_ek_standard", "Andel med låg ekonomisk standard", "Share with low economic standard",
     "procent", "share", None, None, None, "SCB"),
    ("andel_forgymnasial_utb_20_64", "Andel med förgymnasial utbildning, 20–64 år",
     "Share with only compulsory education, 20–64", "procent", "share", None, None, None, "SCB"),
    ("andel_ek_bistand_langtidsarb_20_64", "Andel med ekonomiskt bistånd och/eller långtidsarbetslösa, 20–64 år",
     "Share on social assistance and/or long-term unemployed, 20–64", "procent", "share",
     None, None, None, "SCB"),
    ("rostberattigade", "Röstberättigade, riksdagsval", "Eligible voters, Riksdag election", "personer",
     "count", None, None, None, "Valmyndigheten"),
    ("rostande", "Röstande, riksdagsval", "Voters, Riksdag election", "personer", "count", None, None,
     None, "Valmyndigheten"),
    ("valdeltagande", "Valdeltagande, riksdagsval", "Turnout, Riksdag election", "procent", "share",
     "rostande", "rostberattigade", None, "Valmyndigheten"),
    ("elever_ak9", "Elever i årskurs 9 med slutbetyg", "Pupils in year 9 with final grades", "elever",
     "count", None, None, None, "Skolverket"),
    ("andel_alla_amnen_ak9", "Andel elever som uppnått betygskriterierna i alla ämnen, åk 9",
     "Share of pupils meeting the grade criteria in all subjects, year 9", "procent", "share",
     None, None, "elever_ak9", "Skolverket"),
    ("andel_behoriga_yrkesprog_ak9", "Andel elever behöriga till yrkesprogram, åk 9",
     "Share of pupils eligible for vocational programmes, year 9", "procent", "share", None, None,
     "elever_ak9", "Skolverket"),
    ("meritvarde_ak9", "Genomsnittligt meritvärde (17 ämnen), åk 9", "Mean merit rating (17 subjects), year 9",
     "poäng", "mean", None, None, "elever_ak9", "Skolverket"),
    ("folkmangd_man", "Folkmängd, män", "Population, men", "personer", "count", None, None, None, "SCB"),
    ("folkmangd_kvinnor", "Folkmängd, kvinnor", "Population, women", "personer", "count", None, None, None, "SCB"),
]
for _a in _AGES:
    VARIABLES.append((f"folkmangd_{_age_id(_a)}", f"Folkmängd {_age_label(_a)} år",
                      f"Population aged {_age_label(_a)}", "personer", "count", None, None, None, "SCB"))
    for _sx, _sv, _en in (("man", "män", "men"), ("kvinnor", "kvinnor", "women")):
        VARIABLES.append((f"folkmangd_{_age_id(_a)}_{_sx}", f"Folkmängd {_age_label(_a)} år, {_sv}",
                          f"Population aged {_age_label(_a)}, {_en}", "personer", "count", None, None,
                          None, "SCB"))

_VARCOLS = ["id", "label_sv", "label_en", "unit", "kind", "numerator", "denominator", "weight", "source"]

# file, publisher, table/path, licence, attribution, note
_SOURCES = {
    "kommuner_2025.parquet": ("SCB; SKR", "Kommun- och länsindelning 2025; SKR kommungruppsindelning 2023",
                              "SCB öppna data (CC0); SKR", "Källa: SCB, SKR", "generaliserade gränser"),
    "regso_2025_goteborgsregionen.parquet": ("SCB", "RegSO 2025 (2025_v1), Göteborgsregionen",
                                             "CC0", "Källa: SCB", ""),
    "deso_2025_goteborgsregionen.parquet": ("SCB", "DeSO 2025 (2025_v1), Göteborgsregionen", "CC0",
                                            "Källa: SCB", ""),
    "deso_2018_stockholms_lan.parquet": ("SCB", "DeSO 2018, Stockholms län (förenklad)", "CC0",
                                         "Källa: SCB", "förenklad per polygon; små glipor mellan grannar"),
    "deso_2018_dalarna.parquet": ("SCB", "DeSO 2018 (2018_v2), Dalarnas län", "CC0", "Källa: SCB", ""),
    "goteborg_primaromraden_2025.parquet": ("Göteborgs Stad", "Primärområden 2025-01-01", "MIT (källrepo)",
                                            "Källa: Göteborgs Stad", "egen indelning, ej SCB"),
    "key_deso2018_regso2020.parquet": ("SCB", "Nyckel DeSO 2018 – RegSO 2020", "CC0", "Källa: SCB", ""),
    "key_deso2025_regso2025.parquet": ("SCB", "Nyckel DeSO 2025 – RegSO 2025", "CC0", "Källa: SCB", ""),
    "regso2020_statistik_2020_2023.parquet": ("SCB", "Statistikdatabasen, RegSO: folkmängd efter "
                                              "födelseregion, lägenheter efter upplåtelseform, löneinkomst",
                                              "CC0", "Källa: SCB", "utrikes födda = totalt − födda i Sverige"),
    "omradestyp_regso2020_2022_2023.parquet": ("SCB/Delmos", "Områdestyp efter socioekonomiskt index "
                                               "(000005QX)", "CC0", "Källa: SCB/Delmos", ""),
    "regso2025_alder_kon_2024.parquet": ("SCB", "Folkmängden per region, ålder och kön (PxWeb v1)", "CC0",
                                         "Källa: SCB", "sex kommuner"),
    "deso2018_stockholms_lan_folkmangd_2010_2023.parquet": ("SCB", "Folkmängd per DeSO 2010 och 2023",
                                                            "CC0", "Källa: SCB",
                                                            "via tredjepartsrepo; ej kontrollerad mot SCB-fil"),
    "valdeltagande_riksdag_kommun_2018_2022.parquet": ("Valmyndigheten", "Riksdagsval per valdistrikt "
                                                       "2018 och 2022, summerat per kommun",
                                                       "öppna data", "Källa: Valmyndigheten", ""),
    "skolverket_ak9_2024_25.parquet": ("Skolverket", "Slutbetyg årskurs 9, samtliga elever, 2024/25, "
                                       "skolenhet", "officiell statistik", "Källa: Skolverket", ""),
    "karlstad_socioekonomiskt_index_2011_2024.parquet": ("SCB/Delmos", "TAB6586 Socioekonomiskt index "
                                                         "efter region och år (Karlstad)", "CC0",
                                                         "Källa: SCB", ""),
    "kolada_liknande_kommuner.parquet": ("RKA (Kolada)", "Kommungrupper: liknande kommuner",
                                         "fri användning", "Källa: Kolada (RKA)", ""),
    "skolverket_grundskola_ak9_2021_2025.parquet": ("Skolverket", "Planned Educations API v4, statistik "
                                                    "per skolenhet (grundskola åk 9), 2020/21–2024/25",
                                                    "officiell statistik", "Källa: Skolverket",
                                                    "markeringar (.., ., ~100) som status"),
    "skolverket_skolenheter_gr.parquet": ("Skolverket", "Planned Educations API v4, skolenheter med "
                                          "koordinater", "officiell statistik", "Källa: Skolverket", ""),
    "skolverket_behorighet_kommun_2024_25.parquet": ("Skolverket", "Behörighet till gymnasieskolan per "
                                                     "kommun, 2024/25", "officiell statistik",
                                                     "Källa: Skolverket", ""),
}


#: When the bundled data were retrieved from (or last updated by) their publisher, where the data
#: catalogue states it (src/lagesbild/data/DATA.md). The store's ``retrieved_at`` of a bundled
#: source is the day the store was built, not this date. Files without a stated date are absent.
_DATES: dict[str, tuple[str, str]] = {
    "omradestyp_regso2020_2022_2023.parquet": ("2025-01-31", "updated"),
    "karlstad_socioekonomiskt_index_2011_2024.parquet": ("2026-07-06", "retrieved"),
    "skolverket_grundskola_ak9_2021_2025.parquet": ("2026-04-21", "retrieved"),
    "skolverket_skolenheter_gr.parquet": ("2026-04-21", "retrieved"),
    "kolada_n07540_n01951_2025.parquet": ("2026-06-16", "retrieved"),
}


def data_dates() -> dict[str, tuple[str, str]]:
    """File name → (ISO date, "retrieved" | "updated" | "published") of the bundled data, where known."""
    return dict(_DATES)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source_id(fname: str) -> str:
    return "bundled:" + fname.removesuffix(".parquet")


def _sources_frame() -> pd.DataFrame:
    now = _dt.datetime.now(_dt.UTC).replace(tzinfo=None)
    rows = []
    for fname, (pub, table, lic, attr, note) in _SOURCES.items():
        rows.append({"id": _source_id(fname), "publisher": pub, "table_id": table,
                     "file": f"lagesbild/data/{fname}", "licence": lic, "attribution": attr,
                     "retrieved_at": now, "sha256": _sha(data_path(fname)), "note": note})
    return pd.DataFrame(rows)


def _long(df: pd.DataFrame, code: str, version: str, year: str | int, mapping: dict[str, str],
          source: str) -> pd.DataFrame:
    id_vars = [code] + ([year] if isinstance(year, str) else [])
    long = df[id_vars + list(mapping)].melt(id_vars=id_vars, var_name="variable", value_name="value")
    long["variable"] = long["variable"].map(mapping)
    long = long.rename(columns={code: "area_code"})
    if not isinstance(year, str):
        long["year"] = year
    else:
        long = long.rename(columns={year: "year"})
    long["area_version"] = version
    long["source_id"] = _source_id(source)
    return long.dropna(subset=["value"])


def load_bundled(store: Store, progress: Callable[[str], None] | None = None) -> dict:
    """Load every bundled file into ``store``; returns the store summary."""
    from lagesbild.store import bundled_geo

    say = progress or (lambda _msg: None)
    say("källor och variabler")
    store.write(sources=_sources_frame(), variables=pd.DataFrame(VARIABLES, columns=_VARCOLS))
    say("områden och nycklar")
    areas, keys, groups = bundled_geo.areas_keys_groups()
    store.write(areas=areas, keys=keys, groups=groups)
    say("gränser (EPSG:3006) och förenklade webbgränser")
    geoms = bundled_geo.geometries(store.settings.simplify_tolerance)
    store.write(geometries=geoms, keys=bundled_geo.primaromrade_key(geoms))
    say("statistik")
    store.write(observations=_observations(), label="inbyggda data")
    say("skolor")
    from lagesbild.store import skolor

    extra = skolor.bundled_frames(data_path, store.areas(level="skolenhet")["code"])
    store.write(variables=pd.DataFrame(skolor.VARIABLES, columns=_VARCOLS), areas=extra["areas"],
                geometries=extra["geometries"], observations=extra["observations"], label="inbyggda skoldata")
    return store.summary()


def _observations() -> pd.DataFrame:
    parts = []
    st = pd.read_parquet(data_path("regso2020_statistik_2020_2023.parquet"))
    st["fodda_utrikes"] = st["folkmangd_totalt"] - st["folkmangd_fodda_i_sverige"]
    st["lgh_totalt"] = st[["lgh_bostadsratt", "lgh_hyresratt", "lgh_uppgift_saknas", "lgh_aganderatt"]].sum(axis=1)
    parts.append(_long(st, "regsokod", "RegSO2020", "year", {
        "folkmangd_totalt": "folkmangd", "folkmangd_fodda_i_sverige": "fodda_i_sverige",
        "fodda_utrikes": "fodda_utrikes", "lgh_bostadsratt": "lgh_bostadsratt",
        "lgh_hyresratt": "lgh_hyresratt", "lgh_uppgift_saknas": "lgh_uppgift_saknas",
        "lgh_aganderatt": "lgh_aganderatt", "lgh_totalt": "lgh_totalt",
        "loneinkomst_medel_tkr": "loneinkomst_medel_tkr"}, "regso2020_statistik_2020_2023.parquet"))

    ot = pd.read_parquet(data_path("omradestyp_regso2020_2022_2023.parquet"))
    parts.append(_long(ot, "regsokod", "RegSO2020", "year", {"omradestyp": "omradestyp"},
                       "omradestyp_regso2020_2022_2023.parquet"))

    ak = pd.read_parquet(data_path("regso2025_alder_kon_2024.parquet"))
    ak["regsokod"] = ak["region"].str.split("_").str[0]
    sex = {"1": "_man", "2": "_kvinnor", "1+2": ""}
    ak["variable"] = ["folkmangd" + ("" if a == "totalt" else "_" + _age_id(a)) + sex[k]
                      for a, k in zip(ak["alder"], ak["kon"])]
    parts.append(pd.DataFrame({"area_code": ak["regsokod"], "area_version": "RegSO2025",
                               "year": ak["year"], "variable": ak["variable"],
                               "value": ak["folkmangd"],
                               "source_id": _source_id("regso2025_alder_kon_2024.parquet")}))

    dp = pd.read_parquet(data_path("deso2018_stockholms_lan_folkmangd_2010_2023.parquet"))
    for y in (2010, 2023):
        parts.append(_long(dp, "desokod", "DeSO2018", y, {f"pop_{y}": "folkmangd"},
                           "deso2018_stockholms_lan_folkmangd_2010_2023.parquet"))

    val = pd.read_parquet(data_path("valdeltagande_riksdag_kommun_2018_2022.parquet"))
    val["valdeltagande"] = 100.0 * val["rostande"] / val["rostberattigade"]
    parts.append(_long(val, "kommun", "kommun2025", "year", {
        "rostberattigade": "rostberattigade", "rostande": "rostande", "valdeltagande": "valdeltagande"},
        "valdeltagande_riksdag_kommun_2018_2022.parquet"))

    sk = pd.read_parquet(data_path("skolverket_ak9_2024_25.parquet"))
    parts.append(_long(sk, "skolenhetskod", "skolenhet2025", 2025, {
        "antal_elever": "elever_ak9", "andel_alla_amnen": "andel_alla_amnen_ak9",
        "andel_behoriga_yrkesprog": "andel_behoriga_yrkesprog_ak9", "meritvarde": "meritvarde_ak9"},
        "skolverket_ak9_2024_25.parquet"))

    ks = pd.read_parquet(data_path("karlstad_socioekonomiskt_index_2011_2024.parquet"))
    for version, sub in ks.groupby("regso_version"):
        parts.append(_long(sub, "regsokod", version, "ar", {
            "socioekonomiskt_index": "socioekonomiskt_index",
            "andel_lag_ek_standard": "andel_lag_ek_standard",
            "andel_forgymnasial_utb_20_64": "andel_forgymnasial_utb_20_64",
            "andel_ek_bistand_och_eller_langtidsarbetslos_20_64": "andel_ek_bistand_langtidsarb_20_64"},
            "karlstad_socioekonomiskt_index_2011_2024.parquet"))
        # official type for years not in the national files (2011–2021, 2024)
        typ = sub[~sub["ar"].isin([2022, 2023]) | (version != "RegSO2020")]
        parts.append(_long(typ, "regsokod", version, "ar", {"omradestyp": "omradestyp"},
                           "karlstad_socioekonomiskt_index_2011_2024.parquet"))
    obs = pd.concat(parts, ignore_index=True)
    obs["year"] = obs["year"].astype("int64")
    obs["value"] = obs["value"].astype("float64")
    return obs
