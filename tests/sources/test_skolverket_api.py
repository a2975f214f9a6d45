"""Skolverket Planned Educations API v4 client on real recorded responses (tests/sources/data/skolverket)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagesbild.errors import DataSourceError, InputError, NotFoundError
from lagesbild.sources.skolverket import ACCEPT, SkolverketClient, parse_compact, parse_value

DATA = Path(__file__).resolve().parent / "data" / "skolverket"


@pytest.fixture
def client(make_http):
    http = make_http("skolverket/v4", name="Skolverket", headers={"Accept": ACCEPT})
    return SkolverketClient(http)


def _recorded(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_paging_reads_all_four_recorded_pages(client, replay):
    units = client.school_units("0180")
    pages = [r["query"].get("page") for r in replay.requests("school-units")]
    assert pages == ["0", "1", "2", "3"]
    # every school listed on the four recorded pages, once (totalElements says 155)
    expected = [s["code"] for p in range(4)
                for s in _recorded(f"school-units_geographicalAreaCode-0180_page-{p}.json")
                ["body"]["_embedded"]["listedSchoolUnits"]]
    assert len(expected) == 155
    assert units["skolenhetskod"].tolist() == expected
    assert set(units["kommun"]) == {"0180"}
    assert set(units["huvudman_typ"]) <= {"Kommunal", "Fristående", "Enskild", "Statlig", "Region"}


def test_one_page_list_stops_without_asking_for_more(client, replay):
    units = client.school_units("0140")
    assert len(units) == 1
    assert [r["query"].get("page") for r in replay.requests("school-units")] == ["0"]


def test_statistics_keep_markers_and_never_turn_them_into_numbers(client):
    stats = client.statistics("54806839")
    raw = _recorded("school-units_54806839_statistics_gr.json")["body"]
    # one row per published value of the år 9 fields, with the published text kept
    n_raw = sum(len(raw[f] or []) for f in ("averageGradesMeritRating9thGrade",
                                            "ratioOfPupils9thGradeEligibleForNationalProgramYR"))
    sub = stats[stats["indicator"].isin(["meritvarde", "andel_behoriga_yrkesprog"])]
    assert len(sub) == n_raw
    for r in sub.itertuples():
        if r.value_type == "EXISTS":
            assert r.value == float(r.value_text.replace(",", "."))
            assert r.status is None
        else:
            assert r.value is None or r.value != r.value  # missing, never a number
            assert r.status == r.value_text.strip() or (r.value_text == "" and r.status == ".")
    assert "~100" in set(stats["status"].dropna())
    every = client.statistics("54806839", indicators={f: f for f, v in raw.items() if isinstance(v, list)})
    assert {"~100", "..", "."} <= set(every["status"].dropna())
    marked = every["status"].notna() & (every["status"] != "cirka")
    assert every.loc[marked, "value"].isna().all()
    cirka = every[every["status"] == "cirka"]  # "cirka 140": a rounded number, kept with its status
    assert len(cirka) and (cirka["value"] == cirka["value_text"].str.extract(r"(\d+)")[0].astype(float)).all()
    # years follow the store's convention: 2024/25 → 2025
    assert set(zip(stats["time_period"], stats["year"])) >= {("2024/25", 2025)}


def test_school_unit_detail_has_sweref_coordinates(client):
    u = client.school_unit("99640618")
    raw = _recorded("school-units_99640618.json")["body"]
    assert u["sweref_n"] == float(raw["sweRef_N"].replace(",", "."))
    assert u["sweref_e"] == float(raw["sweRef_E"].replace(",", "."))
    assert u["kommun"] == raw["geographicalAreaCode"] == "0140"


def test_compact_page_coordinates():
    body = _recorded("compact-school-units_municipalityCode-0136_page-0.json")["body"]
    rows = body["_embedded"]["compactSchoolUnits"]
    df = parse_compact(rows)
    assert len(df) == len(rows) == 50
    first = rows[0]
    assert df["sweref_n"].iloc[0] == float(first["sweref99Latitude"])
    assert df["wgs84_lat"].iloc[0] == float(first["wgs84Latitude"])


def test_page_guard_and_unrecorded_answers(make_http, replay):
    http = make_http("skolverket/v4", name="Skolverket", headers={"Accept": ACCEPT})
    with pytest.raises(DataSourceError, match="fler än 1 sidor"):
        SkolverketClient(http, max_pages=1).school_units("0180")
    with pytest.raises(NotFoundError, match="finns inte"):
        SkolverketClient(http).statistics("11111111")


def test_retries_on_429_then_serves_from_cache(make_http, replay, fake_clock):
    http = make_http("skolverket/v4", name="Skolverket", headers={"Accept": ACCEPT})
    replay.fault("statistics/gr", "429")
    first = SkolverketClient(http).statistics("48724676")
    assert any(s >= 1 for s in fake_clock.slept)  # Retry-After honoured
    calls = http.network_calls
    again = SkolverketClient(http).statistics("48724676")
    assert http.network_calls == calls  # from the cache
    assert first.equals(again)


def test_bad_input_is_refused_before_any_call(client, replay):
    with pytest.raises(InputError, match="kommunkod"):
        client.school_units("136")
    with pytest.raises(InputError, match="skolenhetskod"):
        client.statistics("5480683")
    assert replay.log == []


@pytest.mark.parametrize("text,vt,value,status", [
    ("231,5", "EXISTS", 231.5, None), ("..", "OMITTED_DUE_TO_BASED_ON_FEW_PUPILS", None, ".."),
    ("~100", "ROUNDED_OFF_DUE_TO_FEW_PUPILS_NOT_ELIGIBLE", None, "~100"), (".", "MISSING", None, "."),
    ("", "MISSING", None, "."), ("*", "TEACHERS_EXCLUDED_DUE_TO_NO_REQUIRED_LEGITIMATION", None, "*"),
    ("cirka 270", "EXISTS", 270.0, "cirka"), ("12,0", "MISSING", None, "MISSING"), ("n/a", "EXISTS", None, "?"),
])
def test_parse_value(text, vt, value, status):
    p = parse_value(text, vt)
    assert (p.value, p.status) == (value, status)


def test_fetch_skolverket_writes_schools_points_and_marked_results(make_http, replay, writable_bundled_store):
    """`fetch skolverket --kommun 0140` on the recorded answers: one school, its point and its results."""
    import shapely

    from lagesbild._config import resolve_settings
    from lagesbild.services.skola import fetch_skolverket, skola_kommun

    store = writable_bundled_store
    http = make_http("skolverket/v4", name="Skolverket", headers={"Accept": ACCEPT})
    out = fetch_skolverket(store, resolve_settings(config_file=None, env={}), kommun="0140",
                           client=SkolverketClient(http), replace=True)
    assert out["skolor"] == 1 and out["med_statistik"] == 1
    raw = _recorded("school-units_99640618_statistics_gr.json")["body"]
    obs = store.observations("meritvarde_ak9", level="skolenhet", codes=["99640618"], source="skolverket_api:0140")
    published = {e["timePeriod"]: e for e in raw["averageGradesMeritRating9thGrade"]}
    for r in obs.itertuples():
        e = published[f"{r.year - 1}/{str(r.year)[2:]}"]
        if e["valueType"] == "EXISTS":
            assert r.value == float(e["value"].replace(",", "."))
        else:
            assert r.value != r.value and r.status == e["value"]
    g = store.sql("SELECT geometry FROM area_geometries WHERE code = '99640618' AND version = 'skolenhet2025'")
    pt = shapely.from_wkb(bytes(g["geometry"].iloc[0]))
    detail = _recorded("school-units_99640618.json")["body"]
    assert (pt.x, pt.y) == (float(detail["sweRef_E"].replace(",", ".")), float(detail["sweRef_N"].replace(",", ".")))
    res = skola_kommun(store, "0140")
    assert any(s["skolenhetskod"] == "99640618" and s["deso"] for s in res["skolor"])
