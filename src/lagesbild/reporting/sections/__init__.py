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
    from lagesbild.reporting.sections import enkat, extra, population, segregation, skola, types

    return {
        "befolkning": population.befolkning,
        "omradestyper": types.omradestyper,
        "segregation": segregation.segregation,
        "profiler": types.profiler,
        "utveckling": types.utveckling,
        "skola": skola.skola,
        "valdeltagande": population.valdeltagande,
        "insatser": extra.insatser,
        "enkat": enkat.enkat,
        "metod": extra.metod,
        "bilagor": extra.bilagor,
    }


BUILDERS = ("befolkning", "omradestyper", "segregation", "profiler", "utveckling", "skola",
            "valdeltagande", "insatser", "enkat", "metod", "bilagor")


def build_sections(ctx: Context) -> list[Section]:
    """All requested sections in report order; the summary first, built from the findings."""
    from lagesbild.reporting.sections.extra import sammanfattning

    builders = _builders()
    built: dict[str, Section] = {}
    for sid in BUILDERS:
        title = ctx.t.SECTION_TITLES[sid]
        if sid not in ctx.cfg.sections:
            continue
        try:
            sec = builders[sid](ctx)
        except SkipSection as skip:
            sec = Section(sid, title, skipped=ctx.t.T["skipped"].format(title=title.lower(), reason=skip.reason))
        built[sid] = sec
    out = []
    if "sammanfattning" in ctx.cfg.sections:
        out.append(sammanfattning(ctx, list(built.values())))
    out += [built[s] for s in BUILDERS if s in built]
    return out
