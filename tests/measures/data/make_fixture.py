"""Rebuild the test fixtures from ../shared/data (run once; the outputs are committed).

    .venv/bin/python tests/measures/data/make_fixture.py
"""

from pathlib import Path

import geopandas as gpd
import pandas as pd


def main() -> None:
    HERE = Path(__file__).parent
    SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"

    d = pd.read_csv(SHARED / "derived" / "regso2020_befolkning_bostader_inkomst_2020_2023.csv",
                    dtype={"regsokod": str, "kommun": str})
    cols = ["regsokod", "kommun", "year", "folkmangd_totalt", "folkmangd_fodda_i_sverige",
            "lgh_hyresratt", "lgh_bostadsratt", "lgh_aganderatt"]
    d = d[cols].copy()
    for c in cols[3:]:
        d[c] = d[c].astype("int32")
    d["year"] = d["year"].astype("int16")
    d.to_parquet(HERE / "regso_2020_2023.parquet", index=False, compression="zstd")

    g = gpd.read_file(SHARED / "gbg_maps_goteborgsregionen" / "regso_2025_goteborgsregionen.gpkg")
    g = g[g["kommunkod"] == "1480"].sort_values("regsokod").reset_index(drop=True)
    assert g.crs.to_epsg() == 3006
    cent = g.geometry.centroid
    geo = pd.DataFrame({"regsokod": g["regsokod"], "x": cent.x, "y": cent.y,
                        "area": g.geometry.area, "perimeter": g.geometry.length})
    geo.to_parquet(HERE / "goteborg_regso_geo.parquet", index=False)

    # shared boundary lengths between contiguous units (rook), as an edge list
    sidx = g.sindex
    rows, corners = [], []
    for i, geom in enumerate(g.geometry):
        for j in sidx.query(geom, predicate="intersects"):
            if j <= i:
                continue
            length = geom.intersection(g.geometry[j]).length
            if length > 0:
                rows.append((g["regsokod"][i], g["regsokod"][j], length))
            else:  # touching at a point only: a queen but not a rook neighbour
                corners.append((g["regsokod"][i], g["regsokod"][j]))
    pd.DataFrame(rows, columns=["a", "b", "length"]).to_parquet(HERE / "goteborg_regso_edges.parquet", index=False)
    pd.DataFrame(corners, columns=["a", "b"]).to_parquet(HERE / "goteborg_regso_corners.parquet", index=False)
    print(len(d), len(geo), len(rows), len(corners))


if __name__ == "__main__":
    main()
