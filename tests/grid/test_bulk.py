"""One bulk read per level and year equals store.counts per kommun."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lagesbild.store import open_store
from lagesbild.store.bulk import counts_by_kommun


@pytest.fixture
def store():
    s = open_store(":memory:")
    areas = [("9901", "kommun2025", "kommun", None, "9901"), ("9902", "kommun2025", "kommun", None, "9902"),
             ("9901R001", "RegSO2025", "regso", "9901", "9901"), ("9901R002", "RegSO2025", "regso", "9901", "9901"),
             ("9902R001", "RegSO2025", "regso", "9902", "9902")]
    deso = [("9901A0010", "9901R001"), ("9901A0020", "9901R001"), ("9901B0010", "9901R002"),
            ("9902A0010", "9902R001"), ("9902C0020", "9902R001")]
    rows = [{"code": c, "version": v, "level": lv, "parent_code": p, "kommun": k, "lan": "99"}
            for c, v, lv, p, k in areas]
    rows += [{"code": c, "version": "DeSO2025", "level": "deso", "parent_code": p, "kommun": c[:4], "lan": "99"}
             for c, p in deso]
    rng = np.random.default_rng(3)
    obs = [{"area_code": c, "area_version": "DeSO2025", "year": y, "variable": v, "value": float(rng.integers(0, 500)),
            "source_id": "synthetic"} for c, _ in deso for y in (2022, 2023) for v in ("g1", "g2", "g3")]
    obs = [o for o in obs if not (o["area_code"] == "9902C0020" and o["variable"] == "g3")]  # a missing value
    s.write(sources=pd.DataFrame([{"id": "synthetic", "publisher": "synthetic (test)",
                                   "retrieved_at": dt.datetime(2026, 1, 1)}]),
            variables=pd.DataFrame([{"id": v, "label_sv": v, "kind": "count"} for v in ("g1", "g2", "g3")]),
            areas=pd.DataFrame(rows), observations=pd.DataFrame(obs))
    yield s
    s.close()


@pytest.mark.parametrize("level", ["deso", "regso", "kommun"])
def test_equals_counts_per_kommun(store, level):
    got = counts_by_kommun(store, ["g2", "g1"], level, 2023)
    assert sorted(got) == ["9901", "9902"]
    for k, df in got.items():
        want = store.counts(["g2", "g1"], level, kommun=k, year=2023)
        pd.testing.assert_frame_equal(df, want, check_names=False)
        assert list(df.index) == sorted(df.index)


def test_missing_values_stay_nan_and_filter(store):
    got = counts_by_kommun(store, ["g1", "g3"], "deso", 2022, kommuner=["9902"])
    assert list(got) == ["9902"]
    assert np.isnan(got["9902"].loc["9902C0020", "g3"])


def test_service_arrays_for_the_batch(store):
    from lagesbild.services.bulk import kommun_tables

    got = kommun_tables(store, ["g1", "g2"], "regso", 2022, ["9902", "9901"])
    for k in ("9901", "9902"):
        want = store.counts(["g1", "g2"], "regso", kommun=k, year=2022)[["g1", "g2"]].to_numpy()
        np.testing.assert_array_equal(got[k], want)
