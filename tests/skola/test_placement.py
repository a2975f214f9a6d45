"""Schools placed in DeSO/RegSO from their coordinates."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from lagesbild.skola.placement import place_schools
from lagesbild.store.bundled import data_path


@pytest.mark.parametrize("kommun,code,regso_name,typ", [
    ("0180", "37416253", "Rinkeby", 1),          # Rinkebyskolan
    ("0180", "42149666", "Husby", 1),            # Husbygårdsskolan F-9
    ("0136", "73184968", "Brandbergen centrala", 2),  # Brandbergsskolan
    ("1480", "39701961", "Hjällbo östra", 1),     # Lärjeskolan
])
def test_known_schools(bundled_store, kommun, code, regso_name, typ):
    p = place_schools(bundled_store, kommun).set_index("skolenhetskod")
    r = p.loc[code]
    assert r["placering"] == "punkt_i_deso"
    name = bundled_store.area(r["regso"], r["regso_version"])["name"]
    assert name == regso_name
    assert r["omradestyp"] == typ
    assert r["deso"][:4] == kommun


def test_agrees_with_an_independent_spatial_join(bundled_store):
    """Every Stockholm school with a point: geopandas' sjoin on the bundled DeSO 2018 file gives the same DeSO."""
    p = place_schools(bundled_store, "0180")
    pts = p[p["placering"] == "punkt_i_deso"]
    g = gpd.GeoDataFrame(pts[["skolenhetskod", "deso"]], geometry=gpd.points_from_xy(pts["x"], pts["y"]), crs=3006)
    deso = gpd.read_parquet(data_path("deso_2018_stockholms_lan.parquet"))[["desokod", "geometry"]].to_crs(3006)
    j = gpd.sjoin(g, deso, predicate="within", how="left").drop_duplicates("skolenhetskod")
    assert len(pts) > 100
    assert (j["deso"] == j["desokod"]).mean() == 1.0


def test_school_without_coordinates_is_marked(bundled_store):
    p = place_schools(bundled_store, "1480")
    none = p[p["x"].isna()]
    assert len(none) > 0
    assert (none["placering"] == "saknar_koordinater").all()
    assert none["deso"].isna().all() and none["omradestyp"].isna().all()


def test_kommun_without_boundaries_is_placed_by_kommun_only(bundled_store):
    p = place_schools(bundled_store, "1380")  # Halmstad: no DeSO boundaries bundled
    has = p[p["x"].notna()]
    assert len(has) > 0
    assert (has["placering"] == "endast_kommun_utan_granser").all()
    assert has["deso"].isna().all()


def test_point_outside_every_deso_takes_the_nearest(bundled_store):
    import shapely

    p = place_schools(bundled_store, "0180")
    units = p[["skolenhetskod", "namn", "kommun", "huvudman_typ", "x", "y"]].iloc[:1].copy()
    deso = bundled_store.geometries(level="deso", kommun="0180", version="DeSO2018")
    union = shapely.union_all(deso.geometry.values)
    # a point 60 m outside the kommun's DeSO cover (east of its easternmost vertex)
    xs, ys = shapely.get_coordinates(union.boundary).T
    i = xs.argmax()
    near = shapely.Point(xs[i] + 60, ys[i])
    assert not union.contains(near)
    far = shapely.Point(xs[i] + 5000, ys[i])
    extra = pd.DataFrame([{**units.iloc[0].to_dict(), "skolenhetskod": "00000001", "x": near.x, "y": near.y},
                          {**units.iloc[0].to_dict(), "skolenhetskod": "00000002", "x": far.x, "y": far.y}])
    out = place_schools(bundled_store, "0180", pd.concat([units, extra], ignore_index=True)).set_index("skolenhetskod")
    expected = deso["code"].iloc[int(shapely.distance(deso.geometry.values, near).argmin())]
    assert out.loc["00000001", "placering"] == "narmaste_deso"
    assert out.loc["00000001", "deso"] == expected
    assert 0 < out.loc["00000001", "avstand_m"] <= 60 + 1e-6
    assert out.loc["00000002", "placering"] == "endast_kommun_utan_granser"
    assert out.loc["00000002", "deso"] is None
