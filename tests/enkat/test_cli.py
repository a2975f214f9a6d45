"""The exact command-line interfaces of issue 16, run in-process on a fresh store."""

from __future__ import annotations

import json

import pytest

KEYS = {"faktor", "doman", "typ", "grupp", "n", "andel", "ki_undre", "ki_ovre", "undertryckt"}


@pytest.fixture
def run(tmp_path, capsys):
    from lagesbild.cli import main

    store = tmp_path / "s.duckdb"

    def go(*args):
        code = main(["--store", str(store), *map(str, args)])
        out = capsys.readouterr()
        return code, out.out, out.err
    return go


def test_exempel_import_profil_prioriteringar(run, tmp_path):
    csv, yml = tmp_path / "enkat.csv", tmp_path / "kodbok.yaml"
    code, out, err = run("enkat", "exempel", "--kommun", "0127", "--year", "2024", "--out", csv,
                         "--codebook-out", yml)
    assert code == 0, err
    assert csv.exists() and "syntetisk exempelenkät" in yml.read_text(encoding="utf-8")
    code, out, err = run("enkat", "import", csv, "--codebook", yml, "--kommun", "0127", "--year", "2024")
    assert code == 0, err
    code, out, err = run("enkat", "import", csv, "--codebook", yml, "--kommun", "0127", "--year", "2024",
                         "--format", "json")
    assert code == 0 and json.loads(out)["status"] == "oforandrad"
    for by in (None, "skola", "kon", "arskurs", "omrade"):
        args = ["enkat", "profil", "--kommun", "0127", "--year", "2024", "--format", "json"]
        if by:
            args += ["--by", by]
        code, out, err = run(*args)
        assert code == 0, err
        rows = json.loads(out)
        assert rows and all(KEYS <= set(r) for r in rows)
        assert {r["typ"] for r in rows} == {"risk", "skydd", "utfall"}
        for r in rows:
            if r["undertryckt"]:
                assert r["andel"] is None and r["ki_undre"] is None and r["ki_ovre"] is None
            else:
                assert r["n"] >= 25
    code, out, err = run("enkat", "prioriteringar", "--kommun", "0127", "--year", "2024", "--format", "json")
    assert code == 0, err
    ranked = json.loads(out)
    assert [r["rang"] for r in ranked] == list(range(1, len(ranked) + 1))
    assert all(isinstance(r["insatser"], list) for r in ranked)
    code, out, _ = run("enkat", "profil", "--kommun", "0127", "--year", "2024", "--by", "kon")
    assert code == 0 and "syntetisk exempelenkät" in out and "%" in out


def test_bad_input_is_one_swedish_line(run, tmp_path):
    code, out, err = run("enkat", "profil", "--kommun", "0127", "--year", "2024", "--format", "json")
    assert code == 2 and err.startswith("Fel: Ingen enkät är inläst") and len(err.strip().splitlines()) == 1
    csv, yml = tmp_path / "e.csv", tmp_path / "k.yaml"
    run("enkat", "exempel", "--kommun", "0127", "--year", "2024", "--out", csv, "--codebook-out", yml)
    text = csv.read_text(encoding="utf-8").splitlines()
    head = text[0].split(";")
    cells = text[3].split(";")
    cells[head.index("bostadsomrade")] = "19121212-1212"
    text[3] = ";".join(cells)
    csv.write_text("\n".join(text) + "\n", encoding="utf-8")
    code, out, err = run("enkat", "import", csv, "--codebook", yml, "--kommun", "0127", "--year", "2024")
    assert code == 2 and "rad 4" in err and "bostadsomrade" in err and "1212" not in err
    code, out, err = run("enkat", "vagor", "--kommun", "0127", "--format", "json")
    assert code == 0 and json.loads(out) == []  # nothing written
    code, out, err = run("enkat", "profil", "--kommun", "0127", "--year", "2024", "--by", "klass")
    assert code == 2 and "--by" in err


def test_andt_commands(run):
    code, out, err = run("enkat", "andt-policy", "--kommun", "0136", "--dokument", "ANDT-policy", "--agare", "KS",
                         "--antagen", "2019-01-01", "--nasta-revision", "2021-01-01", "--format", "json")
    assert code == 0, err
    code, out, err = run("enkat", "andt-policyer", "--kommun", "0136", "--format", "json")
    assert json.loads(out)[0]["forsenad"] is True
    code, out, err = run("enkat", "andt-tillsyn", "--kommun", "0136", "--year", "2024", "--tobak", "12",
                         "--format", "json")
    assert code == 0 and json.loads(out)[0]["antal"] == 12
    code, out, err = run("enkat", "andt", "--kommun", "0136")
    assert code == 0 and json.loads(out)["policyer"][0]["dokument"] == "ANDT-policy"


def test_reference_entered_by_hand(run):
    code, out, err = run("enkat", "referens", "--ar", "2024", "--faktor", "utfall.alkohol", "--niva", "riket",
                         "--andel", "12,5 %", "--kalla", "CAN 2024", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["andel"] == 0.125
    code, out, err = run("enkat", "referens", "--ar", "2024", "--faktor", "finns.inte", "--niva", "riket",
                         "--andel", "0,1")
    assert code == 2 and "finns.inte" in err
