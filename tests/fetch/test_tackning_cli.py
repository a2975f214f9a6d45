"""`tackning` filters by life stage and arena and prints Swedish labels, not codes."""

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


def test_filters_and_labels(run, capsys):
    assert run("tackning", "--kommun", "0127", "--format", "json") == 0
    every = json.loads(capsys.readouterr().out)["coverage"]
    assert (
        run("tackning", "--kommun", "0127", "--livsfas", "Förskola (1–5 år)", "--arena", "förskola", "--format", "json")
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["coverage"]
    want = [r for r in every if r["stage"] == "forskola" and r["arena"] == "forskola"]
    assert rows and len(rows) == len(want)
    assert {r["stage_label"] for r in rows} == {"Förskola (1–5 år)"} and {r["arena_label"] for r in rows} == {
        "Förskola"
    }
    assert all(r["coverage_text"] == "okänd" for r in rows)  # Botkyrka: no age data, reach unknown
    assert run("tackning", "--kommun", "0127", "--livsfas", "forskola") == 0
    out = capsys.readouterr().out
    assert "Förskola (1–5 år)" in out and "Universell" in out and "okänd" in out and "forskola" not in out


def test_unknown_life_stage_is_one_line(run, capsys):
    assert run("tackning", "--kommun", "0127", "--livsfas", "tonår") == 2
    err = capsys.readouterr().err
    assert "Okänt värde 'tonår' för --livsfas" in err and "Förskola (1–5 år)" in err
