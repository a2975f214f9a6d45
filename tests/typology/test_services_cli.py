"""The lägesbild services and CLI: the whole profile, metadata on every figure, errors."""

import json

import pytest

from lagesbild.errors import InputError, NotFoundError
from lagesbild.services.lagesbild import demo, kommun_profile, to_jsonable

META = {"source", "year", "unit", "level", "method_status"}
STATUSES = {"official", "computed", "reconstructed", "proxy"}


def _figures(p):
    yield p["population"]
    yield from p["omradestyper"]["summary"]
    yield p["ojamlikhetsindex"]
    yield from p["comparison"]["figures"]
    yield from p["indicators"]


def test_profile_figures_carry_metadata(gbg_profile):
    p = gbg_profile
    assert p["kommun"] == {"code": "1480", "name": "Göteborg", "lan": "14",
                           "lan_name": "Västra Götalands län"}
    for f in _figures(p):
        assert META <= set(f), f["id"]
        assert f["method_status"] in STATUSES and f["year"] == 2023
    for block in (p["omradestyper"], p["transitions"], p["socioekonomiskt_index"] or {},
                  p["eligibility"]):
        if block:
            assert {"source", "level", "method_status"} <= set(block)


def test_profile_content(gbg_profile):
    p = gbg_profile
    t = p["omradestyper"]["table"]
    assert t["n_regso"].tolist() == [14, 21, 21, 71, 20]
    assert sum(t["share_population"]) == pytest.approx(100.0)
    s = {f["id"]: f["value"] for f in p["omradestyper"]["summary"]}
    assert s["share_population_12"] == pytest.approx(22.37, abs=0.01)
    assert p["transitions"]["counts"] == {"stable": 137, "improved": 3, "worsened": 7, "total": 147}
    assert len(p["areas"]) == 147 and p["socioekonomiskt_index"] is None
    oj = p["ojamlikhetsindex"]
    assert oj["value"] is None and oj["status"] == "saknas" and "kan inte beräknas" in oj["note"]
    el = p["eligibility"]
    assert el["label"] == "regel enligt Delmos 2022" and el["n_kommuner"] == 290
    assert el["kommun"]["status"] == "uppfyller inte" and el["ojamlikhet_missing"]
    cmp12 = p["comparison"]["figures"][0]
    assert cmp12["riket_value"] == pytest.approx(13.71, abs=0.01)
    assert cmp12["groups"]["skr_kommungrupp"]["n"] == 3
    assert cmp12["groups"]["kolada_liknande"]["n"] == 8
    vd = {r["id"]: r for r in p["indicators"]}["valdeltagande"]
    assert vd["value"] is None  # riksdag election only 2018 and 2022
    json.dumps(to_jsonable(p))  # JSON-ready


def test_profile_with_tab6586_shows_uncertain_classification(bundled_store):
    p = kommun_profile(bundled_store, "1780", 2022)
    a = p["areas"]
    assert {"index_official", "typ_berakn", "osaker_klassning"} <= set(a.columns)
    assert (a["typ_berakn"] == a["omradestyp"]).all()
    assert a["osaker_klassning"].any() and not a["osaker_klassning"].all()
    vd = {r["id"]: r for r in p["indicators"]}["valdeltagande"]
    assert vd["value"] == pytest.approx(85.8, abs=0.1) and vd["riket_value"] == pytest.approx(84.2, abs=0.1)


@pytest.mark.parametrize("args, err, text", [
    (("9999", 2023), NotFoundError, "Kommunkoden 9999 finns inte"),
    (("1480", 2019), NotFoundError, "saknas för år 2019"),
    (("1480", 2023, "deso"), NotFoundError, "Nivån deso saknar data för kommun 1480 år 2023"),
    (("1480", 2023, "lan"), InputError, "'level' måste vara regso eller deso"),
])
def test_profile_bad_input(bundled_store, args, err, text):
    with pytest.raises(err) as ei:
        kommun_profile(bundled_store, *args)
    assert text in ei.value.message("sv")


def test_profile_deso_level_where_data_exist(bundled_store):
    p = kommun_profile(bundled_store, "0180", 2023, level="deso")
    assert p["level"] == "deso" and p["ojamlikhetsindex"]["level"] == "deso"
    assert any("nivån deso gäller" in n for n in p["notes"])


def test_demo_prints_goteborg(bundled_store, capsys):
    demo(bundled_store, None)
    out = capsys.readouterr().out
    assert "Göteborg (1480) 2023" in out and "Områden med stora socioekonomiska utmaningar" in out
    assert "2022→2023: 3 förbättrade, 7 försämrade" in out


def test_cli_omradestyper_and_profile(cli):
    code, out, _ = cli("omradestyper", "--riket", "--years", "2022-2023", "--format", "json")
    data = json.loads(out)
    assert code == 0
    rows = data["omradestyper"]["table"]
    assert [r["n_regso"] for r in rows if r["year"] == 2022] == [160, 289, 855, 1770, 289]
    assert data["transitions"]["counts"]["total"] == 3363
    code, out, _ = cli("omradestyper", "--lan", "14", "--years", "2023")
    assert code == 0 and "Västra Götalands län" in out and "Områden med socioekonomiska utmaningar" in out
    code, out, _ = cli("profile", "--kommun", "1480", "--year", "2023")
    assert code == 0 and "Lägesbild Göteborg (1480)" in out and "regel enligt Delmos 2022" in out
    code, out, _ = cli("indikatorer", "--area", "1480R012", "--year", "2023", "--format", "json")
    assert code == 0 and json.loads(out)["area"]["code"] == "1480R012"
    code, out, _ = cli("socioindex", "--kommun", "1780", "--years", "2011-2013")
    assert code == 0 and "Kalibrering" in out and "2012" in out


@pytest.mark.parametrize("args, text", [
    (("profile", "--kommun", "9999", "--year", "2023"), "Kommunkoden 9999 finns inte"),
    (("profile", "--kommun", "1480", "--year", "2015"), "saknas för år 2015"),
    (("profile", "--kommun", "1480", "--year", "2023", "--level", "deso"), "Nivån deso saknar data"),
    (("omradestyper", "--kommun", "1480", "--riket"), "exakt ett av"),
    (("indikatorer", "--area", "1480R012", "--year", "2010"), "Året 2010 saknas"),
    (("profile", "--kommun", "1480", "--year", "2023", "--format", "xml"), "table eller json"),
])
def test_cli_errors_are_one_swedish_line(cli, args, text):
    code, _, err = cli(*args)
    assert code == 2 and err.startswith("Fel: ") and text in err and err.count("\n") == 1


def test_small_population_is_suppressed_in_published_tables(writable_bundled_store):
    st = writable_bundled_store
    t = st.observations("omradestyp", kommun="1780", year=2023, version="RegSO2020")
    code = t[t["value"] == 1]["area_code"].iloc[0]  # Karlstad's only type-1 RegSO
    src = st.observations("folkmangd", codes=[code], year=2023, version="RegSO2020")
    obs = src[["area_code", "area_version", "year", "variable", "source_id", "status"]].assign(value=3.0)
    st.write(observations=obs, replace=True, label="test: small population")
    from lagesbild.services.lagesbild import omradestyper_table, transitions

    res = omradestyper_table(st, kommun="1780", years=[2023])
    row = res["table"].set_index("omradestyp").loc[1]
    assert row["population"] is None and row["share_population"] is None
    assert row["n_regso"] == 1  # area counts are not suppressed
    assert any("röjandekontroll" in n for n in res["notes"])
    moved = transitions(st, kommun="1780", year_from=2022, year_to=2023)["moved"]
    assert moved.attrs["suppression"]["n_cells"] == 0
