"""spatial_inputs on hand-made squares and store polygons; declarative parameter validation
(invalid values generated from the declarations of every validated function)."""

import inspect

import numpy as np
import pytest

from lagesbild.errors import InputError
from lagesbild.measures import compute
from lagesbild.measures.validation import VALIDATED, Interval, OneOf, Type, invalid_values, validate_params

gpd = pytest.importorskip("geopandas")
from shapely.geometry import box  # noqa: E402

from lagesbild.measures.geometry import spatial_inputs  # noqa: E402


def _grid():
    """A 2 × 2 block of 100 m squares (a b / c d) and a detached square e."""
    geoms = [box(0, 100, 100, 200), box(100, 100, 200, 200), box(0, 0, 100, 100), box(100, 0, 200, 100),
             box(1000, 0, 1100, 100)]
    return gpd.GeoDataFrame({"code": list("abcde")}, geometry=geoms, crs="EPSG:3006")


def test_spatial_inputs_on_squares():
    s = spatial_inputs(_grid())
    assert s.units == list("abcde")
    assert s.coords.tolist() == [[50, 150], [150, 150], [50, 50], [150, 50], [1050, 50]]
    assert s.areas.tolist() == [1e4] * 5 and s.perimeters.tolist() == [400.0] * 5
    w = s.contiguity.toarray()
    expected = np.zeros((5, 5))
    for i, j in [(0, 1), (0, 2), (1, 3), (2, 3)]:  # rook neighbours; a–d touch only at a corner
        expected[i, j] = expected[j, i] = 100.0
    np.testing.assert_allclose(w, expected, atol=1e-9)
    assert s.binary().toarray().sum() == 8


def test_spatial_inputs_tolerance_bridges_gaps_and_crs():
    g = gpd.GeoDataFrame({"code": ["a", "b"]}, geometry=[box(0, 0, 100, 100), box(101, 0, 201, 100)],
                         crs="EPSG:3006")
    assert spatial_inputs(g).contiguity.nnz == 0
    w = spatial_inputs(g, tolerance=2.0).contiguity.toarray()
    assert w[0, 1] == pytest.approx(100.0, rel=0.05) and w[0, 1] == w[1, 0]
    with pytest.raises(InputError, match="EPSG:3006"):
        spatial_inputs(g.set_crs("EPSG:4326", allow_override=True))
    moved = spatial_inputs(g.to_crs("EPSG:3857"))  # another projected CRS is reprojected back
    np.testing.assert_allclose(moved.coords, spatial_inputs(g).coords, atol=1e-3)


def test_morrill_and_wong_on_squares_by_hand():
    s = spatial_inputs(_grid())
    counts = np.array([[90, 10], [10, 90], [80, 20], [20, 80], [50, 50]], dtype=float)
    x, y = counts[:, 0], counts[:, 1]
    d = 0.5 * np.abs(x / x.sum() - y / y.sum()).sum()
    share = x / counts.sum(axis=1)
    pairs = [(0, 1), (0, 2), (1, 3), (2, 3)]
    adj = sum(abs(share[i] - share[j]) for i, j in pairs) / len(pairs)  # ΣΣ c|s_i−s_j| / ΣΣ c, symmetric
    got = compute("boundary_dissimilarity", counts, **{"contiguity": s.contiguity})
    assert got.value == pytest.approx(d - adj, abs=1e-12)
    got_len = compute("boundary_dissimilarity", counts, contiguity=s.contiguity, boundary="length")
    assert got_len.value == pytest.approx(d - adj, abs=1e-12)  # all shared edges are 100 m
    wong = compute("perimeter_area_dissimilarity", counts, **s.as_kwargs())
    assert wong.value < d


def test_spatial_inputs_on_store_polygons(bundled_store):
    g = bundled_store.geometries(level="regso", kommun="1480")
    s = spatial_inputs(g)
    w = s.contiguity
    assert (w != w.T).nnz == 0 and w.diagonal().sum() == 0
    degree = np.diff(w.tocsr().indptr)
    assert np.median(degree) >= 3 and (s.areas > 0).all()
    assert (s.perimeters ** 2 >= 4 * np.pi * s.areas * 0.999).all()  # isoperimetric inequality


# ------------------------------------------------------------------ validation

def test_constraints_describe_and_generate_invalid_values():
    spec = [Interval(float, 0, None, closed="neither"), None]
    bad = invalid_values(spec)
    assert bad and all(v is not None for v in bad)
    for v in bad:
        with pytest.raises(InputError, match="'h' i f måste vara ett tal > 0 eller None"):
            validate_params("f", {"h": spec}, {"h": v})
    validate_params("f", {"h": spec}, {"h": None})
    validate_params("f", {"h": spec}, {"h": 3})
    assert OneOf("a", "b").is_valid("a") and not OneOf("a", "b").is_valid(["a"])
    assert not Type(int).is_valid(True) and Type(float).is_valid(np.float64(2.0))
    assert Interval(int, 1, 5).invalid_examples() == ["x", None, 1.5, 0, 6]


# valid arguments for each validated function (store-reading services get the store)
_BASE = {
    "lagesbild.measures.frames.compute": dict(index_id="dissimilarity", data=np.array([[5, 5], [2, 8]])),
    "lagesbild.measures.spatial.build_smoother": dict(coords=np.array([[0.0, 0], [500, 0]]), bandwidth=1000.0),
    "lagesbild.measures.spatial.spatial_index": dict(index_id="dissimilarity", counts=np.array([[5, 5], [2, 8]]),
                                                     coords=np.array([[0.0, 0], [500, 0]]), bandwidth=1000.0),
    "lagesbild.measures.spatial.multiscalar_profile": dict(index_id="dissimilarity",
                                                           counts=np.array([[5, 5], [2, 8]]),
                                                           coords=np.array([[0.0, 0], [500, 0]]), bandwidths=[500]),
    "lagesbild.measures.inference.simulate": dict(counts=np.array([[5, 5], [2, 8]]), null="systematic", n_sim=3),
    "lagesbild.measures.inference.single_value_test": dict(stat=lambda c: c.sum(), counts=np.array([[5, 5], [2, 8]])),
    "lagesbild.measures.inference.bootstrap_bc": dict(stat=lambda c: c.sum(), counts=np.array([[5, 5], [2, 8]])),
    "lagesbild.measures.inference.expected_under_null": dict(index="dissimilarity",
                                                             counts=np.array([[5, 5], [2, 8]]), n_sim=5),
    "lagesbild.measures.inference.two_sample_test": dict(index="dissimilarity", counts1=np.array([[5, 5], [2, 8]]),
                                                         counts2=np.array([[5, 5], [2, 8]]), n_sim=5),
    "lagesbild.measures.decomposition.between_within": dict(counts=np.array([[5, 5], [2, 8]]), within=["a", "b"]),
    "lagesbild.measures.decomposition.shapley_change": dict(a=np.array([[5, 5], [2, 8]]), b=np.array([[5, 6], [2, 9]])),
    "lagesbild.measures.decomposition.counterfactual": dict(x1=[1, 2], t1=[3, 4], x2=[1, 2], t2=[3, 4]),
    "lagesbild.measures.decomposition.spatial_compositional": dict(index="dissimilarity",
                                                                   counts1=np.array([[5, 5], [2, 8]]),
                                                                   counts2=np.array([[5, 5], [2, 8]])),
    "lagesbild.measures.ipf.ipf": dict(seed=np.ones((2, 2)), row_target=np.array([0.5, 0.5]),
                                       col_target=np.array([0.3, 0.7])),
    "lagesbild.measures.ipf.ipf_fit": dict(seed=np.ones((2, 2)), row_target=np.array([0.5, 0.5]),
                                           col_target=np.array([0.3, 0.7])),
    "lagesbild.measures.intervals.dissimilarity_interval": dict(counts=np.array([[5, 5], [2, 8]]), n_sim=20),
    "lagesbild.measures.geometry.spatial_inputs": dict(gdf=None),
    "lagesbild.services.measures.segregation_indices": dict(store=None, kommun="1480"),
    "lagesbild.services.measures.between_within": dict(store=None, year=2023),
    "lagesbild.services.measures.kommun_share_of_within": dict(store=None, kommun="1480", year=2023),
    "lagesbild.services.measures.within_kommun_by": dict(store=None, kommun="1480", year=2023),
    "lagesbild.services.measures.multiscalar_profile": dict(store=None, kommun="1480", year=2023),
    "lagesbild.services.measures.segregation_change": dict(store=None, kommun="1480", year_a=2020, year_b=2023),
}


def _cases():
    import lagesbild.measures.decomposition  # importing registers the declarations
    import lagesbild.measures.frames
    import lagesbild.measures.geometry
    import lagesbild.measures.intervals
    import lagesbild.measures.ipf
    import lagesbild.services.measures  # noqa: F401

    for name, fn in sorted(VALIDATED.items()):
        if name.startswith("lagesbild.measures.validation"):  # the doctest's example
            continue
        for param, spec in fn.__constraints__.items():
            for bad in invalid_values(spec):
                # stable ids (no memory addresses), so that pytest-xdist workers collect the same tests
                shown = "object()" if type(bad) is object else repr(bad)
                yield pytest.param(name, fn, param, bad, id=f"{name.split('.')[-1]}-{param}-{shown}"[:80])


def test_every_validated_function_has_a_baseline():
    names = {n for n, _, _, _ in (c.values for c in _cases())}
    assert names <= set(_BASE), sorted(names - set(_BASE))
    assert len(names) >= 18


@pytest.mark.parametrize("name, fn, param, bad", list(_cases()))
def test_invalid_values_from_declarations_are_refused(name, fn, param, bad):
    kwargs = dict(_BASE[name])
    sig = inspect.signature(fn)
    assert param in sig.parameters
    # the baseline itself passes the declared constraints
    validate_params(name, fn.__constraints__, kwargs)
    kwargs[param] = bad
    with pytest.raises(InputError) as e:
        fn(**kwargs)
    assert f"'{param}'" in e.value.message("en") and "must be" in e.value.message("en")
