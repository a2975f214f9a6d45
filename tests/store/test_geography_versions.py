"""Geography versions through the real command line: `show` and `export` use the newest version of a
level that has values (RegSO2025 for Göteborg), name it, carry RegSO2020 statistics over through the
key with the approximation marked, give an older version with --version and refuse an unknown one."""

from __future__ import annotations

import json

import pandas as pd
import pytest

BAD_2019 = "Fel: Versionen RegSO2019 finns inte på nivån regso i lagret; finns: RegSO2025, RegSO2020.\n"


@pytest.fixture(scope="module")
def stored_2023(bundled_store):
    """Göteborg's folkmängd 2023 as stored (RegSO2020) and the key RegSO2020 → RegSO2025."""
    obs = bundled_store.observations("folkmangd", level="regso", kommun="1480", year=2023)
    key = bundled_store.area_keys(from_version="RegSO2020", to_version="RegSO2025")
    return obs, key


def test_show_defaults_to_the_newest_and_names_it(cli, stored_2023):
    obs, key = stored_2023
    code, out, err = cli("show", "1480R001", "--year", "2023", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["version"] == "RegSO2025" and data["area"]["version"] == "RegSO2025"
    assert data["versions"] == ["RegSO2025", "RegSO2020"]
    assert data["values"] and {v["data_version"] for v in data["values"]} == {"RegSO2020"}
    pop = next(v for v in data["values"] if v["variable"] == "folkmangd")
    stored = obs.loc[(obs["area_code"] == "1480R001") & (obs["area_version"] == "RegSO2020"), "value"].item()
    assert pop["value"] == stored
    note = key.loc[key["from_code"] == "1480R001", "note"].item()
    assert pop["approximate"] is (note != "samma namn")


def test_show_marks_values_through_a_changed_boundary_approximate(cli, stored_2023):
    _, key = stored_2023
    changed = key[key["from_code"].str.startswith("1480") & (key["note"] != "samma namn")
                  & (key["from_code"] == key["to_code"])]
    assert not changed.empty
    code_ = changed["from_code"].iloc[0]
    code, out, err = cli("show", code_, "--year", "2023", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["version"] == "RegSO2025" and all(v["approximate"] for v in data["values"])


def test_show_text_names_the_version_and_the_keyed_values(cli):
    code, out, _ = cli("show", "1480R001", "--year", "2023")
    assert code == 0
    assert "Version: RegSO2025 (den nyaste med värden om inte --version anges; i lagret: RegSO2025, RegSO2020)." in out
    _, js, _ = cli("show", "1480R001", "--year", "2023", "--format", "json")
    n = sum(v["data_version"] == "RegSO2020" for v in json.loads(js)["values"])
    assert n > 0 and f"{n} värden är publicerade på RegSO2020 och visas på RegSO2025 via nyckeln" in out


def test_show_values_published_on_the_newest_are_its_own(cli, bundled_store):
    code, out, _ = cli("show", "1480R001", "--year", "2024", "--format", "json")
    data = json.loads(out)
    own = bundled_store.observations(codes=["1480R001"], version="RegSO2025", year=2024)
    assert data["version"] == "RegSO2025" and len(data["values"]) == len(own)
    assert {v["data_version"] for v in data["values"]} == {"RegSO2025"}
    assert not any(v["approximate"] for v in data["values"])


def test_show_older_version_on_request(cli):
    code, out, _ = cli("show", "1480R001", "--year", "2023", "--version", "RegSO2020", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["version"] == "RegSO2020" and data["area"]["version"] == "RegSO2020"
    assert {v["data_version"] for v in data["values"]} == {"RegSO2020"}
    code, out, _ = cli("show", "1480R001", "--year", "2023", "--version", "RegSO2020")
    assert "Version: RegSO2020" in out and "via nyckeln" not in out


def test_show_unknown_version_is_one_line(cli):
    code, out, err = cli("show", "1480R001", "--version", "RegSO2019")
    assert code == 2 and err == BAD_2019 and out == ""


def test_export_newest_with_keyed_values(cli, tmp_path, stored_2023):
    obs, key = stored_2023
    out = tmp_path / "x.csv"
    code, text, err = cli("export", "--kommun", "1480", "--level", "regso", "--variables", "folkmangd",
                          "--years", "2023", "--out", str(out))
    assert code == 0, err
    assert "Version: RegSO2025" in text
    df = pd.read_csv(out, encoding="utf-8-sig", dtype={"area_code": str})
    assert len(df) == 147 and set(df["area_version"]) == {"RegSO2025"} and set(df["data_version"]) == {"RegSO2020"}
    expect = obs[obs["area_version"] == "RegSO2020"].merge(key, left_on="area_code", right_on="from_code")
    got = df.merge(expect[["to_code", "value", "note"]], left_on="area_code", right_on="to_code",
                   suffixes=("", "_stored"))
    assert len(got) == 147 and (got["value"] == got["value_stored"]).all()
    assert (got["approximate"] == (got["note"] != "samma namn")).all() and got["approximate"].any()


def test_export_newest_own_values(cli, tmp_path):
    out = tmp_path / "y.csv"
    code, _, err = cli("export", "--kommun", "1480", "--level", "regso", "--variables", "folkmangd",
                       "--years", "2024", "--out", str(out))
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert code == 0 and len(df) == 147 and set(df["data_version"]) == {"RegSO2025"} and not df["approximate"].any()


def test_export_older_version_names_its_level(cli, tmp_path):
    out = tmp_path / "z.csv"
    code, text, err = cli("export", "--kommun", "1480", "--version", "RegSO2020", "--variables", "folkmangd",
                          "--years", "2023", "--out", str(out))
    assert code == 0, err
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert len(df) == 147 and set(df["area_version"]) == {"RegSO2020"} and set(df["level"]) == {"regso"}
    assert "Version: RegSO2020" in text


def test_export_unknown_version_writes_nothing(cli, tmp_path):
    out = tmp_path / "w.csv"
    code, _, err = cli("export", "--kommun", "1480", "--level", "regso", "--version", "RegSO2019",
                       "--out", str(out))
    assert code == 2 and err == BAD_2019 and not out.exists()
    code, _, err = cli("export", "--version", "Planet2030", "--out", str(out))
    assert code == 2 and err.count("\n") == 1 and "Planet2030" in err and "RegSO2025, RegSO2020" in err


def test_export_geopackage_takes_the_newest_version_with_boundaries(cli, tmp_path):
    gpd = pytest.importorskip("geopandas")
    import pyogrio

    out = tmp_path / "g.gpkg"
    code, _, err = cli("export", "--kommun", "1480", "--level", "regso", "--variables", "folkmangd",
                       "--years", "2023", "--format", "gpkg", "--out", str(out))
    assert code == 0, err
    assert [name for name, _ in pyogrio.list_layers(out)] == ["RegSO2025"]
    assert len(gpd.read_file(out, layer="RegSO2025")) == 147
    # Borlänge has boundaries only for RegSO2020: the newest version *with boundaries* is that one
    out2 = tmp_path / "b.gpkg"
    code, text, err = cli("export", "--kommun", "2081", "--level", "regso", "--variables", "folkmangd",
                          "--years", "2023", "--format", "gpkg", "--out", str(out2))
    assert code == 0, err
    assert [name for name, _ in pyogrio.list_layers(out2)] == ["RegSO2020"] and "Version: RegSO2020" in text
