"""Section "Skola och likvärdighet": results per school over several school years.

Reads ``facts["skola"]`` (the dict of :func:`lagesbild.services.skola.skola_kommun`) and, for
the map, ``facts["geoms"]`` (the kommun's RegSO). Blocks: the careful label (segregation of
results, not of background), the spread of meritvärde over the years, D and M between schools
with their rounding range, meritvärde by the områdestyp of the school's area, kommunal versus
fristående, a map of the schools and a table of every school and year.
"""

from __future__ import annotations

from lagesbild.i18n import t as tr
from lagesbild.reporting import figures as fg
from lagesbild.reporting import maps
from lagesbild.reporting.model import Finding, Note, Paragraph, Section, table_from_frame
from lagesbild.reporting.numbers import fmt_int, fmt_number
from lagesbild.reporting.sections._common import Context, SkipSection, cell_num, type_name

__all__ = ["skola", "SRC"]

SRC = "Skolverket, Planned Educations API v4 och slutbetyg åk 9 per skolenhet; beräknat av lagesbild (lagesbild.skola)"


#: fixed text with digits in the gap sentence (registered as labels, not measured values)
_TYPE_LABELS = ("typ 1–2", "typ 4–5", "type 1–2", "type 4–5")


def _ok(v) -> bool:
    return v is not None and v == v


def _span(lasar) -> str:
    """The school years a figure covers, for its caption (" 2020/21–2024/25")."""
    ys = sorted({str(v) for v in lasar})
    return "" if not ys else f" {ys[0]}" if len(ys) == 1 else f" {ys[0]}–{ys[-1]}"


def _n(v, d: int, lang: str) -> str:
    return fmt_number(v, d, lang) if _ok(v) else "–"


def _seg_block(ctx: Context, res: dict, sec: Section) -> None:
    import pandas as pd

    lang = ctx.lang
    seg = pd.DataFrame(res["segregation"])
    if seg.empty:
        return
    d = seg[(seg["index"] == "D") & seg["varde"].notna()]
    if len(d):
        last = d.iloc[-1]
        with ctx.prov("skola", names=[last["lasar"]]):
            txt = tr(
                "skola.d_sentence",
                lang,
                lasar=last["lasar"],
                d=_n(last["varde"], 2, lang),
                lo=_n(last["min"], 2, lang),
                hi=_n(last["max"], 2, lang),
                n=fmt_int(last["skolor"], lang),
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(3.5, txt))
    wide = seg.pivot_table(
        index=["ar", "lasar"], columns="index", values=["varde", "min", "max", "skolor"], aggfunc="first"
    )
    rows = []
    for (_ar, lasar), r in wide.iterrows():
        rows.append(
            {
                "lasar": lasar,
                "D": r[("varde", "D")],
                "D_int": f"{_n(r[('min', 'D')], 2, lang)}–{_n(r[('max', 'D')], 2, lang)}",
                "M": r[("varde", "M")],
                "skolor": r[("skolor", "D")],
            }
        )
    tab_df = pd.DataFrame(rows)
    tab = table_from_frame(
        tab_df,
        id="tab-school-seg",
        caption=tr("skola.segregation_heading", lang),
        columns={
            "lasar": tr("skola.lasar", lang),
            "D": "D",
            "D_int": tr("skola.range_head", lang),
            "M": "M",
            "skolor": tr("skola.school", lang),
        },
        formats={"D": cell_num(3, lang), "M": cell_num(4, lang), "skolor": lambda v: fmt_int(v, lang)},
        notes=[tr("skola.label", lang), tr("skola.weights_note", lang)],
        source=SRC,
    )
    plot = seg[seg["index"] == "D"].dropna(subset=["varde"])
    spec = fg.line_chart(
        plot, x="lasar", y="varde", lo="min", hi="max", x_title=tr("skola.lasar", lang), y_title="D", y_format=",.2f"
    )
    cap = tr("skola.segregation_heading", lang) + f" – {ctx.kommun_name}" + _span(plot["lasar"])
    alt = cap + ". " + "; ".join(f"{r.lasar}: D {_n(r.varde, 2, lang)}" for r in plot.itertuples()) + "."
    sec.add(ctx.figure("fig-school-seg", cap, alt, spec, tab, SRC))


def _type_block(ctx: Context, res: dict, sec: Section) -> None:
    import pandas as pd

    lang = ctx.lang
    bt = pd.DataFrame(res["efter_omradestyp"])
    if bt.empty:
        sec.add(Note(tr("skola.placering.endast_kommun_utan_granser", lang)))
        return
    bt["typ"] = [type_name(x, lang) for x in bt["omradestyp"]]
    spec = fg.line_chart(
        bt,
        x="lasar",
        y="meritvarde",
        color="typ",
        x_title=tr("skola.lasar", lang),
        y_title=tr("skola.merit", lang),
        y_format=",.0f",
        sort=[type_name(i, lang) for i in range(1, 6)],
    )
    tab = table_from_frame(
        bt.sort_values(["omradestyp", "ar"]),
        id="tab-school-types",
        caption=tr("skola.by_type_heading", lang),
        columns={
            "typ": tr("skola.omradestyp", lang),
            "lasar": tr("skola.lasar", lang),
            "meritvarde": tr("skola.merit", lang),
            "skolor": tr("skola.school", lang),
        },
        formats={"meritvarde": cell_num(1, lang), "skolor": lambda v: fmt_int(v, lang)},
        notes=[tr("skola.label", lang)],
        source=SRC,
    )
    cap = tr("skola.by_type_heading", lang) + f" – {ctx.kommun_name}" + _span(bt["lasar"])
    alt = cap + ". " + "; ".join(f"{r.lasar} {r.typ}: {_n(r.meritvarde, 0, lang)}" for r in bt.itertuples()) + "."
    sec.add(ctx.figure("fig-school-types", cap, alt, spec, tab, SRC))
    gaps = [g for g in res["skillnad_omradestyp"] if _ok(g["skillnad"])]
    if gaps:
        g = gaps[-1]
        with ctx.prov("skola", names=[g["lasar"], *_TYPE_LABELS]):
            txt = tr(
                "skola.gap_sentence",
                lang,
                lasar=g["lasar"],
                a=_n(g["typ_1_2"], 1, lang),
                na=fmt_int(g["skolor_1_2"], lang),
                b=_n(g["typ_4_5"], 1, lang),
                nb=fmt_int(g["skolor_4_5"], lang),
                gap=_n(g["skillnad"], 1, lang),
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(3.6, txt))


def _map_block(ctx: Context, res: dict, sec: Section) -> None:
    gdf, info = ctx.facts.get("geoms", (None, None))
    pts = [s for s in res["skolor"] if _ok(s["x"])]
    if gdf is None or not pts:
        return
    lang = ctx.lang
    # every area's type where the kommun profile has it, else the type of the school's area
    prof = ctx.facts.get("profile") or {}
    areas = prof.get("areas")
    types = (
        {}
        if areas is None
        else {r.area_code: int(r.omradestyp) for r in areas.itertuples() if r.omradestyp == r.omradestyp}
    )
    types.update(
        {
            s["regso"]: s["omradestyp"]
            for s in res["skolor"]
            if s["regso"] and s["omradestyp"] and s["regso"] not in types
        }
    )
    g = gdf.assign(typ=[type_name(types[c], lang) if c in types else None for c in gdf["code"]])
    spec = maps.choropleth(
        g,
        value="typ",
        domain=[type_name(i, lang) for i in range(1, 6)],
        colors=fg.TYPE_COLORS,
        title=tr("skola.omradestyp", lang),
        missing_label=ctx.label("unknown"),
        scalebar_text=ctx.t("scalebar_km"),
        lang=lang,
        label_title=ctx.label("area"),
    )
    last = max(res["ar"])
    vals = [
        {
            "x": round(s["x"]),
            "y": round(s["y"]),
            "namn": s["namn"],
            "merit": next((y["meritvarde"] for y in s["ar"] if y["ar"] == last and _ok(y["meritvarde"])), None),
        }
        for s in pts
    ]
    spec["layer"].insert(
        1,
        {
            "data": {"values": vals},
            "mark": {
                "type": "circle",
                "size": 40,
                "fill": "#000000",
                "stroke": "#ffffff",
                "strokeWidth": 1,
                "opacity": 0.9,
            },
            "encoding": {
                "longitude": {"field": "x", "type": "quantitative"},
                "latitude": {"field": "y", "type": "quantitative"},
                "tooltip": [
                    {"field": "namn", "title": tr("skola.school", lang)},
                    {"field": "merit", "title": tr("skola.merit", lang), "format": ",.1f"},
                ],
            },
        },
    )
    import pandas as pd

    tab_df = pd.DataFrame(
        [
            {
                "namn": s["namn"],
                "regso": s["regso"] or "–",
                "typ": type_name(s["omradestyp"], lang) if s["omradestyp"] else "–",
                "placering": s["placering_text"],
            }
            for s in res["skolor"]
        ]
    ).sort_values("namn")
    tab = table_from_frame(
        tab_df,
        id="tab-school-map",
        caption=tr("skola.map_heading", lang),
        columns={
            "namn": tr("skola.school", lang),
            "regso": "RegSO",
            "typ": tr("skola.omradestyp", lang),
            "placering": tr("skola.placering", lang),
        },
        formats={},
        source=SRC,
    )
    cap = tr("skola.map_heading", lang) + f" – {ctx.kommun_name}"
    alt = cap + f": {len(pts)} / {len(res['skolor'])}."
    sec.add(ctx.figure("fig-school-map", cap, alt, spec, tab, SRC, kind="map"))


def _schools_table(ctx: Context, res: dict, sec: Section) -> None:
    import pandas as pd

    lang = ctx.lang
    years = res["ar"]
    rows = []
    for s in res["skolor"]:
        row = {
            "namn": s["namn"],
            "huvudman": tr(f"skola.{'fristaende' if s['huvudman'] == 'fristående' else 'kommunal'}", lang)
            if s["huvudman"]
            else tr("skola.okand", lang),
            "typ": str(s["omradestyp"]) if s["omradestyp"] else "–",
        }
        by = {y["ar"]: y for y in s["ar"]}
        for yr in years:
            y = by.get(yr)
            row[str(yr)] = (
                "–" if y is None else (y["meritvarde"] if _ok(y["meritvarde"]) else (y["meritvarde_status"] or "–"))
            )
        rows.append(row)
    df = pd.DataFrame(rows).sort_values("namn")
    cols = {
        "namn": tr("skola.school", lang),
        "huvudman": tr("skola.huvudman", lang),
        "typ": tr("skola.omradestyp", lang),
    }
    cols.update({str(y): f"{y - 1}/{str(y)[2:]}" for y in years})
    tab = table_from_frame(
        df,
        id="tab-schools",
        caption=tr("skola.schools_heading", lang),
        columns=cols,
        formats={str(y): cell_num(1, lang) for y in years},
        notes=[tr("skola.markers_note", lang)],
        source=SRC,
        compact=True,
    )
    sec.add(tab)


def _eligibility(ctx: Context, res: dict, sec: Section) -> None:
    b = res.get("behorighet_kommun") or {}
    vals = [
        (b.get(k) or {}).get("varde")
        for k in ("beh_andel_yrkesprog", "beh_andel_yrkesprog_kommunal", "beh_andel_yrkesprog_enskild")
    ]
    if not all(_ok(v) for v in vals):
        return
    lang = ctx.lang
    with ctx.prov("skola", names=["2024/25", "årskurs 9", "year-9"]):
        sec.add(
            Paragraph(
                tr(
                    "skola.eligibility_sentence",
                    lang,
                    a=_n(vals[0], 1, lang),
                    k=_n(vals[1], 1, lang),
                    f=_n(vals[2], 1, lang),
                )
            )
        )


def _beside_residential(ctx: Context, res: dict, sec: Section) -> None:
    """School results' D next to the residential D of the segregation section (not comparable as numbers)."""
    seg = ctx.facts.get("segregation")
    d = [r for r in res["segregation"] if r["index"] == "D" and _ok(r["varde"])]
    if not seg or not d:
        return
    ind = seg["indices"]
    cur = ind[(ind["index"] == "dissimilarity") & (ind["year"] == seg["year"])]
    if cur.empty:
        return
    lang = ctx.lang
    with ctx.prov("segregation.indices", years=[seg["year"]]):
        dr = fmt_number(cur["value"].iloc[0], 3, lang)
    with ctx.prov("skola", names=[d[-1]["lasar"]]):
        ds = _n(d[-1]["varde"], 3, lang)
    sec.add(Paragraph(tr("skola.beside_residential", lang, dr=dr, yr=seg["year"], ds=ds, lasar=d[-1]["lasar"])))


def skola(ctx: Context) -> Section:
    lang = ctx.lang
    res = ctx.facts.get("skola")
    if res is None and "schools" in ctx.facts:  # facts gathered without the skola analysis: one year only
        from lagesbild.reporting.sections.segregation import skola as one_year

        return one_year(ctx)
    if not res or not res.get("skolor"):
        raise SkipSection(ctx.t("no_data", kommun=ctx.kommun_name))
    sec = Section("skola", ctx.t.title("skola"), sources=set(res.get("kallor", ())))
    ctx.sources |= sec.sources
    sec.add(Note(tr("skola.label", lang)))
    sp = [r for r in res["spridning"]["per_ar"] if _ok(r["sd"])]
    if sp and _ok(sp[-1].get("min")) and _ok(sp[-1].get("max")):
        ctx.signals["school_spread"] = float(sp[-1]["max"]) - float(sp[-1]["min"])
    if len(sp) >= 2:
        with ctx.prov("skola", names=[sp[0]["lasar"], sp[-1]["lasar"]]):
            txt = tr(
                "skola.spread_sentence",
                lang,
                sd0=_n(sp[0]["sd"], 1, lang),
                y0=sp[0]["lasar"],
                sd1=_n(sp[-1]["sd"], 1, lang),
                y1=sp[-1]["lasar"],
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(3.4, txt))
    _seg_block(ctx, res, sec)
    _type_block(ctx, res, sec)
    hm = [h for h in res["huvudman"] if _ok(h["kommunal"]) and _ok(h["fristaende"])]
    if hm:
        h = hm[-1]
        with ctx.prov("skola", names=[h["lasar"]]):
            sec.add(
                Paragraph(
                    tr(
                        "skola.huvudman_sentence",
                        lang,
                        lasar=h["lasar"],
                        a=_n(h["kommunal"], 1, lang),
                        na=fmt_int(h["skolor_kommunal"], lang),
                        b=_n(h["fristaende"], 1, lang),
                        nb=fmt_int(h["skolor_fristaende"], lang),
                    )
                )
            )
    _eligibility(ctx, res, sec)
    _beside_residential(ctx, res, sec)
    _map_block(ctx, res, sec)
    _schools_table(ctx, res, sec)
    for note in res["noter"][1:]:
        sec.add(Note(note))
    return sec
