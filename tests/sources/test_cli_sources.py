"""`lagesbild fetch …` through the real CLI entry point, configured by the environment."""

from __future__ import annotations

import json

import pytest

from lagesbild.cli import main


@pytest.fixture
def env(replay, tmp_path, monkeypatch, cli_store_path):
    monkeypatch.setenv("LAGESBILD_SCB_API", f"{replay.base}/scb/v2")
    monkeypatch.setenv("LAGESBILD_SCB_API_V1", f"{replay.base}/scb/v1")
    monkeypatch.setenv("LAGESBILD_KOLADA_API", f"{replay.base}/kolada/v3")
    monkeypatch.setenv("LAGESBILD_CACHE", str(tmp_path / "cache"))
    return ["--store", str(cli_store_path)]


def test_dry_run_prints_planned_requests(env, replay, capsys):
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--level", "regso", "--years", "2019-2024",
               "--topics", "socioek", "--dry-run"])
    out = capsys.readouterr().out
    assert rc == 0 and "TAB6586" in out and "1860 celler" in out  # 62 regions × 5 contents × 6 years
    assert not replay.requests("/data")
    assert replay.requests("/scb/v2/config")  # the environment pointed the client at the test server


def test_fetch_then_offline(env, replay, capsys, tmp_path):
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--level", "regso", "--years", "2023-2024",
               "--topics", "socioek", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert rc == 0 and out["sources"] == ["scb:TAB6586"]
    assert out["observations_inserted"] + out["observations_unchanged"] == out["observations"] > 0
    replay.log.clear()
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--level", "regso", "--years", "2023-2024",
               "--topics", "socioek", "--offline"])
    assert rc == 0 and not replay.log and "oförändrade" in capsys.readouterr().out


def test_errors_are_one_line(env, capsys):
    rc = main([*env, "fetch", "scb", "--kommun", "9999", "--level", "regso", "--topics", "socioek"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err.startswith("Fel: Kommunkoden 9999") and "\n" not in err
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--level", "regso", "--topics", "socioek", "--years", "2031"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "saknar åren 2031" in err and "\n" not in err
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--topics", "socioek", "--offline", "--years", "2011"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "--offline" in err and "\n" not in err


def test_kolada_and_tables(env, capsys):
    rc = main([*env, "fetch", "kolada", "--kpi", "N15428", "--kommun", "1780", "--years", "2015-2024"])
    out = capsys.readouterr().out
    assert rc == 0 and "Skrev 30 nya värden" in out
    rc = main([*env, "fetch", "tables", "--search", "BAS", "--format", "csv"])
    out = capsys.readouterr().out
    assert rc == 0 and "TAB5663" in out


def test_record_writes_fixtures(env, capsys, tmp_path):
    rec = tmp_path / "rec"
    rc = main([*env, "fetch", "scb", "--kommun", "1780", "--level", "regso", "--years", "2024",
               "--topics", "socioek", "--record", str(rec), "--refresh"])
    assert rc == 0
    manifest = json.loads((rec / "manifest.json").read_text(encoding="utf-8"))
    paths = {e["path"] for e in manifest}
    assert {"/config", "/tables/TAB6586/metadata", "/tables/TAB6586/data"} <= paths
    data = next(e for e in manifest if e["path"].endswith("/data"))
    assert data["method"] == "POST" and data["body"]["selection"]
