"""The skola use cases: the exact JSON interface and bad input."""

from __future__ import annotations

import json

import pytest

from lagesbild.errors import InputError, NotFoundError
from lagesbild.services import skola as svc


@pytest.fixture(scope="module")
def haninge(bundled_store):
    return svc.skola_kommun(bundled_store, "0136", [2021, 2022, 2023, 2024, 2025])


def test_interface_keys(haninge):
    assert {"skolor", "segregation", "efter_omradestyp"} <= set(haninge)
    s = haninge["skolor"][0]
    assert {"skolenhetskod", "namn", "huvudman", "deso", "regso", "omradestyp", "ar"} <= set(s)
    y = s["ar"][0]
    assert {"ar", "lasar", "meritvarde", "andel_behoriga_yrkesprog", "elever"} <= set(y)
    seg = haninge["segregation"][0]
    assert {"ar", "index", "varde"} <= set(seg)
    assert {r["index"] for r in haninge["segregation"]} == {"D", "M"}
    t = haninge["efter_omradestyp"][0]
    assert {"ar", "omradestyp", "meritvarde", "skolor"} <= set(t)
    json.dumps(haninge, allow_nan=False)  # strict JSON: no NaN anywhere


def test_values_come_from_the_bundled_file(haninge):
    """Published meritvärde per school and year equals the bundled API file; markers stay markers."""
    import pandas as pd

    from lagesbild.store.bundled import data_path

    raw = pd.read_parquet(data_path("skolverket_grundskola_ak9_2021_2025.parquet"))
    raw = raw[raw["indicator"] == "meritvarde"].set_index(["skolenhetskod", "year"])
    checked = 0
    for s in haninge["skolor"]:
        for y in s["ar"]:
            key = (s["skolenhetskod"], y["ar"])
            if key not in raw.index:
                continue
            r = raw.loc[key]
            if pd.isna(r["value"]):
                assert y["meritvarde"] is None and y["meritvarde_status"] == r["status"]
            else:
                assert y["meritvarde"] == pytest.approx(r["value"])
            checked += 1
    assert checked >= 40


def test_every_school_year_and_area_type_counts(haninge):
    assert haninge["ar"] == [2021, 2022, 2023, 2024, 2025]
    for year in haninge["ar"]:
        rows = [r for r in haninge["efter_omradestyp"] if r["ar"] == year]
        placed = [s for s in haninge["skolor"] if s["omradestyp"] is not None
                  and any(y["ar"] == year and y["meritvarde"] is not None for y in s["ar"])]
        assert sum(r["skolor"] for r in rows) <= len(placed)
        assert all(1 <= r["omradestyp"] <= 5 for r in rows)


def test_label_says_results_not_background(haninge):
    assert "inte av elevernas bakgrund" in haninge["etikett"]


def test_one_school(bundled_store):
    r = svc.skola_school(bundled_store, "73184968")
    assert r["skola"]["namn"] == "Brandbergsskolan"
    assert r["kommun"] == "0136"


@pytest.mark.parametrize("call,exc,words", [
    (lambda s: svc.skola_kommun(s, "0136", [2019]), InputError, "2019"),
    (lambda s: svc.skola_kommun(s, "9999"), NotFoundError, "har inga skolor"),
    (lambda s: svc.skola_kommun(s, "0319", [2021]), InputError, "Tillgängliga år: 2025"),
    (lambda s: svc.skola_kommun(s, "13x"), InputError, "fyra siffror"),
    (lambda s: svc.skola_school(s, "12345678"), NotFoundError, "12345678"),
    (lambda s: svc.skola_school(s, "1234"), InputError, "åtta siffror"),
])
def test_bad_input(bundled_store, call, exc, words):
    with pytest.raises(exc) as info:
        call(bundled_store)
    assert words in info.value.message("sv")


def test_english(bundled_store):
    r = svc.skola_kommun(bundled_store, "0136", [2025], lang="en")
    assert "not of pupils' background" in r["etikett"]
