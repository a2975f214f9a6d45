"""Needs vs reach as numbers: target population by age, coverage with its lower bound, over 100 % flagged."""

from __future__ import annotations

import pytest

from lagesbild.prevention.coverage import coverage_table, coverage_text, target_population
from lagesbild.prevention.model import Insats, Reach


def _ins(name, participants, stage="forskola"):
    return Insats(kommun="1480", name=name, organisation="Exempel", arenas=["forskola"], levels=["universell"],
                  life_stages=[stage], themes=["sprak"], reach=[Reach(year=2024, participants=participants)])


def test_coverage_number_lower_bound_and_over_100(bundled_store):
    tp = target_population(bundled_store, "1480")
    target = tp[tp["stage"] == "forskola"]["population"].sum()
    assert target > 10_000  # Göteborg's children aged 1–5 (SCB age bands, RegSO 2025, 2024)
    known = coverage_table(bundled_store, "1480", [_ins("A", 6000)]).iloc[0]
    assert known["coverage"] == pytest.approx(6000 / target)
    assert known["coverage_text"] == f"{round(100 * 6000 / target)} %"
    part = coverage_table(bundled_store, "1480", [_ins("A", 6000), _ins("B", None)]).iloc[0]
    assert part["coverage"] is None and part["coverage_min"] == pytest.approx(6000 / target)
    assert part["coverage_text"] == f"minst {round(100 * 6000 / target)} %"
    over = coverage_table(bundled_store, "1480", [_ins("A", int(target * 1.2))]).iloc[0]
    assert over["coverage_text"].endswith("(över 100 %)") and "över 100 %" in over["note"]
    unknown = coverage_table(bundled_store, "1480", [_ins("B", None)]).iloc[0]
    assert unknown["coverage_text"] == "okänd"


def test_coverage_text_languages():
    assert coverage_text(0.855) == "86 %" and coverage_text(None, 0.85) == "minst 85 %"
    assert coverage_text(None, 1.5, "en") == "at least 150 % (over 100 %)"
    assert coverage_text(float("nan")) == "okänd"
