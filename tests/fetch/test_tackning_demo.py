"""The demo's needs-vs-reach example: real target population, example reach labelled in every line."""

from __future__ import annotations

import pytest

from lagesbild.prevention.coverage import target_population
from lagesbild.services.tackning import EXAMPLE_REACH, coverage_example


def test_example_coverage_arithmetic_and_labels(bundled_store):
    ex = coverage_example(bundled_store)
    tp = target_population(bundled_store, "1480")
    target = tp[tp["stage"] == "forskola"]["population"].sum()
    assert ex["target_population"] == pytest.approx(target)
    assert ex["coverage"] == pytest.approx(EXAMPLE_REACH["participants"] / target)
    lines = [ln for ln in ex["lines"] if ln.strip()]
    assert len(lines) == 4 and all("exempel" in ln for ln in lines[0:1] + lines[2:])
    assert ex["coverage_text"] in lines[3] and f"{round(target):,}".replace(",", " ") in lines[3]
    en = coverage_example(bundled_store, lang="en")
    assert "example" in en["lines"][-1] and en["coverage"] == pytest.approx(ex["coverage"])
