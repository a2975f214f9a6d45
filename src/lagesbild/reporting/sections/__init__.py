"""Report sections: each builder turns facts into a :class:`~lagesbild.reporting.model.Section`.

A builder returns a section with blocks, or a section whose ``skipped`` holds a one-line
reason (the report then prints that line instead of an empty chapter). The summary is
built last, from the findings the other sections collected.
"""

from __future__ import annotations

from lagesbild.reporting.model import Section
from lagesbild.reporting.sections._common import Context, SkipSection

__all__ = ["Context", "SkipSection", "build_sections", "BUILDERS"]


def _builders() -> dict:
    from lagesbild.reporting.sections import enkat, extra, framing, population, segregation, skola, types

    return {
        "syfte": framing.syfte,
        "befolkning": population.befolkning,
        "omradestyper": types.omradestyper,
        "segregation": segregation.segregation,
        "profiler": types.profiler,
        "utveckling": types.utveckling,
        "skola": skola.skola,
        "valdeltagande": population.valdeltagande,
        "insatser": extra.insatser,
        "enkat": enkat.enkat,
        "slutsatser": framing.slutsatser,
        "metod": extra.metod,
        "bilagor": extra.bilagor,
    }


BUILDERS = ("syfte", "befolkning", "omradestyper", "segregation", "profiler", "utveckling", "skola",
            "valdeltagande", "insatser", "enkat", "slutsatser", "metod", "bilagor")


def _title(ctx: Context, sid: str) -> str:
    return ctx.t.title(sid)


def _merge_own_text(ctx: Context, sec: Section) -> None:
    """Put the kommun's own text for the section (Markdown, named under 'texter' in the settings) at its start."""
    from lagesbild.reporting.owntext import markdown_blocks

    text = (ctx.facts.get("own_texts") or {}).get(sec.id)
    if text:
        sec.blocks[:0] = markdown_blocks(text)


def build_sections(ctx: Context) -> list[Section]:
    """All requested sections in report order; the summary first, built from the findings."""
    from lagesbild.reporting.sections.extra import sammanfattning

    builders = _builders()
    built: dict[str, Section] = {}
    for sid in BUILDERS:
        title = _title(ctx, sid)
        if sid not in ctx.cfg.sections:
            continue
        try:
            sec = builders[sid](ctx)
        except SkipSection as skip:
            sec = Section(sid, title, skipped=ctx.t("skipped", title=title.lower(), reason=skip.reason))
        built[sid] = sec
    out = [built.pop("syfte")] if "syfte" in built else []
    if "sammanfattning" in ctx.cfg.sections:
        out.append(sammanfattning(ctx, list(built.values())))
    out += [built[s] for s in BUILDERS if s in built]
    for sec in out:
        _merge_own_text(ctx, sec)
    return out
