"""The two chains a kommun follows its preventive work by.

The life-course chain shows, per life stage, which universal, selective and indicated insatser
the kommun runs (and where a level has none); the målkedja links goals, indicators and insatser
and shows where a link is missing. Both read the insats registry of the operational store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lagesbild.prevention import coverage, malkedja, registry

if TYPE_CHECKING:
    import pandas as pd

    from lagesbild.store.db import Store

__all__ = ["kedja", "chain_table", "malkedja_report"]


def kedja(store: Store, kommun: str, area: str | None = None, lang: str = "sv") -> dict:
    """The life-course chain, with the youth survey's priority factors that no insats addresses.

    Insatser with status "avslutad" are left out. The stage labels of the chain are Swedish (the
    pages relabel them); ``lang`` is the language of ``enkat_luckor``.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    kommun : str
        Four-digit kommun code.
    area : str, optional
        An area of the kommun: only insatser that reach it (a RegSO also holds its DeSO areas).
    lang : str
        Language of the survey texts, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``kommun``, ``kommun_name``, ``area``, ``area_name``, ``stages`` (per life stage: ``stage``,
        ``label``, ``ages``, the names of the ``universell``, ``selektiv`` and ``indikerad``
        insatser, the ``missing`` levels, and how many of its insatser have known and unknown
        reach, ``reach_known`` and ``reach_unknown``) and ``enkat_luckor`` (None without a survey).

    Raises
    ------
    NotFoundError
        For an unknown kommun, or an area not in the kommun.
    """
    from lagesbild.services.enkat import factor_gap

    ch = coverage.chain(store, kommun, registry.list_insatser(store, kommun), area=area)
    return {**ch, "enkat_luckor": factor_gap(store, kommun, lang)}


def chain_table(ch: dict) -> pd.DataFrame:
    """The life-course chain as a table for terminals, CSV and the report.

    Parameters
    ----------
    ch : dict
        The result of :func:`kedja`.

    Returns
    -------
    pandas.DataFrame
        One row per life stage: ``livsfas``, the insatser of each level (";"-separated, "–" where
        the level has none) and ``räckvidd`` (for how many of them the reach is known).
    """
    return coverage.chain_table(ch)


def malkedja_report(store: Store, kommun: str, lang: str = "sv") -> dict:
    """What auditors check in the målkedja of one kommun: insatser without indicators or goals,
    indicators without insatser, goals without indicators, and red indicators without an analysis.

    Insatser with status "avslutad" are left out. The keys and the summary stay Swedish.

    Parameters
    ----------
    store : Store
        The analytical store (the registry lives in its operational store).
    kommun : str
        Four-digit kommun code.
    lang : str
        Language of the indicators' status labels, 'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``insatser_utan_indikator``, ``insatser_utan_mal``, ``indikatorer_utan_insats``,
        ``mal_utan_indikator``, ``indikatorer`` (each with its value, thresholds, status and
        insatser), ``roda_utan_analys`` (ids) and ``summary`` (counts).
    """
    return malkedja.malkedja_report(store, kommun, lang)
