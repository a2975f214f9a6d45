"""`lagesbild fetch kommun|lan|riket` and `areas` through the command line (in process, real sockets)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def lb(cli_store_path, replay, tmp_path, monkeypatch, capsys):
    """Run ``lagesbild ARGS…`` against the replay server on a copy of the bundled store."""
    from lagesbild.cli import main

    env = {"LAGESBILD_SCB_API": f"{replay.base}/scb/v2", "LAGESBILD_SCB_API_V1": f"{replay.base}/scb/v1",
           "LAGESBILD_SCB_GEO_API": f"{replay.base}/geo/wfs", "LAGESBILD_KOLADA_API": f"{replay.base}/kolada/v3",
           "LAGESBILD_CACHE": str(tmp_path / "cache"), "LAGESBILD_HTTP_RETRIES": "0"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)

    def run(*args):
        code = main(["--store", str(cli_store_path), *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


def test_dry_run_json_objects(lb, replay):
    code, out, err = lb("fetch", "kommun", "1780", "--dry-run", "--format", "json")
    assert code == 0, err
    plan = json.loads(out)
    assert isinstance(plan, list) and replay.log == []
    kinds = {p["kalla"] for p in plan}
    assert kinds == {"scb", "scb_geo", "kolada", "valmyndigheten", "skolverket"}
    for p in plan:
        assert {"kalla", "niva", "celler"} <= set(p) and (("tabell" in p) != ("lager" in p))
    assert any(p.get("lager") == "stat:RegSO_2025" and p["celler"] == 31 for p in plan)


def test_dry_run_table_in_swedish(lb):
    code, out, _ = lb("fetch", "kommun", "1780", "--dry-run")
    assert code == 0 and "Torrkörning:" in out and "stat:DeSO_2025" in out and "Inga anrop gjordes" in out


def test_fetch_kommun_and_the_newest_areas(lb, replay):
    code, out, err = lb("fetch", "kommun", "1780", "--utan-skolor")
    assert code == 0, err
    assert "Hämtat:" in out and "misslyckades:" in out and "stat:RegSO_2025" in out
    code, out, _ = lb("areas", "--kommun", "1780", "--level", "regso", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 31 and {r["version"] for r in rows} == {"RegSO2025"}
    code, out, _ = lb("areas", "--kommun", "1480", "--level", "regso", "--format", "json")
    rows = json.loads(out)
    assert len(rows) == 147 and {r["version"] for r in rows} == {"RegSO2025"}
    code, out, _ = lb("areas", "--kommun", "1480", "--level", "regso")
    assert "Version: RegSO2025" in out and "RegSO2020" in out
    code, out, _ = lb("areas", "--kommun", "1480", "--level", "regso", "--version", "RegSO2020", "--format", "json")
    assert {r["version"] for r in json.loads(out)} == {"RegSO2020"}


def test_bad_input_one_line(lb):
    code, _, err = lb("fetch", "kommun", "17", "--dry-run")
    assert code == 2 and err.count("\n") == 1 and "länskod" in err and "fetch lan 17" in err
    code, _, err = lb("fetch", "lan", "99", "--dry-run")
    assert code == 2 and "Länskoden '99' finns inte" in err


def test_show_names_the_source_of_each_value(lb):
    code, out, err = lb("show", "1480R001", "--version", "RegSO2025", "--format", "json")
    assert code == 0, err
    values = json.loads(out)["values"]
    assert values and all(v["source"] for v in values)
    pop = next(v for v in values if v["variable"] == "folkmangd" and v["year"] == 2024)
    assert pop["source_id"] == "bundled:regso2025_alder_kon_2024" and pop["source"].startswith("SCB")
