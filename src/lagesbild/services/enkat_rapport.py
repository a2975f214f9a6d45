"""Use cases of the youth survey's reporting: the summary and facts that the nulägesanalys shows,
and the standalone survey report (HTML, PDF and Word).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild.enkat import compare, storage
from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair, t
from lagesbild.services.andt import andt_overview
from lagesbild.services.enkat import kommun_name, prioriteringar, profil, trend
from lagesbild.services.enkat_visning import pct

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store

__all__ = ["survey_summary", "report_facts", "rapport"]


def survey_summary(store: Store, settings: Settings, *, kommun: str, year: int | None = None,
                   lang: str = "sv") -> dict | None:
    """What the report shows: profile, priorities, trend and reference comparisons of one wave.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int, optional
        The wave (the latest by default).
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict or None
        ``profil``, ``prioriteringar``, ``trend`` (None without an earlier wave) and
        ``referenser``; None when the kommun has no imported survey.

    Raises
    ------
    NotFoundError
        When the kommun has waves but none in ``year``.
    """
    ws = storage.waves(store, str(kommun))
    if not ws:
        return None
    year = int(year) if year is not None else max(w["ar"] for w in ws)
    prof = profil(store, settings, kommun=kommun, year=year, lang=lang)
    prio = prioriteringar(store, settings, kommun=kommun, year=year, lang=lang)
    tr = None
    if any(w["ar"] < year for w in ws):
        tr = trend(store, settings, kommun=kommun, year=year, lang=lang)
    return {"profil": prof, "prioriteringar": prio, "trend": tr,
            "referenser": compare.compare_reference(prof["rader"], storage.references(store, year))}


def _trend_sentences(tr: dict | None, lang: str) -> list[str]:
    """Sentences for the kommun-total trend of each factor (significant changes first)."""
    from lagesbild.reporting.numbers import fmt_number, fmt_signed

    if not tr:
        return []
    out = []
    rows = [r for r in tr["rader"] if r["dimension"] == "kommun" and r["forandring"] is not None]
    rows.sort(key=lambda r: (r["forandring"] == "oforandrad", r["faktor"]))
    for r in rows:
        values = {"namn": r["namn"], "andel": pct(r["andel"], lang), "ar": r["ar"], "andel0": pct(r["andel_fore"],
            lang),
                  "ar0": r["ar_fore"], "diff": fmt_signed(100 * r["skillnad"], 1, lang),
                  "lo": fmt_number(100 * r["ki_undre"], 1, lang), "hi": fmt_number(100 * r["ki_ovre"], 1, lang)}
        if r["forandring"] == "oforandrad":
            out.append(t("enkat.trend_sentence_flat", lang, **values))
        else:
            out.append(t("enkat.trend_sentence", lang, verb=t(f"enkat.trend_verb.{r['forandring']}", lang), **values))
    return out


def report_facts(store: Store, settings: Settings, *, kommun: str, year: int | None = None,
                 lang: str = "sv") -> dict | None:
    """What the report's survey section shows.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        For ``enkat_min_n`` and ``enkat_priorities``.
    kommun : str
        Four-digit kommun code.
    year : int, optional
        The wave (the latest by default).
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict or None
        ``enkat``, ``syntetisk``, ``ar``, ``n``, ``min_n``, ``profil``, ``prioriteringar``,
        ``lucktext``, ``luckor``, ``trendmeningar`` and ``andt``; None when the kommun has no
        imported survey.

    Raises
    ------
    NotFoundError
        When the kommun has waves but none in ``year``.
    """
    summary = survey_summary(store, settings, kommun=kommun, year=year, lang=lang)
    if summary is None:
        return None
    prof, prio = summary["profil"], summary["prioriteringar"]
    return {"enkat": prof["enkat"], "syntetisk": prof["syntetisk"], "ar": prof["ar"], "n": prof["n"],
            "min_n": prof["min_n"], "profil": prof["rader"], "prioriteringar": prio["faktorer"],
            "lucktext": prio["lucktext"], "luckor": prio["luckor"],
            "trendmeningar": _trend_sentences(summary["trend"], lang),
            "andt": andt_overview(store, kommun, lang=lang)}


def rapport(store: Store, settings: Settings, *, kommun: str, year: int, out: str | Path,
            formats: tuple[str, ...] = ("html",), lang: str = "sv") -> dict:
    """The standalone survey report (HTML, PDF and/or Word) in the folder ``out``.

    Parameters
    ----------
    store : Store
        The analytical store.
    settings : Settings
        The resolved settings.
    kommun : str
        Four-digit kommun code.
    year : int
        The wave.
    out : str or Path
        The folder the files are written to (atomically).
    formats : tuple of str
        Any of ``html`` (default), ``pdf`` and ``docx``.
    lang : str
        'sv' (default) or 'en'.

    Returns
    -------
    dict
        ``paths`` (format → file), ``enkat``, ``syntetisk`` and ``report`` (the document model).

    Raises
    ------
    InputError
        For an empty or unknown format.
    NotFoundError
        When the kommun has no wave in ``year``.
    """
    import datetime as dt

    from lagesbild._fileio import write_atomic
    from lagesbild._version import __version__
    from lagesbild.reporting import config as rc
    from lagesbild.reporting.figures import render_figures
    from lagesbild.reporting.model import Report
    from lagesbild.reporting.numbers import recording
    from lagesbild.reporting.phrasing import texts
    from lagesbild.reporting.render_html import ASSETS_DIR, chart_assets, number_blocks, render_html
    from lagesbild.reporting.sections import Context
    from lagesbild.reporting.sections.enkat import build

    bad = [f for f in formats if f not in rc.FORMATS]
    if bad or not formats:
        raise InputError(*pair("enkat.bad_format_list", value=",".join(formats), known=", ".join(rc.FORMATS)))
    facts = report_facts(store, settings, kommun=kommun, year=year, lang=lang)
    if facts is None or facts["ar"] != int(year):
        raise NotFoundError(*pair("enkat.no_wave", kommun=kommun, year=year))
    cfg = rc.with_defaults(rc.merge({}, kommun=str(kommun), year=int(year), lang=lang, formats=tuple(formats)),
                           settings)
    name = kommun_name(store, kommun)
    ctx = Context(cfg=cfg, t=texts(lang), kommun_name=name, lan=str(kommun)[:2], lan_name="", facts={})
    with recording() as registry:
        section = build(ctx, facts)
    colophon = {"version": __version__, "hash": "", "config_file": "", "date": dt.date.today().isoformat()}
    report = Report(title=t("enkat.report_title", lang, kommun=name, ar=year), subtitle=t("enkat.report_subtitle",
        lang),
                    kommun=str(kommun), kommun_name=name, year=int(year), lang=lang, sections=[section],
                    colophon=colophon, provenance=registry)
    number_blocks(report)
    render_figures(report.figures(), lang=lang, png=bool({"pdf", "docx"} & set(formats)))
    out = Path(out)
    stem = f"ungdomsenkat_{kommun}_{year}"
    paths = {}
    if "html" in formats:
        for fname, data in chart_assets().items():
            write_atomic(out / ASSETS_DIR / fname, data)
        paths["html"] = str(write_atomic(out / f"{stem}.html", render_html(report, mode="screen", scripts="assets")))
    if "pdf" in formats:
        from lagesbild.reporting.render_pdf import render_pdf

        paths["pdf"] = str(write_atomic(out / f"{stem}.pdf", render_pdf(report)))
    if "docx" in formats:
        from lagesbild.reporting.render_docx import render_docx

        paths["docx"] = str(write_atomic(out / f"{stem}.docx", render_docx(report)))
    return {"paths": paths, "enkat": facts["enkat"], "syntetisk": facts["syntetisk"], "report": report}


