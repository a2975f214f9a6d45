"""Kolada v3 through the replay server: data, paging, batching, catalogue, title check."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lagesbild.errors import DataSourceError, InputError, KpiTitleMismatchError, NotFoundError
from lagesbild.sources.kolada import KoladaClient, check_kpi_titles

from .conftest import DATA

MUNIS = ["1780", "0183", "0188", "1281", "2180", "2281", "2480", "2580"]


def _recorded():
    return json.loads((DATA / "kolada/kolada_behorighet.json").read_text(encoding="utf-8-sig"))


def test_one_page_matches_the_recording(make_http):
    k = KoladaClient(make_http("kolada/v3"))
    res = k.data(["N15428"], MUNIS)
    assert len(res.frame) == 224 * 3 and res.deleted == 0
    assert set(res.frame["gender"]) == {"K", "M", "T"}
    rec = _recorded()["values"][0]
    row = res.frame[(res.frame.geo_id == rec["municipality"]) & (res.frame.year == rec["period"])
                    & (res.frame.gender == "T")]
    assert row["value"].item() == next(v["value"] for v in rec["values"] if v["gender"] == "T")


def test_paging_follows_next_url_and_equals_one_page(make_http, replay):
    one = KoladaClient(make_http("kolada/v3", cache=None)).data(["N15428", "N17457"], MUNIS)
    paged = KoladaClient(make_http("kolada/v3", cache=None), per_page=50)
    res = paged.data(["N15428", "N17457"], MUNIS)
    n_records = len(one.frame.drop_duplicates(["kpi", "geo_id", "year"]))
    assert n_records > 224 and len(res.responses) == -(-n_records // 50)
    key = ["kpi", "geo_id", "year", "gender"]
    pd.testing.assert_frame_equal(res.frame.sort_values(key).reset_index(drop=True),
                                  one.frame.sort_values(key).reset_index(drop=True))


def test_next_page_key_is_followed_too(make_http, replay):
    base = replay.base + "/kolada/v3/"
    rec = _recorded()["values"]
    replay.extra["/kolada/v3/data/kpi/N15428/municipality/1780"] = (
        200, {"values": rec[:2], "count": 2, "next_page": base + "p2"})
    replay.extra["/kolada/v3/p2"] = (200, {"values": rec[2:3], "count": 1, "next_page": None})
    res = KoladaClient(make_http("kolada/v3")).data(["N15428"], ["1780"])
    assert len(res.responses) == 2 and len(res.frame) == 9


def test_batches_of_municipalities_and_years(make_http, replay):
    k = KoladaClient(make_http("kolada/v3"), batch=3)
    res = k.data(["N15428"], MUNIS, years=[2020, 2021])
    assert len(replay.requests("/data/kpi/N15428")) == 3
    assert sorted(res.frame["year"].unique()) == [2020, 2021] and res.frame["geo_id"].nunique() == 8
    assert "/year/2020,2021" in replay.requests("/data/kpi")[0]["path"]


def test_deleted_values_are_dropped_and_counted(make_http, replay):
    rec = json.loads(json.dumps(_recorded()["values"][:1]))
    rec[0]["values"][0]["isdeleted"] = True  # one value marked deleted (edited copy of a real record)
    replay.extra["/kolada/v3/data/kpi/N15428/municipality/0183"] = (200, {"values": rec, "next_url": None})
    res = KoladaClient(make_http("kolada/v3")).data(["N15428"], ["0183"])
    assert res.deleted == 1 and len(res.frame) == 2


def test_faults_on_kolada_are_retried(make_http, replay):
    replay.fault("/data/kpi/N15428", "drop", "429", "truncate")
    res = KoladaClient(make_http("kolada/v3", retries=3)).data(["N15428"], MUNIS)
    assert len(res.frame) == 672


def test_catalogue_municipalities_and_groups(make_http):
    k = KoladaClient(make_http("kolada/v3"))
    kpi = k.kpis(ids=["N15428", "N05401"])
    assert set(kpi["id"]) == {"N15428", "N05401"}
    assert "valdeltagande" in kpi.set_index("id").loc["N05401", "title"].lower()
    m = k.municipalities(kind="K")
    assert len(m) == 290 and "1480" in set(m["id"])
    found = k.kpis(title="meritvärde")
    assert len(found) > 0 and found["title"].str.lower().str.contains("meritvärde").all()
    g = k.municipality_groups()
    assert g["group_title"].str.contains("Liknande kommuner").any()


def test_kpi_title_check(make_http):
    k = KoladaClient(make_http("kolada/v3"))
    cat = k.kpis(ids=["N15428"])
    check_kpi_titles(cat, {"N15428": r"behöriga till yrkesprogram"})
    changed = cat.assign(title="Något helt annat")
    with pytest.raises(KpiTitleMismatchError, match="N15428"):
        check_kpi_titles(changed, {"N15428": r"behöriga till yrkesprogram"})


def test_ou_shape(make_http, replay):
    """OU list and OU data parse (shape per methods §8.6; a synthetic two-record answer)."""
    replay.extra["/kolada/v3/ou"] = (200, {"values": [{"id": "V15E178000001", "municipality": "1780",
                                                       "title": "Exempelskolan"}], "next_url": None})
    replay.extra["/kolada/v3/oudata/kpi/N15428/ou/V15E178000001"] = (
        200, {"values": [{"kpi": "N15428", "ou": "V15E178000001", "period": 2024,
                          "values": [{"gender": "T", "count": 1, "status": "", "value": 80.0, "isdeleted": False}]}],
              "next_url": None})
    k = KoladaClient(make_http("kolada/v3"))
    assert k.ous(municipality="1780")["municipality"].tolist() == ["1780"]
    d = k.oudata("N15428", ["V15E178000001"])
    assert d.frame[["geo_type", "value"]].values.tolist() == [["ou", 80.0]]


def test_bad_ids_and_unknown_paths(make_http, replay):
    k = KoladaClient(make_http("kolada/v3"))
    with pytest.raises(InputError, match="'N1542'"):
        k.data(["N1542"], ["1780"])
    with pytest.raises(InputError, match="'178'"):
        k.data(["N15428"], ["178"])
    with pytest.raises(NotFoundError, match="no_such_endpoint"):
        KoladaClient(make_http("kolada/v3"))._pages("no_such_endpoint")
    replay.extra["/kolada/v3/kpi"] = (200, {"unexpected": []})
    with pytest.raises(DataSourceError, match="'values'"):
        KoladaClient(make_http("kolada/v3")).kpis()
