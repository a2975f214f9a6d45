"""`lagesbild grannskap` on a file: the exact interface, its output and its one-line errors."""

import json

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from lagesbild.cli import grid as cli_grid


@pytest.fixture
def app():
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    cli_grid.register(app)
    return app


def _file(tmp_path):
    rows = [(125, 6_500_125, "inrikes", 5), (125, 6_500_125, "utrikes", 5), (375, 6_500_125, "inrikes", 20),
            (625, 6_500_125, "utrikes", 30)]
    path = tmp_path / "rutor.csv"
    pd.DataFrame(rows, columns=["x_m", "y_m", "fodelse", "antal"]).to_csv(path, index=False)
    return path


def test_exact_interface_writes_parquet(app, tmp_path):
    out = tmp_path / "g.parquet"
    r = CliRunner().invoke(app, ["grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group", "fodelse",
                                 "--weight", "antal", "--k", "10,45", "--out", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output)
    assert summary["rader"] == 6 and summary["k"] == [10, 45]
    df = pd.read_parquet(out)
    assert list(df.columns) == ["x", "y", "k", "antal_inrikes", "antal_utrikes", "andel_inrikes", "andel_utrikes"]
    row = df[(df.x == 125) & (df.k == 45)].iloc[0]
    assert (row.antal_inrikes, row.antal_utrikes) == (25.0, 20.0)


def test_missing_column_is_one_line(app, tmp_path):
    r = CliRunner().invoke(app, ["grannskap", str(_file(tmp_path)), "--x", "east", "--y", "y_m", "--group",
                                 "fodelse", "--weight", "antal", "--out", str(tmp_path / "g.parquet")])
    assert r.exit_code != 0
    assert "'east'" in str(r.exception.message("sv"))
    assert not (tmp_path / "g.parquet").exists()


def test_registered_in_the_lagesbild_app(tmp_path, monkeypatch, capsys):
    from lagesbild.cli import main

    monkeypatch.chdir(tmp_path)
    out = tmp_path / "h.parquet"
    code = main(["grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group", "fodelse",
                 "--weight", "antal", "--k", "30", "--out", str(out)])
    text = capsys.readouterr().out
    assert code in (0, None) and out.exists()
    assert "Skrev 3 rader" in text
    code = main(["--lang", "en", "grannskap", str(_file(tmp_path)), "--x", "x_m", "--y", "y_m", "--group",
                 "fodelse", "--weight", "antal", "--k", "-3", "--out", str(out)])
    err = capsys.readouterr()
    assert code == 2 and "'--k'" in (err.err + err.out)
