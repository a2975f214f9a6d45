"""Needs vs reach with numbers: the demo step that shows the arithmetic of coverage.

No public source gives the number of children an insats reaches per area, so the demo uses an
**example** reach figure for Göteborg (1480) and labels it "exempel" in every line it prints. The
target population is real: SCB's population by age (RegSO 2025, bundled), through
:func:`lagesbild.prevention.coverage.target_population`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lagesbild.i18n import t

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["EXAMPLE_KOMMUN", "EXAMPLE_REACH", "coverage_example", "demo"]

EXAMPLE_KOMMUN = "1480"
#: The example: participants of an example insats in förskola (1–5 years), labelled "exempel".
EXAMPLE_STAGE, EXAMPLE_PARTICIPANTS = "forskola", 5000
EXAMPLE_REACH = {"stage": EXAMPLE_STAGE, "participants": EXAMPLE_PARTICIPANTS}


def coverage_example(store: Store, *, lang: str = "sv") -> dict[str, Any]:
    """Coverage of an example insats (reach labelled "exempel") against SCB's target population.

    Parameters
    ----------
    store : Store
        The open store (population by age per RegSO).
    lang : {"sv", "en"}
        Language of the labels and lines.

    Returns
    -------
    dict
        ``kommun, stage, stage_label, target_population, target_year, estimated, participants,
        coverage, coverage_text, label`` (label = "exempel" in ``lang``), ``lines`` (printable).
    """
    from lagesbild.prevention.coverage import coverage_table, target_population
    from lagesbild.prevention.model import Insats, Reach
    from lagesbild.prevention.vocab import LIFE_STAGES

    stage, n = EXAMPLE_STAGE, EXAMPLE_PARTICIPANTS
    tp = target_population(store, EXAMPLE_KOMMUN)
    tp = tp[tp["stage"] == stage]
    year = int(tp["year"].max()) if len(tp) else None
    label = t("tackning.example", lang)
    ins = Insats(kommun=EXAMPLE_KOMMUN, name=t("tackning.example_insats", lang), organisation=label,
                 arenas=["forskola"], levels=["universell"], life_stages=[stage], themes=["sprak"],
                 reach=[Reach(year=year or 2024, participants=n)], example_label=label)
    row = coverage_table(store, EXAMPLE_KOMMUN, [ins], lang=lang).iloc[0]
    stage_label = LIFE_STAGES[stage].text(lang)
    out = {"kommun": EXAMPLE_KOMMUN, "stage": stage, "stage_label": stage_label,
           "target_population": row["target_population"], "target_year": year,
           "estimated": bool(tp["estimated"].any()) if len(tp) else None, "participants": n,
           "coverage": row["coverage"], "coverage_text": row["coverage_text"], "label": label}
    tgt = row["target_population"]
    out["lines"] = [t("tackning.demo_head", lang, kommun=EXAMPLE_KOMMUN, label=label),
                    t("tackning.demo_target", lang, stage=stage_label,
                      n=_fmt(tgt), year=year if year is not None else "–"),
                    t("tackning.demo_reach", lang, n=_fmt(n), label=label),
                    t("tackning.demo_coverage", lang, n=_fmt(n), target=_fmt(tgt), text=row["coverage_text"],
                      label=label)]
    return out


def _fmt(v) -> str:
    if v is None or v != v:
        return "–"
    return f"{round(float(v)):,}".replace(",", " ")


def demo(store: Store, settings: Settings) -> None:
    """Print the example: target population, example reach and the coverage arithmetic.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings (``lang``).
    """
    for line in coverage_example(store, lang=settings.lang)["lines"]:
        print(line)
