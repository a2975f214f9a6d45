"""How the youth survey is shown to people: percentages and intervals in Swedish number format,
labelled tables, the scale catalogue, the profile chart and everything the survey web page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.enkat import storage
from lagesbild.enkat.catalogue import load_catalogue
from lagesbild.i18n import t
from lagesbild.services.enkat import kommun_name, prioriteringar, profil

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["pct", "interval", "display_profile", "display_priorities", "catalogue_rows", "chart_spec", "page_data"]


def pct(x: float | None, lang: str = "sv") -> str:
    """A share 0–1 as a percentage in Swedish (or English) number format.

    Parameters
    ----------
    x : float or None
        The share; None when missing or suppressed.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    str
        E.g. "42,5 %"; "–" for None.
    """
    from lagesbild.reporting.numbers import fmt_percent

    return t("enkat.suppressed", lang) if x is None else fmt_percent(100 * x, 1, lang, word=False)


def interval(lo: float | None, hi: float | None, lang: str = "sv") -> str:
    """A confidence interval of shares as percentages.

    Parameters
    ----------
    lo, hi : float or None
        The bounds (0–1); None when suppressed.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    str
        E.g. "38,0–47,1"; "–" when a bound is None.
    """
    from lagesbild.reporting.numbers import fmt_number

    if lo is None or hi is None:
        return t("enkat.suppressed", lang)
    return f"{fmt_number(100 * lo, 1, lang)}–{fmt_number(100 * hi, 1, lang)}"


def display_profile(rows: list[dict], lang: str = "sv") -> list[dict]:
    """Profile rows for people: labelled columns, Swedish number format, "–" for suppressed.

    Parameters
    ----------
    rows : list of dict
        The ``rader`` of :func:`profil`.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    list of dict
        One dict per row, keyed by the column headings in ``lang``.
    """
    from lagesbild.reporting.numbers import fmt_int

    return [{t("enkat.col.faktor", lang): r["namn"], t("enkat.col.typ", lang): t(f"enkat.typ.{r['typ']}", lang),
             t("enkat.col.grupp", lang): r["grupp"], t("enkat.col.n", lang): fmt_int(r["n"], lang),
             t("enkat.col.andel", lang): pct(r["andel"], lang),
             t("enkat.col.ki", lang): interval(r["ki_undre"], r["ki_ovre"], lang)} for r in rows]


def display_priorities(rows: list[dict], lang: str = "sv") -> list[dict]:
    """Priority rows for people: rank, factor, type, share, reference and the insatser.

    Parameters
    ----------
    rows : list of dict
        The ``faktorer`` of :func:`prioriteringar`.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    list of dict
        One dict per factor, keyed by the column headings in ``lang``.
    """
    return [{t("enkat.col.rang", lang): str(r["rang"]), t("enkat.col.faktor", lang): r["namn"],
             t("enkat.col.typ", lang): t(f"enkat.typ.{r['typ']}", lang), t("enkat.col.andel", lang): pct(r["andel"],
                 lang),
             t("enkat.col.referens", lang): pct(r["referens"], lang) if r["referens"] is not None else "",
             t("enkat.col.insatser", lang): ", ".join(r["insatser"]) or t("enkat.none", lang)} for r in rows]


def catalogue_rows(lang: str = "sv", catalogue_file: str | Path | None = None) -> list[dict]:
    """The scale catalogue as rows (for the docs, the page and the report's method section).

    Parameters
    ----------
    lang : str
        'sv' (default) or 'en'.
    catalogue_file : str or Path, optional
        Another scale catalogue than the bundled one.

    Returns
    -------
    list of dict
        One dict per scale: ``faktor``, ``namn``, ``doman``, ``typ``, ``fragor``, ``min_besvarade``,
        ``poang``, ``grans``, ``kalla`` and ``items``.
    """
    cat = load_catalogue(catalogue_file)
    return [{"faktor": s.id, "namn": s.name(lang), "doman": s.domain, "typ": s.kind, "fragor": len(s.items),
             "min_besvarade": s.min_answered, "poang": s.scoring,
             "grans": s.cut_value if s.cut_method == "fast" else f"P{s.cut_percentile:g}", "kalla": s.source,
             "items": [{"id": i.id, "text": i.text, "omvand": i.reverse} for i in s.items]} for s in cat.scales]


def chart_spec(rows: list[dict], lang: str = "sv") -> dict:
    """The profile chart (Vega-Lite) of the kommun-total rows, as in the report.

    Parameters
    ----------
    rows : list of dict
        The ``rader`` of :func:`profil`.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict
        The Vega-Lite specification.
    """
    from lagesbild.reporting.sections.enkat import profile_chart

    return profile_chart([r for r in rows if r["dimension"] == "kommun"], lang)


def page_data(store: Store, settings: Settings, *, kommun: str, year: int | None = None, by: str | None = None,
              lang: str = "sv") -> dict | None:
    """Everything the survey web page shows.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` (suppression) and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int, optional
        The wave (the latest when absent or not imported).
    by : str, optional
        Breakdown dimensions.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict or None
        ``kommun``, ``kommunnamn``, ``ar``, ``ar_lista``, ``by``, ``profil``, ``tabell``,
        ``prioriteringar``, ``prio_tabell``, ``diagram``, ``svarsfrekvens`` and ``skalor``; None
        when the kommun has no imported survey.

    Raises
    ------
    InputError
        For a bad breakdown.
    """
    ws = storage.waves(store, str(kommun))
    if not ws:
        return None
    years = [w["ar"] for w in ws]
    year = int(year) if year is not None and int(year) in years else max(years)
    prof = profil(store, settings, kommun=kommun, year=year, by=by, lang=lang)
    prio = prioriteringar(store, settings, kommun=kommun, year=year, lang=lang)
    return {"kommun": str(kommun), "kommunnamn": kommun_name(store, kommun), "ar": year, "ar_lista": years,
        "by": by or "", "profil": prof,
            "tabell": display_profile(prof["rader"], lang), "prioriteringar": prio,
            "prio_tabell": display_priorities([f for f in prio["faktorer"] if f["prioriterad"]], lang),
            "diagram": chart_spec(prof["rader"], lang), "svarsfrekvens": prof["svarsfrekvens"],
            "skalor": catalogue_rows(lang)}


