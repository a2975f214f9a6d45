"""Sections: segregationens grad and skola och likvärdighet."""

from __future__ import annotations

from lagesbild.reporting import figures as fg
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.model import Finding, Note, Paragraph, Section, table_from_frame
from lagesbild.reporting.numbers import fmt_int, fmt_number
from lagesbild.reporting.sections._common import Context, SkipSection, cell_int, cell_num, suppress_frame

SRC_SEG = ("Beräknat av lagesbild (lagesbild.measures) från SCB:s antal födda i Sverige och födda utomlands "
           "per RegSO (RegSO 2020)")
SRC_SCHOOL = "Skolverket, slutbetyg årskurs 9 per skolenhet"
_NAMES = {"dissimilarity": ("Olikhetsindex D", "Dissimilarity index D"),
          "theil_h": ("Theils H", "Theil's H"),
          "mutual_information": ("Informationsindex M", "Mutual information index M")}


def _name(idx: str, lang: str) -> str:
    return _NAMES[idx][0 if lang == "sv" else 1]


def segregation(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    seg = ctx.facts.get("segregation")
    if not seg:
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    sec = Section("segregation", t.SECTION_TITLES["segregation"], sources=set(ctx.facts.get("seg_sources", ())))
    ctx.sources |= sec.sources
    ind = seg["indices"]
    d = ind[ind["index"] == "dissimilarity"].set_index("year").sort_index()
    y = seg["year"]
    sec.add(Paragraph(t.T["seg_intro"]))
    cur = d.loc[y]
    ci = (t.T["ci"].format(lo=fmt_number(cur["ci_low"], 3, lang), hi=fmt_number(cur["ci_high"], 3, lang))
          if cur["ci_low"] is not None and cur["ci_low"] == cur["ci_low"] else "")
    txt = t.T["seg_D"].format(value=fmt_number(cur["value"], 3, lang), year=y, ci=ci)
    sec.add(Paragraph(txt))
    sec.findings.append(Finding(9, txt))
    if len(d) >= 2:
        y0 = int(d.index.min())
        old = d.loc[y0]
        overlap = (cur["ci_low"] is not None and cur["ci_low"] == cur["ci_low"]
                   and not (cur["ci_low"] > old["ci_high"] or old["ci_low"] > cur["ci_high"]))
        cls = ph.change_class(old["value"], cur["value"], kind="index", decimals=3)
        key = ("seg_trend_stable" if overlap or cls in ("unchanged", "stable")
               else "seg_trend_up" if cls == "up" else "seg_trend_down")
        txt = t.T[key].format(old=fmt_number(old["value"], 3, lang), new=fmt_number(cur["value"], 3, lang), y0=y0, y1=y)
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(5, txt))
    comp = seg.get("compare")
    if comp is not None and len(comp):
        for r in comp.itertuples():
            cls = ph.compare_class(cur["value"], r.value, kind="index",
                                   ci=(cur["ci_low"], cur["ci_high"]) if cur["ci_low"] is not None else None)
            sec.add(Paragraph(t.T["seg_compare"].format(
                phrase=t.COMPARE[cls].format(ref=ctx.place(r.kommun)), ref_value=fmt_number(r.value, 3, lang))))
    # figure and table: indices over the years with CIs
    plot = ind[ind["index"].isin(["dissimilarity", "theil_h"])].assign(
        matt=lambda x: [_name(i, lang) for i in x["index"]])
    spec = fg.line_chart(plot, x="year", y="value", color="matt", lo="ci_low", hi="ci_high",
                         y_title=ctx.label("value"), y_format=",.2f", zero=True)
    tab_df = ind.assign(matt=[_name(i, lang) for i in ind["index"]],
                        ci=[(f"{fmt_number(a, 3, lang)}–{fmt_number(b, 3, lang)}" if a is not None and a == a else "..")
                            for a, b in zip(ind["ci_low"], ind["ci_high"])])
    tab = table_from_frame(tab_df, id="tab-seg", caption=ctx.label("index"),
                           columns={"matt": ctx.label("index"), "year": ctx.label("year"), "value": ctx.label("value"),
                                    "ci": ctx.label("ci"), "n_units": ctx.label("n_regso")},
                           formats={"value": cell_num(3, lang), "n_units": cell_int(lang)}, source=SRC_SEG)
    tab.numeric[1], tab.numeric[3] = False, True
    yrs = sorted(d.index)
    cap = (f"Segregationsindex med 95-procentiga konfidensintervall {yrs[0]}–{yrs[-1]}" if lang == "sv"
           else f"Segregation indices with 95 per cent confidence intervals {yrs[0]}–{yrs[-1]}")
    sec.add(ctx.figure("fig-seg", cap, cap + ".", spec, None, SRC_SEG), tab)
    bw = seg.get("between_within")
    if bw:
        sec.add(Paragraph(t.T["seg_between"].format(share=ph.fmt_value(bw["share_between"], "share", lang))))
        rows = [[ctx.label("between"), fmt_number(bw["between"], 4, lang), fmt_number(bw["share_between"], 1, lang)],
                [ctx.label("within"), fmt_number(bw["within"], 4, lang), fmt_number(100 - bw["share_between"], 1, lang)],
                [ctx.label("total"), fmt_number(bw["total"], 4, lang), fmt_number(100, 1, lang)]]
        from lagesbild.reporting.model import Table

        sec.add(Table(id="tab-between", caption=(f"Informationsindex M mellan och inom områdestyper {bw['year']}"
                                                 if lang == "sv" else f"M between and within area types {bw['year']}"),
                      columns=[ctx.label("measure"), "M", "Procent" if lang == "sv" else "Per cent"], rows=rows,
                      numeric=[False, True, True], source=SRC_SEG))
    prof = seg.get("profile")
    if prof is not None and len(prof):
        b0, b1 = prof.iloc[0], prof.iloc[-1]
        sec.add(Paragraph(t.T["seg_profile"].format(small=fmt_number(b0["value"], 3, lang), large=fmt_number(b1["value"], 3, lang),
                                                    b0=fmt_int(b0["bandwidth"], lang), b1=fmt_int(b1["bandwidth"], lang))))
        spec = fg.line_chart(prof.assign(radie=prof["bandwidth"].astype(str)), x="radie", y="value",
                             x_title=ctx.label("bandwidth"), y_title="D", y_format=",.2f", zero=True)
        spec["layer"][-1]["encoding"]["x"]["sort"] = [str(b) for b in prof["bandwidth"]]
        ptab = table_from_frame(prof, id="tab-profile", caption="D", columns={"bandwidth": ctx.label("bandwidth"),
                                                                              "value": "D"},
                                formats={"bandwidth": cell_int(lang), "value": cell_num(3, lang)}, source=SRC_SEG)
        cap = (f"Multiskalig profil: rumsligt utjämnat D efter radie, {seg['profile_year']}" if lang == "sv"
               else f"Multiscalar profile: spatially smoothed D by radius, {seg['profile_year']}")
        sec.add(ctx.figure("fig-profile", cap, cap + ".", spec, ptab, SRC_SEG),
                Note(t.T["method_profile"]))
    return sec


def skola(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    sch = ctx.facts.get("schools")
    if sch is None or sch.empty or "meritvarde_ak9" not in sch:
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    sec = Section("skola", t.SECTION_TITLES["skola"], sources=set(sch.attrs.get("sources", ())))
    ctx.sources |= sec.sources
    y = sch.attrs["year"]
    lasar = f"{y - 1}/{str(y)[2:]}"
    pub = suppress_frame(sch, ctx, counts=["elever_ak9"],
                         shares={"andel_alla_amnen_ak9": "elever_ak9", "meritvarde_ak9": "elever_ak9"})
    ok = pub[pub["meritvarde_ak9"].map(lambda v: not isinstance(v, str) and v == v)]
    if len(ok) < 2:
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    m = ok["meritvarde_ak9"].astype(float)
    txt = t.T["school_spread"].format(year=lasar, kommun=ctx.kommun_name, lo=fmt_number(m.min(), 1, lang),
                                      hi=fmt_number(m.max(), 1, lang), med=fmt_number(m.median(), 1, lang), n=len(m))
    sec.add(Paragraph(txt), Paragraph(t.T["school_iqr"].format(p25=fmt_number(m.quantile(0.25), 1, lang),
                                                              p75=fmt_number(m.quantile(0.75), 1, lang))))
    sec.findings.append(Finding(4, txt))
    if y != ctx.year:
        sec.add(Note(t.T["school_year_note"].format(year=lasar)))
    import numpy as np

    plot = ok.assign(meritvarde_ak9=m, jitter=np.random.default_rng(ctx.cfg.seed).uniform(0, 1, len(ok)))
    spec = fg.dot_chart(plot, x="meritvarde_ak9", x_title=ctx.label("merit"), highlight="name")
    cap = (f"Genomsnittligt meritvärde i årskurs 9 per skola, läsåret {lasar}" if lang == "sv"
           else f"Mean year-9 merit rating by school, school year {lasar}")
    tab = table_from_frame(pub.sort_values("name"), id="tab-schools", caption=cap,
                           columns={"name": ctx.label("school"), "elever_ak9": ctx.label("pupils"),
                                    "meritvarde_ak9": ctx.label("merit"), "andel_alla_amnen_ak9": ctx.label("all_subjects")},
                           formats={"elever_ak9": cell_int(lang), "meritvarde_ak9": cell_num(1, lang),
                                    "andel_alla_amnen_ak9": cell_num(1, lang)},
                           notes=[ctx.suppress_note()] if pub.attrs["suppression"]["n_cells"] else [], source=SRC_SCHOOL,
                           )
    sec.add(ctx.figure("fig-schools", cap, cap + f": {len(m)} skolor, median {fmt_number(m.median(), 1, lang)}.",
                       spec, tab, SRC_SCHOOL))
    return sec
