"""The steps of ``lagesbild demo``, listed explicitly (a missing module fails loudly).

Each step is a function ``step(store, settings) -> None`` that prints a short summary of what
it built or wrote; they run in this order after the store has been built from the bundled data.
"""

from __future__ import annotations

from collections.abc import Callable

from lagesbild.services import brott_rapport, enkat, insatser, lagesbild, report, skola, tackning

__all__ = ["DEMO_STEPS"]

#: The demo steps in order: the kommun lägesbild, the insatser registry, needs vs reach in numbers (an
#: example reach figure labelled 'exempel'), the report, the crime-prevention
#: lägesbild (real Brå data with generated incidents labelled as such), the youth survey (the syntetisk
#: exempelenkät, linked to the insatser loaded before it), the schools of Haninge over five school years.
DEMO_STEPS: tuple[Callable, ...] = (lagesbild.demo, insatser.demo, tackning.demo, report.demo,
                                     brott_rapport.demo, enkat.demo, skola.demo)
