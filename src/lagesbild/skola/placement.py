"""Schools placed in their DeSO and RegSO, and the områdestyp of that RegSO.

A school's point (SWEREF 99 TM) is tested against the DeSO boundaries the store holds for
its kommun — DeSO 2025 where present (Göteborgsregionen), otherwise DeSO 2018 (Stockholms län,
Dalarna). The RegSO is the DeSO's parent in the same SCB key. A point in no polygon (a gap of
a simplified layer, water) goes to the nearest DeSO within :data:`NEAREST_MAX_M` metres and is
marked ``närmaste``. Without boundaries or without a point the school is placed only in its
kommun (``placering`` says which). The områdestyp (SCB/Delmos, on RegSO 2020) is taken for
the RegSO directly (DeSO 2018 → RegSO 2020) or through the store's RegSO 2020 ↔ 2025 key.
"""

from __future__ import annotations

import pandas as pd

from lagesbild.store import skolor as store_skolor

__all__ = ["place_schools", "PLACEMENTS", "NEAREST_MAX_M"]

NEAREST_MAX_M = 250.0
#: placement codes (machine) → explained in texts (skola.placering.<code>)
PLACEMENTS = ("punkt_i_deso", "narmaste_deso", "endast_kommun_utan_granser", "saknar_koordinater")


def _omradestyp(store, kommun: str) -> tuple[dict[str, float], int | None]:
    obs = store.observations("omradestyp", version="RegSO2020", kommun=kommun)
    if obs.empty:
        return {}, None
    year = int(obs["year"].max())
    latest = obs[obs["year"] == year]
    return dict(zip(latest["area_code"], latest["value"])), year


def place_schools(store, kommun: str, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per school of ``kommun``: the school's columns plus ``deso, deso_version, regso,
    regso_version, regso2020, omradestyp, omradestyp_ar, placering, avstand_m``."""
    import geopandas as gpd
    import numpy as np
    import shapely

    units = store_skolor.school_units(store, kommun=kommun) if units is None else units
    out = units.copy()
    for c in ("deso", "deso_version", "regso", "regso_version", "regso2020"):
        out[c] = None
    out["avstand_m"] = np.nan
    out["placering"] = np.where(out["x"].isna(), "saknar_koordinater", "endast_kommun_utan_granser")
    deso = gpd.GeoDataFrame()
    for version in ("DeSO2025", "DeSO2018"):
        deso = store.geometries(level="deso", kommun=kommun, version=version)
        if not deso.empty:
            break
    has_pt = out["x"].notna()
    if not deso.empty and has_pt.any():
        version = deso["version"].iloc[0]
        pts = shapely.points(out.loc[has_pt, "x"].astype(float).values, out.loc[has_pt, "y"].astype(float).values)
        tree = shapely.STRtree(deso.geometry.values)
        idx = tree.query(pts, predicate="within")
        hit = pd.Series(-1, index=range(len(pts)))
        hit.iloc[idx[0]] = idx[1]  # a point on a shared edge takes one of its neighbours
        near_idx, near_d = tree.query_nearest(pts, return_distance=True, all_matches=False)
        nearest = pd.Series(near_idx[1], index=near_idx[0])
        dist = pd.Series(near_d, index=near_idx[0])
        codes, how, dd = [], [], []
        for i in range(len(pts)):
            if hit.iloc[i] >= 0:
                codes.append(deso["code"].iloc[hit.iloc[i]])
                how.append("punkt_i_deso")
                dd.append(0.0)
            elif i in nearest.index and dist[i] <= NEAREST_MAX_M:
                codes.append(deso["code"].iloc[nearest[i]])
                how.append("narmaste_deso")
                dd.append(float(dist[i]))
            else:
                codes.append(None)
                how.append("endast_kommun_utan_granser")
                dd.append(float(dist[i]) if i in dist.index else np.nan)
        out.loc[has_pt, "deso"] = codes
        out.loc[has_pt, "placering"] = how
        out.loc[has_pt, "avstand_m"] = dd
        placed = out["deso"].notna()
        out.loc[placed, "deso_version"] = version
        parents = store.areas(level="deso", version=version, kommun=kommun)
        parent = dict(zip(parents["code"], parents["parent_code"]))
        rver = dict(zip(parents["code"], parents["parent_version"]))
        out.loc[placed, "regso"] = out.loc[placed, "deso"].map(parent)
        out.loc[placed, "regso_version"] = out.loc[placed, "deso"].map(rver)
    # RegSO 2020 (the division of the official områdestyp)
    is20 = out["regso_version"] == "RegSO2020"
    out.loc[is20, "regso2020"] = out.loc[is20, "regso"]
    is25 = out["regso_version"] == "RegSO2025"
    if is25.any():
        key = store.area_keys(from_version="RegSO2020", to_version="RegSO2025")
        back = dict(zip(key["to_code"], key["from_code"]))
        out.loc[is25, "regso2020"] = out.loc[is25, "regso"].map(back)
    types, year = _omradestyp(store, kommun)
    out["omradestyp"] = out["regso2020"].map(types).astype("float64")
    out["omradestyp_ar"] = year if types else None
    return out
