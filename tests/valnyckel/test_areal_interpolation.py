"""Areal interpolation on synthetic squares, checked against hand computations.

Every geometry and count here is synthetic (made up for the test, in EPSG:3006 metres).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from lagesbild.typology.areal_interpolation import areal_weights, carry_counts, ratio_of_counts, target_coverage

CRS = "EPSG:3006"


def _zones(**boxes) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"code": list(boxes)}, geometry=[box(*b) for b in boxes.values()], crs=CRS)


# synthetic: two DeSO side by side (left x 0–1000, right x 1000–2000), y 0–1000
DESO = _zones(D1=(0, 0, 1000, 1000), D2=(1000, 0, 2000, 1000))
# synthetic: two valdistrikt stacked, each the full width, so each lies 50/50 over D1 and D2
VD = _zones(V1=(0, 0, 2000, 500), V2=(0, 500, 2000, 1000))


def test_two_valdistrikt_split_half_and_half_give_turnout_by_hand():
    key = areal_weights(VD, DESO)
    assert list(zip(key["from_code"], key["to_code"], strict=True)) == [
        ("V1", "D1"), ("V1", "D2"), ("V2", "D1"), ("V2", "D2")]
    assert key["weight"].tolist() == pytest.approx([0.5] * 4)
    assert key["area_m2"].tolist() == pytest.approx([500_000.0] * 4)
    counts = pd.DataFrame({"code": ["V1", "V2"], "rostberattigade": [1000, 600], "rostande": [800, 300]})
    carried = carry_counts(counts, key, ["rostberattigade", "rostande"]).set_index("code")
    # by hand: each DeSO gets half of each valdistrikt: 500 + 300 = 800 eligible, 400 + 150 = 550 voters
    assert carried.loc["D1", "rostberattigade"] == pytest.approx(800.0)
    assert carried.loc["D1", "rostande"] == pytest.approx(550.0)
    turnout = ratio_of_counts(carried["rostande"], carried["rostberattigade"])
    assert turnout["D1"] == pytest.approx(68.75) and turnout["D2"] == pytest.approx(68.75)
    # a ratio of carried counts, not the average of the two valdistrikt's 80 % and 50 % (= 65 %)
    assert turnout["D1"] != pytest.approx(65.0)


def test_uneven_split_by_hand():
    # synthetic: V1 covers x 0–1500 (2/3 in D1, 1/3 in D2), V2 covers x 1500–2000 (all in D2)
    vd = _zones(V1=(0, 0, 1500, 1000), V2=(1500, 0, 2000, 1000))
    key = areal_weights(vd, DESO).set_index(["from_code", "to_code"])["weight"]
    assert key[("V1", "D1")] == pytest.approx(2 / 3) and key[("V1", "D2")] == pytest.approx(1 / 3)
    assert key[("V2", "D2")] == pytest.approx(1.0) and ("V2", "D1") not in key.index
    counts = pd.DataFrame({"code": ["V1", "V2"], "rostberattigade": [900, 300], "rostande": [600, 270]})
    carried = carry_counts(counts, key.reset_index(), ["rostberattigade", "rostande"]).set_index("code")
    # D1: 2/3·900 = 600 eligible, 2/3·600 = 400 voters → 66.67 %
    # D2: 1/3·900 + 300 = 600 eligible, 1/3·600 + 270 = 470 voters → 78.33 %
    t = ratio_of_counts(carried["rostande"], carried["rostberattigade"])
    assert t["D1"] == pytest.approx(400 / 600 * 100) and t["D2"] == pytest.approx(470 / 600 * 100)


def test_total_voters_preserved_when_valdistrikt_lie_inside_the_deso():
    # synthetic: three valdistrikt of odd shapes, all inside D1 ∪ D2
    vd = _zones(A=(0, 0, 700, 1000), B=(700, 0, 1300, 400), C=(700, 400, 2000, 1000))
    vd = pd.concat([vd, _zones(E=(1300, 0, 2000, 400))], ignore_index=True)
    key = areal_weights(vd, DESO)
    assert key.groupby("from_code")["weight"].sum().tolist() == pytest.approx([1.0] * 4)
    counts = pd.DataFrame({"code": ["A", "B", "C", "E"], "rostberattigade": [1234, 567, 890, 321],
                           "rostande": [1001, 402, 777, 199]})
    carried = carry_counts(counts, key, ["rostberattigade", "rostande"])
    assert carried["rostande"].sum() == pytest.approx(1001 + 402 + 777 + 199)
    assert carried["rostberattigade"].sum() == pytest.approx(1234 + 567 + 890 + 321)


def test_valdistrikt_partly_outside_every_deso_carries_only_its_inside_share():
    # synthetic: V sticks out 1000 m below the DeSO (half of it outside)
    vd = _zones(V=(0, -1000, 1000, 1000))
    key = areal_weights(vd, DESO)
    assert key["weight"].tolist() == pytest.approx([0.5])
    cov = target_coverage(vd, DESO)
    assert cov["D1"] == pytest.approx(1.0) and cov["D2"] == pytest.approx(0.0)


def test_coverage_is_the_share_of_the_deso_area_under_valdistrikt():
    vd = _zones(V1=(0, 0, 1000, 250), V2=(1000, 0, 1500, 1000))  # synthetic
    cov = target_coverage(vd, DESO)
    assert cov["D1"] == pytest.approx(0.25) and cov["D2"] == pytest.approx(0.5)


def test_population_weights_by_hand():
    # synthetic: V covers all of D1 and D2 (1:1 area), but D1 has 300 persons and D2 100
    vd = _zones(V=(0, 0, 2000, 1000))
    key = areal_weights(vd, DESO, population=pd.Series({"D1": 300.0, "D2": 100.0}))
    w = key.set_index("to_code")["weight"]
    assert w["D1"] == pytest.approx(0.75) and w["D2"] == pytest.approx(0.25)
    # synthetic: V covers all of D1 and a quarter of D2; D2 is as dense as D1
    vd = _zones(V=(0, 0, 1250, 1000))
    w = areal_weights(vd, DESO, population=pd.Series({"D1": 400.0, "D2": 400.0})).set_index("to_code")["weight"]
    # persons in the pieces: 400 and 100 → weights 0.8 and 0.2, the same as by area here
    assert w["D1"] == pytest.approx(0.8) and w["D2"] == pytest.approx(0.2)


def test_population_weights_keep_the_share_outside_every_deso():
    vd = _zones(V=(0, -2000, 2000, 1000))  # synthetic: a third inside (D1, D2), two thirds outside
    w = areal_weights(vd, DESO, population=pd.Series({"D1": 100.0, "D2": 300.0})).set_index("to_code")["weight"]
    assert w.sum() == pytest.approx(1 / 3)
    assert w["D2"] == pytest.approx(1 / 3 * 0.75)


def test_unpopulated_deso_fall_back_to_area_weights():
    w = areal_weights(VD, DESO, population=pd.Series({"D1": 0.0, "D2": 0.0}))
    assert w["weight"].tolist() == pytest.approx([0.5] * 4)


def test_same_key_from_epsg_4326_input_after_reprojection():
    # synthetic squares placed in Göteborg (EPSG:3006 metres), written out in WGS84 and read back
    base = (319_000, 6_399_000)

    def shifted(z):
        return z.set_geometry(z.geometry.translate(*base))

    vd, deso = shifted(VD), shifted(DESO)
    wgs = vd.to_crs("EPSG:4326")
    back = wgs.to_crs(CRS)
    a = areal_weights(vd, deso)
    b = areal_weights(back, deso)
    assert b["weight"].tolist() == pytest.approx(a["weight"].tolist(), abs=1e-6)


def test_ratio_is_nan_without_eligible_voters():
    r = ratio_of_counts(pd.Series([5.0, 0.0]), pd.Series([10.0, 0.0]))
    assert r.iloc[0] == pytest.approx(50.0) and pd.isna(r.iloc[1])
