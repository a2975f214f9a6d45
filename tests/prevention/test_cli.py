"""CLI: insatser exempel/list/show/export/import, kedja, tackning, malkedja, sjalvskattning, anvandare."""

from __future__ import annotations

import json

import pytest

from lagesbild.cli import main


@pytest.fixture(scope="module")
def run(cli_store_path):
    def _run(*args):
        return main(["--store", str(cli_store_path), *args])
    assert _run("insatser", "exempel") == 0
    return _run


def test_botkyrka_chain_shows_the_named_stages(run, capsys):
    assert run("kedja", "--kommun", "0127", "--format", "json") == 0
    ch = json.loads(capsys.readouterr().out)
    st = {s["stage"]: s for s in ch["stages"]}
    assert any("Hembesök" in n for n in st["spadbarn"]["universell"])
    assert any("Tåget" in n for n in st["lagstadiet"]["universell"])
    assert any("Tåget" in n for n in st["forskola"]["universell"])
    assert any("MVP" in n for n in st["mellanstadiet"]["universell"] + st["hogstadiet"]["universell"])
    assert any("Trygghetsfältare" in n for n in st["hogstadiet"]["selektiv"])
    assert any("gemensamma lägesbild" in n for n in st["gymnasiet"]["selektiv"])
    assert any("Avhopp" in n for n in st["unga_vuxna"]["indikerad"])
    assert any("Tovertafel" in n for n in st["aldre"]["universell"])
    assert st["graviditet"]["missing"] == ["universell", "selektiv", "indikerad"]


def test_list_show_and_round_trip(run, capsys, tmp_path):
    assert run("insatser", "list", "--kommun", "0136", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 10 and all(r["exempel"] == "Exempel byggt på offentliga uppgifter" for r in rows)
    assert run("insatser", "show", "0126-exempel-oppen-kulturskola") == 0
    out = capsys.readouterr().out
    assert "Exempel byggt på offentliga uppgifter" in out and "okänd" in out
    path = tmp_path / "alla.xlsx"
    assert run("insatser", "export", str(path)) == 0
    assert run("insatser", "import", str(path), "--format", "json") == 0
    res = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert res["nya"] == 0 and res["ändrade"] == 0 and res["oförändrade"] == 24


def test_tackning_states_unknown(run, capsys):
    assert run("tackning", "--kommun", "0127", "--format", "json") == 0
    res = json.loads(capsys.readouterr().out)
    assert res["target_population_known"] is False and "okänd, inte som noll" in res["note"]
    assert all(c["coverage"] is None for c in res["coverage"])
    assert res["gaps"][0]["omradestyp"] == 1
    assert run("tackning", "--kommun", "0127", "--area", "0127R999") == 2


def test_bad_input_exits_2(run, capsys):
    assert run("insatser", "show", "finns-inte") == 2
    assert "finns inte" in capsys.readouterr().err
    assert run("insatser", "adopt", "abc", "--kommun", "9999", "--organisation", "X") == 2


def test_selfassessment_and_accounts(run, capsys, tmp_path, monkeypatch):
    f = tmp_path / "svar.yaml"
    f.write_text("samordnare: ja\nsamordnare_tid: 50\n", encoding="utf-8")
    assert run("sjalvskattning", "spara", "--kommun", "0127", "--ar", "2024", "--fil", str(f)) == 0
    out = capsys.readouterr().out
    assert "inte CAN:s officiella" in out
    monkeypatch.setenv("LAGESBILD_NYTT_LOSENORD", "ett-långt-lösenord")
    assert run("anvandare", "skapa", "rolf", "--roll", "redaktor") == 0
    assert run("anvandare", "lista", "--format", "json") == 0
    assert "rolf" in capsys.readouterr().out
    assert run("malkedja", "--kommun", "0127", "--format", "json") == 0
    rep = json.loads(capsys.readouterr().out)
    assert len(rep["insatser_utan_indikator"]) == 8
