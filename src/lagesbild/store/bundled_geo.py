"""Areas, keys, groupings and geometries from the bundled files.

RegSO boundaries exist in the bundle only for Göteborgsregionen (RegSO 2025). For Stockholms
län and Dalarna, where DeSO 2018 boundaries are bundled, RegSO 2020 boundaries are derived by
dissolving the DeSO through the DeSO 2018 → RegSO 2020 key of the same version
(``derivation = 'dissolved from DeSO2018'``). Web copies are simplified per area set with
GEOS coverage simplification, so neighbours keep sharing their edges.
"""

from __future__ import annotations

import pandas as pd

from lagesbild.geo import lan_of

__all__ = ["areas_keys_groups", "geometries", "simplify_coverage"]


def _p(name: str):
    from lagesbild.store.bundled_files import data_path

    return data_path(name)


def _sid(fname: str) -> str:
    return "bundled:" + fname.removesuffix(".parquet")


def areas_keys_groups() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    k = pd.read_parquet(_p("kommuner_2025.parquet"), columns=[
        "kommun_kod", "kommun_namn", "lan_kod", "lan_namn", "skr_kommungrupp_kod", "skr_kommungrupp_namn",
        "skr_huvudgrupp_kod", "skr_huvudgrupp_namn"])
    rows: list[dict[str, str | None]] = [
        {"code": "riket", "version": "riket", "level": "riket", "name": "Riket"}]
    lan = k.drop_duplicates("lan_kod")
    rows += [{"code": c, "version": "lan2025", "level": "lan", "name": n, "parent_code": "riket",
              "parent_version": "riket", "lan": c} for c, n in zip(lan["lan_kod"], lan["lan_namn"])]
    rows += [{"code": c, "version": "kommun2025", "level": "kommun", "name": n, "parent_code": lc,
              "parent_version": "lan2025", "kommun": c, "lan": lc}
             for c, n, lc in zip(k["kommun_kod"], k["kommun_namn"], k["lan_kod"])]
    for keyfile, dver, rver in (("key_deso2018_regso2020.parquet", "DeSO2018", "RegSO2020"),
                                ("key_deso2025_regso2025.parquet", "DeSO2025", "RegSO2025")):
        key = pd.read_parquet(_p(keyfile))
        reg = key.drop_duplicates("regso")
        rows += [{"code": r, "version": rver, "level": "regso", "name": n, "parent_code": km,
                  "parent_version": "kommun2025", "kommun": km, "lan": lan_of(km)}
                 for r, n, km in zip(reg["regso"], reg["regsonamn"], reg["kommun"])]
        rows += [{"code": d, "version": dver, "level": "deso", "name": d, "parent_code": r,
                  "parent_version": rver, "kommun": km, "lan": lan_of(km)}
                 for d, r, km in zip(key["deso"], key["regso"], key["kommun"])]
    p = pd.read_parquet(_p("goteborg_primaromraden_2025.parquet"), columns=["omrade_kod", "omrade_namn"])
    rows += [{"code": str(c), "version": "gbg_primaromraden2025", "level": "custom", "name": n,
              "parent_code": "1480", "parent_version": "kommun2025", "kommun": "1480", "lan": "14"}
             for c, n in zip(p["omrade_kod"], p["omrade_namn"])]
    sk = pd.read_parquet(_p("skolverket_ak9_2024_25.parquet"), columns=["skolenhetskod", "skola", "kommun"])
    rows += [{"code": c, "version": "skolenhet2025", "level": "skolenhet", "name": n, "parent_code": km,
              "parent_version": "kommun2025", "kommun": km, "lan": lan_of(km)}
             for c, n, km in zip(sk["skolenhetskod"], sk["skola"], sk["kommun"])]
    areas = pd.DataFrame(rows)

    keys = regso_crosswalk()

    groups = []
    for level in ("kommungrupp", "huvudgrupp"):
        g = k[["kommun_kod", f"skr_{level}_kod", f"skr_{level}_namn"]].dropna()
        groups.append(pd.DataFrame({"grouping": f"skr_{level}_2023", "group_code": g[f"skr_{level}_kod"].astype(str),
                                    "group_name": g[f"skr_{level}_namn"], "area_code": g["kommun_kod"],
                                    "area_version": "kommun2025", "source_id": _sid("kommuner_2025.parquet")}))
    lk = pd.read_parquet(_p("kolada_liknande_kommuner.parquet"))
    lk = lk[lk["member_id"].astype(str).str.fullmatch(r"\d{4}")]
    groups.append(pd.DataFrame({"grouping": "kolada_liknande", "group_code": lk["group_id"].astype(str),
                                "group_name": lk["group_title"], "area_code": lk["member_id"].astype(str),
                                "area_version": "kommun2025",
                                "source_id": _sid("kolada_liknande_kommuner.parquet")}))
    return areas, keys, pd.concat(groups, ignore_index=True)


def regso_crosswalk() -> pd.DataFrame:
    """RegSO 2020 → RegSO 2025 links, matched on kommun and name (then on code).

    Three codes swapped names between the versions (e.g. 1275R002/1275R005), so the name is
    the better guide; the note says how each link was made and whether the set of DeSO codes
    differs between the two keys (the boundary may then have changed).
    """
    k18 = pd.read_parquet(_p("key_deso2018_regso2020.parquet"))
    k25 = pd.read_parquet(_p("key_deso2025_regso2025.parquet"))
    r20 = k18.groupby("regso").agg(name=("regsonamn", "first"), kommun=("kommun", "first"),
                                   desos=("deso", frozenset)).reset_index()
    r25 = k25.groupby("regso").agg(name=("regsonamn", "first"), kommun=("kommun", "first"),
                                   desos=("deso", frozenset)).reset_index()
    by_name = r20.merge(r25, on=["kommun", "name"], suffixes=("_20", "_25"))
    rest20 = r20[~r20["regso"].isin(by_name["regso_20"])]
    rest25 = r25[~r25["regso"].isin(by_name["regso_25"])]
    by_code = rest20.merge(rest25, on="regso", suffixes=("_20", "_25"))
    by_code = by_code.assign(regso_20=by_code["regso"], regso_25=by_code["regso"])
    rows = []
    for how, df in (("samma namn", by_name), ("samma kod, annat namn", by_code)):
        for r in df.itertuples(index=False):
            same_deso = r.desos_20 == r.desos_25
            note = how + ("" if same_deso else "; andra DeSO-koder: gränsen kan ha ändrats")
            rows.append({"from_code": r.regso_20, "from_version": "RegSO2020", "to_code": r.regso_25,
                         "to_version": "RegSO2025", "weight": 1.0, "note": note,
                         "source_id": _sid("key_deso2025_regso2025.parquet")})
    return pd.DataFrame(rows)


def primaromrade_key(geoms: pd.DataFrame) -> pd.DataFrame:
    """DeSO 2025 → Göteborg's primärområden by each DeSO's representative point."""
    import geopandas as gpd
    import shapely

    from lagesbild.store.keys import representative_point_key

    def gdf(version):
        part = geoms[geoms["version"] == version]
        return gpd.GeoDataFrame({"code": part["code"].values},
                                geometry=shapely.from_wkb(part["geometry"].values), crs=3006)

    deso = gdf("DeSO2025")
    deso = deso[deso["code"].str.startswith("1480")]
    key = representative_point_key(deso, gdf("gbg_primaromraden2025"))
    note = key.pop("how").map({"within": "representativ punkt inom primärområdet",
                                "nearest": "representativ punkt utanför alla primärområden: närmaste"})
    return key.assign(from_version="DeSO2025", to_version="gbg_primaromraden2025", weight=1.0, note=note,
                      source_id=_sid("goteborg_primaromraden_2025.parquet"))


def simplify_coverage(geoms, tolerance: float):
    """Simplify a set of polygons that tile an area so that shared edges stay shared."""
    import shapely

    arr = list(geoms)
    try:
        out = shapely.coverage_simplify(arr, tolerance)
    except Exception:  # not a valid coverage (e.g. pre-simplified layers with slivers)
        out = shapely.simplify(arr, tolerance, preserve_topology=True)
    return shapely.make_valid(out)


def _frame(gdf, code_col: str, version: str, fname: str, boundary_version=None, derivation=None,
           tolerance: float = 25.0) -> pd.DataFrame:
    import shapely

    geoms = shapely.make_valid(gdf.geometry.values)
    simple = simplify_coverage(geoms, tolerance)
    return pd.DataFrame({
        "code": gdf[code_col].astype(str).values, "version": version,
        "boundary_version": boundary_version if boundary_version is not None else None,
        "crs": "EPSG:3006", "geometry": shapely.to_wkb(geoms), "geometry_simplified": shapely.to_wkb(simple),
        "derivation": derivation, "source_id": _sid(fname)})


def geometries(tolerance: float = 25.0) -> pd.DataFrame:
    import geopandas as gpd

    frames = []
    k = gpd.read_parquet(_p("kommuner_2025.parquet"))
    frames.append(_frame(k, "kommun_kod", "kommun2025", "kommuner_2025.parquet", "2025", None, tolerance))
    lan = k.dissolve(by="lan_kod", as_index=False)
    frames.append(_frame(lan, "lan_kod", "lan2025", "kommuner_2025.parquet", "2025",
                         "dissolved from kommun2025", tolerance))
    r = gpd.read_parquet(_p("regso_2025_goteborgsregionen.parquet"))
    frames.append(_frame(r, "regsokod", "RegSO2025", "regso_2025_goteborgsregionen.parquet",
                         r["version"].values, None, tolerance))
    d = gpd.read_parquet(_p("deso_2025_goteborgsregionen.parquet"))
    frames.append(_frame(d, "desokod", "DeSO2025", "deso_2025_goteborgsregionen.parquet",
                         d["version"].values, None, tolerance))
    p = gpd.read_parquet(_p("goteborg_primaromraden_2025.parquet"))
    frames.append(_frame(p, "omrade_kod", "gbg_primaromraden2025", "goteborg_primaromraden_2025.parquet",
                         "2025-01-01", None, tolerance))
    key = pd.read_parquet(_p("key_deso2018_regso2020.parquet"))[["deso", "regso"]]
    for fname, bv in (("deso_2018_stockholms_lan.parquet", "2018 (förenklad)"),
                      ("deso_2018_dalarna.parquet", "2018_v2")):
        g = gpd.read_parquet(_p(fname))
        frames.append(_frame(g, "desokod", "DeSO2018", fname, bv, None, tolerance))
        g = g.merge(key, left_on="desokod", right_on="deso")
        g["geometry"] = g.geometry.make_valid()
        reg = g.dissolve(by="regso", as_index=False)
        frames.append(_frame(reg, "regso", "RegSO2020", fname, bv, "dissolved from DeSO2018", tolerance))
    return pd.concat(frames, ignore_index=True)
