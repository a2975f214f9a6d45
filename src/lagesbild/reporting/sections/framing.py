"""Sections that frame the analysis: syfte och bakgrund, slutsatser och rekommendationer."""

from __future__ import annotations

from lagesbild.i18n import t
from lagesbild.reporting.conclusions import conclusions
from lagesbild.reporting.model import Paragraph, Section, Table
from lagesbild.reporting.owntext import markdown_blocks
from lagesbild.reporting.sections._common import Context

__all__ = ["syfte", "slutsatser"]


def syfte(ctx: Context) -> Section:
    """Syfte och bakgrund: the configured text (Markdown), else the default that explains the assignment."""
    sec = Section("syfte", t("report.title_syfte", ctx.lang))
    text = ctx.cfg.syfte.strip() or t("report.syfte_default", ctx.lang, kommun=ctx.kommun_name)
    sec.add(*markdown_blocks(text))
    return sec


def slutsatser(ctx: Context) -> Section:
    """Conclusions and recommendations from the signals the other sections recorded."""
    lang = ctx.lang
    sec = Section("slutsatser", t("report.title_slutsatser", lang))
    pairs = conclusions(ctx.signals, lang)
    if not pairs:
        sec.add(Paragraph(t("report.concl_none", lang)))
        return sec
    sec.add(Paragraph(t("report.concl_intro", lang)))
    sec.add(
        Table(
            id="tab-conclusions",
            caption=t("report.title_slutsatser", lang),
            columns=[t("report.concl_head", lang), t("report.rec_head", lang)],
            rows=[[c, r] for c, r in pairs],
            numeric=[False, False],
        )
    )
    return sec
