"""Reading the user's valdistrikt boundaries: code column, 8 digits, CRS, repair.

All geometries and codes here are synthetic (made up for the test).
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from lagesbild.errors import NotFoundError, SchemaError
from lagesbild.sources.valdistrikt_granser import read_boundaries

X0, Y0 = 319_000, 6_399_000  # synthetic squares placed in Göteborg (EPSG:3006)


def _write(tmp_path, name, data, geoms, crs="EPSG:3006"):
    path = tmp_path / name
    gpd.GeoDataFrame(data, geometry=geoms, crs=crs).to_file(path)
    return path


def test_code_column_by_name_and_reprojection_from_wgs84(tmp_path):
    geoms = gpd.GeoSeries([box(X0, Y0, X0 + 1000, Y0 + 1000)], crs="EPSG:3006").to_crs("EPSG:4326")
    path = _write(tmp_path, "synthetic_vd.geojson", {"Lkfv": ["14800001"], "Vdnamn": ["Syntetiskt"]},
                  geoms.values, crs="EPSG:4326")
    b = read_boundaries(path)
    assert b.code_column == "Lkfv" and b.repaired == 0
    assert b.frame.crs == "EPSG:3006" and b.frame["valdistrikt"].tolist() == ["14800001"]
    assert b.frame.geometry.iloc[0].area == pytest.approx(1_000_000, rel=1e-6)


def test_code_column_found_by_its_values_and_numeric_codes_keep_leading_zero(tmp_path):
    path = _write(tmp_path, "synthetic_vd.gpkg", {"id_vd": [1140101, 1140102]},
                  [box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 10, Y0, X0 + 20, Y0 + 10)])
    with pytest.raises(SchemaError, match="saknar en kolumn med valdistriktskod"):
        read_boundaries(path)  # a number column is not taken by guess (7 digits as stored)
    path = _write(tmp_path, "synthetic_vd2.gpkg", {"VD_KOD": [1140101, 1140102]},
                  [box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 10, Y0, X0 + 20, Y0 + 10)])
    assert read_boundaries(path).frame["valdistrikt"].tolist() == ["01140101", "01140102"]


def test_bad_code_names_row_column_and_value(tmp_path):
    path = _write(tmp_path, "synthetic_vd.gpkg", {"Valdistriktskod": ["14800001", "1480-02"]},
                  [box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 10, Y0, X0 + 20, Y0 + 10)])
    with pytest.raises(SchemaError) as e:
        read_boundaries(path)
    msg = e.value.message("sv")
    assert "rad 3" in msg and "'Valdistriktskod'" in msg and "'1480-02'" in msg and "8 siffror" in msg


def test_missing_file_and_not_geodata(tmp_path):
    with pytest.raises(NotFoundError, match="finns inte"):
        read_boundaries(tmp_path / "saknas.gpkg")
    txt = tmp_path / "synthetic_not_geo.geojson"
    txt.write_text("detta är ingen geodata", encoding="utf-8")
    with pytest.raises(SchemaError, match="kan inte läsas som geodata"):
        read_boundaries(txt)


def test_invalid_geometry_repaired_and_counted(tmp_path):
    # synthetic bow-tie: two 100 × 100 triangles crossing at one point (self-intersecting ring)
    bowtie = Polygon([(X0, Y0), (X0 + 200, Y0 + 200), (X0 + 200, Y0), (X0, Y0 + 200)])
    assert not bowtie.is_valid
    path = _write(tmp_path, "synthetic_vd.gpkg", {"Valdistriktskod": ["14800001", "14800002"]},
                  [bowtie, box(X0 + 300, Y0, X0 + 400, Y0 + 100)])
    b = read_boundaries(path)
    assert b.repaired == 1
    g = b.frame.set_index("valdistrikt").geometry
    assert g["14800001"].is_valid and g["14800001"].area == pytest.approx(20_000.0)
    assert g["14800001"].geom_type in ("Polygon", "MultiPolygon")


def test_parts_of_one_valdistrikt_merged(tmp_path):
    path = _write(tmp_path, "synthetic_vd.gpkg", {"Valdistriktskod": ["14800001", "14800001"]},
                  [box(X0, Y0, X0 + 10, Y0 + 10), box(X0 + 20, Y0, X0 + 30, Y0 + 10)])
    b = read_boundaries(path)
    assert len(b.frame) == 1 and b.frame.geometry.iloc[0].area == pytest.approx(200.0)


def test_file_without_crs_refused(tmp_path):
    path = tmp_path / "synthetic_vd.shp"
    gpd.GeoDataFrame({"Lkfv": ["14800001"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:3006").to_file(path)
    path.with_suffix(".prj").unlink()  # a Shapefile without its .prj names no CRS
    with pytest.raises(SchemaError, match="koordinatsystem"):
        read_boundaries(path)


def test_shapefile_with_the_code_column_cut_to_ten_characters(tmp_path):
    path = tmp_path / "synthetic_vd.shp"
    gpd.GeoDataFrame({"Valdistrik": ["14800001"]}, geometry=[box(X0, Y0, X0 + 10, Y0 + 10)],
                     crs="EPSG:3006").to_file(path)
    b = read_boundaries(path)
    assert b.code_column == "Valdistrik" and b.frame["valdistrikt"].tolist() == ["14800001"]
