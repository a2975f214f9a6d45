"""`lagesbild grannskap` on a file: the exact interface, its output and its one-line errors."""

import json

import pandas as pd
import pytest

from lagesbild.cli import main


@pytest.fixture
def run(capsys):
    """Run the real `lagesbild` command line: (status, stdout, stderr)."""

    def invoke(args):
        code = main([str(a) for a in args])
        cap = capsys.readouterr()
        return code, cap.out, cap.err

    return invoke


def _file(tmp_path):
    rows = [(125, 6_500_125, "inrikes", 5), (125, 6_500_125, "utrikes", 5), (375, 6_500_125, "inrikes", 20),
            (625, 6_500_125, "utrikes", 30)]
    path = tmp_path / "rutor.csv"
    pd.DataFrame(rows, columns=["x_m", "y_m", "fodelse", "antal"]).to_csv(path, index=False)
    return path


def test_exact_interface_writes_parquet(run, tmp_path):
    out = tmp_path / "g.parquet"
    code, stdout, stderr = run(["grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group", "fodelse",
                                 "--weight", "antal", "--k", "10,45", "--out", str(out), "--format", "json"])
    assert code == 0, stderr
    summary = json.loads(stdout)
    assert summary["rader"] == 6 and summary["k"] == [10, 45]
    df = pd.read_parquet(out)
    assert list(df.columns) == ["x", "y", "k", "antal_inrikes", "antal_utrikes", "andel_inrikes", "andel_utrikes"]
    row = df[(df.x == 125) & (df.k == 45)].iloc[0]
    assert (row.antal_inrikes, row.antal_utrikes) == (25.0, 20.0)


def test_missing_column_is_one_line(run, tmp_path):
    code, _, stderr = run(["grannskap", str(_file(tmp_path)), "--x", "east", "--y", "y_m", "--group",
                                 "fodelse", "--weight", "antal", "--out", str(tmp_path / "g.parquet")])
    assert code == 2 and len(stderr.strip().splitlines()) == 1
    assert stderr.startswith("Fel: ") and "'east'" in stderr
    assert not (tmp_path / "g.parquet").exists()


def test_registered_in_the_lagesbild_app(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "h.parquet"
    code = main(["grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group", "fodelse",
                 "--weight", "antal", "--k", "30", "--out", str(out)])
    text = capsys.readouterr().out
    assert code == 0 and out.exists()
    assert "Skrev 3 rader" in text
    code = main(["--lang", "en", "grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group",
                 "fodelse", "--weight", "antal", "--k", "-3", "--out", str(out)])
    err = capsys.readouterr()
    assert code == 2 and "'--k'" in (err.err + err.out)
