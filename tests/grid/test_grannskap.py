"""`grannskap` use cases: reading cells, the output table, tiles with halos, a Dask cluster."""

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import InputError, SchemaError
from lagesbild.measures.knn import knn_neighbourhoods, knn_reference
from lagesbild.measures.knn_tiles import assemble, plan_tiles, run_tile, tile_inputs
from lagesbild.services import grannskap as svc


def _synthetic_cells(n=600, seed=5):
    """Synthetic clustered 250 m cells (not real data)."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform([300_000, 6_500_000], [420_000, 6_700_000], size=(12, 2))
    pts = centres[rng.integers(0, 12, n)] + rng.normal(0, 4000, size=(n, 2))
    xy = np.unique(np.floor(pts / 250) * 250 + 125, axis=0)
    counts = rng.poisson(rng.uniform(0, 20, size=(len(xy), 3))).astype(float)
    return xy, counts


def _long_csv(tmp_path, rows, sep=","):
    path = tmp_path / "rutor.csv"
    pd.DataFrame(rows, columns=["east", "north", "grupp", "antal"]).to_csv(path, sep=sep, index=False)
    return path


def test_file_to_parquet_with_exact_columns(tmp_path):
    rows = [(125, 6_500_125, "a", 5), (125, 6_500_125, "b", 5), (375, 6_500_125, "a", 20),
            (625, 6_500_125, "b", 30), (None, 6_500_125, "a", 3), (875, 6_500_125, "a", 0)]
    path = _long_csv(tmp_path, rows)
    out = tmp_path / "ut.parquet"
    s = svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks="10,45", out=out)
    df = pd.read_parquet(out)
    assert list(df.columns) == ["x", "y", "k", "antal_a", "antal_b", "andel_a", "andel_b"]
    assert s["utelamnade"] == 1 and s["rutor"] == 3 and s["rader"] == 6
    first = df[(df.x == 125) & (df.k == 45)].iloc[0]
    # origin 10 people, next cell 20 a whole, then 15 of the 30 b
    assert (first.antal_a, first.antal_b) == (25.0, 20.0)
    assert first.andel_a == pytest.approx(25 / 45)
    assert df.k.tolist()[:2] == [10, 45]


def test_semicolon_csv_with_decimal_comma(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("x;y;g;n\n125;6500125;a;1,5\n375;6500125;b;2,5\n", encoding="utf-8")
    out = tmp_path / "o.parquet"
    svc.grannskap_file(path, x="x", y="y", group="g", weight="n", ks=[4], out=out)
    df = pd.read_parquet(out)
    assert df.antal_a.tolist() == [1.5, 1.5] and df.antal_b.tolist() == [2.5, 2.5]


def test_errors_name_file_row_and_column(tmp_path):
    path = _long_csv(tmp_path, [(125, 6_500_125, "a", 5), (375, 6_500_125, "b", -1)])
    with pytest.raises(InputError) as e:
        svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks="10",
                           out=tmp_path / "o.parquet")
    assert "rad 3" in e.value.message("sv") and "'antal'" in e.value.message("sv")
    with pytest.raises(SchemaError) as e:
        svc.grannskap_file(path, x="öst", y="north", group="grupp", weight="antal", ks="10",
                           out=tmp_path / "o.parquet")
    assert "'öst'" in e.value.message("sv")
    with pytest.raises(InputError):
        svc.parse_ks("200,-5")
    assert not (tmp_path / "o.parquet").exists()


def test_degrees_are_refused(tmp_path):
    path = _long_csv(tmp_path, [(18.06, 59.33, "a", 5), (18.07, 59.34, "b", 2)])
    with pytest.raises(InputError) as e:
        svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks="2",
                           out=tmp_path / "o.parquet")
    assert "EPSG:3006" in e.value.message("en")


def test_tiles_with_halo_equal_one_process():
    xy, c = _synthetic_cells()
    ks = [50, 400, 3000]
    whole = knn_neighbourhoods(xy, c, ks)
    origins = np.flatnonzero(c.sum(axis=1) > 0)
    tiles = plan_tiles(xy, c, ks, origins=origins, tile_size=15_000)
    assert len(tiles) > 4
    assert max(t.cells.size for t in tiles) < len(xy)  # halos are real subsets
    results = [run_tile(*tile_inputs(xy, c, t), ks) for t in tiles]
    got = assemble(origins.size, tiles, results)
    for a, b in zip(got, whole):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_local_dask_cluster_equals_one_process():
    distributed = pytest.importorskip("dask.distributed")
    xy, c = _synthetic_cells(n=300, seed=9)
    c = c * 0.7  # fractional weights
    ks = [30, 250, 2000]
    o1, one = svc.neighbourhoods(xy, c, ks, local_cluster=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        o2, many = svc.neighbourhoods(xy, c, ks, scheduler=client, tile_size=20_000)
    np.testing.assert_array_equal(o1, o2)
    for a, b in zip(one, many):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_service_matches_brute_force_on_small_random_file(tmp_path):
    xy, c = _synthetic_cells(n=80, seed=11)
    rows = [(x, y, g, v) for (x, y), cc in zip(xy, c) for g, v in zip("abc", cc)]
    path = tmp_path / "c.parquet"
    pd.DataFrame(rows, columns=["east", "north", "grupp", "antal"]).to_parquet(path)
    out = tmp_path / "o.parquet"
    svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks=[7, 60], out=out)
    df = pd.read_parquet(out)
    ref = knn_reference(xy, c, [7, 60])
    origins = np.flatnonzero(c.sum(axis=1) > 0)
    np.testing.assert_allclose(df[["antal_a", "antal_b", "antal_c"]].to_numpy(),
                               ref.counts.reshape(-1, 3), atol=1e-9)
    np.testing.assert_allclose(df.x.to_numpy(), np.repeat(xy[origins, 0], 2))


def test_profile_limits_own_cell_and_whole_population():
    from lagesbild.measures import compute_many

    xy, c = _synthetic_cells(n=200, seed=21)
    c = c[c.sum(axis=1) > 0] + 1  # every cell has at least 3 people
    xy = xy[: len(c)]
    kmin = float(c.sum(axis=1).min())
    total = float(c.sum())
    ks = [kmin, 10 * total]
    res = knn_neighbourhoods(xy, c, ks)
    prof = {(r["k"], r["index"]): r["varde"] for r in svc.knn_profile(c, res, ks, ("dissimilarity", "theil_h"))}
    # k no larger than any cell's population: each neighbourhood is the origin's own composition,
    # so the index equals the aspatial one; with everybody in every neighbourhood it is 0
    aspatial = compute_many(["dissimilarity", "theil_h"], [c])[0]
    assert prof[(int(kmin), "dissimilarity")] == pytest.approx(aspatial[0], abs=1e-12)
    assert prof[(int(kmin), "theil_h")] == pytest.approx(aspatial[1], abs=1e-12)
    assert prof[(int(10 * total), "dissimilarity")] == pytest.approx(0, abs=1e-12)
    assert prof[(int(10 * total), "theil_h")] == pytest.approx(0, abs=1e-12)


def test_geoparquet_output_has_points_in_sweref(tmp_path):
    gpd = pytest.importorskip("geopandas")
    path = _long_csv(tmp_path, [(125, 6_500_125, "a", 5), (375, 6_500_125, "b", 7)])
    out = tmp_path / "g.geoparquet"
    svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks="6", out=out)
    g = gpd.read_parquet(out)
    assert g.crs.to_epsg() == 3006
    assert g.geometry.x.tolist() == [125, 375] and g.geometry.y.tolist() == [6_500_125, 6_500_125]
    assert g.antal_a.tolist() == [5, 0] and g.antal_b.tolist() == [1, 6]
    with pytest.raises(InputError):
        svc.grannskap_file(path, x="east", y="north", group="grupp", weight="antal", ks="6",
                           out=tmp_path / "g.csv")


def test_share_distribution_quantiles():
    # three origins of 10, 20 and 70 people whose group-a shares are 0.1, 0.5 and 0.9 at k = 10
    xy = np.array([[0.0, 0.0], [100_000.0, 0.0], [200_000.0, 0.0]])
    c = np.array([[1.0, 9.0], [10.0, 10.0], [63.0, 7.0]])
    res = knn_neighbourhoods(xy, c, [10])
    rows = svc.share_distribution(c, res, [10], ["a", "b"])
    a = next(r for r in rows if r["grupp"] == "a")
    # people: 10 % at 0.1, 20 % at 0.5, 70 % at 0.9 → p10 = 0.1, p25 = 0.5, p50 = 0.9
    assert (a["p10"], a["p25"], a["p50"], a["p90"]) == pytest.approx((0.1, 0.5, 0.9, 0.9))
