"""Sections: befolkning and valdeltagande."""

from __future__ import annotations

from lagesbild.i18n import t as tr
from lagesbild.reporting import figures as fg
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.model import Finding, Note, Paragraph, Section, table_from_frame
from lagesbild.reporting.numbers import fmt_int
from lagesbild.reporting.sections._common import Context, SkipSection, cell_int, cell_pct, suppress_frame

SRC_POP = "SCB, folkmängd och födelseland per RegSO (RegSO 2020), summerat till kommun, län och riket"
SRC_VOTE = "Valmyndigheten, riksdagsval; valdeltagande per kommun"


def befolkning(ctx: Context) -> Section:
    t, lang, year = ctx.t, ctx.lang, ctx.year
    pop = ctx.facts.get("population")
    if not pop or pop["series"].empty:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    s = pop["series"]
    own = s[s["code"] == ctx.cfg.kommun].set_index("year").sort_index()
    if year not in own.index:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("befolkning", t.title("befolkning"), sources=set(pop["sources"]))
    ctx.sources |= sec.sources
    cur = own.loc[year]
    n_regso = ctx.facts.get("n_regso")
    y0 = int(own.index.min())
    with ctx.prov("population.series", years=[y0, year]):
        sec.add(Paragraph(t("pop_total", kommun=ctx.kommun_name, pop=fmt_int(cur["folkmangd"], lang),
                            year=year, n=fmt_int(n_regso, lang))))
        if y0 < year:
            txt = ph.sentence_change(t.subject("folkmangd"), own.loc[y0, "folkmangd"], cur["folkmangd"], y0, year,
                                     kind="count", lang=lang)
            sec.add(Paragraph(txt))
            sec.findings.append(Finding(6, txt))
        riket = s[(s["code"] == "riket") & (s["year"] == year)]
        ref = riket["andel_utrikes_fodda"].iloc[0] if len(riket) else None
        txt = ph.sentence_compare(tr("captions.in_place", lang, subject=t.subject("andel_utrikes_fodda"),
                                     place=ctx.kommun_name), cur["andel_utrikes_fodda"], ref, t.place("riket"),
                                  year=year, lang=lang)
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(8, txt))
        if y0 < year:
            sec.add(Paragraph(ph.sentence_change(t.subject("andel_utrikes_fodda"),
                                                 own.loc[y0, "andel_utrikes_fodda"], cur["andel_utrikes_fodda"], y0,
                                                 year, lang=lang)))
    for turn, code in enumerate(ctx.cfg.compare):
        c = s[(s["code"] == code) & (s["year"] == year)]
        if len(c):
            with ctx.prov("population.series", years=[year], names=[ctx.place(code)]):
                more = ph.sentence_compare_more(cur["andel_utrikes_fodda"], c["andel_utrikes_fodda"].iloc[0],
                                                ctx.place(code), turn=turn, lang=lang)
            if more:
                sec.add(Paragraph(more))
    # trend figure: share born abroad for kommun, comparisons, län and riket
    d = s.assign(plats=[ctx.place(c) if c != ctx.cfg.kommun else ctx.kommun_name for c in s["code"]])
    order = list(dict.fromkeys(d["plats"]))
    tab = table_from_frame(
        d.sort_values(["plats", "year"]), id="tab-pop-share", caption=t.label("share_utrikes"),
        columns={"plats": ctx.label("kommun"), "year": ctx.label("year"),
                 "andel_utrikes_fodda": ctx.label("share_utrikes")},
        formats={"andel_utrikes_fodda": cell_pct(lang)}, source=SRC_POP)
    tab.numeric[1] = False
    spec = fg.line_chart(d, x="year", y="andel_utrikes_fodda", color="plats", y_title=ctx.label("share_utrikes"),
                         y_format=",.0f", sort=order, tips={"year": ctx.label("year"), "plats": ctx.label("place")})
    cap = tr("captions.share_born_abroad_years", lang, y0=min(pop["years"]), y1=year)
    sec.add(ctx.figure("fig-pop-share", cap, cap + ": " + ", ".join(order) + ".", spec, tab, SRC_POP))
    # population table by year
    ptab = own.reset_index()[["year", "folkmangd", "fodda_utrikes", "andel_utrikes_fodda"]]
    ptab = suppress_frame(ptab, ctx, counts=["folkmangd", "fodda_utrikes"],
                          shares={"andel_utrikes_fodda": "folkmangd"})
    sec.add(table_from_frame(
        ptab, id="tab-pop", caption=tr("captions.population_of", lang, kommun=ctx.kommun_name),
        columns={"year": ctx.label("year"), "folkmangd": ctx.label("population"),
                 "fodda_utrikes": tr("captions.born_abroad", lang), "andel_utrikes_fodda": ctx.label("share_utrikes")},
        formats={"folkmangd": cell_int(lang), "fodda_utrikes": cell_int(lang),
                 "andel_utrikes_fodda": cell_pct(lang)}, source=SRC_POP))
    sec.blocks[-1].numeric[0] = False
    age = pop.get("age")
    if age is not None and not age.empty:
        long = age.melt(id_vars=["age", "year"], value_vars=["men", "women"], var_name="kon", value_name="antal")
        long["kon"] = long["kon"].map({"men": ctx.label("men"), "women": ctx.label("women")})
        ages = list(age["age"])
        spec = fg.bar_chart(long, x="age", y="antal", color="kon", group="kon", sort=None,
                            x_title=ctx.label("age"), y_title=ctx.label("population"), y_format=",.0f",
                            tips={"kon": ctx.label("sex")})
        spec["encoding"]["x"]["sort"] = ages
        # 17 age bands do not fit side by side: turn the labels so they never overlap
        spec["encoding"]["x"].setdefault("axis", {}).update({"labelAngle": -45, "labelOverlap": False})
        atab = suppress_frame(age, ctx, counts=["men", "women"])
        atab = table_from_frame(atab, id="tab-age", caption=ctx.label("age"),
                                columns={"age": ctx.label("age"), "men": ctx.label("men"),
                                         "women": ctx.label("women")},
                                formats={"men": cell_int(lang), "women": cell_int(lang)}, source=SRC_POP)
        ay = int(age["year"].iloc[0])
        cap = tr("captions.age_sex", lang, kommun=ctx.kommun_name, year=ay)
        sec.add(ctx.figure("fig-age", cap, cap + ".", spec, atab, "SCB, folkmängd efter ålder och kön per RegSO"),
                Note(t("pop_age_note", year=ay)))
    return sec


def valdeltagande(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    df = ctx.facts.get("turnout")
    if df is None or df.empty:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("valdeltagande", t.title("valdeltagande"), sources=set(df.attrs.get("sources", ())))
    ctx.sources |= sec.sources
    own = df[df["code"] == ctx.cfg.kommun].set_index("year").sort_index()
    y = int(max(yy for yy in own.index if yy <= ctx.year) if any(yy <= ctx.year for yy in own.index)
            else own.index.max())
    riket = df[(df["code"] == "riket") & (df["year"] == y)]
    ref = riket["valdeltagande"].iloc[0] if len(riket) else None
    cls = ph.compare_class(own.loc[y, "valdeltagande"], ref)
    ctx.signals["vote"] = cls
    years = sorted(own.index)
    with ctx.prov("turnout", years=[y, *years[-2:]]):
        txt = t("vote", year=y, value=ph.fmt_value(own.loc[y, "valdeltagande"], "share", lang),
                kommun=ctx.kommun_name,
                phrase=t.compare(cls, t.place("riket")) if cls else "",
                ref_value=ph.fmt_value(ref, "share", lang))
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(4, txt))
        if len(years) >= 2:
            sec.add(Paragraph(ph.sentence_change(t.subject("valdeltagande"), own.loc[years[-2], "valdeltagande"],
                                                 own.loc[years[-1], "valdeltagande"], years[-2], years[-1],
                                                 lang=lang)))
    d = df.assign(plats=[ctx.place(c) if c != ctx.cfg.kommun else ctx.kommun_name for c in df["code"]],
                  ar=df["year"].astype(str))
    order = list(dict.fromkeys(d["plats"]))
    spec = fg.bar_chart(d, x="plats", y="valdeltagande", color="ar", group="ar", sort=None,
                        y_title=ctx.label("vote_share"), y_format=",.0f",
                        tips={"plats": ctx.label("place"), "ar": ctx.label("year")})
    spec["encoding"]["x"]["sort"] = order
    tab = table_from_frame(d.sort_values(["plats", "year"]), id="tab-vote", caption=ctx.label("vote_share"),
                           columns={"plats": ctx.label("kommun"), "year": ctx.label("year"),
                                    "valdeltagande": ctx.label("vote_share")},
                           formats={"valdeltagande": cell_pct(lang)}, source=SRC_VOTE)
    tab.numeric[1] = False
    yl = sorted(int(x) for x in df["year"].unique())
    cap = tr("captions.turnout", lang, years=", ".join(str(x) for x in yl))
    sec.add(ctx.figure("fig-vote", cap, cap + ": " + ", ".join(order) + ".", spec, tab, SRC_VOTE))
    return sec
