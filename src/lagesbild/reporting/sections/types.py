"""Sections: områdestyper, områdesprofiler and utveckling över tid."""

from __future__ import annotations

from lagesbild.reporting import figures as fg
from lagesbild.reporting import maps
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.model import Finding, Note, Paragraph, Section, Table, table_from_frame
from lagesbild.reporting.numbers import fmt_int, fmt_number
from lagesbild.reporting.sections._common import (
    Context,
    SkipSection,
    cell_int,
    cell_pct,
    services_suppressed,
    suppress_frame,
    type_name,
)

SRC_TYPES = "SCB/Delmos, områdestyp efter socioekonomiskt index (000005QX, TAB6586); SCB folkmängd per RegSO"


def _profile(ctx: Context, sid: str) -> dict:
    p = ctx.facts.get("profile")
    if not p:
        raise SkipSection(ctx.facts.get("profile_error") or ctx.t.T["no_data"].format(kommun=ctx.kommun_name))
    return p


def _type_map(ctx: Context, types_by_code) -> list:
    """The områdestyp choropleth (and the note on joining RegSO versions)."""
    gdf, info = ctx.facts.get("geoms", (None, None))
    if gdf is None:
        return []
    t, lang = ctx.t, ctx.lang
    g = gdf.assign(typ=[type_name(types_by_code[c], lang) if c in types_by_code else None for c in gdf["code"]])
    domain = [type_name(i, lang) for i in range(1, 6)]
    spec = maps.choropleth(g, value="typ", domain=domain, colors=fg.TYPE_COLORS, title=ctx.label("type"),
                           missing_label=ctx.label("unknown"), scalebar_text=t.T["scalebar_km"], lang=lang)
    tab_df = g.assign(code=g["code"]).sort_values("code")[["code", "name", "typ"]].fillna("..")
    tab = table_from_frame(tab_df, id="tab-map-types", caption=ctx.label("type"),
                           columns={"code": ctx.label("code"), "name": ctx.label("area"), "typ": ctx.label("type")},
                           formats={}, source=SRC_TYPES)
    cap = (f"Områdestyp per RegSO i {ctx.kommun_name} {ctx.year}" if lang == "sv"
           else f"Area type by RegSO in {ctx.kommun_name} {ctx.year}")
    n = {i: sum(1 for v in types_by_code.values() if v == i) for i in range(1, 6)}
    alt = cap + ". " + "; ".join(f"{domain[i - 1]}: {n[i]}" for i in range(1, 6)) + "."
    out = [ctx.figure("fig-map-types", cap, alt, spec, tab, SRC_TYPES, kind="map")]
    if info["version"] != "RegSO2020":
        out.append(Note(t.T["types_map_note"].format(n=len(info["approx"]))))
    return out


def omradestyper(ctx: Context) -> Section:
    t, lang, year = ctx.t, ctx.lang, ctx.year
    p = _profile(ctx, "omradestyper")
    ot = p["omradestyper"]
    sec = Section("omradestyper", t.SECTION_TITLES["omradestyper"])
    tab = ot["table"]
    tab = services_suppressed(tab[tab["year"] == year].reset_index(drop=True).copy())
    if tab.empty:
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    summ = {f["id"]: f for f in ot["summary"] if f["year"] == year}
    comp = {f["id"]: f for f in p["comparison"]["figures"]}
    c12 = comp.get("share_population_12", {})
    share12 = c12.get("value")
    cls = ph.compare_class(share12, c12.get("riket_value"))
    txt = t.T["types_share12"].format(share=ph.fmt_value(share12, "share", lang),
                                      kommun=ctx.kommun_name, year=year,
                                      phrase=t.COMPARE[cls].format(ref=t.PLACES["riket"]) if cls else "",
                                      ref_value=ph.fmt_value(c12.get("riket_value"), "share", lang))
    sec.add(Paragraph(txt))
    sec.findings.append(Finding(10, txt))
    n = {int(r.omradestyp): int(r.n_regso) for r in tab.itertuples()}
    sec.add(Paragraph(t.T["types_n"].format(kommun=ctx.kommun_name, n12=n.get(1, 0) + n.get(2, 0),
                                            n=int(summ["n_regso"]["value"]), n45=n.get(4, 0) + n.get(5, 0))))
    refs = [("lan", ctx.lan, c12.get("lan_value"))]
    grp = (c12.get("groups") or {}).get("skr_kommungrupp")
    for code, v in ctx.facts.get("types_compare", {}).items():
        refs.append(("kommun", code, v))
    for _kind, code, v in refs:
        if v is None:
            continue
        sec.add(Paragraph(ph.sentence_compare(t.SUBJECTS["share_population_12"], share12, v, ctx.place(code),
                                              year=year, lang=lang)))
    if grp and grp.get("group_mean") is not None:
        sec.add(Paragraph(ph.sentence_compare(
            t.SUBJECTS["share_population_12"], share12, grp["group_mean"],
            (f"kommungruppen {grp['name']} (medelvärde, {grp['n']} kommuner)" if lang == "sv"
             else f"the SKR group {grp['name']} (mean, {grp['n']} kommuner)"), year=year, lang=lang)))
    # table per type
    tab["namn"] = [type_name(x, lang) for x in tab["omradestyp"]]
    sec.add(table_from_frame(
        tab, id="tab-types", caption=(f"RegSO och befolkning per områdestyp i {ctx.kommun_name} {year}"
                                      if lang == "sv" else f"RegSO and population by area type, {ctx.kommun_name} {year}"),
        columns={"namn": ctx.label("type"), "n_regso": ctx.label("n_regso"), "share_regso": ctx.label("share_regso"),
                 "population": ctx.label("population"), "share_population": ctx.label("share_population")},
        formats={"n_regso": cell_int(lang), "share_regso": cell_pct(lang), "population": cell_int(lang),
                 "share_population": cell_pct(lang)},
        notes=[n_ for n_ in ot["notes"]], source=SRC_TYPES))
    # bar chart: population share per type, kommun vs riket (and comparisons)
    rows = [{"plats": ctx.kommun_name, "typ": type_name(r.omradestyp, lang),
             "andel": r.share_population if not isinstance(r.share_population, str) else None}
            for r in tab.itertuples()]
    rk = ctx.facts.get("types_riket")
    if rk is not None:
        rows += [{"plats": ph.capitalize(t.PLACES["riket"]), "typ": type_name(r.omradestyp, lang),
                  "andel": r.share_population} for r in rk.itertuples()]
    import pandas as pd

    d = pd.DataFrame(rows)
    domain = [type_name(i, lang) for i in range(1, 6)]
    spec = fg.bar_chart(d, x="plats", y="andel", color="typ", colors=fg.TYPE_COLORS, sort=domain,
                        horizontal=True, y_title=ctx.label("share_population"), y_format=",.0f")
    spec["encoding"]["y"]["sort"] = None
    spec["encoding"]["order"] = {"field": "typ", "sort": "ascending"}
    spec["height"] = 34 * d["plats"].nunique()
    spec["encoding"]["color"]["legend"] = {"orient": "bottom", "columns": 1, "labelLimit": 420}
    btab = table_from_frame(d, id="tab-types-bar", caption=ctx.label("share_population"),
                            columns={"plats": ctx.label("kommun"), "typ": ctx.label("type"),
                                     "andel": ctx.label("share_population")},
                            formats={"andel": cell_pct(lang)}, source=SRC_TYPES)
    cap = (f"Andel av befolkningen per områdestyp {year}" if lang == "sv"
           else f"Share of the population by area type {year}")
    sec.add(ctx.figure("fig-types-share", cap, cap + ".", spec, btab, SRC_TYPES))
    types_by_code = {r.area_code: int(r.omradestyp) for r in p["areas"].itertuples()}
    sec.add(*_type_map(ctx, types_by_code))
    sei = p.get("socioekonomiskt_index")
    if sei is None:
        sec.add(Note(t.T["types_uncertainty_none"].format(kommun=ctx.kommun_name)))
    else:
        a = sei["areas"]
        a = a[a["year"] == year]
        nu = int(a["osaker_klassning"].fillna(False).astype(bool).sum())
        sec.add(Paragraph(t.T["types_uncertainty"].format(n=nu)))
        sec.add(*[Note(x) for x in sei["notes"]])
    return sec


def _flag(v, ref, kind):
    c = ph.compare_class(v, ref, kind=kind)
    return {"much_higher": "▲", "much_lower": "▼"}.get(c, "")


def profiler(ctx: Context) -> Section:
    t, lang, _year = ctx.t, ctx.lang, ctx.year
    p = _profile(ctx, "profiler")
    at = ctx.facts.get("areas")
    if at is None or at.empty:
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    sec = Section("profiler", t.SECTION_TITLES["profiler"], sources=set(at.attrs.get("sources", ())))
    ctx.sources |= sec.sources
    kv = {r["id"]: r.get("value") for r in p["indicators"]}
    types = {r.area_code: int(r.omradestyp) for r in p["areas"].itertuples()}
    mc, md = ctx.cfg.suppress_min_count, ctx.cfg.suppress_min_denominator
    inds = [("andel_utrikes_fodda", "share", "folkmangd", ctx.label("share_utrikes")),
            ("andel_hyresratt", "share", "lgh_totalt", ctx.label("share_hyresratt")),
            ("loneinkomst_medel_tkr", "mean", "folkmangd", ctx.label("income"))]
    sec.add(Paragraph(t.T["prof_intro"]))
    flagged, n_sup = 0, 0
    tables = []
    for r in at.itertuples():
        rows = []
        pop = getattr(r, "folkmangd", None)
        small_pop = pop is not None and 0 < pop < mc
        rows.append([ctx.label("population"), "–" if small_pop else fmt_int(pop, lang), fmt_int(kv.get("folkmangd"), lang), ""])
        any_flag = False
        for var, kind, den, label in inds:
            v = getattr(r, var, None)
            dv = getattr(r, den, None) if hasattr(r, den) else None
            sup = kind == "share" and (dv is None or dv != dv or dv < md)
            if sup and v is not None and v == v:
                n_sup += 1
            f = "" if sup else _flag(v, kv.get(var), kind)
            any_flag |= bool(f)
            rows.append([label, "–" if sup else fmt_number(v, 1, lang), fmt_number(kv.get(var), 1, lang), f])
        flagged += any_flag
        typ = types.get(r.area_code)
        cap = f"{r.name} ({r.area_code})" + (f", {ctx.label('type_short', t=typ)}" if typ else "")
        tables.append(Table(id=f"tab-prof-{r.area_code}", caption=cap,
                            columns=[ctx.label("indicator"), ctx.label("value"), ctx.label("kommun_value"),
                                     ctx.label("flag")], rows=rows, numeric=[False, True, True, False],
                            compact=True))
    sec.add(Paragraph(t.T["prof_flags"].format(n=flagged, total=len(at))))
    if n_sup:
        sec.add(Note(ctx.suppress_note()))
    sec.add(*tables)
    return sec


def utveckling(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    p = _profile(ctx, "utveckling")
    tr = p.get("transitions")
    trend = ctx.facts.get("type_trend")
    if tr is None and (trend is None or trend.empty):
        raise SkipSection(t.T["no_data"].format(kommun=ctx.kommun_name))
    sec = Section("utveckling", t.SECTION_TITLES["utveckling"])
    if tr is not None:
        c = tr["counts"]
        y0, y1 = tr["year_from"], tr["year_to"]
        moved = c.get("improved", 0) + c.get("worsened", 0)
        txt = (t.T["trend_type"].format(y0=y0, y1=y1, n=moved, up=c.get("improved", 0), down=c.get("worsened", 0))
               if moved else t.T["trend_none"].format(y0=y0, y1=y1))
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(7 if moved else 3, txt))
        m = tr["matrix"]
        rows = [[ctx.label("type_short", t=i)] + [fmt_int(m.loc[i, j], lang) for j in m.columns] for i in m.index]
        sec.add(Table(id="tab-transitions", caption=(f"Områdestyp {y0} (rader) och {y1} (kolumner), antal RegSO"
                                                     if lang == "sv" else
                                                     f"Area type {y0} (rows) and {y1} (columns), RegSO"),
                      columns=[ctx.label("from_to")] + [ctx.label("type_short", t=j) for j in m.columns],
                      rows=rows, numeric=[False] + [True] * len(m.columns), notes=list(tr["notes"]),
                      source=SRC_TYPES))
        mv = services_suppressed(tr["moved"])
        if len(mv):
            sec.add(table_from_frame(
                mv, id="tab-moved", caption="RegSO som bytt områdestyp" if lang == "sv" else "RegSO that changed type",
                columns={"area_code": ctx.label("code"), "name": ctx.label("area"), "typ_fran": str(y0),
                         "typ_till": str(y1), "population": ctx.label("population")},
                formats={"population": cell_int(lang)}, source=SRC_TYPES))
    if trend is not None and not trend.empty:
        d = trend.assign(typ=[type_name(x, lang) for x in trend["omradestyp"]])
        d = suppress_frame(d, ctx, counts=["folkmangd"], shares={"andel_utrikes_fodda": "folkmangd"})
        plot = d[d["andel_utrikes_fodda"].map(lambda v: not isinstance(v, str))]
        domain = [type_name(i, lang) for i in range(1, 6)]
        spec = fg.line_chart(plot, x="year", y="andel_utrikes_fodda", color="typ", sort=domain,
                             y_title=ctx.label("share_utrikes"), y_format=",.0f")
        for layer in spec["layer"]:
            layer["encoding"]["color"]["scale"] = {"domain": domain, "range": fg.TYPE_COLORS}
        tab = table_from_frame(d.sort_values(["omradestyp", "year"]), id="tab-trend-types",
                               caption=ctx.label("share_utrikes"),
                               columns={"typ": ctx.label("type"), "year": ctx.label("year"),
                                        "folkmangd": ctx.label("population"),
                                        "andel_utrikes_fodda": ctx.label("share_utrikes")},
                               formats={"folkmangd": cell_int(lang), "andel_utrikes_fodda": cell_pct(lang)},
                               source=SRC_TYPES)
        tab.numeric[1] = False
        yrs = sorted(d["year"].unique())
        cap = (f"Andel födda utomlands per områdestyp ({ctx.year} års typ) {yrs[0]}–{yrs[-1]}" if lang == "sv"
               else f"Share born abroad by area type ({ctx.year} type) {yrs[0]}–{yrs[-1]}")
        sec.add(ctx.figure("fig-trend-types", cap, cap + ".", spec, tab, SRC_TYPES))
        for typ in (1, 5):
            sub = trend[trend["omradestyp"] == typ].set_index("year")
            if len(sub) >= 2:
                sec.add(Paragraph(ph.sentence_change(
                    t.SUBJECTS["andel_utrikes_fodda"] + (f" i typ {typ}" if lang == "sv" else f" in type {typ}"),
                    sub.loc[yrs[0], "andel_utrikes_fodda"], sub.loc[yrs[-1], "andel_utrikes_fodda"], yrs[0], yrs[-1],
                    lang=lang)))
    return sec
