"""Sections: områdestyper, områdesprofiler and utveckling över tid."""

from __future__ import annotations

from lagesbild.i18n import t as tr
from lagesbild.reporting import figures as fg
from lagesbild.reporting import maps
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.model import Figure, Finding, Note, Paragraph, Section, Table, table_from_frame
from lagesbild.reporting.numbers import fmt_int, fmt_number
from lagesbild.reporting.sections._common import (
    Context,
    SkipSection,
    area_wide,
    cell_int,
    cell_pct,
    services_suppressed,
    suppress_frame,
    type_name,
)

SRC_TYPES = "SCB/Delmos, områdestyp efter socioekonomiskt index (000005QX, TAB6586); SCB folkmängd per RegSO"
SRC_AREAS = "SCB, folkmängd och födelseland per RegSO (RegSO 2020)"


def _profile(ctx: Context, sid: str) -> dict:
    p = ctx.facts.get("profile")
    if not p:
        raise SkipSection(ctx.facts.get("profile_error") or ctx.t("no_data", kommun=ctx.kommun_name))
    return p


def _type_map(ctx: Context, types_by_code) -> list:
    """The områdestyp choropleth (and the note on joining RegSO versions)."""
    gdf, info = ctx.facts.get("geoms", (None, None))
    if gdf is None:
        return []
    t, lang = ctx.t, ctx.lang
    g = gdf.assign(typ=[type_name(types_by_code[c], lang) if c in types_by_code else None for c in gdf["code"]])
    domain = [type_name(i, lang) for i in range(1, 6)]
    spec = maps.choropleth(
        g,
        value="typ",
        domain=domain,
        colors=fg.TYPE_COLORS,
        title=ctx.label("type"),
        missing_label=ctx.label("unknown"),
        scalebar_text=t("scalebar_km"),
        lang=lang,
        label_title=ctx.label("area"),
    )
    tab_df = g.assign(code=g["code"]).sort_values("code")[["code", "name", "typ"]].fillna("..")
    tab = table_from_frame(
        tab_df,
        id="tab-map-types",
        caption=ctx.label("type"),
        columns={"code": ctx.label("code"), "name": ctx.label("area"), "typ": ctx.label("type")},
        formats={},
        source=SRC_TYPES,
    )
    cap = tr("captions.type_by_regso", lang, kommun=ctx.kommun_name, year=ctx.year)
    n = {i: sum(1 for v in types_by_code.values() if v == i) for i in range(1, 6)}
    alt = cap + ". " + "; ".join(f"{domain[i - 1]}: {n[i]}" for i in range(1, 6)) + "."
    out: list[Figure | Note] = [ctx.figure("fig-map-types", cap, alt, spec, tab, SRC_TYPES, kind="map")]
    if info["version"] != "RegSO2020":
        out.append(Note(t("types_map_note", n=len(info["approx"]))))
    return out


def omradestyper(ctx: Context) -> Section:
    t, lang, year = ctx.t, ctx.lang, ctx.year
    p = _profile(ctx, "omradestyper")
    ot = p["omradestyper"]
    sec = Section("omradestyper", t.title("omradestyper"))
    tab = ot["table"]
    tab = services_suppressed(tab[tab["year"] == year].reset_index(drop=True).copy())
    if tab.empty:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    summ = {f["id"]: f for f in ot["summary"] if f["year"] == year}
    comp = {f["id"]: f for f in p["comparison"]["figures"]}
    c12 = comp.get("share_population_12", {})
    share12 = c12.get("value")
    cls = ph.compare_class(share12, c12.get("riket_value"))
    with ctx.prov("types.comparison", years=[year]):
        txt = t(
            "types_share12",
            share=ph.fmt_value(share12, "share", lang),
            kommun=ctx.kommun_name,
            year=year,
            phrase=t.compare(cls, t.place("riket")) if cls else "",
            ref_value=ph.fmt_value(c12.get("riket_value"), "share", lang),
        )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(10, txt))
        n = {int(r.omradestyp): int(r.n_regso) for r in tab.itertuples()}
        ctx.signals["share12"], ctx.signals["n12"] = cls, n.get(1, 0) + n.get(2, 0)
        sec.add(
            Paragraph(
                t(
                    "types_n",
                    kommun=ctx.kommun_name,
                    n12=fmt_int(n.get(1, 0) + n.get(2, 0), lang),
                    n=fmt_int(summ["n_regso"]["value"], lang),
                    n45=fmt_int(n.get(4, 0) + n.get(5, 0), lang),
                )
            )
        )
    refs = [("lan", ctx.lan, c12.get("lan_value"))]
    groups = c12.get("groups") or {}
    for code, v in ctx.facts.get("types_compare", {}).items():
        refs.append(("kommun", code, v))
    turn = 0
    for _kind, code, v in refs:
        if v is None:
            continue
        with ctx.prov("types.comparison", years=[year], names=[ctx.place(code)]):
            more = ph.sentence_compare_more(share12, v, ctx.place(code), turn=turn, lang=lang)
        if more:
            sec.add(Paragraph(more))
            turn += 1
    grp = groups.get("skr_kommungrupp")
    if grp and grp.get("group_mean") is not None:
        with ctx.prov("types.comparison.skr_kommungrupp", years=[year], names=[grp["name"]]):
            place = tr("captions.skr_group", lang, name=grp["name"], n=fmt_int(grp["n"], lang))
            more = ph.sentence_compare_more(share12, grp["group_mean"], place, turn=turn, lang=lang)
        if more:
            sec.add(Paragraph(more))
    kol = groups.get("kolada_liknande")
    if kol and kol.get("group_mean") is not None:
        with ctx.prov("types.comparison.kolada_liknande", names=[kol["name"]]):
            txt = t(
                "types_group_kolada",
                name=kol["name"],
                n=fmt_int(kol["n"], lang),
                kommun=ctx.kommun_name,
                mean=ph.fmt_value(kol["group_mean"], "share", lang),
                rank=fmt_int(kol["rank"], lang),
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(5.5, txt))
    sec.add(*_group_table(ctx, comp))
    # table per type
    tab["namn"] = [type_name(x, lang) for x in tab["omradestyp"]]
    sec.add(
        table_from_frame(
            tab,
            id="tab-types",
            caption=tr("captions.types_table", lang, kommun=ctx.kommun_name, year=year),
            columns={
                "namn": ctx.label("type"),
                "n_regso": ctx.label("n_regso"),
                "share_regso": ctx.label("share_regso"),
                "population": ctx.label("population"),
                "share_population": ctx.label("share_population"),
            },
            formats={
                "n_regso": cell_int(lang),
                "share_regso": cell_pct(lang),
                "population": cell_int(lang),
                "share_population": cell_pct(lang),
            },
            notes=[n_ for n_ in ot["notes"]],
            source=SRC_TYPES,
        )
    )
    # bar chart: population share per type, kommun vs riket (and comparisons)
    rows = [
        {
            "plats": ctx.kommun_name,
            "typ": type_name(r.omradestyp, lang),
            "andel": r.share_population if not isinstance(r.share_population, str) else None,
        }
        for r in tab.itertuples()
    ]
    rk = ctx.facts.get("types_riket")
    if rk is not None:
        rows += [
            {
                "plats": ph.capitalize(t.place("riket")),
                "typ": type_name(r.omradestyp, lang),
                "andel": r.share_population,
            }
            for r in rk.itertuples()
        ]
    import pandas as pd

    d = pd.DataFrame(rows)
    domain = [type_name(i, lang) for i in range(1, 6)]
    spec = fg.bar_chart(
        d,
        x="plats",
        y="andel",
        color="typ",
        colors=fg.TYPE_COLORS,
        sort=domain,
        horizontal=True,
        y_title=ctx.label("share_population"),
        y_format=",.0f",
        tips={"plats": ctx.label("place"), "typ": ctx.label("type")},
    )
    spec["encoding"]["y"]["sort"] = None
    spec["encoding"]["order"] = {"field": "typ", "sort": "ascending"}
    spec["height"] = 34 * d["plats"].nunique()
    spec["encoding"]["color"]["legend"] = {"orient": "bottom", "columns": 1, "labelLimit": 420}
    btab = table_from_frame(
        d,
        id="tab-types-bar",
        caption=ctx.label("share_population"),
        columns={"plats": ctx.label("kommun"), "typ": ctx.label("type"), "andel": ctx.label("share_population")},
        formats={"andel": cell_pct(lang)},
        source=SRC_TYPES,
    )
    cap = tr("captions.types_share", lang, year=year)
    sec.add(ctx.figure("fig-types-share", cap, cap + ".", spec, btab, SRC_TYPES))
    types_by_code = {r.area_code: int(r.omradestyp) for r in p["areas"].itertuples()}
    sec.add(*_type_map(ctx, types_by_code))
    sei = p.get("socioekonomiskt_index")
    if sei is None:
        sec.add(Note(t("types_uncertainty_none", kommun=ctx.kommun_name)))
    else:
        a = sei["areas"]
        a = a[a["year"] == year]
        nu = int(a["osaker_klassning"].fillna(False).astype(bool).sum())
        with ctx.prov("types.socioekonomiskt_index"):
            sec.add(Paragraph(t("types_uncertainty", n=fmt_int(nu, lang))))
        sec.add(*[Note(x) for x in sei["notes"]])
    return sec


def _group_table(ctx: Context, comp: dict) -> list:
    """Shares in types 1–2 and 4–5: kommun, län, riket, SKR kommungrupp and Kolada group means."""
    lang = ctx.lang
    rows = []
    for fid in ("share_population_12", "share_population_45"):
        f = comp.get(fid)
        if not f:
            continue
        g = f.get("groups") or {}
        skr, kol = g.get("skr_kommungrupp") or {}, g.get("kolada_liknande") or {}
        rows.append(
            [ctx.label("type_short", t="1–2" if fid.endswith("12") else "4–5")]
            + [
                fmt_number(v, 1, lang)
                for v in (
                    f.get("value"),
                    f.get("lan_value"),
                    f.get("riket_value"),
                    skr.get("group_mean"),
                    kol.get("group_mean"),
                )
            ]
        )
    if not rows:
        return []
    skr_name = ((comp.get("share_population_12") or {}).get("groups") or {}).get("skr_kommungrupp", {}).get("name", "")
    cols = [
        ctx.label("type"),
        ctx.kommun_name,
        ctx.label("lan"),
        ctx.label("riket"),
        f"SKR: {skr_name}".strip(),
        ctx.label("kolada_group"),
    ]
    cap = tr("captions.types_compare", lang, year=ctx.year)
    return [
        Table(
            id="tab-types-compare",
            caption=cap,
            columns=cols,
            rows=rows,
            numeric=[False] + [True] * 5,
            source="SKR kommungruppsindelning 2023; Kolada (RKA) liknande kommuner; SCB/Delmos områdestyp",
        )
    ]


def _flag(v, ref, kind):
    c = ph.compare_class(v, ref, kind=kind)
    return {"much_higher": "▲", "much_lower": "▼"}.get(c, "")


def profiler(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    _profile(ctx, "profiler")
    at = ctx.facts.get("areas")
    if at is None or at.empty:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("profiler", t.title("profiler"), sources=set(at.attrs.get("sources", ())))
    ctx.sources |= sec.sources
    w = area_wide(at)
    inds = [
        ("andel_utrikes_fodda", "share", ctx.label("share_utrikes")),
        ("andel_hyresratt", "share", ctx.label("share_hyresratt")),
        ("loneinkomst_medel_tkr", "mean", ctx.label("income")),
    ]
    inds = [x for x in inds if x[0] in w]
    sec.add(Paragraph(tr("report.profile_intro", lang)))
    flagged, n_sup = 0, 0
    rows = [
        [ctx.kommun_name, "", fmt_int(w["folkmangd__kommun"].iloc[0], lang) if "folkmangd__kommun" in w else ".."]
        + [fmt_number(w[f"{var}__kommun"].iloc[0], 1, lang) for var, _k, _l in inds]
    ]
    for r in w.to_dict("records"):
        pop = r.get("folkmangd")
        typ = r.get("omradestyp")
        row = [
            f"{r['name']} ({r['area_code']})",
            str(int(typ)) if typ == typ and typ else "..",
            pop if isinstance(pop, str) else fmt_int(pop, lang),
        ]
        any_flag = False
        for var, kind, _label in inds:
            v, kv = r.get(var), r.get(f"{var}__kommun")
            sup = isinstance(v, str)
            n_sup += sup
            f = "" if sup else _flag(v, kv, kind)
            any_flag |= bool(f)
            row.append(v if sup else (fmt_number(v, 1, lang) + (f"\u00a0{f}" if f else "")))
        flagged += any_flag
        rows.append(row)
    with ctx.prov("areas"):
        sec.add(Paragraph(t("prof_flags", n=fmt_int(flagged, lang), total=fmt_int(len(w), lang))))
    if n_sup:
        sec.add(Note(ctx.suppress_note()))
    sec.add(*_share_map(ctx, w))
    sec.add(
        Table(
            id="tab-profiles",
            caption=tr("report.profile_caption", lang, year=ctx.year),
            columns=[ctx.label("area"), tr("report.type_col", lang), ctx.label("population")]
            + [lab for _v, _k, lab in inds],
            rows=rows,
            numeric=[False, False] + [True] * (1 + len(inds)),
            source=SRC_AREAS,
            notes=[t("suppressed_note")],
        )
    )
    return sec


def _share_map(ctx: Context, w) -> list:
    """Choropleth of the share born abroad per RegSO (suppressed areas white)."""
    gdf, info = ctx.facts.get("geoms", (None, None))
    if gdf is None or "andel_utrikes_fodda" not in w:
        return []
    t, lang = ctx.t, ctx.lang
    val = w.set_index("area_code")["andel_utrikes_fodda"]
    num = val.map(lambda v: None if isinstance(v, str) or v is None or v != v else round(float(v), 1))
    g = gdf.assign(andel=[num.get(c) for c in gdf["code"]])
    spec = maps.choropleth(
        g,
        value="andel",
        title=ctx.label("share_utrikes_map"),
        scalebar_text=t("scalebar_km"),
        lang=lang,
        number_format=",.0f",
        missing_label=ctx.label("suppressed"),
        label_title=ctx.label("area"),
    )
    shown = g.assign(cell=[val.get(c) for c in g["code"]]).sort_values("code")
    tab = table_from_frame(
        shown,
        id="tab-map-share",
        caption=ctx.label("share_utrikes_map"),
        columns={"code": ctx.label("code"), "name": ctx.label("area"), "cell": ctx.label("share_utrikes_map")},
        formats={"cell": cell_pct(lang)},
        source=SRC_AREAS,
    )
    cap = tr("captions.born_abroad_map", lang, kommun=ctx.kommun_name, year=ctx.year)
    ok = num.dropna()
    alt = cap + (
        ": "
        + tr("captions.range_percent", lang, lo=fmt_number(ok.min(), 0, lang), hi=fmt_number(ok.max(), 0, lang))
        + "."
        if len(ok)
        else "."
    )
    out: list[Figure | Note] = [ctx.figure("fig-map-share", cap, alt, spec, tab, SRC_AREAS, kind="map")]
    if g["andel"].isna().any():
        out.append(Note(t("map_share_note", md=ctx.cfg.suppress_min_denominator)))
    if info["version"] != "RegSO2020":
        out.append(Note(t("types_map_note", n=len(info["approx"]))))
    return out


def utveckling(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    p = _profile(ctx, "utveckling")
    trans = p.get("transitions")
    trend = ctx.facts.get("type_trend")
    if trans is None and (trend is None or trend.empty):
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("utveckling", t.title("utveckling"))
    if trans is not None:
        c = trans["counts"]
        y0, y1 = trans["year_from"], trans["year_to"]
        moved = c.get("improved", 0) + c.get("worsened", 0)
        ctx.signals["transitions"] = (c.get("improved", 0), c.get("worsened", 0), y0, y1)
        with ctx.prov("types.transitions", years=[y0, y1]):
            txt = (
                t(
                    "trend_type",
                    y0=y0,
                    y1=y1,
                    n=fmt_int(moved, lang),
                    up=fmt_int(c.get("improved", 0), lang),
                    down=fmt_int(c.get("worsened", 0), lang),
                )
                if moved
                else t("trend_none", y0=y0, y1=y1)
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(7 if moved else 3, txt))
        m = trans["matrix"]
        rows = [[ctx.label("type_short", t=i)] + [fmt_int(m.loc[i, j], lang) for j in m.columns] for i in m.index]
        sec.add(
            Table(
                id="tab-transitions",
                caption=tr("captions.transitions", lang, y0=y0, y1=y1),
                columns=[ctx.label("from_to")] + [ctx.label("type_short", t=j) for j in m.columns],
                rows=rows,
                numeric=[False] + [True] * len(m.columns),
                notes=list(trans["notes"]),
                source=SRC_TYPES,
            )
        )
        mv = services_suppressed(trans["moved"])
        if len(mv):
            sec.add(
                table_from_frame(
                    mv,
                    id="tab-moved",
                    caption=tr("captions.changed_type", lang),
                    columns={
                        "area_code": ctx.label("code"),
                        "name": ctx.label("area"),
                        "typ_fran": str(y0),
                        "typ_till": str(y1),
                        "population": ctx.label("population"),
                    },
                    formats={"population": cell_int(lang)},
                    source=SRC_TYPES,
                )
            )
    if trend is not None and not trend.empty:
        d = trend.assign(typ=[type_name(x, lang) for x in trend["omradestyp"]])
        d = suppress_frame(d, ctx, counts=["folkmangd"], shares={"andel_utrikes_fodda": "folkmangd"})
        plot = d[d["andel_utrikes_fodda"].map(lambda v: not isinstance(v, str))]
        domain = [type_name(i, lang) for i in range(1, 6)]
        spec = fg.line_chart(
            plot,
            x="year",
            y="andel_utrikes_fodda",
            color="typ",
            sort=domain,
            y_title=ctx.label("share_utrikes"),
            y_format=",.0f",
            tips={"year": ctx.label("year"), "typ": ctx.label("type")},
        )
        for layer in spec["layer"]:
            layer["encoding"]["color"]["scale"] = {"domain": domain, "range": fg.TYPE_COLORS}
            # the long type names in one column below the chart, whole (not cut, not widening the figure)
            layer["encoding"]["color"]["legend"] = {"orient": "bottom", "columns": 1, "labelLimit": 420}
        tab = table_from_frame(
            d.sort_values(["omradestyp", "year"]),
            id="tab-trend-types",
            caption=ctx.label("share_utrikes"),
            columns={
                "typ": ctx.label("type"),
                "year": ctx.label("year"),
                "folkmangd": ctx.label("population"),
                "andel_utrikes_fodda": ctx.label("share_utrikes"),
            },
            formats={"folkmangd": cell_int(lang), "andel_utrikes_fodda": cell_pct(lang)},
            source=SRC_TYPES,
        )
        tab.numeric[1] = False
        yrs = sorted(d["year"].unique())
        cap = tr("captions.born_abroad_by_type", lang, year=ctx.year, y0=yrs[0], y1=yrs[-1])
        sec.add(ctx.figure("fig-trend-types", cap, cap + ".", spec, tab, SRC_TYPES))
        for typ in (1, 5):
            sub = trend[trend["omradestyp"] == typ].set_index("year")
            if len(sub) >= 2:
                with ctx.prov(
                    "population.type_trend", years=[yrs[0], yrs[-1]], names=[tr("captions.type_n", lang, n=typ)]
                ):
                    sec.add(
                        Paragraph(
                            ph.sentence_change(
                                tr(
                                    "captions.in_place",
                                    lang,
                                    subject=t.subject("andel_utrikes_fodda"),
                                    place=tr("captions.type_n", lang, n=typ),
                                ),
                                sub.loc[yrs[0], "andel_utrikes_fodda"],
                                sub.loc[yrs[-1], "andel_utrikes_fodda"],
                                yrs[0],
                                yrs[-1],
                                lang=lang,
                            )
                        )
                    )
    return sec
