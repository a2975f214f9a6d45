"""Needs vs reach: the need profile, coverage and gap tables of a kommun, and the demo step that
shows the arithmetic of coverage.

Coverage is the reach an insats registry states against SCB's target population per life stage;
unknown reach and an unknown target stay unknown, never zero (docs/methods/prevention.md).

No public source gives the number of children an insats reaches per area, so the demo uses an
**example** reach figure for Göteborg (1480) and labels it "exempel" in every line it prints. The
target population is real: SCB's population by age (RegSO 2025, bundled), through
:func:`lagesbild.prevention.coverage.target_population`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lagesbild.errors import InputError
from lagesbild.i18n import pair, t
from lagesbild.prevention import coverage, registry
from lagesbild.prevention.coverage import age_kommuner_note, gap_label
from lagesbild.prevention.vocab import VOCABULARIES, label, lookup

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["EXAMPLE_KOMMUN", "EXAMPLE_REACH", "tackning", "coverage_example", "demo",
           # labels, for the coverage page
           "age_kommuner_note", "gap_label"]

EXAMPLE_KOMMUN = "1480"
#: The example: participants of an example insats in förskola (1–5 years), labelled "exempel".
EXAMPLE_STAGE, EXAMPLE_PARTICIPANTS = "forskola", 5000
EXAMPLE_REACH = {"stage": EXAMPLE_STAGE, "participants": EXAMPLE_PARTICIPANTS}


def _vocab_filter(vocab_name: str, value: str | None, param: str) -> str | None:
    """The code of ``value`` (a code or a label) in a vocabulary; InputError naming ``param`` if unknown."""
    if value is None:
        return None
    code = lookup(vocab_name, value)
    if code is None:
        valid = ", ".join(label(vocab_name, c) for c in VOCABULARIES[vocab_name])
        raise InputError(*pair("insatser.svc.unknown_value", value=value, param=param, valid=valid))
    return code


def tackning(
    store: Store,
    kommun: str,
    *,
    area: str | None = None,
    year: int | None = None,
    max_type: int = 2,
    low: float = 0.25,
    lang: str = "sv",
    livsfas: str | None = None,
    arena: str | None = None,
) -> dict:
    """Need profile, coverage table and gap table of a kommun (or one RegSO 2020 area).

    Notes and labels are in ``lang`` (Swedish by default); codes (``gap``, ``reach_status``) stay codes,
    with ``arena_label``, ``stage_label`` and ``level_label`` beside them in the coverage table.
    Coverage is a number (``coverage``; the midpoint where the reach is a range), its interval
    (``coverage_low``, ``coverage_high``), a lower bound (``coverage_min``) and their text
    (``coverage_text``: "42 %", "45 % (40–50 %)", "minst 85 %", "okänd", over 100 % flagged for
    the point or the upper bound). Unknown reach and an unknown target population stay unknown,
    never zero.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    kommun : str
        Four-digit kommun code.
    area : str, optional
        One RegSO 2020 area of the kommun: the need profile, coverage and gaps of that area only.
    year : int, optional
        The year of reach (each insats' latest year by default).
    max_type : int
        Areas of official områdestyp up to this one are the high-need areas of the gap table
        (default 2: areas with socio-economic challenges).
    low : float
        Known coverage below this share is a gap (default 0.25).
    lang : str
        Language of labels and notes, 'sv' (default) or 'en'.
    livsfas, arena : str, optional
        Keep only this life stage or arena (a code or a label, e.g. "Förskola") in the coverage table.

    Returns
    -------
    dict
        ``kommun``, ``area``, ``need_profile`` (one row per RegSO 2020 area, ranked by need),
        ``coverage`` (per arena × life stage × level), ``gaps`` (high-need areas with no, low or
        unknown coverage, ranked), ``n_insatser`` (the kommun's insatser), ``target_population_known``,
        ``note`` (where the target population comes from, or why it is unknown) and ``enkat_luckor``
        (the youth survey's priority factors that no insats addresses; None without a survey).

    Raises
    ------
    InputError
        For an unknown ``livsfas`` or ``arena``.
    NotFoundError
        When the store has no RegSO 2020 areas for ``kommun``.
    """
    stage_code = _vocab_filter("livsfas", livsfas, "--livsfas")
    arena_code = _vocab_filter("arena", arena, "--arena")
    items = registry.list_insatser(store, kommun)
    prof = coverage.need_profiles(store, kommun)
    if area:
        prof = prof[prof["area_code"] == area]
    cov = coverage.coverage_table(store, kommun, items, area=area, year=year, lang=lang)
    if len(cov):
        if stage_code:
            cov = cov[cov["stage"] == stage_code]
        if arena_code:
            cov = cov[cov["arena"] == arena_code]
        cov = cov.assign(
            arena_label=[label("arena", c, lang) for c in cov["arena"]],
            stage_label=[label("livsfas", c, lang) for c in cov["stage"]],
            level_label=[label("niva", c, lang) for c in cov["level"]],
        ).reset_index(drop=True)
    gaps = coverage.gap_table(store, kommun, items, max_type=max_type, low=low, year=year, lang=lang)
    if area is not None and not gaps.empty:
        gaps = gaps[gaps["area_code"] == area]
    tp = coverage.target_population(store, kommun)
    note = (
        t("insatser.svc.target_from_scb", lang)
        if not tp.empty
        else t("insatser.svc.target_unknown", lang, note=coverage.age_kommuner_note(lang))
    )
    from lagesbild.services.enkat import factor_gap

    return {
        "kommun": kommun,
        "area": area,
        "need_profile": prof,
        "coverage": cov,
        "gaps": gaps,
        "n_insatser": len(items),
        "target_population_known": not tp.empty,
        "note": note,
        "enkat_luckor": factor_gap(store, kommun, lang),
    }


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
