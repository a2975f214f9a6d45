"""The store's grid level: import through the validated importer, kommun by centroid, aggregation,
and `grannskap` from the store."""

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import InputError
from lagesbild.store import open_store
from lagesbild.store.grid_cells import aggregate_grid, import_grid

MAPPING = """
source: {id: synthetic_grid, publisher: synthetic (test), licence: CC0}
area: {column: rutid, level: ruta1km}
year: {value: 2024}
values: {grupp_a: a, grupp_b: b}
new_variables:
  - {id: grupp_a, label_sv: Grupp A, kind: count}
  - {id: grupp_b, label_sv: Grupp B, kind: count}
"""


@pytest.fixture
def grid_store(tmp_path):
    shapely = pytest.importorskip("shapely")
    store = open_store(":memory:")
    # two synthetic square "kommuner" side by side, 10 km × 10 km, split at E 680 000
    boxes = {"9901": (670_000, 6_580_000, 680_000, 6_590_000), "9902": (680_000, 6_580_000, 690_000, 6_590_000)}
    areas = pd.DataFrame([{"code": k, "version": "kommun2025", "level": "kommun", "name": f"syntetisk {k}",
                           "kommun": k, "lan": k[:2]} for k in boxes])
    geoms = pd.DataFrame([{"code": k, "version": "kommun2025", "boundary_version": "synthetic", "crs": "EPSG:3006",
                           "geometry": shapely.to_wkb(shapely.box(*b))} for k, b in boxes.items()])
    store.write(areas=areas, geometries=geoms)
    rows = [("6740006580000", 5, 0), ("6750006580000", 0, 7), ("6790006581000", 2, 2),
            ("6800006581000", 1, 9), ("6950006581000", 3, 3)]  # the last is outside both kommuner
    csv = tmp_path / "rutor.csv"
    pd.DataFrame(rows, columns=["rutid", "a", "b"]).to_csv(csv, index=False)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    res = import_grid(store, csv, mapping)
    yield store, res, tmp_path
    store.close()


def test_import_registers_cells_with_kommun_by_centroid(grid_store):
    store, res, _ = grid_store
    assert res["nya_rutor"] == 5 and res["utanfor_kommun"] == 1
    cells = store.areas(version="ruta1km").set_index("code")
    # centroid E 679 500 lies in 9901; E 680 500 in 9902
    assert cells.loc["6790006581000", "kommun"] == "9901"
    assert cells.loc["6800006581000", "kommun"] == "9902"
    assert pd.isna(cells.loc["6950006581000", "kommun"])


def test_aggregation_to_kommun_by_centroid(grid_store):
    store, _, _ = grid_store
    agg = aggregate_grid(store, ["grupp_a", "grupp_b"], level="ruta1km", to="kommun").set_index(
        ["area_code", "variable"])["value"]
    assert agg[("9901", "grupp_a")] == 7 and agg[("9901", "grupp_b")] == 9
    assert agg[("9902", "grupp_a")] == 1 and agg[("9902", "grupp_b")] == 9


def test_bad_code_is_refused_with_row(tmp_path, grid_store):
    store, _, _ = grid_store
    csv = tmp_path / "bad.csv"
    pd.DataFrame([("6740006580000", 1, 1), ("6740506580000", 1, 1)], columns=["rutid", "a", "b"]).to_csv(
        csv, index=False)
    with pytest.raises(InputError) as e:
        import_grid(store, csv, tmp_path / "m.yaml")
    assert "rad 3" in e.value.message("sv") and "6740506580000" in e.value.message("sv")


def test_grannskap_from_store_for_one_kommun(grid_store):
    from lagesbild.services.grannskap import grannskap_store

    store, _, tmp = grid_store
    out = tmp / "k.parquet"
    s = grannskap_store(store, level="ruta1km", groups=["grupp_a", "grupp_b"], kommun="9901", ks=[5, 10],
                        out=out)
    df = pd.read_parquet(out)
    assert s["rutor"] == 3 and len(df) == 6
    first = df[(df.x == 674_500) & (df.k == 10)].iloc[0]
    # origin 5 a; nearest other cell (1 km east) holds 7 b: 5 of them enter
    assert (first.antal_grupp_a, first.antal_grupp_b) == (5.0, 5.0)
    assert np.isclose(first.andel_grupp_b, 0.5)


def test_lagesbild_import_routes_grid_mappings(grid_store, tmp_path):
    from lagesbild.services.store import import_file

    store, _, tmp = grid_store
    csv = tmp_path / "mer.csv"
    pd.DataFrame([("6760006585000", 4, 1)], columns=["rutid", "a", "b"]).to_csv(csv, index=False)
    res = import_file(store, csv, tmp / "m.yaml")
    assert res["nya_rutor"] == 1
    assert store.areas(version="ruta1km", codes=["6760006585000"])["kommun"].tolist() == ["9901"]
