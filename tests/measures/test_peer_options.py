"""Every peer-compatible option in the table "Där standardvalet avviker från PySAL" of
docs/measures.md: the option reproduces PySAL ``segregation`` on Göteborg (RegSO 2023, born
abroad vs the rest), and the table's values (lagesbild default, peer) are what the code gives."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

seg = pytest.importorskip("segregation")
pd = pytest.importorskip("pandas")
gpd = pytest.importorskip("geopandas")
libpysal = pytest.importorskip("libpysal")

from lagesbild.measures import compute  # noqa: E402

DATA = Path(__file__).parent / "data"
DOC = Path(__file__).resolve().parents[2] / "docs" / "measures.md"
GPKG = Path(__file__).resolve().parents[3] / "shared" / "data" / "gbg_maps_goteborgsregionen" / \
    "regso_2025_goteborgsregionen.gpkg"


def _num(s: str) -> float:
    return float(s.replace("−", "-").replace(",", ".").replace(" ", ""))


def _table() -> dict:
    """Rows of the peer table: key → (lagesbild value, peer value)."""
    text = DOC.read_text(encoding="utf-8")
    part = re.split(r"\n##", text.split("### Där standardvalet avviker från PySAL", 1)[1], maxsplit=1)[0]
    rows = {}
    for line in part.splitlines():
        m = re.match(r"\| `([a-z_]+)`([^|]*)\|", line)
        if m:
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[m.group(1)] = (_num(cells[4]), _num(cells[5]))
    return rows


@pytest.fixture(scope="module")
def gbg():
    d = pd.read_parquet(DATA / "regso_2020_2023.parquet")
    d = d[(d.year == 2023) & (d.kommun == "1480")].set_index("regsokod")
    geo = pd.read_parquet(DATA / "goteborg_regso_geo.parquet").set_index("regsokod")
    f = geo.join(d, how="inner")
    f["abroad"] = (f.folkmangd_totalt - f.folkmangd_fodda_i_sverige).astype(float)
    f["total"] = f.folkmangd_totalt.astype(float)
    f = f[f.total > 0].sort_index()
    pos = {c: i for i, c in enumerate(f.index)}
    n = len(f)

    def graph(name, weight):
        e = pd.read_parquet(DATA / name)
        e = e[e.a.isin(pos) & e.b.isin(pos)]
        i, j = e.a.map(pos).to_numpy(), e.b.map(pos).to_numpy()
        w = e[weight].to_numpy() if weight else np.ones(len(e))
        return sparse.coo_matrix((np.r_[w, w], (np.r_[i, j], np.r_[j, i])), shape=(n, n)).tocsr()

    rook = graph("goteborg_regso_edges.parquet", "length")
    corners = graph("goteborg_regso_corners.parquet", None)
    queen = (((rook > 0).astype(float) + corners) > 0).astype(float).tocsr()
    counts = np.column_stack([f.abroad, f.total - f.abroad])
    h = np.sqrt(f.area.to_numpy()) / 2
    from shapely.geometry import box

    squares = gpd.GeoDataFrame({"abroad": f.abroad.to_numpy(), "total": f.total.to_numpy()},
                               geometry=[box(x - s, y - s, x + s, y + s) for x, y, s in zip(f.x, f.y, h)],
                               crs="EPSG:3006")
    return {"f": f, "counts": counts, "rook": rook, "queen": queen, "squares": squares,
            "coords": f[["x", "y"]].to_numpy(), "areas": f.area.to_numpy()}


def _pysal(name, *a, module="singlegroup", **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(getattr(seg, module), name)(*a, **kw).statistic


def _graph_w(m):
    coo = m.tocoo()
    neigh = {i: [] for i in range(m.shape[0])}
    for i, j in zip(coo.row, coo.col):
        neigh[int(i)].append(int(j))
    return libpysal.weights.W(neigh, silence_warnings=True)


PROX = {"distance_decay_isolation": "DistanceDecayIsolation", "distance_decay_exposure": "DistanceDecayInteraction",
        "spatial_proximity": "SpatialProximity", "relative_clustering": "RelativeClustering",
        "absolute_clustering": "AbsoluteClustering"}


def _cases(g):
    """key → (lagesbild default, peer option, PySAL value or None when only checked elsewhere)."""
    c, xy, a = g["counts"], g["coords"], g["areas"]
    sq = g["squares"]
    out = {}
    for idx, cls in PROX.items():
        out[idx] = (compute(idx, c, coords=xy, areas=a).value,
                    compute(idx, c, coords=xy, areas=a, proximity="pysal").value,
                    _pysal(cls, sq, "abroad", "total"))
    out["relative_concentration"] = (compute("relative_concentration", c, areas=a).value,
                                     compute("relative_concentration", c, areas=a, variant="pysal").value,
                                     _pysal("RelativeConcentration", sq, "abroad", "total"))
    out["boundary_dissimilarity"] = (
        compute("boundary_dissimilarity", c, contiguity=g["rook"]).value,
        compute("boundary_dissimilarity", c, contiguity=g["rook"], boundary="length", standardize=True).value,
        None)
    out["spatial_proximity_profile"] = (
        compute("spatial_proximity_profile", c, contiguity=g["rook"]).value,
        compute("spatial_proximity_profile", c, contiguity=g["queen"], grid=1000).value,
        _pysal("SpatialProxProf", sq, "abroad", "total", w=_graph_w(g["queen"])))
    out["concentration_profile"] = (compute("concentration_profile", c).value,
                                    compute("concentration_profile", c, grid=1000).value,
                                    _pysal("ConProf", g["f"], "abroad", "total"))
    pts = gpd.GeoDataFrame(g["f"][["abroad", "total"]], geometry=gpd.points_from_xy(*xy.T), crs="EPSG:3006")
    out["dissimilarity"] = (compute("dissimilarity", c, coords=xy, bandwidth=2000).value,
                            compute("dissimilarity", c, coords=xy, bandwidth=2000, weights="smoothed").value,
                            _pysal("Dissim", pts, "abroad", "total", distance=2000))
    out["density_corrected_dissimilarity"] = (
        compute("density_corrected_dissimilarity", c).value,
        compute("density_corrected_dissimilarity", c, solver="pysal").value,
        _pysal("DensityCorrectedDissim", g["f"], "abroad", "total"))
    return out


@pytest.fixture(scope="module")
def cases(gbg):
    return _cases(gbg)


def test_every_table_row_is_computed(cases):
    rows = _table()
    assert len(rows) >= 11
    for key, (doc_ours, doc_peer) in rows.items():
        assert key in cases, key
        ours, peer, _ = cases[key]
        assert ours == pytest.approx(doc_ours, abs=5e-5), key
        assert peer == pytest.approx(doc_peer, abs=5e-5), key


@pytest.mark.parametrize("idx", sorted(list(PROX) + ["relative_concentration", "spatial_proximity_profile",
                                                     "concentration_profile", "dissimilarity",
                                                     "density_corrected_dissimilarity"]))
def test_peer_option_reproduces_pysal(cases, idx):
    _, peer, theirs = cases[idx]
    assert peer == pytest.approx(theirs, abs=1e-9)


@pytest.mark.skipif(not GPKG.exists(), reason="needs the Göteborg polygons in ../shared/data")
def test_polygon_options_reproduce_pysal(gbg):
    """Boundary length and queen contiguity from the real polygons, as PySAL builds them
    (PySAL aligns its weights by sorted id, so the rows are sorted by regsokod)."""
    from lagesbild.measures.geometry import spatial_inputs

    f = gbg["f"]
    g = gpd.read_file(GPKG).set_index("regsokod").loc[f.index]
    g["abroad"], g["total"] = f.abroad, f.total
    si = spatial_inputs(g.reset_index(), code="regsokod")
    c = gbg["counts"]
    theirs = _pysal("BoundarySpatialDissim", g, "abroad", "total")
    ours = compute("boundary_dissimilarity", c, contiguity=si.contiguity, boundary="length", standardize=True).value
    assert ours == pytest.approx(theirs, abs=1e-9)
    queen = libpysal.weights.Queen.from_dataframe(g, use_index=False, silence_warnings=True)
    assert (si.queen() != queen.sparse).nnz == 0
    theirs = _pysal("SpatialProxProf", g, "abroad", "total")
    assert compute("spatial_proximity_profile", c, contiguity=si.queen(), grid=1000).value == \
        pytest.approx(theirs, abs=1e-9)
