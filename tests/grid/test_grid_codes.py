"""SCB grid cell codes: corner, centroid, lattice, point → cell."""

import numpy as np
import pytest

from lagesbild.errors import SchemaError
from lagesbild.grid import cell_bounds, cell_centroids, cell_codes, cell_size, parse_cells


def test_code_is_lower_left_corner_easting_then_northing():
    assert parse_cells(["6740006580000"], "ruta1km").tolist() == [[674_000, 6_580_000]]
    assert cell_centroids(["6740006580000"], "ruta1km").tolist() == [[674_500, 6_580_500]]
    assert cell_bounds(["3187506180250"], "ruta250").tolist() == [[318_750, 6_180_250, 319_000, 6_180_500]]


@pytest.mark.parametrize("level", ["ruta1km", "ruta250", "ruta100"])
def test_point_to_code_round_trip(level):
    rng = np.random.default_rng(1)
    pts = rng.uniform([300_000, 6_200_000], [900_000, 7_600_000], size=(50, 2))
    codes = cell_codes(pts, level)
    c = cell_centroids(codes, level)
    half = cell_size(level) / 2
    assert (np.abs(c - pts) <= half).all()
    assert cell_codes(c, level) == codes


def test_edge_point_belongs_to_the_cell_north_east():
    assert cell_codes([[675_000.0, 6_581_000.0]], "ruta1km") == ["6750006581000"]


@pytest.mark.parametrize("code,level", [("674000658000", "ruta1km"), ("6740506580000", "ruta1km"),
                                        ("6740006580125", "ruta250"), ("0000006580000", "ruta100"),
                                        ("67400O6580000", "ruta1km")])
def test_bad_codes_name_code_and_level(code, level):
    with pytest.raises(SchemaError) as e:
        parse_cells([code], level)
    assert code in e.value.message("sv") and level in e.value.message("en")


def test_unknown_level():
    with pytest.raises(SchemaError) as e:
        cell_size("ruta500")
    assert "ruta250" in e.value.message("sv")
