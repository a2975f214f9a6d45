"""`lagesbild fetch valmyndigheten FILE --granser VALDISTRIKTSFIL` end to end on a copy of the bundled store.

The valdistrikt polygons are synthetic, drawn over Göteborg's real DeSO 2025 boundaries in the
store, and the result file is a synthetic file in Valmyndigheten's ri_tab4 layout; the numbers
exist only in this test.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

HEADER = ("Valkretskod,Valkretsnamn,Valdistriktskod,Valdistriktsnamn,Antal röstberättigade,Antal röstande,"
          "Andel röstande\n")
# synthetic: two valdistrikt and the row of early votes not allocated to any valdistrikt
RESULTS = [("14800001", "Syntetiskt A", 1000, 800), ("14800002", "Syntetiskt B", 500, 300),
           ("14809800", "Förtidsröster ej fördelade efter valdistrikt", 0, 40)]
DESO_A, DESO_B, DESO_C = "1480A0010", "1480A0020", "1480A0030"


@pytest.fixture(scope="module")
def deso(bundled_store):
    g = bundled_store.geometries(level="deso", kommun="1480", version="DeSO2025")
    return g.set_index("code").geometry


@pytest.fixture
def results_file(tmp_path):
    path = tmp_path / "synthetic_riksdag_2022_per_valdistrikt.csv"
    rows = "".join(f"14,Synthetic,{c},{n},{e},{v},\n" for c, n, e, v in RESULTS)
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _vd_file(tmp_path, deso, name="synthetic_valdistrikt.gpkg", crs="EPSG:3006"):
    # synthetic: valdistrikt A is DeSO A ∪ DeSO B, valdistrikt B is DeSO C
    geoms = [shapely.union_all([deso[DESO_A], deso[DESO_B]]), deso[DESO_C]]
    g = gpd.GeoDataFrame({"Valdistriktskod": ["14800001", "14800002"], "Vdnamn": ["Syntetiskt A", "Syntetiskt B"]},
                         geometry=geoms, crs="EPSG:3006").to_crs(crs)
    path = tmp_path / name
    g.to_file(path)
    return path


def _counts(path):
    from lagesbild._config import resolve_settings
    from lagesbild.store import open_store

    st = open_store(path, settings=resolve_settings(config_file=None, env={}, store=str(path)), read_only=True)
    try:
        return (int(st.sql("SELECT count(*) AS n FROM observations")["n"].iloc[0]),
                int(st.sql("SELECT count(*) AS n FROM sources")["n"].iloc[0]),
                int(st.sql("SELECT count(*) AS n FROM variables")["n"].iloc[0]))
    finally:
        st.close()


def _deso_values(path):
    from lagesbild._config import resolve_settings
    from lagesbild.store import open_store

    st = open_store(path, settings=resolve_settings(config_file=None, env={}, store=str(path)), read_only=True)
    try:
        o = st.observations(["valdeltagande_riksdag", "rostande_riksdag", "rostberattigade_riksdag",
                             "valnyckel_tackning_riksdag"], version="DeSO2025")
        src = st.sql("SELECT * FROM sources WHERE id LIKE 'valmyndigheten-nyckel:%'")
        var = st.variables().loc["valdeltagande_riksdag"]
        return o.set_index(["area_code", "variable"])["value"], o, src, var
    finally:
        st.close()


def test_turnout_per_deso_written_with_key_and_coverage(cli, cli_store_path, tmp_path, deso, results_file):
    vd = _vd_file(tmp_path, deso)
    key_csv = tmp_path / "nyckel.csv"
    code, out, err = cli("fetch", "valmyndigheten", str(results_file), "--granser", str(vd), "--nyckel",
                         str(key_csv), "--format", "json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["per_deso"]["deso"] == 3 and summary["per_deso"]["deso_version"] == ["DeSO2025"]
    assert summary["per_deso"]["viktning"] == {"1480": "yta"}
    v, obs, src, var = _deso_values(cli_store_path)
    area_a, area_b = deso[DESO_A].area, deso[DESO_B].area
    share_a = area_a / (area_a + area_b)
    # by hand: A and B split valdistrikt A by area; C is valdistrikt B
    assert v[(DESO_A, "rostberattigade_riksdag")] == pytest.approx(1000 * share_a, rel=1e-6)
    assert v[(DESO_B, "rostande_riksdag")] == pytest.approx(800 * (1 - share_a), rel=1e-6)
    assert v[(DESO_A, "valdeltagande_riksdag")] == pytest.approx(80.0, rel=1e-9)
    assert v[(DESO_B, "valdeltagande_riksdag")] == pytest.approx(80.0, rel=1e-9)
    assert v[(DESO_C, "valdeltagande_riksdag")] == pytest.approx(60.0, rel=1e-9)
    assert v[(DESO_C, "rostberattigade_riksdag")] == pytest.approx(500.0, rel=1e-9)
    # the unallocated early votes (40) cannot be placed: the DeSO carry 800 + 300 voters
    assert obs.loc[obs["variable"] == "rostande_riksdag", "value"].sum() == pytest.approx(1100.0, rel=1e-9)
    for d in (DESO_A, DESO_B, DESO_C):
        assert v[(d, "valnyckel_tackning_riksdag")] == pytest.approx(100.0, rel=1e-9)
    assert set(obs["area_code"]) == {DESO_A, DESO_B, DESO_C}
    assert src["table_id"].iloc[0].startswith("Valmyndigheten, areaviktad nyckel valdistrikt→DeSO")
    assert "Approximation" in src["note"].iloc[0]
    assert "uppskattat" in var["label_sv"] and var["numerator"] == "rostande_riksdag"
    key = pd.read_csv(key_csv, dtype={"valdistrikt": str})
    assert list(key.columns) == ["valdistrikt", "deso", "vikt"]
    assert key.groupby("valdistrikt")["vikt"].sum().tolist() == pytest.approx([1.0, 1.0], abs=1e-9)
    assert set(key["deso"]) == {DESO_A, DESO_B, DESO_C}


def test_same_result_from_wgs84_geojson(cli, cli_store_path, tmp_path, deso, results_file):
    vd = _vd_file(tmp_path, deso, name="synthetic_valdistrikt.geojson", crs="EPSG:4326")
    code, out, err = cli("fetch", "valmyndigheten", str(results_file), "--granser", str(vd), "--replace",
                         "--format", "json")
    assert code == 0, err
    v = _deso_values(cli_store_path)[0]
    assert v[(DESO_A, "valdeltagande_riksdag")] == pytest.approx(80.0, rel=1e-6)
    assert v[(DESO_C, "valdeltagande_riksdag")] == pytest.approx(60.0, rel=1e-6)
    assert v[(DESO_C, "rostberattigade_riksdag")] == pytest.approx(500.0, rel=1e-4)


def _bad(tmp_path, kind, deso):
    if kind == "missing":
        return tmp_path / "finns_inte.gpkg", "finns inte"
    if kind == "no_code":
        g = gpd.GeoDataFrame({"namn": ["Syntetiskt"]}, geometry=[deso[DESO_A]], crs="EPSG:3006")
        expect = "saknar en kolumn med valdistriktskod"
    elif kind == "short_code":
        g = gpd.GeoDataFrame({"Valdistriktskod": ["14800001", "1480002"]}, geometry=[deso[DESO_A], deso[DESO_C]],
                             crs="EPSG:3006")
        expect = "rad 3, kolumn 'Valdistriktskod'"
    elif kind == "elsewhere":  # synthetic squares in Kiruna: Göteborg codes, no Göteborg DeSO under them
        g = gpd.GeoDataFrame({"Valdistriktskod": ["14800001", "14800002"]},
                             geometry=[box(800_000, 7_500_000, 801_000, 7_501_000),
                                       box(801_000, 7_500_000, 802_000, 7_501_000)], crs="EPSG:3006")
        expect = "överlappar ingen DeSO i kommun 1480"
    else:  # codes of another election: none in the result file
        g = gpd.GeoDataFrame({"Valdistriktskod": ["14801111"]}, geometry=[deso[DESO_A]], crs="EPSG:3006")
        expect = "finns inte i resultatfilen"
    path = tmp_path / f"synthetic_{kind}.gpkg"
    g.to_file(path)
    return path, expect


@pytest.mark.parametrize("kind", ["missing", "no_code", "short_code", "elsewhere", "other_election"])
def test_bad_boundaries_one_swedish_line_exit_2_store_unchanged(cli, cli_store_path, tmp_path, deso,
                                                               results_file, kind):
    path, expect = _bad(tmp_path, kind, deso)
    before = _counts(cli_store_path)
    code, out, err = cli("fetch", "valmyndigheten", str(results_file), "--granser", str(path), "--replace")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0] and "Traceback" not in err
    assert _counts(cli_store_path) == before


def test_no_deso_for_the_kommun(cli, cli_store_path, tmp_path, results_file):
    # synthetic: a valdistrikt of kommun 2584 (Kiruna), for which the store holds no DeSO polygons
    results = tmp_path / "synthetic_riksdag_2022_kiruna.csv"
    results.write_text(HEADER + "25,Synthetic,25840001,Syntetiskt,100,70,\n", encoding="utf-8")
    g = gpd.GeoDataFrame({"Valdistriktskod": ["25840001"]}, geometry=[box(800_000, 7_500_000, 801_000, 7_501_000)],
                         crs="EPSG:3006")
    path = tmp_path / "synthetic_kiruna.gpkg"
    g.to_file(path)
    before = _counts(cli_store_path)
    code, _, err = cli("fetch", "valmyndigheten", str(results), "--granser", str(path))
    assert code == 2 and "inga DeSO-gränser för kommun 2584" in err and "lagesbild fetch kommun" in err
    assert _counts(cli_store_path) == before


def test_key_needs_boundaries_and_english_message(cli, results_file, tmp_path):
    code, _, err = cli("fetch", "valmyndigheten", str(results_file), "--nyckel", str(tmp_path / "k.csv"))
    assert code == 2 and "--nyckel kräver --granser" in err
    code, _, err = cli("--lang", "en", "fetch", "valmyndigheten", str(results_file), "--granser",
                       str(tmp_path / "missing.gpkg"))
    assert code == 2 and "The valdistrikt boundary file" in err and "does not exist" in err


def test_help_in_swedish_and_english(cli):
    code, out, _ = cli("fetch", "valmyndigheten", "--help")
    out = " ".join(out.split())  # help is wrapped to the terminal width
    assert code == 0 and "--granser" in out and "areaviktad nyckel" in out
    code, out, _ = cli("--lang", "en", "fetch", "valmyndigheten", "--help")
    assert code == 0 and "through an areal key" in " ".join(out.split())


def test_population_refinement_used_when_the_store_has_population_per_deso(writable_bundled_store, tmp_path, deso,
                                                                             results_file):
    from lagesbild.services.valnyckel import deso_turnout
    from lagesbild.sources.valmyndigheten import read_valdistrikt

    st = writable_bundled_store
    codes = list(deso.index)
    # synthetic population: DeSO A 300 persons, every other DeSO 100
    pop = pd.DataFrame({"area_code": codes, "area_version": "DeSO2025", "year": 2022, "variable": "folkmangd",
                        "value": [300.0 if c == DESO_A else 100.0 for c in codes], "source_id": "synthetic:pop",
                        "status": None})
    src = pd.DataFrame([{"id": "synthetic:pop", "publisher": "synthetic", "table_id": "synthetic population",
                         "file": None, "licence": None, "attribution": "synthetic", "retrieved_at": None,
                         "sha256": None, "note": "synthetic test data"}])
    st.write(observations=pop, sources=src)
    d = read_valdistrikt(results_file, election="riksdag", year=2022)
    r = deso_turnout(st, d, _vd_file(tmp_path, deso), results=results_file)
    assert r.summary["viktning"] == {"1480": "yta och folkmängd per DeSO 2022"}
    w = r.key.set_index(["valdistrikt", "deso"])["vikt"]
    # by hand: valdistrikt A is exactly DeSO A ∪ DeSO B, so its eligible split 300 : 100
    assert w[("14800001", DESO_A)] == pytest.approx(0.75, rel=1e-9)
    assert w[("14800001", DESO_B)] == pytest.approx(0.25, rel=1e-9)
    assert w[("14800002", DESO_C)] == pytest.approx(1.0, rel=1e-9)
    v = r.observations.set_index(["area_code", "variable"])["value"]
    assert v[(DESO_A, "rostberattigade_riksdag")] == pytest.approx(750.0, rel=1e-9)
    assert v[(DESO_A, "valdeltagande_riksdag")] == pytest.approx(80.0, rel=1e-9)
