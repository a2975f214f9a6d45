"""Build the compact bundled data in src/lagesbild/data/ from ../shared/data.

Run once by a maintainer (``.venv/bin/python scripts/build_bundled_data.py``); the outputs are
committed. No value is changed: files are reshaped, joined on official codes, reprojected
(EPSG:4326 → EPSG:3006 for the Stockholm DeSO layer) and written as Parquet/GeoParquet.
Provenance is in src/lagesbild/data/DATA.md.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "lagesbild" / "data"
OUT.mkdir(parents=True, exist_ok=True)
PQ = {"compression": "zstd", "index": False}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def round_geoms(gdf: gpd.GeoDataFrame, grid: float = 0.1) -> gpd.GeoDataFrame:
    """Snap coordinates to a 0.1 m grid (far below survey precision) to compress well."""
    gdf = gdf.copy()
    gdf["geometry"] = shapely.make_valid(shapely.set_precision(gdf.geometry.values, grid))
    return gdf


def main() -> None:
    sources = {}
    gbg = SHARED / "gbg_maps_goteborgsregionen"

    k = gpd.read_file(gbg / "kommuner_2025_sverige.gpkg")
    cols = ["kommun_kod", "kommun_namn", "lan_kod", "lan_namn", "skr_huvudgrupp_kod",
            "skr_huvudgrupp_namn", "skr_kommungrupp_kod", "skr_kommungrupp_namn", "geometry"]
    k = round_geoms(k[[c for c in cols if c in k.columns]])
    k.to_parquet(OUT / "kommuner_2025.parquet", **PQ)
    sources["kommuner_2025.parquet"] = sha(gbg / "kommuner_2025_sverige.gpkg")

    r = gpd.read_file(gbg / "regso_2025_goteborgsregionen.gpkg")
    r = round_geoms(r[["regsokod", "regsonamn", "kommunkod", "version", "geometry"]])
    r.to_parquet(OUT / "regso_2025_goteborgsregionen.parquet", **PQ)

    d = gpd.read_file(gbg / "deso_2025_goteborgsregionen.gpkg")
    d = round_geoms(d[["desokod", "regsokod", "kommunkod", "version", "geometry"]])
    d.to_parquet(OUT / "deso_2025_goteborgsregionen.parquet", **PQ)

    p = gpd.read_file(gbg / "goteborg_primaromraden_2025.gpkg")
    p = round_geoms(p[["omrade_kod", "omrade_namn", "mellanomrade_kod", "mellanomrade_namn",
                       "stadsomrade_kod", "stadsomrade_namn", "gbg_socioekonomisk_omr_kod",
                       "gbg_socioekonomisk_omr_namn", "geometry"]], grid=0.5)
    p.to_parquet(OUT / "goteborg_primaromraden_2025.parquet", **PQ)

    s = gpd.read_file(SHARED / "stockholm_metroboomin_deso2018" /
                      "deso2018_stockholms_lan_simplified.geojson").to_crs(3006)
    s = s.rename(columns={"id": "desokod"})[["desokod", "kommun", "geometry"]]
    s = round_geoms(s, grid=1.0)
    s.to_parquet(OUT / "deso_2018_stockholms_lan.parquet", **PQ)

    dal = gpd.read_file(SHARED / "region_dalarna_deso" / "deso_dalarna_2018_v2.gpkg")
    dal = dal.rename(columns={"deso": "desokod"})[["desokod", "kommun", "version", "geometry"]]
    dal = round_geoms(dal, grid=1.0)
    dal.to_parquet(OUT / "deso_2018_dalarna.parquet", **PQ)

    # keys
    k18 = pd.read_csv(SHARED / "addegezon_deso_index" / "koppling-deso2018-regso2020.csv",
                      dtype=str, encoding="utf-8-sig")
    k18 = k18.rename(columns={"Kommun": "kommun", "Kommunnamn": "kommunnamn", "DeSO_2018": "deso",
                              "RegSO_2020": "regsonamn", "RegSOkod_2020": "regso"})
    k18.to_parquet(OUT / "key_deso2018_regso2020.parquet", **PQ)
    k25 = pd.read_csv(SHARED / "scb_keys" / "koppling_deso2025_regso2025.csv", dtype=str)
    k25 = k25.rename(columns={"deso_2025": "deso", "regsokod_2025": "regso", "regso_2025": "regsonamn"})
    k25.to_parquet(OUT / "key_deso2025_regso2025.parquet", **PQ)

    # RegSO 2020 statistics 2020–2023
    st = pd.read_csv(SHARED / "derived" / "regso2020_befolkning_bostader_inkomst_2020_2023.csv",
                     dtype={"regsokod": str, "kommun": str})
    st.to_parquet(OUT / "regso2020_statistik_2020_2023.parquet", **PQ)

    # områdestyper
    t22 = pd.read_csv(SHARED / "derived" / "regso2020_omradestyp_2022.csv", dtype={"regsokod": str, "kommun": str})
    t23 = pd.read_csv(SHARED / "derived" / "regso2020_omradestyp_2023.csv", dtype={"regsokod": str, "kommun": str})
    ot = pd.concat([t22.rename(columns={"omradestyp_2022": "omradestyp"}).assign(year=2022),
                    t23.rename(columns={"omradestyp_2023": "omradestyp"}).assign(year=2023)])
    ot[["regsokod", "year", "omradestyp"]].to_parquet(OUT / "omradestyp_regso2020_2022_2023.parquet", **PQ)

    # RegSO 2025 age × sex 2024, six kommuner, from the raw PxWeb v1 responses
    rows = []
    for folder, name in [("fave_scb_pxweb_v1", "stockholm_age_gender.json"),
                         ("fave_scb_pxweb_v1", "goteborg_age_gender.json"),
                         ("fave_scb_pxweb_v1_more", "malmo_age_gender.json"),
                         ("fave_scb_pxweb_v1_more", "uppsala_age_gender.json"),
                         ("fave_scb_pxweb_v1_more", "norrkoping_age_gender.json"),
                         ("fave_scb_pxweb_v1_more", "kalmar_age_gender_population.json")]:
        data = json.loads((SHARED / folder / name).read_text(encoding="utf-8-sig"))
        for rec in data["data"]:
            region, alder, kon, tid = rec["key"]
            rows.append((region, alder, kon, int(tid), float(rec["values"][0])))
    ak = pd.DataFrame(rows, columns=["region", "alder", "kon", "year", "folkmangd"])
    ak.to_parquet(OUT / "regso2025_alder_kon_2024.parquet", **PQ)

    dp = pd.read_csv(SHARED / "derived" / "deso2018_stockholms_lan_folkmangd_2010_2023.csv",
                     dtype={"desokod": str, "kommun": str})
    dp.to_parquet(OUT / "deso2018_stockholms_lan_folkmangd_2010_2023.parquet", **PQ)

    # Valmyndigheten: turnout per kommun (summed over valdistrikt)
    v22 = pd.read_csv(SHARED / "valmyndigheten_sidebo" / "2022_riksdag_per_valdistrikt.csv",
                      dtype={"Valdistriktskod": str})
    v22 = v22.assign(kommun=v22["Valdistriktskod"].str[:4]).groupby("kommun")[
        ["Antal röstberättigade", "Antal röstande"]].sum().reset_index()
    v22.columns = ["kommun", "rostberattigade", "rostande"]
    v18 = pd.read_csv(SHARED / "valmyndigheten_sidebo" / "2018_riksdag_per_valdistrikt.csv",
                      dtype={"VD_KOD_FULL": str})
    v18 = v18.assign(kommun=v18["VD_KOD_FULL"].str[:4]).groupby("kommun")[
        ["RÖSTBERÄTTIGADE", "RÖSTANDE"]].sum().reset_index()
    v18.columns = ["kommun", "rostberattigade", "rostande"]
    val = pd.concat([v18.assign(year=2018), v22.assign(year=2022)])
    val.to_parquet(OUT / "valdeltagande_riksdag_kommun_2018_2022.parquet", **PQ)

    # Skolverket årskurs 9 per skolenhet 2024/25
    sk = pd.read_csv(SHARED / "skolverket_ak9_2025" /
                     "grundskola_slutbetyg_ak9_samtliga_2024-25_skolenhet.csv",
                     sep=";", skiprows=5, dtype=str, encoding="utf-8-sig")
    sk = sk[sk["Skol-enhetskod"].fillna("").str.fullmatch(r"\d{8}")]
    sk.columns = ["skola", "skolenhetskod", "skolkommun", "kommun", "huvudmannatyp", "huvudman",
                  "huvudman_orgnr", "antal_elever", "andel_alla_amnen", "andel_behoriga_yrkesprog",
                  "meritvarde"]
    for c in ["antal_elever", "andel_alla_amnen", "andel_behoriga_yrkesprog", "meritvarde"]:
        sk[c] = pd.to_numeric(sk[c].str.replace(",", ".", regex=False).str.replace(" ", ""),
                              errors="coerce")
    sk = sk.drop(columns=["huvudman_orgnr"])
    sk.to_parquet(OUT / "skolverket_ak9_2024_25.parquet", **PQ)

    ks = pd.read_csv(SHARED / "derived" / "karlstad_regso_socioekonomiskt_index_tab6586_2011_2024.csv",
                     dtype={"regsokod": str})
    ks.to_parquet(OUT / "karlstad_socioekonomiskt_index_2011_2024.parquet", **PQ)

    mg = pd.read_parquet(SHARED / "rkolada_cached" / "munic_g_long.parquet")
    mg = mg[mg["group_title"].str.contains("Liknande kommuner", na=False)]
    mg.to_parquet(OUT / "kolada_liknande_kommuner.parquet", **PQ)

    total = sum(f.stat().st_size for f in OUT.glob("*.parquet"))
    print(f"wrote {len(list(OUT.glob('*.parquet')))} files, {total / 1e6:.1f} MB")
    for f in sorted(OUT.glob("*.parquet")):
        print(f"  {f.name:55s} {f.stat().st_size:>9,d}  {sha(f)[:16]}")


if __name__ == "__main__":
    main()
