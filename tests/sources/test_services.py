"""Recipes and the fetch use cases end to end: replay server → clients → store (one transaction)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lagesbild._config import resolve_settings
from lagesbild.errors import DataSourceError, InputError, NotFoundError, SchemaError
from lagesbild.services import sources as svc
from lagesbild.sources import catalogue
from lagesbild.sources.pxweb import meta_from_jsonstat
from lagesbild.sources.recipes import resolve_recipe

from .test_pxweb import _doc


@pytest.fixture
def src_settings(replay, tmp_path):
    return resolve_settings(
        config_file=None,
        env={},
        store=str(tmp_path / "s.duckdb"),
        cache=str(tmp_path / "cache"),
        scb_api=f"{replay.base}/scb/v2",
        scb_api_v1=f"{replay.base}/scb/v1",
        kolada_api=f"{replay.base}/kolada/v3",
        http_retries=2,
    )


@pytest.fixture
def clients(src_settings, fake_clock):
    made = []

    def make(**kw):
        c = svc.make_clients(
            src_settings, sleep=fake_clock.sleep, clock=fake_clock.clock, backoff_s=0.01, max_backoff_s=0.02, **kw
        )
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def _n_obs(store) -> int:
    return int(store.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0])


# ---------------------------------------------------------------- recipes
def test_recipe_resolves_on_recorded_metadata():
    meta = meta_from_jsonstat(_doc("scb/regso_socioek.json"), "TAB6586")
    res = resolve_recipe(catalogue.recipe("socioekonomiskt_index"), meta)
    assert res.dims == ["ContentsCode"] and res.keys[("000008IU",)] == "omradestyp"
    meta = meta_from_jsonstat(_doc("scb/arbetsmarknad.json"), "TAB5663")
    res = resolve_recipe(catalogue.recipe("nyckeltal_bas"), meta)
    assert res.selection == {"NyckeltalSCB": ["BAS02", "BAS03"], "ContentsCode": ["000007AN"]}


def test_recipe_lacking_a_variable_or_a_category():
    meta = meta_from_jsonstat(_doc("scb/regso_socioek.json"), "TAB6586")
    with pytest.raises(InputError, match="ingen variabel 'folkmangd'"):
        resolve_recipe(catalogue.recipe("socioekonomiskt_index"), meta, ["folkmangd"])
    broken = dataclasses.replace(
        catalogue.recipe("socioekonomiskt_index"),
        variables=(
            dataclasses.replace(
                catalogue.recipe("socioekonomiskt_index").variables[0], match={"ContentsCode": "000009ZZ"}
            ),
        ),
    )
    with pytest.raises(NotFoundError, match="000009ZZ.*Socioekonomiskt index"):
        resolve_recipe(broken, meta)


def test_every_recipe_is_well_formed():
    ids = [r.name for r in catalogue.RECIPES]
    assert len(ids) == len(set(ids))
    for r in catalogue.RECIPES:
        assert r.topic in catalogue.TOPICS and set(r.levels) <= {"deso", "regso", "kommun"}
        dims = {tuple(v.match) for v in r.variables}
        assert len(dims) == 1, r.name  # every rule of a recipe matches on the same dimensions
        assert all(v.kind in ("count", "share", "mean", "median", "index", "category") for v in r.variables)
    topics = {r.topic for r in catalogue.RECIPES}
    assert topics == set(catalogue.TOPICS)


# ---------------------------------------------------------------- fetch → store
def test_socioek_regso_into_the_store(writable_bundled_store, src_settings, clients, replay):
    st = writable_bundled_store
    s = svc.fetch_scb(
        st,
        src_settings,
        kommuner=["1780"],
        level="regso",
        topics=["socioek"],
        years=list(range(2019, 2025)),
        clients=clients(),
    )
    assert s["sources"] == ["scb:TAB6586"] and not s["skipped_areas"]
    got = st.observations(["socioekonomiskt_index"], source="scb:TAB6586")
    assert set(got["area_version"]) == {"RegSO2020", "RegSO2025"} and set(got["year"]) <= set(range(2019, 2025))
    # the same real values as the bundled extract of the same recording
    bundled = st.observations(
        ["socioekonomiskt_index"], kommun="1780", source="bundled:karlstad_socioekonomiskt_index_2011_2024"
    )
    m = got.merge(bundled, on=["area_code", "area_version", "year"], suffixes=("", "_b"))
    assert len(m) == len(bundled[bundled.year >= 2019]) > 100 and (m["value"] == m["value_b"]).all()
    src = st.sources().set_index("id").loc["scb:TAB6586"]
    assert src["licence"] == "CC0" and src["attribution"] == "Källa: SCB" and len(src["sha256"]) == 64
    assert s["missing_cells"].get("..", 0) > 0  # RegSO 2025 codes have no values before 2024
    again = svc.fetch_scb(
        st,
        src_settings,
        kommuner=["1780"],
        level="regso",
        topics=["socioek"],
        years=list(range(2019, 2025)),
        clients=clients(),
    )
    assert again["observations_inserted"] == 0 and again["observations_unchanged"] == s["observations_inserted"]


def test_population_deso_versions_and_ckm_note(writable_bundled_store, src_settings, clients):
    st = writable_bundled_store
    svc.fetch_scb(
        st,
        src_settings,
        kommuner=["1780"],
        level="deso",
        topics=["befolkning"],
        years=[2025],
        variables=["folkmangd"],
        clients=clients(),
    )
    got = st.observations(["folkmangd"], source="scb:TAB6574")
    counts = got.groupby("area_version").size().to_dict()
    assert counts == {"DeSO2018": 53, "DeSO2025": 57}  # bare codes are DeSO 2018, suffixed DeSO 2025
    raw = _doc("scb/omraden_befolkning.json")
    codes = list(raw["dimension"]["Region"]["category"]["index"])
    pos = codes.index("1780A0010_DeSO2025") * 18  # 'totalt' is the first age group
    assert got.set_index(["area_code", "area_version"]).loc[("1780A0010", "DeSO2025"), "value"] == raw["value"][pos]
    note = st.sources().set_index("id").loc["scb:TAB6574", "note"]
    assert "Cell Key Method" in note and "kontrollerad slumpmässig osäkerhet" in note


def test_kommun_level_population_by_age_and_sex(writable_bundled_store, src_settings, clients):
    st = writable_bundled_store
    s = svc.fetch_scb(
        st,
        src_settings,
        kommuner=["1780"],
        level="kommun",
        topics=["befolkning"],
        years=list(range(2019, 2025)),
        clients=clients(),
    )
    assert s["observations"] == 6 * 18 * 3
    assert any("bakgrund hoppas över" in w for w in s["warnings"])  # no recording of TAB6571 here
    got = st.observations(None, codes=["1780"], source="scb:TAB6574", year=2024).set_index("variable")["value"]
    ages = [v for v in got.index if v.count("_") == 2 and not v.endswith(("_man", "_kvinnor"))]
    assert len(ages) == 17
    assert got["folkmangd"] == pytest.approx(got[ages].sum(), abs=0)  # 2024: before CKM, parts sum to the total


def test_new_variables_are_registered_and_month_recipe(writable_bundled_store, src_settings, clients):
    st = writable_bundled_store
    assert "sysselsattningsgrad_20_65" not in st.variables().index
    svc.fetch_scb(st, src_settings, kommuner=["1780"], level="kommun", topics=["arbete"], clients=clients())
    v = st.variable("sysselsattningsgrad_20_65")
    assert v["kind"] == "share" and v["unit"] == "procent" and v["source"] == "SCB"
    got = st.observations(["arbetsloshet_20_65"], codes=["1780"])
    raw = parse = _doc("scb/arbetsmarknad.json")
    tid = list(raw["dimension"]["Tid"]["category"]["index"])
    # Region 1780 is first, BAS03 second, December 2024 → position 1*28 + index of 2024M12
    assert got.set_index("year").loc[2024, "value"] == parse["value"][28 + tid.index("2024M12")]
    assert sorted(got["year"]) == [2024, 2025]


def test_rediscovery_when_the_table_id_changes(writable_bundled_store, src_settings, clients, monkeypatch):
    old = catalogue.recipe("nyckeltal_bas")
    moved = dataclasses.replace(old, table_id="TAB9999")
    monkeypatch.setattr(catalogue, "RECIPES", tuple(moved if r is old else r for r in catalogue.RECIPES))
    s = svc.fetch_scb(
        writable_bundled_store, src_settings, kommuner=["1780"], level="kommun", topics=["arbete"], clients=clients()
    )
    assert s["sources"] == ["scb:TAB5663"] and "TAB9999 → TAB5663" in s["plan"][0]["not"]


def test_store_never_holds_a_partial_fetch_and_the_next_run_resumes(
    writable_bundled_store, src_settings, clients, replay
):
    st = writable_bundled_store
    before = _n_obs(st)
    kw = dict(kommuner=["1780"], level="kommun", topics=["befolkning", "arbete"], years=[2024])
    replay.fault("TAB5663/data", "503", "503", "503")  # the second table fails after its retries
    with pytest.raises(DataSourceError, match="503"):
        svc.fetch_scb(st, src_settings, clients=clients(), **kw)
    assert _n_obs(st) == before and "scb:TAB6574" not in set(st.sources()["id"])
    replay.log.clear()
    s = svc.fetch_scb(st, src_settings, clients=clients(), **kw)
    assert not replay.requests("TAB6574/data")  # the first table came from the cache
    assert len(replay.requests("TAB5663/data")) == 1
    assert _n_obs(st) == before + s["observations_inserted"] and {"scb:TAB6574", "scb:TAB5663"} <= set(s["sources"])


def test_unknown_areas_are_skipped_and_reported(empty_store, src_settings, clients):
    st = empty_store
    st.write(
        areas=pd.DataFrame(
            [
                {
                    "code": "1780",
                    "version": "kommun2025",
                    "level": "kommun",
                    "name": "Karlstad",
                    "kommun": "1780",
                    "lan": "17",
                },
                {
                    "code": "1780R001",
                    "version": "RegSO2020",
                    "level": "regso",
                    "name": "R1",
                    "kommun": "1780",
                    "lan": "17",
                },
            ]
        )
    )
    s = svc.fetch_scb(
        st, src_settings, kommuner=["1780"], level="regso", topics=["socioek"], years=[2022], clients=clients()
    )
    assert set(st.observations(None)["area_code"]) == {"1780R001"}
    assert len(s["skipped_areas"]) == 30 + 0 and "1780R002 (RegSO2020)" in s["skipped_areas"]
    assert st.variable("omradestyp")["kind"] == "category"  # registered in the empty store


@pytest.mark.parametrize(
    "kw,err,needle",
    [
        ({"kommuner": ["9999"]}, NotFoundError, "Kommunkoden 9999 finns inte"),
        ({"kommuner": ["178"]}, SchemaError, "'178'"),
        ({"topics": ["väder"]}, InputError, "Okänt ämne 'väder'"),
        ({"years": [2030]}, NotFoundError, "saknar åren 2030"),
        ({"variables": ["antal_hundar"]}, InputError, "variabeln 'antal_hundar'"),
        ({"level": "valkrets"}, InputError, "'--level'"),
    ],
)
def test_bad_requests(bundled_store, src_settings, clients, kw, err, needle):
    base = dict(kommuner=["1780"], level="regso", topics=["socioek"], years=[2022])
    with pytest.raises(err) as ei:
        svc.fetch_scb(bundled_store, src_settings, dry_run=True, clients=clients(), **{**base, **kw})
    assert needle in ei.value.message("sv") and "\n" not in ei.value.message("sv")


def test_dry_run_sends_no_data_requests(bundled_store, src_settings, clients, replay):
    s = svc.fetch_scb(
        bundled_store,
        src_settings,
        kommuner=["1780"],
        level="regso",
        topics=["socioek"],
        years=[2023, 2024],
        dry_run=True,
        clients=clients(),
    )
    assert s["cells"] == 62 * 5 * 2 and s["requests"] == 1 and s["plan"][0]["tabell"] == "TAB6586"
    assert not replay.requests("/data")


def test_offline_uses_only_the_cache(writable_bundled_store, src_settings, clients, replay):
    kw = dict(kommuner=["1780"], level="regso", topics=["socioek"], years=[2024])
    with pytest.raises(DataSourceError, match="--offline"):
        svc.fetch_scb(writable_bundled_store, src_settings, clients=clients(offline=True), **kw)
    svc.fetch_scb(writable_bundled_store, src_settings, dry_run=False, clients=clients(), **kw)
    replay.log.clear()
    s = svc.fetch_scb(writable_bundled_store, src_settings, clients=clients(offline=True), **kw)
    assert not replay.log and s["observations_unchanged"] > 0


def test_kolada_into_the_store(writable_bundled_store, src_settings, clients):
    st = writable_bundled_store
    s = svc.fetch_kolada(
        st, src_settings, kpis=["N15428"], kommuner=["1780"], years=list(range(2015, 2025)), clients=clients()
    )
    got = st.observations(None, codes=["1780"], source="kolada:N15428")
    assert set(got["variable"]) == {"kolada_N15428", "kolada_N15428_kvinnor", "kolada_N15428_man"}
    assert sorted(got["year"].unique()) == list(range(2015, 2025)) and s["observations"] == 30
    assert st.variable("kolada_N15428")["label_sv"].startswith("Elever i åk 9 som är behöriga")
    assert st.sources().set_index("id").loc["kolada:N15428", "attribution"] == "Källa: Kolada (RKA)"


def test_kolada_changed_title_stops_the_fetch(writable_bundled_store, src_settings, clients, monkeypatch):
    from lagesbild.errors import KpiTitleMismatchError

    monkeypatch.setitem(svc.KOLADA_TITLES, "N15428", r"meritvärde")
    with pytest.raises(KpiTitleMismatchError, match="N15428"):
        svc.fetch_kolada(writable_bundled_store, src_settings, kpis=["N15428"], kommuner=["1780"], clients=clients())


def test_search_tables(src_settings, clients):
    df = svc.search_tables(src_settings, "BAS", clients=clients())
    assert "TAB5663" in set(df["id"])


def test_election_and_school_files_into_the_store(writable_bundled_store, shared_data):
    from .conftest import DATA

    st = writable_bundled_store
    s = svc.import_election_file(
        st, DATA / "files/valdistrikt_2022_riksdag_excerpt_1780_0114.csv", election="riksdag", year=2022
    )
    assert s["kommuner"] == 2 and s["observations_inserted"] == 6
    obs = st.observations(["rostande", "rostberattigade"], year=2022, codes=["1780", "0114"], all_sources=True)
    mine = obs[obs["source_id"].str.startswith("valmyndigheten:")].set_index(["area_code", "variable"])["value"]
    pub = obs[obs["source_id"].str.startswith("bundled:")].set_index(["area_code", "variable"])["value"]
    assert len(mine) == 4 and (mine.sort_index() == pub.sort_index()).all()  # the published kommun totals
    k = svc.import_election_file(st, shared_data / "valmyndigheten_sidebo/2022_kommun_per_valdistrikt_ko_tab3.xlsx")
    assert k["kommuner"] == 290 and st.variable("valdeltagande_kommunval")["kind"] == "share"
    v = st.observations(["valdeltagande_kommunval"], codes=["1780"])["value"].item()
    assert 70 < v < 90
    sk = svc.import_school_export(st, DATA / "files/grundskola_slutbetyg_ak9_samtliga_2024-25_skolenhet.csv")
    assert sk["skolenheter"] == 1714 and not sk["skipped_areas"]
    got = st.observations(["meritvarde_ak9"], year=2025, all_sources=True)
    per_source = got.groupby("source_id").size().to_dict()
    # the export file's 1 582 values arrive beside the bundled export's (and the bundled per-school
    # series 2021–2025, a source of its own)
    assert per_source["bundled:skolverket_ak9_2024_25"] == 1582
    assert per_source["skolverket:grundskola_slutbetyg_ak9_samtliga_2024-25_skolenhet.csv"] == 1582
