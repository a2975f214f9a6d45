"""Use cases of the crime-prevention lägesbild document and the demo step (see :mod:`lagesbild.services.brott`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair
from lagesbild.services import brott as svc
from lagesbild.services import brott_lagesbild, brott_plan

if TYPE_CHECKING:
    from lagesbild._config import Settings
    from lagesbild.store.db import Store
    from lagesbild.store.operational import OperationalStore

__all__ = ["document_data", "lagesbild_findings", "rapport", "demo", "demo_incidents", "demo_plan"]


def _social(store, kommun: str, year: int) -> tuple[list[dict], int | None, dict[str, str]]:
    obs = store.observations(["folkmangd", "fodda_utrikes", "omradestyp"], level="regso", kommun=kommun,
                             version="RegSO2020")
    if obs.empty:
        return [], None, {}
    y = max((yy for yy in obs["year"].unique() if yy <= year), default=int(obs["year"].max()))
    wide = obs[obs["year"] == y].pivot_table(index=["area_code", "name"], columns="variable", values="value",
                                             aggfunc="first").reset_index()
    typ = obs[obs["variable"] == "omradestyp"]
    ty = max((yy for yy in typ["year"].unique() if yy <= year), default=None) if not typ.empty else None
    types = {} if ty is None else {r.area_code: str(int(r.value)) for r in typ[typ["year"] == ty].itertuples()}
    rows = []
    for r in wide.sort_values("area_code").to_dict("records"):
        pop, abroad = r.get("folkmangd"), r.get("fodda_utrikes")
        rows.append({"kod": r["area_code"], "namn": r["name"], "folkmangd": pop,
                     "andel_utrikes": None if not pop or pd.isna(abroad) else 100.0 * abroad / pop,
                     "omradestyp": types.get(r["area_code"], "–")})
    return rows, int(y), types


def document_data(store: Store, ops: OperationalStore, *, kommun: str, year: int, approver: str | None = None,
                  datum: date | str | None = None, version: int | None = None, min_respondents: int = 200,
                  alpha: float = 0.05, incidents: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything the lägesbild document shows, from the same functions as the CLI.

    Parameters
    ----------
    store : Store
        The open analytical store (Brå, SCB, population).
    ops : OperationalStore
        The operational store (incidents, plans, roles).
    kommun : str
        Kommun code.
    year : int
        The year of the lägesbild.
    approver : str, optional
        Who approved the document (named in it).
    datum : date or str, optional
        The document's date (default: today).
    version : int, optional
        The document version (default: the next one).
    min_respondents : int, default 200
        NTU values with fewer respondents are not shown.
    alpha : float, default 0.05
        Significance level of the change rule.
    incidents : pandas.DataFrame, optional
        Incidents to use instead of the approved ones in ``ops``.

    Returns
    -------
    dict
        The document's data (statistics, findings, plan, meeting list, metadata).
    """
    from datetime import date

    from lagesbild._version import __version__
    from lagesbild.brott.kategorier import default_taxonomy
    from lagesbild.brott.tabeller import list_promises, list_roles, next_document_version

    name = svc.kommun_name(store, kommun)
    lan_code = str(store.area(kommun, version="kommun2025")["lan"])
    lan_name = str(store.area(lan_code, version="lan2025")["name"])
    try:
        stats = svc.statistik(store, kommun, min_respondents=min_respondents, geografi=[lan_name, "Hela landet"])
    except NotFoundError:
        stats = []
    social, social_year, types = _social(store, kommun, year)
    tax = default_taxonomy()
    h = brott_lagesbild.lagesbild(store, ops, kommun=kommun, period=str(year), alpha=alpha, incidents=incidents)
    loften = list_promises(ops, kommun=kommun)
    plan = brott_plan.current_plan(ops, kommun=kommun, ar=year)
    fore_efter = []
    if plan is not None:
        from lagesbild.brott.plan import before_after
        from lagesbild.brott.tabeller import incidents_for_analysis

        inc = incidents if incidents is not None else incidents_for_analysis(ops, kommun=kommun)
        inc = brott_lagesbild.to_level(store, kommun, inc, "regso")
        fore_efter = [b for m in plan.measures if (b := before_after(m, inc)) is not None]
    karta = None
    uso = svc.utsatta_outlines(store, kommun)
    if len(uso):
        areas = store.geometries(level="regso", kommun=kommun, version="RegSO2020", simplified=True)
        areas = areas.assign(omradestyp=areas["code"].map(lambda c: int(types[c]) if c in types else None))
        karta = {"areas": areas[["code", "name", "omradestyp", "geometry"]], "uso": uso}
    return {
        "karta": karta,
        "kommun": kommun, "kommunnamn": name, "lan_namn": lan_name, "ar": year, "statistik": stats,
        "kolada": svc.kolada_comparison(kommun), "handelser": h if h["totalt"]["antal"] or h["omraden"] else h,
        "kategori_namn": {c: tax.label(c) for c in tax.codes}, "utsatta": svc.utsatta(store, kommun),
        "omradestyp": types, "social": social, "social_ar": social_year,
        "plan": plan, "fore_efter": fore_efter, "roller": list_roles(ops, kommun=kommun),
        "loften": brott_lagesbild.records(loften) if not loften.empty else [], "min_svarande": min_respondents,
        "alfa": alpha,
        "version": version or next_document_version(ops, kommun=kommun, ar=year), "godkand_av": approver,
        "datum": (datum or date.today()).isoformat() if not isinstance(datum, str) else datum,
        "lagesbild_version": __version__,
    }


def lagesbild_findings(store: Store, ops: OperationalStore, *, kommun: str, ar: int) -> list[dict]:
    """The findings of the kommun's lägesbild for a year, as the document's *Analys* states them.

    Parameters
    ----------
    store : Store
        The open analytical store (Brå, SCB, population).
    ops : OperationalStore
        The operational store (incidents).
    kommun : str
        Four-digit kommun code.
    ar : int
        The year of the lägesbild.

    Returns
    -------
    list of dict
        ``id`` (F1, F2 … in the document's order), ``text`` and ``rule`` of each finding.
    """
    from lagesbild.reporting.brott import findings

    return [{"id": f.id, "text": f.text, "rule": f.rule}
            for f in findings(document_data(store, ops, kommun=kommun, year=ar))]


def rapport(store: Store, ops: OperationalStore, *, kommun: str, year: int, formats: Iterable[str] = ("html",),
            out: Path = Path("out"), approver: str | None = None, datum: date | str | None = None,
            incidents: pd.DataFrame | None = None, min_respondents: int = 200, alpha: float = 0.05) -> dict[str, Any]:
    """Write the lägesbild document (HTML, PDF, Word) and record its version; returns paths and data.

    Parameters
    ----------
    store : Store
        The open analytical store (Brå, SCB, population).
    ops : OperationalStore
        The operational store (incidents, plans, roles).
    kommun, year
        Kommun code and year.
    formats : iterable of {"html", "pdf", "docx"}
        The formats to write.
    out : Path
        The output folder.
    approver, datum, incidents, min_respondents, alpha
        As for :func:`document_data`.

    Returns
    -------
    dict
        ``paths`` (format → file), ``version``, ``fynd`` and the document data.

    Raises
    ------
    InputError
        If a format is unknown.
    """
    import hashlib
    import json
    import time
    from datetime import date

    from lagesbild._fileio import write_atomic
    from lagesbild.brott.tabeller import record_document
    from lagesbild.reporting.brott import build_document, findings

    bad = [f for f in formats if f not in ("html", "pdf", "docx")]
    if bad:
        raise InputError(*pair("brott.bad_format", value=",".join(bad)))
    t0 = time.perf_counter()
    d = document_data(store, ops, kommun=kommun, year=year, approver=approver, datum=datum, incidents=incidents,
                      min_respondents=min_respondents, alpha=alpha)
    d["fynd"] = findings(d)
    basis = json.dumps({k: v for k, v in d.items() if k not in ("plan", "fynd", "karta")}, default=str,
                       sort_keys=True)
    d["hash"] = hashlib.sha256(basis.encode("utf-8")).hexdigest()
    report = build_document(d)
    from lagesbild.reporting.figures import render_figures

    render_figures(report.figures(), lang="sv", png=bool({"pdf", "docx"} & set(formats)))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"lagesbild_brott_{kommun}_{year}_v{d['version']}"
    paths = {}
    for fmt in formats:
        if fmt == "html":
            from lagesbild.reporting.render_html import number_blocks, render_html

            number_blocks(report)
            data = render_html(report, scripts="none").encode("utf-8")
        elif fmt == "pdf":
            from lagesbild.reporting.render_html import number_blocks
            from lagesbild.reporting.render_pdf import render_pdf

            number_blocks(report)
            data = render_pdf(report)
        else:
            from lagesbild.reporting.render_docx import render_docx

            data = render_docx(report)
        path = out / f"{stem}.{fmt}"
        write_atomic(path, data)
        paths[fmt] = str(path)
    record_document(ops, kommun=kommun, ar=year, version=d["version"], godkand_av=approver,
                    datum=date.fromisoformat(d["datum"]), sha256=d["hash"])
    return {"paths": paths, "version": d["version"], "fynd": [f.__dict__ for f in d["fynd"]],
            "sekunder": round(time.perf_counter() - t0, 2), "data": d, "report": report}


DEMO_KOMMUN = "2081"  # Borlänge: real Brå data, and Tjärna Ängar is on Polisen's list
DEMO_YEAR = 2025


def demo_incidents(store: Store, ops: OperationalStore, kommun: str) -> int:
    """Insert generated example incidents (labelled exempeldata) for the demo, once.

    Parameters
    ----------
    store : Store
        The open analytical store (Brå, SCB, population).
    ops : OperationalStore
        The operational store (incidents, plans, roles).
    kommun : str
        Kommun code.

    Returns
    -------
    int
        Number of incidents inserted (0 when example incidents are there already).
    """
    from lagesbild.brott.exempel import generate_incidents
    from lagesbild.brott.tabeller import incidents_for_analysis, insert_incidents

    have = incidents_for_analysis(ops, kommun=kommun)
    if len(have) and have["exempeldata"].any():
        return 0
    pop = svc.population(store, kommun, "regso")
    pop = pop[pop["ar"] == pop["ar"].max()].set_index("omrade")["folkmangd"]
    focus = next((a["kod"] for u in svc.utsatta(store, kommun) for a in u["omraden"] if a["niva"] == "regso"), None)
    gen = generate_incidents(pop, years=(DEMO_YEAR - 1, DEMO_YEAR), focus=focus)
    n = 0
    for org, part in gen.groupby("organisation"):
        n += len(insert_incidents(ops, part, kommun=kommun, organisation=f"{org} ({svc.EXAMPLE_LABEL})"))
    return n


def demo_plan(store: Store, ops: OperationalStore, kommun: str, year: int) -> None:
    """Fill in example roles, medborgarlöften and an approved plan for the demo (each only if missing).

    Parameters
    ----------
    store : Store
        The open analytical store (Brå, SCB, population).
    ops : OperationalStore
        The operational store (incidents, plans, roles).
    kommun : str
        Kommun code.
    year : int
        The plan year.
    """
    from lagesbild.brott.plan import Cause, Measure, Plan
    from lagesbild.brott.tabeller import list_promises, list_roles, save_promise, set_role
    from lagesbild.i18n import t
    from lagesbild.reporting.brott import findings

    ex = t("brott.demo.prefix", "sv")
    if not list_roles(ops, kommun=kommun):
        for roll, who, org in (("samordnare", "brottsförebyggande samordnare", "Kommunledningsförvaltningen"),
                               ("styrgrupp_ordforande", "kommundirektören", "Kommunen"),
                               ("polisens_kontaktperson", "kommunpolisen", "Polisen")):
            set_role(ops, kommun=kommun, roll=roll, innehavare=f"{ex} {who}", organisation=org)
    if list_promises(ops, kommun=kommun).empty:
        save_promise(ops, kommun=kommun, values={
            "text": f"{ex} {t('brott.demo.promise', 'sv')}", "kalla": "medborgardialog", "ansvarig": "bada",
            "klart": pd.Timestamp(f"{year}-12-31").date(), "status": "pagar",
            "sammanfattning": t("brott.demo.promise_summary", "sv")})
    if brott_plan.current_plan(ops, kommun=kommun, ar=year) is not None:
        return
    fs = findings(document_data(store, ops, kommun=kommun, year=year))
    pick = [f for f in fs if "Hot-spots" in f.text or "utsatt" in f.text] or fs[:1]
    focus = next((a["kod"] for u in svc.utsatta(store, kommun) for a in u["omraden"] if a["niva"] == "regso"), None)
    ids = [f.id for f in pick]
    plan = Plan(kommun=kommun, ar=year, findings=fs,
                causes=[Cause("O1", f"{ex} {t('brott.demo.cause', 'sv')}", findings=ids)],
                measures=[Measure("A1", f"{ex} {t('brott.demo.measure1', 'sv')}", causes=["O1"],
                                  ansvarig="Tekniska förvaltningen", start=f"{year}-04-01", slut=f"{year}-10-31",
                                  indikator=t("brott.demo.indicator", "sv"), uppfoljning=f"{year + 1}-02-01",
                                  status="paborjad", omrade=focus),
                          Measure("A2", f"{ex} {t('brott.demo.measure2', 'sv')}", findings=ids[:1],
                                  ansvarig="Polisen och kommunen", start=f"{year}-05-01", slut=f"{year}-09-30",
                                  indikator=t("brott.demo.indicator", "sv"), uppfoljning=f"{year + 1}-02-01")])
    brott_plan.save_plan(ops, plan.to_dict())
    brott_plan.approve_plan(ops, kommun=kommun, ar=year, approver=f"{ex} kommunstyrelsen")


def demo(store: Store, settings: Settings) -> None:
    """Borlänge's lägesbild over crime from real Brå data and generated incidents, written to ``out/``.

    Parameters
    ----------
    store : Store
        The open store.
    settings : Settings
        The resolved settings.
    """
    ops = svc.open_ops(settings)
    try:
        n = demo_incidents(store, ops, DEMO_KOMMUN)
        demo_plan(store, ops, DEMO_KOMMUN, DEMO_YEAR)
        res = rapport(store, ops, kommun=DEMO_KOMMUN, year=DEMO_YEAR, formats=("html", "pdf", "docx"),
                      out=Path("out"), approver="[Exempel] kommunstyrelsen", alpha=settings.brott_alfa,
                      min_respondents=settings.brott_min_svarande)
    finally:
        ops.close()
    print(f"\nLägesbild över brottsligheten Borlänge {DEMO_YEAR} – {svc.EXAMPLE_LABEL} "
          f"({n} genererade händelser, {res['sekunder']} s):")
    for fmt, p in res["paths"].items():
        print(f"  {fmt:<5} {p}")
