"""`lagesbild tackning` with a reach range on Göteborg's real target population (SCB age bands, bundled):
JSON and CSV carry coverage_low and coverage_high, the table shows the interval."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lagesbild.cli import main

LOW, HIGH = 10_000, 15_000


@pytest.fixture(scope="module")
def run(cli_store_path, tmp_path_factory):
    def _run(*args):
        return main(["--store", str(cli_store_path), *args])

    path = tmp_path_factory.mktemp("ranges") / "insatser.json"
    path.write_text(json.dumps({"insatser": [{
        "id": "1480-intervall", "kommun": "1480", "name": "Språkstöd med intervall", "organisation": "Test",
        "arenas": ["forskola"], "levels": ["universell"], "life_stages": ["forskola"], "themes": ["sprak_lasning"],
        "reach": [{"year": 2024, "participants": f"{LOW}–{HIGH}"}]}]}), encoding="utf-8")
    assert _run("insatser", "import", str(path)) == 0
    return _run


def test_json_has_the_interval_computed_from_the_range(run, capsys):
    capsys.readouterr()
    assert run("tackning", "--kommun", "1480", "--livsfas", "förskola", "--arena", "Förskola", "--format", "json") == 0
    row = json.loads(capsys.readouterr().out)["coverage"][0]
    target = row["target_population"]
    assert target > HIGH  # Göteborg's children aged 1–5
    assert row["participants"] == (LOW + HIGH) / 2 and row["participants_text"] == "10 000–15 000"
    assert row["coverage"] == pytest.approx((LOW + HIGH) / 2 / target)
    assert row["coverage_low"] == pytest.approx(LOW / target) and row["coverage_high"] == pytest.approx(HIGH / target)
    pct = round(100 * (LOW + HIGH) / 2 / target)
    assert row["coverage_text"] == f"{pct} % ({round(100 * LOW / target)}–{round(100 * HIGH / target)} %)"
    assert row["coverage_min"] is None and row["stage_label"] == "Förskola (1–5 år)"


def test_csv_keeps_the_stable_keys_and_the_table_shows_the_interval(run, capsys):
    capsys.readouterr()
    assert run("tackning", "--kommun", "1480", "--livsfas", "forskola", "--arena", "forskola", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert {"coverage", "coverage_min", "coverage_low", "coverage_high", "coverage_text"} <= set(rows[0])
    target = float(rows[0]["target_population"])
    assert float(rows[0]["coverage_low"]) == pytest.approx(LOW / target)
    assert float(rows[0]["coverage_high"]) == pytest.approx(HIGH / target)
    assert run("tackning", "--kommun", "1480", "--livsfas", "forskola", "--arena", "forskola") == 0
    out = capsys.readouterr().out
    assert "10 000–15 000" in out and f"({round(100 * LOW / target)}–{round(100 * HIGH / target)} %)" in out
    assert "Förskola (1–5 år)" in out and "forskola" not in out
