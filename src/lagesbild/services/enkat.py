"""Use cases of the youth survey and the ANDT follow-up, shared by the CLI, the web app and the report.

Every result that comes from the *syntetisk exempelenkät* says so (``enkat`` and ``syntetisk``
in the result). Settings used: ``enkat_min_n`` (suppression threshold) and
``enkat_priorities`` (how many ranked factors are priorities).
"""

from __future__ import annotations

from pathlib import Path

from lagesbild.enkat import andt, compare, priorities, profile, storage, synthetic
from lagesbild.enkat.catalogue import Catalogue, load_catalogue
from lagesbild.enkat.codebook import read_codebook
from lagesbild.enkat.importer import read_wave
from lagesbild.errors import InputError, NotFoundError
from lagesbild.i18n import pair, t

__all__ = ["exempel", "import_survey", "profil", "prioriteringar", "trend", "import_reference", "waves",
           "response_rates", "policy_add", "policy_list", "policy_delete", "tillsyn_set", "tillsyn_list",
           "andt_overview", "survey_summary", "demo", "parse_by", "catalogue_rows", "display_profile",
           "display_priorities", "pct", "interval", "report_facts", "rapport", "chart_spec", "page_data",
           "factor_gap", "reference_cuts", "kommun_name",
           "enter_reference"]


def pct(x, lang: str = "sv") -> str:
    """A share 0–1 as a Swedish (or English) percentage, "–" when missing or suppressed."""
    from lagesbild.reporting.numbers import fmt_percent

    return t("enkat.suppressed", lang) if x is None else fmt_percent(100 * x, 1, lang, word=False)


def interval(lo, hi, lang: str = "sv") -> str:
    from lagesbild.reporting.numbers import fmt_number

    if lo is None or hi is None:
        return t("enkat.suppressed", lang)
    return f"{fmt_number(100 * lo, 1, lang)}–{fmt_number(100 * hi, 1, lang)}"


def display_profile(rows: list[dict], lang: str = "sv") -> list[dict]:
    """Profile rows for people: labelled columns, Swedish number format, "–" for suppressed."""
    from lagesbild.reporting.numbers import fmt_int

    return [{t("enkat.col.faktor", lang): r["namn"], t("enkat.col.typ", lang): t(f"enkat.typ.{r['typ']}", lang),
             t("enkat.col.grupp", lang): r["grupp"], t("enkat.col.n", lang): fmt_int(r["n"], lang),
             t("enkat.col.andel", lang): pct(r["andel"], lang),
             t("enkat.col.ki", lang): interval(r["ki_undre"], r["ki_ovre"], lang)} for r in rows]


def display_priorities(rows: list[dict], lang: str = "sv") -> list[dict]:
    return [{t("enkat.col.rang", lang): str(r["rang"]), t("enkat.col.faktor", lang): r["namn"],
             t("enkat.col.typ", lang): t(f"enkat.typ.{r['typ']}", lang), t("enkat.col.andel", lang): pct(r["andel"],
                 lang),
             t("enkat.col.referens", lang): pct(r["referens"], lang) if r["referens"] is not None else "",
             t("enkat.col.insatser", lang): ", ".join(r["insatser"]) or t("enkat.none", lang)} for r in rows]


def _catalogue(catalogue_file: str | Path | None = None) -> Catalogue:
    return load_catalogue(catalogue_file)


def parse_by(value: str | list[str] | None) -> list[str]:
    """``"skola,kon"`` → ``["skola", "kon"]``; each must be a breakdown dimension."""
    if value is None or value == "":
        return []
    parts = value if isinstance(value, list) else [p.strip() for p in str(value).split(",") if p.strip()]
    for p in parts:
        if p not in profile.DIMENSIONS:
            raise InputError(*pair("enkat.bad_by", known=", ".join(profile.DIMENSIONS), value=str(value)))
    if len(set(parts)) != len(parts):
        raise InputError(*pair("enkat.bad_by", known=", ".join(profile.DIMENSIONS), value=str(value)))
    return parts


def exempel(kommun: str, year: int, out: str | Path, codebook_out: str | Path, *, seed: int = 1,
            schools: int = 6, enrolled: int = 110) -> dict:
    """Write a *syntetisk exempelenkät* as the provider's CSV and its codebook (YAML)."""
    import yaml

    from lagesbild._fileio import write_atomic

    if len(str(kommun)) != 4 or not str(kommun).isdigit():
        raise InputError(*pair("enkat.bad_kommun", kommun=str(kommun)))
    cat = _catalogue()
    syn = synthetic.generate(cat, str(kommun), int(year), seed=seed, schools=schools, enrolled=enrolled)
    df = synthetic.provider_frame(syn, cat)
    cb = synthetic.codebook_for(syn, cat)
    header = f"# {synthetic.LABEL}: kodbok för kommun {kommun} år {year} (lagesbild)\n"
    write_atomic(out, df.to_csv(index=False, sep=";"))
    write_atomic(codebook_out, header + yaml.safe_dump(cb, allow_unicode=True, sort_keys=False))
    return {"enkat": synthetic.LABEL, "syntetisk": True, "kommun": str(kommun), "ar": int(year), "n": syn.n,
            "fil": str(out), "kodbok": str(codebook_out)}


def import_survey(store, file: str | Path, codebook: str | Path, *, kommun: str, year: int,
                  catalogue_file: str | Path | None = None, replace: bool = False) -> dict:
    """Read, screen and validate a survey file and store it (all or nothing)."""
    cat = _catalogue(catalogue_file)
    cb = read_codebook(codebook, cat)
    wave = read_wave(file, cb, cat, kommun=str(kommun), year=int(year))
    res = storage.save_wave(store, wave, catalogue_version=cat.version, replace=replace)
    res.update(enkat=wave.name, syntetisk=wave.synthetic, fil=Path(file).name)
    return res


def waves(store, kommun: str) -> list[dict]:
    return [{**w, "inlast": w["inlast"].isoformat(timespec="seconds")} for w in storage.waves(store, kommun)]


def _wave(store, kommun: str, year: int):
    return storage.load_wave(store, str(kommun), int(year))


def reference_cuts(store, kommun: str, cat: Catalogue, reference_year: int | None = None) -> tuple[dict, int | None]:
    """Cut-offs of the percentile scales, computed on the reference wave.

    The reference is the kommun's own earliest imported wave unless ``reference_year`` names
    another, so that later waves are measured against the same cut-off and a trend is a change
    in the share, not in the cut-off (docs/methods/prevention.md §2.1: RISE averages the percentiles of a
    reference period). Returns ``({scale id: cut-off}, reference year)``; fixed cut-offs need none.
    """
    if not any(s.cut_method == "percentil" for s in cat.scales):
        return {}, None
    if reference_year is None:
        years = [w["ar"] for w in storage.waves(store, str(kommun))]
        if not years:
            return {}, None
        reference_year = min(years)
    ref = _wave(store, kommun, reference_year)
    return {sc.scale.id: sc.cut for sc in profile.score_wave(ref, cat) if sc.scale.cut_method == "percentil"}, \
        int(reference_year)


def profil(store, settings, *, kommun: str, year: int, by: str | list[str] | None = None,
           catalogue_file: str | Path | None = None, reference_year: int | None = None, lang: str = "sv") -> dict:
    """The profile of one wave: ``{"enkat", "syntetisk", "rader": [...], "svarsfrekvens": [...]}``."""
    dims = parse_by(by)
    wave = _wave(store, kommun, year)
    cat = _catalogue(catalogue_file)
    cuts, ref_year = reference_cuts(store, kommun, cat, reference_year)
    rows = profile.profile(wave, cat, by=dims, min_n=settings.enkat_min_n, cuts=cuts, lang=lang)
    for r in rows:
        r["enkat"] = wave.name
    return {"enkat": wave.name, "syntetisk": wave.synthetic, "kommun": str(kommun), "ar": int(year), "n": wave.n,
            "min_n": settings.enkat_min_n, "katalog": cat.version, "gransreferens": ref_year, "rader": rows,
            "svarsfrekvens": profile.response_rates(wave)}


def _reference_rows(store, year: int, rows: list[dict]) -> list[dict]:
    return compare.compare_reference(rows, storage.references(store, year))


def prioriteringar(store, settings, *, kommun: str, year: int, reference: str | None = None,
                   catalogue_file: str | Path | None = None, lang: str = "sv") -> dict:
    """Ranked factors with the insatser that target them, and the gap."""
    from lagesbild.prevention import registry

    prof = profil(store, settings, kommun=kommun, year=year, catalogue_file=catalogue_file, lang=lang)
    cat = _catalogue(catalogue_file)
    comps = _reference_rows(store, year, prof["rader"])
    insatser = registry.list_insatser(store, str(kommun))
    ranked = priorities.rank_factors(prof["rader"], cat, insatser, comparisons=comps, reference=reference,
                                     top=settings.enkat_priorities)
    for r in ranked:
        r["enkat"] = prof["enkat"]
    gap = priorities.gaps(ranked)
    return {"enkat": prof["enkat"], "syntetisk": prof["syntetisk"], "kommun": str(kommun), "ar": int(year),
            "faktorer": ranked, "luckor": [g["faktor"] for g in gap],
            "lucktext": t("enkat.gap", lang, factors=", ".join(g["namn"] for g in gap)) if gap
            else t("enkat.no_gap", lang)}


def trend(store, settings, *, kommun: str, year: int, year_before: int | None = None,
          by: str | list[str] | None = None, lang: str = "sv") -> dict:
    """Change per factor (and group) from the previous wave (or ``year_before``)."""
    years = [w["ar"] for w in storage.waves(store, str(kommun))]
    if year_before is None:
        earlier = [y for y in years if y < int(year)]
        if not earlier:
            raise NotFoundError(*pair("enkat.no_wave", kommun=kommun, year=f"före {year}"))
        year_before = max(earlier)
    now = profil(store, settings, kommun=kommun, year=year, by=by, lang=lang)
    before = profil(store, settings, kommun=kommun, year=year_before, by=by, lang=lang)
    rows = compare.trend(now["rader"], before["rader"], year=int(year), year_before=int(year_before))
    return {"enkat": now["enkat"], "syntetisk": now["syntetisk"], "kommun": str(kommun), "ar": int(year),
            "ar_fore": int(year_before), "rader": rows}


def import_reference(store, file: str | Path) -> dict:
    """Import reference aggregates from CSV: columns ``ar, faktor, niva, andel[, n][, kalla]``.

    ``andel`` is a share 0–1 (or a percentage with ``%``); ``niva`` names the reference (``lan``,
    ``riket`` or a kommun name). Rows are validated against the scale catalogue.
    """
    import pandas as pd

    path = Path(file)
    if not path.exists():
        raise InputError(*pair("enkat.file_missing", file=str(path)))
    df = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False)
    known = {s.id for s in _catalogue().scales}
    rows = [_reference_row(r, known, lambda problem, i=i: InputError(*pair(
        "enkat.bad_reference", file=path.name, row=i, problem=problem)), path.name)
        for i, r in enumerate(df.to_dict("records"), start=2)]
    return {"rader": storage.save_reference(store, rows), "fil": path.name}


def enter_reference(store, *, ar: int, faktor: str, niva: str, andel: str | float, n: int | None = None,
                    kalla: str = "") -> dict:
    """Enter one reference value by hand (same checks as :func:`import_reference`)."""
    known = {s.id for s in _catalogue().scales}
    row = _reference_row({"ar": str(ar), "faktor": faktor, "niva": niva, "andel": str(andel),
                          "n": "" if n is None else str(n), "kalla": kalla}, known,
                         lambda problem: InputError(*pair("enkat.bad_reference_entry", problem=problem)),
                         "inmatad")
    return {"rader": storage.save_reference(store, [row]), **row}


def _reference_row(r: dict, known: set[str], bad, default_source: str) -> dict:
    for col in ("ar", "faktor", "niva", "andel"):
        if col not in r:
            raise bad(f"kolumnen {col!r} saknas")
    if r["faktor"] not in known:
        raise bad(f"faktorn {r['faktor']!r} finns inte i skalkatalogen")
    try:
        raw = str(r["andel"]).strip().replace(",", ".")
        andel = float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
        year = int(r["ar"])
        n = int(r["n"]) if str(r.get("n", "")).strip() else None
    except ValueError:
        raise bad("ar, andel och n ska vara tal") from None
    if not 0 <= andel <= 1:
        raise bad(f"andelen ska vara 0–1, fick {r['andel']!r}")
    return {"ar": year, "faktor": r["faktor"], "niva": str(r["niva"]).strip(), "andel": andel, "n": n,
            "kalla": r.get("kalla", "") or default_source}


def response_rates(store, *, kommun: str, year: int) -> list[dict]:
    return profile.response_rates(_wave(store, kommun, year))


def catalogue_rows(lang: str = "sv", catalogue_file: str | Path | None = None) -> list[dict]:
    """The scale catalogue as rows (for the docs, the page and the report's method section)."""
    cat = _catalogue(catalogue_file)
    return [{"faktor": s.id, "namn": s.name(lang), "doman": s.domain, "typ": s.kind, "fragor": len(s.items),
             "min_besvarade": s.min_answered, "poang": s.scoring,
             "grans": s.cut_value if s.cut_method == "fast" else f"P{s.cut_percentile:g}", "kalla": s.source,
             "items": [{"id": i.id, "text": i.text, "omvand": i.reverse} for i in s.items]} for s in cat.scales]


# ------------------------------------------------------------------------------------------ ANDT
def policy_add(store, data: dict, policy_id: int | None = None) -> dict:
    res = andt.save_policy(store, data, policy_id)
    return {**res, "antagen": res["antagen"] and res["antagen"].isoformat(),
            "nasta_revision": res["nasta_revision"] and res["nasta_revision"].isoformat(),
            "andrad": res["andrad"].isoformat(timespec="seconds")}


def policy_list(store, kommun: str, today=None) -> list[dict]:
    return andt.list_policies(store, str(kommun), today=today)


def policy_delete(store, policy_id: int) -> None:
    andt.delete_policy(store, policy_id)


def tillsyn_set(store, kommun: str, year: int, counts: dict[str, int]) -> dict:
    return andt.save_tillsyn(store, str(kommun), int(year), counts)


def tillsyn_list(store, kommun: str, lang: str = "sv") -> list[dict]:
    return andt.tillsyn_table(store, str(kommun), lang)


def andt_overview(store, kommun: str, *, lang: str = "sv", today=None) -> dict:
    """Policies (overdue flagged), tillsyn per year and every self-assessment in full."""
    from lagesbild.prevention import selfassessment

    table = selfassessment.compare(store, str(kommun))
    years = [c for c in table.columns if isinstance(c, int)] if not table.empty else []
    full = []
    for y in years:
        try:
            full.append(selfassessment.get(store, str(kommun), int(y)))
        except NotFoundError:
            continue
    comparison = {"ar": [int(y) for y in years],
                  "rader": [{"kategori": str(r["kategori"]), "varden": [float(r[y]) for y in years],
                             "forandring": float(r["förändring"]) if "förändring" in r else None}
                            for r in (table.to_dict("records") if not table.empty else [])]}
    return {"kommun": str(kommun), "policyer": policy_list(store, kommun, today),
            "tillsyn": tillsyn_list(store, kommun, lang),
            "sjalvskattning": {"etikett": selfassessment.LABEL, "jamforelse": comparison, "ar": full}}


def survey_summary(store, settings, *, kommun: str, year: int | None = None, lang: str = "sv") -> dict | None:
    """What the report and the page show: profile, priorities, trend and response rates (None without a wave)."""
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
            "referenser": _reference_rows(store, year, prof["rader"])}


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


def factor_gap(store, kommun: str, lang: str = "sv") -> dict | None:
    """The survey's priority factors that no insats addresses, for the coverage view and the chain.

    None when the kommun has no imported survey (or the gap cannot be computed); otherwise
    ``{"ar", "enkat", "luckor": [{"faktor", "namn"}], "rubrik", "text", "lank", "lanktext"}`` with texts in ``lang``.
    """
    from lagesbild.errors import LagesbildError

    settings = store.settings
    try:
        ws = storage.waves(store, str(kommun))
        if not ws:
            return None
        year = max(w["ar"] for w in ws)
        prio = prioriteringar(store, settings, kommun=kommun, year=year, lang=lang)
    except LagesbildError:
        return None
    gap = [{"faktor": f["faktor"],
        "namn": f["namn"]} for f in prio["faktorer"] if f["prioriterad"] and not f["insatser"]]
    return {"ar": year, "enkat": prio["enkat"], "luckor": gap,
            "rubrik": t("enkat.gap_heading", lang, enkat=prio["enkat"], ar=year), "text": prio["lucktext"],
            "lank": f"/enkat/{kommun}?year={year}", "lanktext": t("enkat.gap_link", lang)}


def kommun_name(store, kommun: str) -> str:
    """The kommun's name from the store (the code when the store does not know it)."""
    from lagesbild.errors import LagesbildError

    try:
        return str(store.area(str(kommun)).get("name") or kommun)
    except (LagesbildError, KeyError, ValueError):
        return str(kommun)


def chart_spec(rows: list[dict], lang: str = "sv") -> dict:
    """The profile chart (Vega-Lite) of the kommun-total rows, as in the report."""
    from lagesbild.reporting.sections.enkat import profile_chart

    return profile_chart([r for r in rows if r["dimension"] == "kommun"], lang)


def page_data(store, settings, *, kommun: str, year: int | None = None, by: str | None = None,
              lang: str = "sv") -> dict | None:
    """Everything the survey web page shows (None when the kommun has no imported survey)."""
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


def report_facts(store, settings, *, kommun: str, year: int | None = None, lang: str = "sv") -> dict | None:
    """What the report section shows (None when the kommun has no imported survey)."""
    summary = survey_summary(store, settings, kommun=kommun, year=year, lang=lang)
    if summary is None:
        return None
    prof, prio = summary["profil"], summary["prioriteringar"]
    return {"enkat": prof["enkat"], "syntetisk": prof["syntetisk"], "ar": prof["ar"], "n": prof["n"],
            "min_n": prof["min_n"], "profil": prof["rader"], "prioriteringar": prio["faktorer"],
            "lucktext": prio["lucktext"], "luckor": prio["luckor"],
            "trendmeningar": _trend_sentences(summary["trend"], lang),
            "andt": andt_overview(store, kommun, lang=lang)}


def rapport(store, settings, *, kommun: str, year: int, out: str | Path, formats: tuple[str, ...] = ("html",),
            lang: str = "sv") -> dict:
    """The standalone survey report (HTML, PDF and/or Word) in the folder ``out``."""
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


def demo(store, settings) -> None:
    """Import two waves of the syntetisk exempelenkät for Botkyrka and print the priorities."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for year, seed in ((2022, 1), (2024, 2)):
            csv, yml = Path(tmp) / f"enkat_{year}.csv", Path(tmp) / f"kodbok_{year}.yaml"
            exempel("0127", year, csv, yml, seed=seed)
            import_survey(store, csv, yml, kommun="0127", year=year, replace=True)
    prio = prioriteringar(store, settings, kommun="0127", year=2024)
    print(f"\nUngdomsenkät ({synthetic.LABEL}) för Botkyrka 2022 och 2024 – prioriterade faktorer 2024:")
    for f in prio["faktorer"][: settings.enkat_priorities]:
        ins = ", ".join(f["insatser"]) or "ingen insats"
        print(f"  {f['rang']}. {f['namn']} ({f['typ']}): {round(100 * f['andel'])} % – {ins}")
    print("  " + prio["lucktext"])
