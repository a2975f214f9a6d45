"""Sections: sammanfattning, förebyggande insatser, metod och källor, bilagor."""

from __future__ import annotations

from lagesbild.i18n import choose
from lagesbild.i18n import t as tr
from lagesbild.reporting import phrasing as ph
from lagesbild.reporting.conclusions import SCHOOL_SPREAD
from lagesbild.reporting.model import Bullets, Note, Paragraph, Section, Table, table_from_frame
from lagesbild.reporting.numbers import fmt_number, register_label
from lagesbild.reporting.sections._common import (
    Context,
    SkipSection,
    area_wide,
    cell_int,
    cell_num,
    type_name,
)
from lagesbild.reporting.sections.segregation import kernel_of

#: How many findings the summary shows (the issue asks for five to eight).
MIN_FINDINGS, MAX_FINDINGS = 5, 8


def sammanfattning(ctx: Context, sections: list[Section]) -> Section:
    """The five to eight most important findings, as sentences, highest weight first."""
    t = ctx.t
    sec = Section("sammanfattning", t.title("sammanfattning"))
    found = sorted((f for s in sections for f in s.findings), key=lambda f: -f.weight)
    picked = [f.text for f in found[:MAX_FINDINGS]]
    if not picked:
        sec.skipped = t(
            "skipped",
            title=sec.title.lower(), reason=t("no_data", kommun=ctx.kommun_name)
        )
        return sec
    sec.add(Bullets(picked))
    return sec


def insatser(ctx: Context) -> Section:
    t, _lang = ctx.t, ctx.lang
    ins = ctx.facts.get("insatser")
    if not ins or ins.get("table") is None or len(ins["table"]) == 0:
        ctx.signals["insatser"] = None
        raise SkipSection(ctx.facts.get("insatser_reason") or t("insatser_none", kommun=ctx.kommun_name))
    sec = Section("insatser", t.title("insatser"))
    import re

    for p in ins.get("paragraphs", []):
        # the block's sentences are written from the insatser registry; their numbers come from it
        for tok in re.findall(r"\d+(?:[\u00a0 ]\d{3})*(?:,\d+)?", p):
            register_label(tok, "insatser", (ins.get("source") or "lagesbild insatsregister",))
        sec.add(Paragraph(p))
    df = ins["table"]
    cols = ins.get("columns") or {c: c for c in df.columns}
    sec.add(
        table_from_frame(
            df,
            id="tab-insatser",
            caption=ins.get("caption", sec.title),
            columns=cols,
            formats=ins.get("formats", {}),
            source=ins.get("source", ""),
            notes=ins.get("notes", []),
        )
    )
    gaps = ins.get("gaps")
    ctx.signals["insatser"] = 0 if gaps is None else len(gaps)
    sec.add(*_gap_table(ctx, gaps, ins.get("source", "")))
    chain = ins.get("chain")
    if chain is not None and len(chain):
        cap = tr("report.chain_caption", ctx.lang)
        sec.add(Paragraph(tr("report.chain_intro", ctx.lang)))
        sec.add(
            Table(
                id="tab-chain",
                caption=cap,
                columns=[str(c) for c in chain.columns],
                rows=[[str(v) for v in r] for r in chain.itertuples(index=False)],
                numeric=[False] * len(chain.columns),
                source=ins.get("source", ""),
            )
        )
    return sec


#: How many gaps the report lists (the highest-ranked; all of them are in ``lagesbild insatser tackning``).
MAX_GAPS = 20


def _gap_table(ctx: Context, gaps, source: str) -> list:
    """The highest-ranked gaps in coverage: area, type, life stage or arena, and what is missing."""
    if gaps is None or not len(gaps):
        return []
    lang = ctx.lang
    top = gaps.sort_values("rank").head(MAX_GAPS)
    rows = [
        [
            fmt_number(r.rank, 0, lang),
            f"{r.area_name} ({r.area_code})",
            str(int(r.omradestyp)) if r.omradestyp == r.omradestyp else "..",
            str(r.value_label),
            str(r.gap),
            str(r.insatser or "–"),
        ]
        for r in top.itertuples()
    ]
    cap = tr("report.gap_caption", lang, n=min(MAX_GAPS, len(gaps)), total=len(gaps))
    return [
        Table(
            id="tab-gaps",
            caption=cap,
            columns=[
                tr("report.gap_rank", lang),
                ctx.label("area"),
                ctx.label("type"),
                tr("report.gap_what", lang),
                tr("report.gap_gap", lang),
                tr("report.gap_insatser", lang),
            ],
            rows=rows,
            numeric=[True, False, False, False, False, False],
            source=source,
        )
    ]


def metod(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    sec = Section("metod", t.title("metod"))
    rule = ph.RULE
    defs = [
        (_m(lang, "Områdestyp"), t("method_types")),
        (_m(lang, "Olikhetsindex D"), t("method_D")),
        (_m(lang, "Informationsindex M"), t("method_M")),
        (_m(lang, "Theils H"), t("method_H")),
        (_m(lang, "Multiskalig profil"), t("method_profile", kernel=kernel_of(ctx.cfg.kernel, lang))),
        (_m(lang, "Delmos regel 2022"), t("method_eligibility")),
        (_m(lang, "Konfidensintervall"), t("method_ci", n=ctx.cfg.n_boot, seed=ctx.cfg.seed)),
        (
            _m(lang, "Jämförelseord"),
            t(
                "method_phrase",
                level_pp=fmt_number(rule.level_pp, 0, lang),
                strong_pp=fmt_number(rule.strong_pp, 0, lang),
                level_rel=fmt_number(100 * rule.level_rel, 0, lang),
                strong_rel=fmt_number(100 * rule.strong_rel, 0, lang),
                level_rel_count=fmt_number(100 * rule.level_rel_count, 1, lang),
            ),
        ),
        (
            _m(lang, "Röjandekontroll"),
            t("method_disclosure", mc_1=ctx.cfg.suppress_min_count - 1, md=ctx.cfg.suppress_min_denominator),
        ),
    ]
    defs.append(
        (
            tr("report.title_slutsatser", lang),
            tr("report.method_rules", lang, spread=fmt_number(SCHOOL_SPREAD, 0, lang)),
        )
    )
    sec.add(
        Table(
            id="tab-definitions",
            caption=ctx.label("definition"),
            columns=[ctx.label("measure"), ctx.label("definition")],
            rows=[[a, b] for a, b in defs],
            numeric=[False, False],
        )
    )
    for note in ctx.facts.get("method_notes", []):
        sec.add(Note(note))
    src = ctx.facts.get("sources_table")
    if src is not None and len(src):
        sec.add(
            table_from_frame(
                src,
                id="tab-sources",
                caption=t("sources_head"),
                columns={
                    "publisher": ctx.label("publisher"),
                    "table_id": ctx.label("table_id"),
                    "retrieved": tr("report.date_header", lang),
                    "licence": ctx.label("licence"),
                },
                formats={},
                notes=[tr("report.date_note", lang)],
            )
        )
    col = ctx.facts.get("colophon")
    if col:
        # the settings file's name holds the kommun code and the year
        for label in (col["version"], col["hash"], col["date"], ctx.cfg.kommun, str(ctx.cfg.year)):
            register_label(str(label), "colophon", ("lagesbild",))
        sec.add(
            Paragraph(
                t("colophon", version=col["version"], hash=col["hash"], config=col["config_file"])
                + " "
                + t("generated", date=col["date"])
                + "."
            )
        )
    return sec


def _m(lang: str, sv: str) -> str:
    en = {
        "Områdestyp": "Area type",
        "Olikhetsindex D": "Dissimilarity index D",
        "Informationsindex M": "Information index M",
        "Theils H": "Theil's H",
        "Multiskalig profil": "Multiscalar profile",
        "Konfidensintervall": "Confidence interval",
        "Jämförelseord": "Comparison words",
        "Röjandekontroll": "Disclosure control",
        "Delmos regel 2022": "Delmos' 2022 rule",
    }
    return choose(sv, en[sv], lang)


def bilagor(ctx: Context) -> Section:
    t, lang = ctx.t, ctx.lang
    at = ctx.facts.get("areas")
    if at is None or at.empty:
        raise SkipSection(t("no_data", kommun=ctx.kommun_name))
    sec = Section("bilagor", t.title("bilagor"))
    df = area_wide(at)
    df["typ"] = [str(int(x)) if x == x and x is not None else ".." for x in df["omradestyp"]]
    cols = {
        "area_code": ctx.label("code"),
        "name": ctx.label("area"),
        "typ": tr("report.type_col", lang),
        "folkmangd": ctx.label("population"),
        "andel_utrikes_fodda": ctx.label("share_utrikes"),
        "andel_hyresratt": ctx.label("share_hyresratt"),
        "loneinkomst_medel_tkr": ctx.label("income"),
    }
    cols = {k: v for k, v in cols.items() if k in df}
    n_sup = int(df[[c for c in cols if c not in ("area_code", "name", "typ")]].isin(["–"]).to_numpy().sum())
    notes = [t("suppressed_note")] + ([ctx.suppress_note()] if n_sup else [])
    cap = tr("captions.all_regso", lang, kommun=ctx.kommun_name, year=ctx.year)
    sec.add(
        table_from_frame(
            df,
            id="tab-appendix-areas",
            caption=cap,
            columns=cols,
            formats={
                "folkmangd": cell_int(lang),
                "andel_utrikes_fodda": cell_num(1, lang),
                "andel_hyresratt": cell_num(1, lang),
                "loneinkomst_medel_tkr": cell_num(1, lang),
            },
            notes=notes,
            source="SCB, RegSO-statistik (RegSO 2020); SCB/Delmos områdestyp",
        )
    )
    sec.blocks[-1].numeric[2] = False
    if df["omradestyp"].notna().any():
        legend = [[str(i), type_name(i, lang)] for i in range(1, 6)]
        sec.add(
            Table(
                id="tab-type-legend",
                caption=ctx.label("type"),
                columns=[ctx.label("type"), ctx.label("definition")],
                rows=legend,
                numeric=[False, False],
            )
        )
    return sec
