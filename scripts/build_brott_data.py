"""Build the bundled crime-prevention data in src/lagesbild/data/ from ../shared/data.

Run once by a maintainer (``.venv/bin/python scripts/build_brott_data.py``); the outputs are
committed. No value is changed: the files are reshaped (column types, long format kept) and
written as Parquet/GeoParquet. Provenance is in src/lagesbild/data/DATA.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "lagesbild" / "data"
PQ = {"compression": "zstd", "index": False}


def main() -> None:
    bra = pd.read_csv(SHARED / "region_dalarna_brott" / "bra_kommunindikatorer_dalarna_2016_2025.csv",
                      dtype=str, keep_default_na=False)
    # the published long format, unchanged; varde stays text so that a suppressed value
    # ("..", "-") in another edition keeps its mark
    bra.to_parquet(OUT / "bra_kommunindikatorer_dalarna_2016_2025.parquet", **PQ)

    pop = pd.read_csv(SHARED / "region_dalarna_brott" / "befolkning_deso2025_dalarna_2022_2025.csv",
                      dtype=str)
    pop = pd.DataFrame({"desokod": pop["desokod"], "kommun": pop["Kommunkod"],
                        "ar": pop["år"].astype("int16"), "folkmangd": pop["bef"].astype("int32")})
    # the source's 2025 column equals 2024 for every DeSO (carried forward, not an SCB figure): left out
    wide = pop.pivot(index="desokod", columns="ar", values="folkmangd")
    assert (wide[2025] == wide[2024]).all()
    pop = pop[pop["ar"] <= 2024]
    pop.to_parquet(OUT / "deso2025_dalarna_folkmangd_2022_2024.parquet", **PQ)

    kol = pd.read_csv(SHARED / "kolada_290_kommuner_2025" / "kolada_kpis_290_kommuner_long.csv", dtype=str)
    kol = kol[kol["kpi"].isin(["N07540", "N01951"])]
    kol = pd.DataFrame({"kommunkod": kol["kommunkod"], "kommunnamn": kol["kommunnamn"], "kpi": kol["kpi"],
                        "ar": kol["period"].astype("int16"), "varde": kol["value"].astype("float64"),
                        "hamtad": kol["fetched"]})
    kol.to_parquet(OUT / "kolada_n07540_n01951_2025.parquet", **PQ)

    uso = gpd.read_file(SHARED / "polisen_utsatta_omraden_2025" / "uso_2025.geojson")
    uso = uso.set_crs(3006, allow_override=True)
    uso.to_parquet(OUT / "polisen_utsatta_omraden_2025.parquet", **PQ)


if __name__ == "__main__":
    main()
