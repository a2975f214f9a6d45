"""Sections: segregationens grad and skola och likvärdighet."""

from __future__ import annotations

from lagesbild.i18n import choose
from lagesbild.i18n import t as tr
from lagesbild.reporting import figures as fg
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.model import Figure, Finding, Note, Paragraph, Section, Table, table_from_frame
from lagesbild.reporting.numbers import fmt_int, fmt_number
from lagesbild.reporting.sections._common import Context, SkipSection, cell_int, cell_num, suppress_frame

SRC_SEG = "Beräknat av lagesbild från SCB:s antal födda i Sverige och födda utomlands per RegSO (RegSO 2020)"
SRC_SCHOOL = "Skolverket, slutbetyg årskurs 9 per skolenhet"
_NAMES = {
    "dissimilarity": ("Olikhetsindex D", "Dissimilarity index D"),
    "theil_h": ("Theils H", "Theil's H"),
    "mutual_information": ("Informationsindex M", "Mutual information index M"),
}


def _name(idx: str, lang: str) -> str:
    return choose(*_NAMES[idx], lang)


def _ok(v) -> bool:
    return v is not None and v == v


def segregation(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    seg = ctx.facts.get("segregation")
    if not seg:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("segregation", t.title("segregation"), sources=set(seg["sources"]))
    ctx.sources |= sec.sources
    ind = seg["indices"]
    d = ind[ind["index"] == "dissimilarity"].set_index("year").sort_index()
    y = seg["year"]
    sec.add(Paragraph(t("seg_intro")))
    cur = d.loc[y]
    has_ci = _ok(cur["ci_low"])
    with ctx.prov("segregation.indices", years=[y]):
        if has_ci:
            ci = t("ci", lo=fmt_number(cur["ci_low"], 3, lang), hi=fmt_number(cur["ci_high"], 3, lang))
            txt = t(
                "seg_D",
                value=fmt_number(cur["value"], 3, lang), year=y, ci=ci, plugin=fmt_number(cur["value_plugin"], 3, lang)
            )
        else:
            txt = t("seg_D_plugin", value=fmt_number(cur["value"], 3, lang), year=y)
    sec.add(Paragraph(txt))
    sec.findings.append(Finding(9, txt))
    if len(d) >= 2:
        y0 = int(d.index.min())
        old = d.loc[y0]
        overlap = has_ci and not (cur["ci_low"] > old["ci_high"] or old["ci_low"] > cur["ci_high"])
        cls = ph.change_class(old["value"], cur["value"], kind="index", decimals=3)
        key = (
            "seg_trend_stable"
            if overlap or cls in ("unchanged", "stable")
            else "seg_trend_up"
            if cls == "up"
            else "seg_trend_down"
        )
        ctx.signals["seg_trend"] = (key.removeprefix("seg_trend_"), y0, y)
        with ctx.prov("segregation.indices", years=[y0, y]):
            txt = t(
                key,
                old=fmt_number(old["value"], 3, lang), new=fmt_number(cur["value"], 3, lang), y0=y0, y1=y
            )
        sec.add(Paragraph(txt))
        sec.findings.append(Finding(5, txt))
    comp = seg.get("compare")
    if comp is not None and len(comp):
        for r in comp.itertuples():
            cmp = ph.compare_class(
                cur["value"], r.value, kind="index", ci=(cur["ci_low"], cur["ci_high"]) if has_ci else None
            )
            if cmp is None:  # the comparison kommun has no value
                continue
            with ctx.prov("segregation.compare", names=[ctx.place(r.kommun)]):
                sec.add(
                    Paragraph(
                        t(
                            "seg_compare",
                            phrase=t.compare(cmp, ctx.place(r.kommun)),
                            ref_value=fmt_number(r.value, 3, lang),
                        )
                    )
                )
    sec.add(*_indices_figure(ctx, ind, d))
    sec.add(*_between_within(ctx, seg))
    sec.add(*_ojamlikhet(ctx, sec))
    sec.add(*_profile(ctx, seg))
    return sec


def _indices_figure(ctx: Context, ind, d) -> list:
    lang = ctx.lang
    plot = ind[ind["index"].isin(["dissimilarity", "theil_h"])].assign(
        matt=lambda x: [_name(i, lang) for i in x["index"]]
    )
    spec = fg.line_chart(
        plot,
        x="year",
        y="value",
        color="matt",
        lo="ci_low",
        hi="ci_high",
        y_title=ctx.label("value"),
        y_format=",.2f",
        zero=True,
        tips={"year": ctx.label("year"), "matt": ctx.label("measure")},
    )
    tab_df = ind.assign(
        matt=[_name(i, lang) for i in ind["index"]],
        ci=[
            (f"{fmt_number(a, 3, lang)}–{fmt_number(b, 3, lang)}" if _ok(a) else "..")
            for a, b in zip(ind["ci_low"], ind["ci_high"])
        ],
    )
    tcap = tr("captions.seg_table", lang)
    tab = table_from_frame(
        tab_df,
        id="tab-seg",
        caption=tcap,
        columns={
            "matt": ctx.label("index"),
            "year": ctx.label("year"),
            "value": ctx.label("value_bc"),
            "value_plugin": ctx.label("value_plugin"),
            "ci": ctx.label("ci"),
            "n_units": ctx.label("n_regso"),
        },
        formats={"value": cell_num(3, lang), "value_plugin": cell_num(3, lang), "n_units": cell_int(lang)},
        source=SRC_SEG,
    )
    tab.numeric[1], tab.numeric[4] = False, True
    yrs = sorted(d.index)
    cap = tr("captions.seg_figure", lang, y0=yrs[0], y1=yrs[-1])
    return [ctx.figure("fig-seg", cap, cap + ".", spec, None, SRC_SEG), tab]


def _between_within(ctx: Context, seg) -> list:
    t, lang = ctx.t, ctx.lang
    out: list[Paragraph | Table] = []
    bw = seg.get("between_within")
    if bw is not None and len(bw):
        m = bw[bw["index"] == "mutual_information"].set_index("part")["value"]
        share = 100.0 * m["between"] / m["total"] if m["total"] else None
        with ctx.prov("segregation.between_within", years=[seg["year"]]):
            out.append(Paragraph(t("seg_between", share=ph.fmt_value(share, "share", lang))))
        rows = [
            [ctx.label(p), fmt_number(m[p], 4, lang), fmt_number(100.0 * m[p] / m["total"], 1, lang)]
            for p in ("between", "within", "total")
        ]
        out.append(
            Table(
                id="tab-between",
                caption=tr("captions.between_within", lang, year=seg["year"]),
                columns=[ctx.label("measure"), "M", tr("captions.percent_col", lang)],
                rows=rows,
                numeric=[False, True, True],
                source=SRC_SEG,
            )
        )
    sw = seg.get("share_of_within")
    if sw:
        with ctx.prov("segregation.share_of_within", years=[seg["year"]]):
            out.append(
                Paragraph(
                    t(
                        "seg_share_within",
                        kommun=ctx.kommun_name,
                        share=ph.fmt_value(100.0 * sw["share_of_within"], "share", lang),
                        year=seg["year"],
                        local=fmt_number(sw["local_value"], 3, lang),
                        rank=fmt_int(sw["rank"], lang),
                        n=fmt_int(sw["n_kommuner"], lang),
                    )
                )
            )
    return out


def _ojamlikhet(ctx: Context, sec: Section) -> list:
    """Ojämlikhetsindex and the Delmos 2022 eligibility rule (from the kommun profile)."""
    t, lang, out = ctx.t, ctx.lang, []
    p = ctx.facts.get("profile") or {}
    oj, el = p.get("ojamlikhetsindex"), p.get("eligibility")
    if oj:
        if oj.get("value") is None:
            # the first sentence of the profile's reason: the report says itself how to fetch the data
            reason = (oj.get("note") or "").split(": ", 1)[-1].split(". ", 1)[0].rstrip(".") + "."
            out.append(Paragraph(t("ojamlikhet_missing", kommun=ctx.kommun_name, reason=reason)))
        else:
            with ctx.prov("types.ojamlikhetsindex", years=[oj["year"]]):
                out.append(
                    Paragraph(t("ojamlikhet_value", value=fmt_number(oj["value"], 1, lang), year=oj["year"]))
                )
    k = (el or {}).get("kommun")
    if el and k and _ok(el.get("share_threshold")):
        with ctx.prov("types.eligibility"):
            txt = t(
                "eligibility",
                threshold=ph.fmt_value(el["share_threshold"], "share", lang),
                kommun=ctx.kommun_name,
                share=ph.fmt_value(k["share_population_12"], "share", lang),
                z=fmt_number(k["z_share"], 2, lang),
            )
        key = {"uppfyller": "eligibility_yes", "uppfyller inte": "eligibility_no"}.get(k["status"], "eligibility_open")
        verdict = t(key, kommun=ctx.kommun_name)
        out.append(Paragraph(txt + " " + verdict))
        sec.findings.append(Finding(6, verdict))
    return out


def _profile(ctx: Context, seg) -> list:
    t, lang = ctx.t, ctx.lang
    prof = seg.get("profile")
    if prof is None or not len(prof):
        return (
            [Note(t("skipped", title=ctx.label("bandwidth").lower(), reason=seg["profile_reason"]))]
            if seg.get("profile_reason")
            else []
        )
    prof = prof.sort_values("bandwidth").reset_index(drop=True)
    sm = prof[prof["bandwidth"] > 0]
    b0, b1 = sm.iloc[0], sm.iloc[-1]
    with ctx.prov("segregation.profile"):
        out: list[Paragraph | Figure | Note] = [
            Paragraph(
                t(
                    "seg_profile",
                    small=fmt_number(b0["value"], 3, lang),
                    large=fmt_number(b1["value"], 3, lang),
                    b0=fmt_int(b0["bandwidth"], lang),
                    b1=fmt_int(b1["bandwidth"], lang),
                )
            )
        ]
    d = prof.assign(radie=[fmt_int(b, lang) for b in prof["bandwidth"]])
    spec = fg.line_chart(
        d, x="radie", y="value", x_title=ctx.label("bandwidth"), y_title="D", y_format=",.2f", zero=True
    )
    spec["layer"][-1]["encoding"]["x"]["sort"] = list(d["radie"])
    spec["height"] = 170
    ptab = table_from_frame(
        prof,
        id="tab-profile",
        caption="D",
        columns={"bandwidth": ctx.label("bandwidth"), "value": "D"},
        formats={"bandwidth": cell_int(lang), "value": cell_num(3, lang)},
        source=SRC_SEG,
    )
    cap = tr("captions.profile", lang, year=seg["year"])
    out.append(ctx.figure("fig-profile", cap, cap + ".", spec, ptab, SRC_SEG))
    r0 = prof.iloc[0]
    if bool(r0["approximate"]):
        out.append(
            Note(
                t(
                    "seg_profile_approx",
                    geo=_version(r0["geometry_version"]),
                    stats=_version(r0["geo_version"]),
                    n=int(r0["n_links_boundary_changed"]),
                )
            )
        )
    return out


def _version(v: str) -> str:
    """ "RegSO2025" → "RegSO 2025"."""
    return v[:-4] + " " + v[-4:] if v[-4:].isdigit() else v


_KERNELS = {
    "triangular": ("triangulär", "triangular"),
    "gaussian": ("gaussisk", "Gaussian"),
    "uniform": ("likformig", "uniform"),
    "quadratic": ("kvadratisk", "quadratic"),
    "quartic": ("kvartisk", "quartic"),
    "exponential": ("exponentiell", "exponential"),
}


def kernel_of(k: str, lang: str) -> str:
    return choose(*_KERNELS.get(k, (k, k)), lang)


def skola(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    sch = ctx.facts.get("schools")
    if sch is None or sch.empty or "meritvarde_ak9" not in sch:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("skola", t.title("skola"), sources=set(sch.attrs.get("sources", ())))
    ctx.sources |= sec.sources
    y = sch.attrs["year"]
    lasar = f"{y - 1}/{str(y)[2:]}"
    pub = suppress_frame(
        sch, ctx, counts=["elever_ak9"], shares={"andel_alla_amnen_ak9": "elever_ak9", "meritvarde_ak9": "elever_ak9"}
    )
    ok = pub[pub["meritvarde_ak9"].map(lambda v: not isinstance(v, str) and v == v)]
    if len(ok) < 2:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    m = ok["meritvarde_ak9"].astype(float)
    with ctx.prov("schools", names=[lasar]):
        txt = t(
            "school_spread",
            year=lasar,
            kommun=ctx.kommun_name,
            lo=fmt_number(m.min(), 1, lang),
            hi=fmt_number(m.max(), 1, lang),
            med=fmt_number(m.median(), 1, lang),
            n=fmt_int(len(m), lang),
        )
        sec.add(
            Paragraph(txt),
            Paragraph(
                t(
                    "school_iqr",
                    p25=fmt_number(m.quantile(0.25), 1, lang), p75=fmt_number(m.quantile(0.75), 1, lang)
                )
            ),
        )
    sec.findings.append(Finding(4, txt))
    if y != ctx.year:
        sec.add(Note(t("school_year_note", year=lasar)))
    import numpy as np

    plot = ok.assign(meritvarde_ak9=m, jitter=np.random.default_rng(ctx.cfg.seed).uniform(0, 1, len(ok)))
    spec = fg.dot_chart(
        plot,
        x="meritvarde_ak9",
        x_title=ctx.label("merit"),
        highlight="name",
        tips={"name": ctx.label("school")},
        median_label=tr("report.median", lang),
    )
    cap = tr("captions.merit", lang, lasar=lasar) + tr("report.median_line", lang)
    tab = table_from_frame(
        pub.sort_values("name"),
        id="tab-schools",
        caption=cap,
        columns={
            "name": ctx.label("school"),
            "elever_ak9": ctx.label("pupils"),
            "meritvarde_ak9": ctx.label("merit"),
            "andel_alla_amnen_ak9": ctx.label("all_subjects"),
        },
        formats={
            "elever_ak9": cell_int(lang),
            "meritvarde_ak9": cell_num(1, lang),
            "andel_alla_amnen_ak9": cell_num(1, lang),
        },
        notes=[ctx.suppress_note()] if pub.attrs["suppression"]["n_cells"] else [],
        source=SRC_SCHOOL,
    )
    sec.add(
        ctx.figure(
            "fig-schools",
            cap,
            cap + f": {len(m)} skolor, median {fmt_number(m.median(), 1, lang)}.",
            spec,
            tab,
            SRC_SCHOOL,
        )
    )
    return sec
