"""Use case: write a kommun's nulägesanalys as HTML, PDF and Word.

``build_report`` gathers the numbers (områdestyper, transitions, the area table and the
comparisons from :mod:`lagesbild.services.lagesbild`; segregation indices, decompositions
and the multiscalar profile from :mod:`lagesbild.services.measures`; population, schools
and turnout from :mod:`lagesbild.reporting.facts`), builds the sections, renders
the figures once (SVG for HTML, PNG for PDF/Word) and writes every file atomically (a
temporary file in the output folder, then a rename). The HTML's chart scripts (the web app's
vendored Vega files and ``report-charts.js``) go to ``assets/`` next to it, written before the
HTML, or into the HTML itself with ``self_contained``. The resolved configuration is written
as ``nulagesanalys_<kommun>_<year>.yaml`` next to the report and its SHA-256 is printed in the
colophon. A year without the kommun's data and a comparison code that is not a kommun are refused
before anything is written.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lagesbild import i18n
from lagesbild._fileio import write_atomic
from lagesbild.errors import LagesbildError, NotFoundError
from lagesbild.services import insatser, kedjor, tackning
from lagesbild.services import lagesbild as sl

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.reporting.config import ReportConfig
    from lagesbild.store.db import Store

__all__ = ["STEPS", "build_report", "demo", "gather", "write_atomic"]


def _safe(fn, *a, **kw):
    """Call a data function; a missing-data error becomes (None, message)."""
    try:
        return fn(*a, **kw), None
    except LagesbildError as exc:
        return None, exc.message("sv")


def _sources_table(store, used: set[str], lang: str = "sv"):
    """The sources behind the report's numbers with the date the data were retrieved or published.

    The bundled files carry their own date (:func:`lagesbild.store.bundled.data_dates`): the
    store's ``retrieved_at`` of a bundled source is only the day the store was built.
    """
    from lagesbild.store.bundled import data_dates

    src = store.sources()
    src = src[src["id"].isin(used)] if used else src.iloc[0:0]
    from lagesbild.i18n import t

    dates = data_dates()
    retrieved = []
    for sid, d in zip(src["id"], src["retrieved_at"]):
        if str(sid).startswith("bundled:"):
            got = dates.get(str(sid).removeprefix("bundled:") + ".parquet")
            retrieved.append(t(f"report.date_{got[1]}", lang, date=got[0]) if got else "–")
        else:
            retrieved.append(t("report.date_retrieved", lang, date=str(d)[:10]))
    out = src.assign(retrieved=retrieved)
    return (
        out[["publisher", "table_id", "retrieved", "licence"]]
        .sort_values(["publisher", "table_id"])
        .reset_index(drop=True)
    )


_INS_COLS = {
    "namn": ("Insats", "Intervention"),
    "arena": ("Arena", "Arena"),
    "livsfaser": ("Livsfaser", "Life stages"),
    "var": ("Var", "Where"),
    "evidens": ("Evidens", "Evidence"),
    "räckvidd": ("Räckvidd", "Reach"),
    "status": ("Status", "Status"),
}


def _insatser_block(store, kommun: str, lang: str) -> dict | None:
    """The insatser of the kommun from :mod:`lagesbild.services.insatser`, the gap table of
    :mod:`lagesbild.services.tackning` and the life-course chain of :mod:`lagesbild.services.kedjor`
    (None when the kommun has no insatser)."""
    import pandas as pd

    rows = insatser.list_insatser(store, kommun)
    if not rows:
        return None
    df = pd.DataFrame(rows)
    cols = {c: i18n.choose(sv, en, lang) for c, (sv, en) in _INS_COLS.items() if c in df}
    paras = [i18n.t("insatser.report.registered", lang, n=len(df))]
    notes, gap_frame = [], None
    tk, _ = _safe(tackning.tackning, store, kommun)
    if tk:
        notes.append(tk["note"])
        gaps = tk.get("gaps")
        gap_frame = gaps
        if gaps is not None and len(gaps):
            paras.append(i18n.t("insatser.report.gaps", lang, n=len(gaps)))
    ch, _ = _safe(kedjor.kedja, store, kommun, lang=lang)
    chain = kedjor.chain_table(ch) if ch else None
    return {
        "gaps": gap_frame,
        "chain": chain,
        "table": df.sort_values("namn") if "namn" in df else df,
        "columns": cols,
        "paragraphs": paras,
        "notes": notes,
        "caption": i18n.t("insatser.report.caption", lang),
        "source": "lagesbild insatsregister (kommunens egna uppgifter)",
    }


def _segregation(store, cfg, years, compare) -> dict | None:
    """Indices, the split by områdestyp, the kommun's share of Sweden's within-kommun part and
    the multiscalar profile — all from :mod:`lagesbild.services.measures`."""
    from lagesbild.services import measures as sm

    groups, k = list(cfg.groups), cfg.kommun
    avail = [y for y in sm.available_years(store, groups) if y <= cfg.year]
    ind, _ = _safe(
        sm.segregation_indices,
        store,
        k,
        years=avail,
        groups=groups,
        indices=("dissimilarity", "theil_h", "mutual_information"),
        ci=bool(cfg.n_boot),
        n_boot=max(int(cfg.n_boot), 10),
        seed=cfg.seed,
    )
    if ind is None or ind.empty:
        return None
    y = int(ind["year"].max())
    out = {
        "indices": ind,
        "year": y,
        "n_units": int(ind[ind["year"] == y]["n_units"].iloc[0]),
        "sources": {x.strip() for v in ind["source"] for x in str(v).split(",") if x.strip()},
    }
    out["between_within"], _ = _safe(sm.within_kommun_by, store, k, y, grouping="omradestyp", groups=groups)
    sw, _ = _safe(sm.kommun_share_of_within, store, k, y, groups=groups, scope="riket")
    out["share_of_within"] = None if sw is None else sw[sw["index"] == "mutual_information"].iloc[0].to_dict()
    prof, out["profile_reason"] = _safe(
        sm.multiscalar_profile,
        store,
        k,
        y,
        groups=groups,
        bandwidths=tuple(cfg.bandwidths),
        kernel=cfg.kernel,
        indices=("dissimilarity",),
    )
    out["profile"] = prof
    comp = []
    for c in compare:
        r, _ = _safe(
            sm.segregation_indices,
            store,
            c,
            years=[y],
            groups=groups,
            indices=("dissimilarity",),
            ci=bool(cfg.n_boot),
            n_boot=max(int(cfg.n_boot), 10),
            seed=cfg.seed,
        )
        if r is not None and len(r):
            comp.append(r.iloc[0].to_dict())
    import pandas as pd

    out["compare"] = pd.DataFrame(comp)
    return out


def report_years(store: Store, kommun: str) -> list[int]:
    """Years for which the store holds the kommun's RegSO population or områdestyp (a report needs one).

    Parameters
    ----------
    store : Store
    kommun : str
        Kommun code.

    Returns
    -------
    list of int
        Sorted years.
    """
    years: set[int] = set()
    for var in ("folkmangd", "omradestyp"):
        try:
            obs = store.observations(var, level="regso", kommun=kommun)
        except LagesbildError:
            continue
        years |= {int(y) for y in obs["year"].dropna().unique()}
    return sorted(years)


def check_inputs(store: Store, cfg: ReportConfig, kommun_name: str) -> None:
    """Refuse a year without the kommun's data and a comparison code that is not a kommun.

    Parameters
    ----------
    store : Store
    cfg : ReportConfig
    kommun_name : str
        The kommun's name, for the message.

    Raises
    ------
    NotFoundError
        One line naming the parameter, what exists and what was given.
    """
    from lagesbild.i18n import pair

    years = report_years(store, cfg.kommun)
    if cfg.year not in years:
        shown = ", ".join(str(y) for y in years) or "–"
        raise NotFoundError(*pair("report.no_year", kommun=f"{kommun_name} ({cfg.kommun})", year=cfg.year, years=shown))
    known = set(store.areas(level="kommun", codes=list(cfg.compare))["code"]) if cfg.compare else set()
    for c in cfg.compare:
        if c not in known:
            raise NotFoundError(*pair("report.no_compare", code=c))


def own_texts(cfg: ReportConfig) -> dict[str, str]:
    """The kommun's own Markdown texts per section (``texter`` of the configuration), screened for
    personal identity numbers.

    Parameters
    ----------
    cfg : ReportConfig

    Returns
    -------
    dict
        Section id → Markdown text (the ``texter`` files, read as UTF-8).

    Raises
    ------
    NotFoundError
        A named file does not exist.
    PersonalDataError
        A file holds a personnummer (the number is never shown).
    """
    from lagesbild.i18n import pair
    from lagesbild.privacy import screen_text

    out = {}
    for sid, path in cfg.texter:
        p = Path(path)
        if not p.is_file():
            raise NotFoundError(*pair("report.text_missing", path=path, section=sid))
        text = p.read_text(encoding="utf-8")
        where = pair("report.text_where", path=p.name)
        screen_text(text, where_sv=where[0], where_en=where[1])
        out[sid] = text
    if cfg.syfte:
        screen_text(cfg.syfte, where_sv="Texten 'syfte'", where_en="The text 'syfte'")
    return out


def _no_step(key: str) -> None:
    """Progress of a build without a callback: nothing to do."""


#: The text keys of a build's steps before its files are written, in order (then one step per format).
STEPS: tuple[str, ...] = ("report.step_check", "report.step_types", "report.step_population", "report.step_areas",
                          "report.step_segregation", "report.step_schools", "report.step_insatser",
                          "report.step_sections", "report.step_figures")


def _stepper(progress: Callable[[int, int, str], None] | None, formats: list[str], lang: str):
    """``step(key)``: call ``progress(step, total, label)`` as step number ``step`` (1…total) starts."""
    if progress is None:
        return _no_step
    total = len(STEPS) + len(set(formats))
    done = [0]

    def step(key: str) -> None:
        done[0] += 1
        progress(done[0], total, i18n.t(key, lang))

    return step


def gather(store: Store, settings: Settings, cfg: ReportConfig, step: Callable[[str], None] = _no_step) -> dict:
    """All numbers of the report for ``cfg`` (a :class:`~lagesbild.reporting.config.ReportConfig`).

    The områdestyp figures, comparisons (län, riket, SKR kommungrupp, Kolada liknande
    kommuner), the ojämlikhetsindex and the Delmos eligibility rule come from
    :func:`lagesbild.services.lagesbild.kommun_profile`; the area table from
    :func:`lagesbild.services.lagesbild.area_table`; segregation measures from
    :mod:`lagesbild.services.measures`; the rest from :mod:`lagesbild.reporting.facts`.
    ``src`` maps each fact to the store source ids behind it (for the provenance registry).

    Parameters
    ----------
    store : Store
        The analytical store, open.
    settings : Settings
    cfg : ReportConfig
        The resolved report configuration (thresholds filled in).
    step : callable, optional
        Called with the text key of each step of :data:`STEPS` as it starts (progress).

    Returns
    -------
    dict
        The facts by name (``profile``, ``areas``, ``segregation``, ``skola``, ``insatser``,
        ``own_texts``, ``sources_table`` …) and ``src``: fact → store source ids.

    Raises
    ------
    NotFoundError
        An unknown kommun, a year without the kommun's data, an unknown comparison kommun or a
        missing text file.
    """
    import dataclasses

    from lagesbild.reporting import facts as fx

    k, year = cfg.kommun, cfg.year
    f: dict = {"src": {}}
    step("report.step_check")
    area = store.areas(level="kommun", codes=[k])
    if area.empty:
        raise NotFoundError(
            f"Kommunen {k} finns inte i lagret (parametern '--kommun').",
            f"The kommun {k} is not in the store (the '--kommun' parameter).",
        )
    check_inputs(store, cfg, area["name"].iloc[0])
    f["own_texts"] = own_texts(cfg)
    lan = area["lan"].iloc[0]
    thresholds = dataclasses.replace(
        settings,
        suppress_min_count=settings.suppress_min_count if cfg.suppress_min_count is None else cfg.suppress_min_count,
        suppress_min_denominator=(
            settings.suppress_min_denominator if cfg.suppress_min_denominator is None else cfg.suppress_min_denominator
        ),
    )
    step("report.step_types")
    f["profile"], f["profile_error"] = _safe(sl.kommun_profile, store, k, year, settings=settings, lang=cfg.lang)
    if f["profile"]:
        f["n_regso"] = len(f["profile"]["areas"])
        types = {r.area_code: int(r.omradestyp) for r in f["profile"]["areas"].itertuples()}
        rk, _ = _safe(sl.omradestyper_table, store, riket=True, years=[year], settings=settings, lang=cfg.lang)
        f["types_riket"] = rk["table"] if rk else None
        f["types_compare"] = {}
        for c in cfg.compare:
            res, _ = _safe(sl.omradestyper_table, store, kommun=c, years=[year], settings=settings,
                           lang=cfg.lang)
            if res:
                v = next((x["value"] for x in res["summary"] if x["id"] == "share_population_12"), None)
                f["types_compare"][c] = v
        f["src"]["types"] = set(store.observations("omradestyp", level="regso", kommun=k, year=year)["source_id"])
        f["src"]["types"] |= set(store.observations("folkmangd", level="regso", kommun=k, year=year)["source_id"])
    else:
        types = {}
    step("report.step_population")
    f["population"] = fx.population(store, k, year, compare=cfg.compare, lan=lan)
    f["src"]["population"] = set(f["population"]["sources"])
    step("report.step_areas")
    f["areas"], _ = _safe(sl.area_table, store, k, year, settings=thresholds, lang=cfg.lang)
    f["src"]["areas"] = f["areas"].attrs["sources"] if f["areas"] is not None else set()
    years = [y for y in store.years("fodda_utrikes", level="regso") if y <= year]
    f["type_trend"] = fx.type_trend(store, k, types, years) if types else None
    f["geoms"] = fx.map_geometries(store, k)
    step("report.step_segregation")
    f["segregation"] = _segregation(store, cfg, years, cfg.compare)
    f["src"]["segregation"] = f["segregation"]["sources"] if f["segregation"] else set()
    f["seg_sources"] = f["src"]["segregation"]
    step("report.step_schools")
    f["schools"] = fx.schools(store, k)
    from lagesbild.services.skola import skola_kommun

    f["skola"], _ = _safe(skola_kommun, store, k, lang=cfg.lang)
    f["src"]["skola"] = set(f["skola"]["kallor"]) if f["skola"] else set()
    f["turnout"] = fx.turnout(store, k, compare=cfg.compare, lan=lan)
    for key in ("schools", "turnout"):
        f["src"][key] = f[key].attrs.get("sources", set()) if f[key] is not None else set()
    step("report.step_insatser")
    f["insatser"], f["insatser_reason"] = _safe(_insatser_block, store, k, cfg.lang)
    from lagesbild.services.enkat_rapport import report_facts

    f["enkat"], f["enkat_reason"] = _safe(report_facts, store, settings, kommun=k, lang=cfg.lang)
    used = set().union(*f["src"].values())
    f["sources_used"] = used
    f["sources_table"] = _sources_table(store, used, cfg.lang)
    f["lan"], f["lan_name"] = lan, store.areas(level="lan", codes=[lan])["name"].iloc[0]
    f["kommun_name"] = area["name"].iloc[0]
    return f


def build_report(
    store: Store,
    settings: Settings,
    kommun: str | None = None,
    year: int | None = None,
    *,
    compare: list[str] | None = None,
    sections: list[str] | None = None,
    lang: str | None = None,
    formats: list[str] | None = None,
    out: str | Path | None = None,
    config: str | Path | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    self_contained: bool | None = None,
) -> dict:
    """Build the nulägesanalys of one kommun and write it to ``out``.

    Parameters
    ----------
    store : Store
    settings : Settings
    kommun : str
        Kommun code, e.g. "1480" (or in ``config``).
    year : int
        Reference year (or in ``config``).
    compare : list of str, optional
        Kommuner to compare with.
    sections : list of str, optional
        Section ids (default all; see :data:`lagesbild.reporting.config.SECTIONS`).
    lang : {"sv", "en"}, optional
        Default: the configuration file, else ``settings.lang``.
    formats : list of str, optional
        Any of "html", "pdf", "docx" (default all three).
    out : path
        Output folder.
    config : path, optional
        YAML file with the same choices; explicit arguments win over it.
    progress : callable, optional
        ``progress(step, total, label)``, called as each step starts: ``step`` runs from 1 to
        ``total`` (the steps of :data:`STEPS`, then one per format written), ``label`` names
        the step in the report's language. Without it nothing is reported.
    self_contained : bool, optional
        HTML: inline the chart scripts (Vega, Vega-Lite, vega-interpreter, report-charts.js)
        into the one file instead of writing them to ``assets/`` next to it (default: the
        configuration, else False).

    Returns
    -------
    dict
        ``paths`` ({format: path}), ``assets`` (paths of the chart scripts written next to the
        HTML; empty when self-contained), ``config`` (path of the written settings,
        ``nulagesanalys_<kommun>_<year>.yaml``), ``hash``, ``seconds``,
        ``sections`` ({id: "ok" | skip note}), ``report`` (the Report object).
    """
    from lagesbild._version import __version__
    from lagesbild.reporting import config as rc
    from lagesbild.reporting.figures import render_figures
    from lagesbild.reporting.model import Report
    from lagesbild.reporting.phrasing import texts
    from lagesbild.reporting.render_html import ASSETS_DIR, chart_assets, number_blocks, render_html
    from lagesbild.reporting.sections import Context, build_sections

    t0 = time.perf_counter()
    file_vals = rc.load_config(config) if config else {}
    if lang is None and "lang" not in file_vals:
        lang = getattr(settings, "lang", "sv")
    cfg = rc.merge(
        file_vals,
        kommun=kommun,
        year=year,
        compare=compare,
        sections=sections,
        lang=lang,
        formats=formats,
        self_contained=self_contained,
    )
    cfg = rc.with_defaults(cfg, settings)
    if out is None:
        from lagesbild.errors import param_error

        raise param_error(
            "--out", "lagesbild report", "en mapp att skriva rapporten till", "a folder to write the report to", None
        )
    out = Path(out)
    h = rc.config_hash(cfg)
    step = _stepper(progress, list(cfg.formats), cfg.lang)
    facts = gather(store, settings, cfg, step)
    names = store.areas(level="kommun").set_index("code")["name"]
    t = texts(cfg.lang)
    stem = i18n.t("common.lang_file_stem", cfg.lang, stem=f"nulagesanalys_{cfg.kommun}_{cfg.year}")
    facts["colophon"] = {
        "version": __version__,
        "hash": h,
        "config_file": f"{stem}.yaml",
        "date": _dt.date.today().isoformat(),
        "organisation": cfg.organisation,
        "doc_version": cfg.version,
    }
    ctx = Context(
        cfg=cfg,
        t=t,
        kommun_name=facts["kommun_name"],
        lan=facts["lan"],
        lan_name=facts["lan_name"],
        facts=facts,
        compare_names={c: names.get(c, c) for c in cfg.compare},
    )
    from lagesbild.reporting.numbers import recording

    step("report.step_sections")
    with recording() as registry:
        secs = build_sections(ctx)
    report = Report(
        title=t("title", kommun=facts["kommun_name"], year=cfg.year),
        subtitle=t("subtitle"),
        kommun=cfg.kommun,
        kommun_name=facts["kommun_name"],
        year=cfg.year,
        lang=cfg.lang,
        sections=secs,
        colophon=facts["colophon"],
        provenance=registry,
    )
    number_blocks(report)
    step("report.step_figures")
    render_figures(report.figures(), lang=cfg.lang, png=bool({"pdf", "docx"} & set(cfg.formats)))
    paths, assets = {}, []
    if "html" in cfg.formats:
        step("report.step_html")
        scripts = "inline" if cfg.self_contained else "assets"
        if scripts == "assets" and report.figures():
            # the scripts first, so the page never points at a file that is not there yet
            assets = [write_atomic(out / ASSETS_DIR / name, data) for name, data in chart_assets().items()]
        paths["html"] = write_atomic(out / f"{stem}.html", render_html(report, mode="screen", scripts=scripts))
    if "pdf" in cfg.formats:
        step("report.step_pdf")
        from lagesbild.reporting.render_pdf import render_pdf

        paths["pdf"] = write_atomic(out / f"{stem}.pdf", render_pdf(report))
    if "docx" in cfg.formats:
        step("report.step_docx")
        from lagesbild.reporting.render_docx import render_docx

        paths["docx"] = write_atomic(out / f"{stem}.docx", render_docx(report))
    # one settings file per kommun, year and language: two reports in one folder never overwrite it
    cfg_path = write_atomic(out / f"{stem}.yaml", rc.dump_yaml(cfg))
    return {
        "paths": {k: str(v) for k, v in paths.items()},
        "assets": [str(a) for a in assets],
        "config": str(cfg_path),
        "hash": h,
        "seconds": round(time.perf_counter() - t0, 2),
        "sections": {s.id: (s.skipped or "ok") for s in secs},
        "report": report,
    }


def demo(store: Store, settings: Settings) -> None:
    """Write Göteborg's (1480) report for the latest områdestyp year to ``out/`` and print the paths.

    Parameters
    ----------
    store : Store
    settings : Settings
    """
    years = sorted(int(y) for y in store.years("omradestyp"))
    year = 2023 if 2023 in years else years[-1]
    res = build_report(store, settings, "1480", year, compare=["1280", "0180"], out="out")
    print(f"\nNulägesanalys Göteborg {year} ({res['seconds']} s):")
    for fmt, p in res["paths"].items():
        print(f"  {fmt:<5} {p}")
    print(f"  config {res['config']}")
