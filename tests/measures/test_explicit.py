"""Explicitly spatial indices: hand cases, identities and PySAL's variants against PySAL."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from lagesbild.measures import compute
from lagesbild.measures import explicit as EX

DATA = Path(__file__).parent / "data"
GPKG = Path(__file__).resolve().parents[3] / "shared" / "data" / "gbg_maps_goteborgsregionen" / \
    "regso_2025_goteborgsregionen.gpkg"


@pytest.fixture(scope="module")
def gbg():
    pd = pytest.importorskip("pandas")
    d = pd.read_parquet(DATA / "regso_2020_2023.parquet")
    d = d[(d.year == 2023) & (d.kommun == "1480")].set_index("regsokod")
    geo = pd.read_parquet(DATA / "goteborg_regso_geo.parquet").set_index("regsokod")
    f = geo.join(d, how="inner")
    f["abroad"] = (f.folkmangd_totalt - f.folkmangd_fodda_i_sverige).astype(float)
    f["total"] = f.folkmangd_totalt.astype(float)
    f = f[f.total > 0]
    edges = pd.read_parquet(DATA / "goteborg_regso_edges.parquet")
    pos = {c: i for i, c in enumerate(f.index)}
    e = edges[edges.a.isin(pos) & edges.b.isin(pos)]
    i, j = e.a.map(pos).to_numpy(), e.b.map(pos).to_numpy()
    n = len(f)
    W = sparse.coo_matrix((np.r_[e.length, e.length], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()
    counts = np.column_stack([f.abroad, f.total - f.abroad])
    return f, counts, W


def _squares(f):
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import box

    h = np.sqrt(f.area.to_numpy()) / 2
    geoms = [box(x - s, y - s, x + s, y + s) for x, y, s in zip(f.x, f.y, h)]
    return gpd.GeoDataFrame({"abroad": f.abroad.to_numpy(), "total": f.total.to_numpy()}, geometry=geoms,
                            crs="EPSG:3006")


def _pysal(name, *a, **kw):
    seg = pytest.importorskip("segregation")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(seg.singlegroup, name)(*a, **kw).statistic


PYSAL_PROX = {"spatial_proximity": "SpatialProximity", "distance_decay_isolation": "DistanceDecayIsolation",
              "distance_decay_exposure": "DistanceDecayInteraction", "relative_clustering": "RelativeClustering",
              "absolute_clustering": "AbsoluteClustering"}


@pytest.mark.parametrize("idx", sorted(PYSAL_PROX))
def test_distance_indices_pysal_variant(gbg, idx):
    f, counts, _ = gbg
    g = _squares(f)
    theirs = _pysal(PYSAL_PROX[idx], g, "abroad", "total")
    ours = compute(idx, counts, coords=f[["x", "y"]].to_numpy(), areas=g.area.to_numpy(),
                   proximity="pysal").value
    assert ours == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("idx, name, kw", [
    ("relative_centralization", "RelativeCentralization", {}),
    ("absolute_centralization", "AbsoluteCentralization", {}),
    ("absolute_concentration", "AbsoluteConcentration", {}),
    ("relative_concentration", "RelativeConcentration", {"variant": "pysal"}),
    ("delta", "Delta", {}),
])
def test_centralisation_concentration_vs_pysal(gbg, idx, name, kw):
    f, counts, _ = gbg
    g = _squares(f)
    theirs = _pysal(name, g, "abroad", "total")
    ours = compute(idx, counts, coords=g.centroid.get_coordinates().to_numpy(), areas=g.area.to_numpy(),
                   **kw).value
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_published_proximity_identities(gbg):
    f, counts, _ = gbg
    xy, a = f[["x", "y"]].to_numpy(), f.area.to_numpy()
    iso = EX.distance_decay_isolation(counts, xy, a)
    exp = EX.distance_decay_exposure(counts, xy, a)
    assert iso + exp == pytest.approx(1.0)
    assert iso > counts[:, 0].sum() / counts.sum()     # born abroad are clustered in Göteborg
    # dense brute force of the Massey–Denton proximity
    d = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) / 1000
    np.fill_diagonal(d, np.sqrt(0.6 * a / 1e6))
    c = np.exp(-d)
    x, y, t = counts[:, 0], counts[:, 1], counts.sum(1)
    sp = (x.sum() * (x @ c @ x) / x.sum() ** 2 + y.sum() * (y @ c @ y) / y.sum() ** 2) / (
        t.sum() * (t @ c @ t) / t.sum() ** 2)
    assert EX.spatial_proximity(counts, xy, a) == pytest.approx(sp, rel=1e-12)
    acl = ((x / x.sum()) @ c @ x - x.sum() / len(x) ** 2 * c.sum()) / (
        (x / x.sum()) @ c @ t - x.sum() / len(x) ** 2 * c.sum())
    assert EX.absolute_clustering(counts, xy, a) == pytest.approx(acl, rel=1e-12)
    # published relative concentration differs from PySAL's when X != Y
    assert EX.relative_concentration(counts, a) != pytest.approx(EX.relative_concentration(counts, a, "pysal"))


def test_morrill_and_wong_hand_cases():
    c = np.array([[40.0, 10], [10, 40], [25, 25]])
    w = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    s = np.array([0.8, 0.2, 0.5])
    d = 0.5 * np.abs(c[:, 0] / 75 - c[:, 1] / 75).sum()
    adj = (2 * abs(s[0] - s[1]) + 2 * abs(s[0] - s[2])) / 4
    assert EX.boundary_dissimilarity(c, w) == pytest.approx(d - adj)
    pa = np.array([4.0, 2.0, 1.0])
    wl = w / w.sum()
    num = sum(wl[i, j] * abs(s[i] - s[j]) * (pa[i] + pa[j]) for i in range(3) for j in range(3))
    assert EX.perimeter_area_dissimilarity(c, w, pa, np.ones(3)) == pytest.approx(d - num / 8)


@pytest.mark.skipif(not GPKG.exists(), reason="needs ../shared/data")
def test_boundary_and_perimeter_area_vs_pysal(gbg):
    gpd = pytest.importorskip("geopandas")
    f, counts, W = gbg
    g = gpd.read_file(GPKG).set_index("regsokod").loc[f.index]
    g["abroad"], g["total"] = f.abroad, f.total
    theirs = _pysal("BoundarySpatialDissim", g, "abroad", "total")
    ours = compute("boundary_dissimilarity", counts, contiguity=W, boundary="length", standardize=True).value
    assert ours == pytest.approx(theirs, abs=1e-6)
    theirs = _pysal("PARDissim", g, "abroad", "total")
    ours = compute("perimeter_area_dissimilarity", counts, contiguity=W, perimeters=g.length.to_numpy(),
                   areas=g.area.to_numpy()).value
    assert ours == pytest.approx(theirs, abs=1e-6)


def test_spatial_proximity_profile(gbg):
    libpysal = pytest.importorskip("libpysal")
    f, counts, W = gbg
    coo = W.tocoo()
    neigh = {i: [] for i in range(W.shape[0])}
    for i, j in zip(coo.row, coo.col):
        neigh[int(i)].append(int(j))
    w = libpysal.weights.W(neigh, silence_warnings=True)
    g = _squares(f)
    theirs = _pysal("SpatialProxProf", g, "abroad", "total", w=w)
    ours = compute("spatial_proximity_profile", counts, contiguity=W, grid=1000).value
    assert ours == pytest.approx(theirs, abs=1e-9)
    exact = compute("spatial_proximity_profile", counts, contiguity=W).value
    assert exact == pytest.approx(theirs, abs=5e-3)


def test_spatial_proximity_profile_brute_force():
    from scipy.sparse.csgraph import shortest_path

    rng = np.random.default_rng(1)
    n = 30
    A = (rng.uniform(size=(n, n)) < 0.12).astype(float)
    A = np.triu(A, 1)
    A = A + A.T
    counts = rng.integers(1, 50, size=(n, 2)).astype(float)
    s = counts[:, 0] / counts.sum(1)
    P = counts[:, 0].sum() / counts.sum()
    D = shortest_path(A, unweighted=True, directed=False)

    def eta(th):
        m = s >= th
        k = m.sum()
        den = D[np.ix_(m, m)].sum()
        return 0.0 if (k < 2 or not np.isfinite(den) or den == 0) else (k * k - k) / den

    grid = np.linspace(0, 1, 200001)
    curve = np.array([eta(v) for v in np.unique(s)])
    idx = np.searchsorted(np.unique(s), grid, side="left")
    vals = np.where(idx < curve.size, curve[np.minimum(idx, curve.size - 1)], 0.0)
    dx = grid[1] - grid[0]
    below = vals[grid < P].sum() * dx
    above = vals[grid >= P].sum() * dx
    expected = (P - below + above) / (1 - P)
    assert EX.spatial_proximity_profile(counts, sparse.csr_matrix(A), block=7) == pytest.approx(expected, abs=1e-4)
