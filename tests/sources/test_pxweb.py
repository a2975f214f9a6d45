"""JSON-stat2 parsing and the PxWeb v2/v1 clients end to end on recorded SCB responses."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest

from lagesbild.errors import DataSourceError, NotFoundError
from lagesbild.sources.jsonstat import parse_jsonstat2, parse_pxweb_v1, split_region
from lagesbild.sources.pxweb import (
    PxWebClient,
    PxWebV1Client,
    TableNotFoundError,
    fetch_with_fallback,
    split_selection,
)

from .conftest import DATA


def _doc(name):
    return json.loads((DATA / name).read_text(encoding="utf-8-sig"))


def _sorted(df, dims):
    return df.sort_values(dims).reset_index(drop=True)


# ---------------------------------------------------------------- parser
def test_jsonstat2_row_major_and_value_count():
    doc = _doc("scb/TAB6471_data.json")
    ds = parse_jsonstat2(doc)
    assert len(ds.frame) == math.prod(doc["size"]) == 2772
    # the last dimension varies fastest: position of (län 03, 3rd age group, Kon '2', month 4)
    codes = {d: list(doc["dimension"][d]["category"]["index"]) for d in doc["id"]}
    key = {"Region": "03", "Alder": codes["Alder"][2], "Kon": "2", "ContentsCode": "000007SF", "Tid": "2026M04"}
    pos = 0
    for d, s in zip(doc["id"], doc["size"]):
        pos = pos * s + codes[d].index(key[d])
    row = ds.frame
    for d, v in key.items():
        row = row[row[d] == v]
    assert row["value"].item() == doc["value"][pos]
    assert ds.ckm and ds.units["000007SF"]["base"] == "antal" and ds.updated.startswith("2026")


def test_status_symbols_stay_status_and_are_never_numbers():
    doc = _doc("scb/regso_socioek.json")
    ds = parse_jsonstat2(doc)
    missing = ds.frame[ds.frame["status"] == ".."]
    assert len(missing) == len(doc["status"]) > 0
    assert missing["value"].isna().all()
    assert not ds.ckm  # TAB6586 carries no CKM note
    assert ds.labels["ContentsCode"]["000008IT"] == "Socioekonomiskt index"


def test_region_codes_with_versions():
    assert split_region("1780A0010_DeSO2025") == ("1780A0010", "DeSO2025", "deso")
    assert split_region("1780A0010") == ("1780A0010", "DeSO2018", "deso")
    assert split_region("1780R001") == ("1780R001", "RegSO2020", "regso")
    assert split_region("17") == ("17", "lan2025", "lan")
    assert split_region("not a code") is None


def test_v1_json_parses_like_jsonstat():
    ds = parse_pxweb_v1(_doc("scb_v1/gender-district-income-vaxjo.json"))
    assert list(ds.frame.columns) == ["Region", "Inkomstkomponenter", "Kon", "Tid", "ContentsCode", "value", "status"]
    assert len(ds.frame) == 69 * 2
    row = ds.frame[
        (ds.frame.Region == "0780R001_RegSO2025") & (ds.frame.Kon == "1") & (ds.frame.ContentsCode == "000008A4")
    ]
    assert row["value"].item() == pytest.approx(233.6)


def test_split_selection_union_and_limit():
    sel = {
        "Region": [f"r{i}" for i in range(616)],
        "Alder": [f"a{i}" for i in range(18)],
        "Kon": ["1", "2", "1+2"],
        "Tid": [str(y) for y in range(2015, 2025)],
    }
    chunks = split_selection(sel, 10_000)
    assert all(math.prod(len(v) for v in c.values()) <= 10_000 for c in chunks)
    cells = {k for c in chunks for k in itertools.product(*c.values())}
    assert len(cells) == 616 * 18 * 3 * 10  # the union is the whole request, with no overlap
    assert sum(math.prod(len(v) for v in c.values()) for c in chunks) == len(cells)


# ---------------------------------------------------------------- v2 client end to end
def test_config_tightens_limits(make_http):
    c = PxWebClient(make_http(calls_per_window=30, window_s=10), max_cells=500_000)
    cfg = c.config()
    assert cfg["license"].endswith("/cc0/")
    assert c.max_cells == 150_000
    assert (c.http.calls_per_window, c.http.window_s) == (3, 1.0)  # read the live /config


def test_search_and_table_info(make_http):
    c = PxWebClient(make_http())
    found = c.search("befolkning")
    assert "TAB5663" in [t["id"] for t in found] and len(found) == 10
    assert c.table("TAB6586")["lastPeriod"] == "2024"
    with pytest.raises(TableNotFoundError, match="TAB0001"):
        c.table("TAB0001")


def test_chunked_requests_equal_one_big_request(make_http, replay):
    lan = [f"{i:02d}" for i in (1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25)]
    ages = list(_doc("scb/TAB6471_data.json")["dimension"]["Alder"]["category"]["index"])
    sel = {"Region": lan, "Alder": ages, "Kon": "*", "Tid": "FROM(2026M01)"}
    small = PxWebClient(make_http(), max_cells=200)
    plan = small.plan("TAB6471", sel)
    assert plan.cells == 2772 and len(plan.chunks) > 10 and max(plan.chunk_cells()) <= 200
    ds_small, resp = small.fetch_dataset(plan)
    assert len(resp) == len(plan.chunks) == len(replay.requests("TAB6471/data", "POST"))
    big = PxWebClient(make_http(cache=None))
    ds_big, resp_big = big.fetch_dataset(big.plan("TAB6471", sel))
    assert len(resp_big) == 1
    dims = ds_big.dims
    pd.testing.assert_frame_equal(_sorted(ds_small.frame, dims), _sorted(ds_big.frame, dims))
    direct = parse_jsonstat2(_doc("scb/TAB6471_data.json")).frame
    pd.testing.assert_frame_equal(_sorted(ds_big.frame, dims), _sorted(direct, dims))


def test_403_splits_the_request_further(make_http, replay):
    c = PxWebClient(make_http())
    plan = c.plan("TAB6586", {"Region": "1780*", "Tid": ["2022", "2023"]})
    assert len(plan.chunks) == 1
    replay.fault("TAB6586/data", "403")
    ds, resp = c.fetch_dataset(plan)
    assert len(resp) == 2 and len(ds.frame) == plan.cells == 62 * 5 * 2


def test_bad_requests_have_clear_messages(make_http):
    c = PxWebClient(make_http())
    with pytest.raises(NotFoundError, match="saknar året/perioden '2030'"):
        c.plan("TAB6586", {"Region": "1780*", "Tid": ["2030"]})
    with pytest.raises(NotFoundError, match="börjar med '9999'"):
        c.plan("TAB6586", {"Region": "9999*"})
    with pytest.raises(TableNotFoundError, match="TAB0002"):
        c.plan("TAB0002", {})
    with pytest.raises(NotFoundError, match="ingen variabel 'Kon'"):
        c.plan("TAB6586", {"Kon": "1"})


def test_interrupted_fetch_resumes_from_cache(make_http, replay):
    sel = {"Region": "1780*", "Tid": "*"}
    c = PxWebClient(make_http(retries=0), max_cells=62 * 5 * 2)
    plan = c.plan("TAB6586", sel)
    n = len(plan.chunks)
    assert n >= 7
    replay.fault("TAB6586/data", "ok", "ok", "ok", "503")
    with pytest.raises(DataSourceError, match="503"):
        c.fetch(plan)
    assert len(replay.requests("TAB6586/data")) == 4
    replay.log.clear()
    c2 = PxWebClient(make_http(retries=0), max_cells=62 * 5 * 2)
    ds, resp = c2.fetch_dataset(c2.plan("TAB6586", sel))
    assert len(replay.requests("TAB6586/data")) == n - 3  # 3 from the cache, the rest over the network
    assert sum(r.from_cache for r in resp) == 3
    assert len(ds.frame) == 62 * 5 * 14


def test_codelist(make_http):
    cl = PxWebClient(make_http()).codelist("agg_Ålder10årJ")
    assert cl["type"] == "Aggregation" and cl["values"][1]["code"] == "10-19"


def test_v1_fallback_when_v2_is_down(make_http, replay):
    replay.v2_down.add("TAB6574")
    v2 = PxWebClient(make_http(retries=1))
    v1 = PxWebV1Client(make_http("scb/v1"))
    sel = {"Region": "0880*", "Alder": ["totalt"], "Kon": ["1+2"], "Tid": ["2024"]}
    ds, resp, plan = fetch_with_fallback(v2, v1, "TAB6574", "BE/BE0101/BE0101Y/FolkmDesoAldKon", sel)
    assert plan.meta.api == "v1" and len(ds.frame) == 17
    assert ds.frame["value"].sum() == 72704  # Kalmar's 17 RegSO, as recorded
    assert np.isfinite(ds.frame["value"]).all()


def test_v1_not_used_for_a_bad_request(make_http, replay):
    v2 = PxWebClient(make_http())
    v1 = PxWebV1Client(make_http("scb/v1"))
    with pytest.raises(NotFoundError, match="2031"):
        fetch_with_fallback(v2, v1, "TAB6586", "X/Y", {"Region": "1780*", "Tid": ["2031"]})
    assert not replay.requests("/scb/v1")
