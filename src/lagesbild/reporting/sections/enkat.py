"""The youth-survey section: risk and protective factor profile, priorities and insatser, trend, ANDT.

Reads ``ctx.facts["enkat"]`` (built by :func:`lagesbild.services.enkat_rapport.report_facts`); skipped
with a one-line note when the kommun has no imported survey. Suppressed cells are shown as "–";
comparisons use the interval rules of :mod:`lagesbild.enkat.compare`.
"""

from __future__ import annotations

from lagesbild.i18n import t
from lagesbild.reporting import numbers as nb
from lagesbild.reporting.figures import chart_config
from lagesbild.reporting.model import Note, Paragraph, Section, Table
from lagesbild.reporting.sections._common import Context, SkipSection

__all__ = ["enkat", "build", "profile_chart"]


def _pct(x, lang: str) -> str:
    return "–" if x is None else nb.fmt_number(100 * x, 1, lang)


def _ci(lo, hi, lang: str) -> str:
    return "–" if lo is None or hi is None else f"{nb.fmt_number(100 * lo, 1, lang)}–{nb.fmt_number(100 * hi, 1, lang)}"


def profile_chart(rows: list[dict], lang: str) -> dict:
    """Vega-Lite spec: one bar per published factor (share, %) with its interval as a rule."""
    data = [{"faktor": r["namn"], "typ": t(f"enkat.typ.{r['typ']}", lang), "andel": round(100 * r["andel"], 1),
             "ki_undre": round(100 * r["ki_undre"], 1), "ki_ovre": round(100 * r["ki_ovre"], 1)}
            for r in rows if r["andel"] is not None]
    order = [d["faktor"] for d in data]
    y = {"field": "faktor", "type": "nominal", "sort": order, "title": None, "axis": {"labelLimit": 260}}
    x_title = t("enkat.col.andel", lang) + " (%)"
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 420,
        "data": {"values": data},
        "layer": [
            {"mark": {"type": "bar"},
             "encoding": {"y": y, "x": {"field": "andel", "type": "quantitative", "title": x_title,
                                        "scale": {"domain": [0, 100]}},
                          "color": {"field": "typ", "type": "nominal", "title": None,
                                    "scale": {"range": ["#D55E00", "#0072B2", "#666666"]}},
                          "tooltip": [{"field": "faktor", "title": t("enkat.col.faktor", lang)},
                                      {"field": "andel", "title": x_title, "format": ".1f"},
                                      {"field": "ki_undre", "title": t("enkat.col.ki", lang), "format": ".1f"},
                                      {"field": "ki_ovre", "title": t("enkat.col.ki", lang), "format": ".1f"}]}},
            {"mark": {"type": "rule", "color": "#000000"},
             "encoding": {"y": y, "x": {"field": "ki_undre", "type": "quantitative"},
                          "x2": {"field": "ki_ovre"}}},
        ],
        "config": chart_config(), "background": "white",
    }


def build(ctx: Context, facts: dict) -> Section:
    """The section from the survey facts (also used by the standalone survey report)."""
    lang = ctx.lang
    e = facts
    sec = Section("enkat", t("enkat.section_title", lang))
    year = e["ar"]
    with ctx.prov("enkat", years=[year], sources=(e["enkat"],)):
        sec.add(Paragraph(t("enkat.section_intro", lang, enkat=e["enkat"], ar=year, n=nb.fmt_int(e["n"], lang),
                            min_n=e["min_n"])))
        if e["syntetisk"]:
            sec.add(Note(t("enkat.synthetic_note", lang)))
        rows = [r for r in e["profil"] if r["dimension"] == "kommun"]
        table = Table(id="tab-enkat-profil", caption=t("enkat.chart_title", lang),
                      columns=[t(f"enkat.col.{c}", lang) for c in ("faktor", "typ", "n", "andel", "ki")],
                      rows=[[r["namn"], t(f"enkat.typ.{r['typ']}", lang), nb.fmt_int(r["n"], lang),
                             _pct(r["andel"], lang), _ci(r["ki_undre"], r["ki_ovre"], lang)] for r in rows],
                      numeric=[False, False, True, True, True],
                      notes=[t("enkat.suppressed_note", lang, min_n=e["min_n"])], source=e["enkat"])
        cap = t("enkat.chart_title", lang) + f" – {e['enkat']} {year}"
        sec.add(ctx.figure("fig-enkat-profil", cap, cap + ".", profile_chart(rows, lang), table, e["enkat"]))
        prio = e["prioriteringar"]
        if prio:
            sec.add(Table(id="tab-enkat-prio", caption=t("enkat.priorities_title", lang),
                          columns=[t(f"enkat.col.{c}", lang) for c in ("rang", "faktor", "andel", "referens",
                                                                       "jamforelse", "insatser")],
                          rows=[[str(p["rang"]), p["namn"], _pct(p["andel"], lang),
                                 _pct(p["referens"], lang) if p["referens"] is not None else "",
                                 t(f"enkat.cmp.{p['jamforelse']}", lang) if p["jamforelse"] else "",
                                 ", ".join(p["insatser"]) or t("enkat.none", lang)]
                                for p in prio if p["prioriterad"]],
                          numeric=[True, False, True, True, False, False], source=e["enkat"]))
            sec.add(Paragraph(e["lucktext"]))
        for s in e.get("trendmeningar") or []:
            sec.add(Paragraph(s))
        andt = e.get("andt") or {}
        if andt.get("policyer"):
            sec.add(Table(id="tab-andt-policy", caption=t("enkat.policy_title", lang),
                          columns=[t(f"enkat.col.{c}", lang) for c in ("dokument", "antagen", "agare", "revision",
                                                                       "status")],
                          rows=[[p["dokument"], p["antagen"] or "", p["agare"], p["nasta_revision"] or "",
                                 t("enkat.overdue", lang) if p["forsenad"] else ""] for p in andt["policyer"]],
                          numeric=[False] * 5))
        if andt.get("tillsyn"):
            sec.add(Table(id="tab-andt-tillsyn", caption=t("enkat.tillsyn_title", lang),
                          columns=[t(f"enkat.col.{c}", lang) for c in ("typ", "ar", "antal", "forandring")],
                          rows=[[r["namn"], str(r["ar"]), nb.fmt_int(r["antal"], lang),
                                 "" if r["forandring"] is None else nb.fmt_number(100 * r["forandring"], 0, lang) + " %"
                                 + (" !" if r["flagga"] else "")] for r in andt["tillsyn"]],
                          numeric=[False, True, True, True]))
        sa = (andt.get("sjalvskattning") or {}).get("jamforelse") or {}
        if sa.get("rader"):
            years = sa["ar"]
            sec.add(Table(id="tab-andt-sjalvskattning", caption=t("enkat.selfassessment_title", lang),
                          columns=[t("enkat.col.kategori", lang), *[str(y) for y in years],
                                   t("enkat.col.forandring", lang)],
                          rows=[[r["kategori"], *[nb.fmt_number(v, 1, lang) for v in r["varden"]],
                                 "" if r["forandring"] is None else nb.fmt_signed(r["forandring"], 1, lang)]
                                for r in sa["rader"]],
                          numeric=[False, *[True] * len(years), True],
                          notes=[andt["sjalvskattning"]["etikett"]]))
    return sec


def enkat(ctx: Context) -> Section:
    """The nulägesanalys section (skipped when the kommun has no imported survey)."""
    e = ctx.facts.get("enkat")
    ctx.signals["enkat"] = bool(e)
    if not e:
        raise SkipSection(ctx.facts.get("enkat_reason") or t("enkat.no_survey", ctx.lang))
    return build(ctx, e)
