"""Shared context and helpers of the section builders."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from lagesbild.reporting import numbers as nb
from lagesbild.reporting.model import Figure, Table

__all__ = ["Context", "SkipSection", "type_name", "suppress_frame", "cell_num", "cell_int", "cell_pct"]


class SkipSection(Exception):
    """Raised by a builder whose data are missing; ``reason`` is the one-line note."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Context:
    """Everything a section builder reads: configuration, texts and the gathered facts."""

    cfg: Any                      # ReportConfig (thresholds filled in)
    t: ModuleType                 # texts_sv or texts_en
    kommun_name: str
    lan: str
    lan_name: str
    facts: dict[str, Any]
    compare_names: dict[str, str] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)

    @property
    def lang(self) -> str:
        return self.cfg.lang

    @property
    def year(self) -> int:
        return self.cfg.year

    def label(self, key: str, **kw) -> str:
        return self.t.LABELS[key].format(**kw)

    def figure(self, id: str, caption: str, alt: str, spec: dict, table: Table | None, source: str,
               kind: str = "chart") -> Figure:
        return Figure(id=id, caption=caption, alt=alt, spec=spec, table=table, source=source, kind=kind)

    def suppress_note(self) -> str:
        from lagesbild.typology.disclosure import suppression_note

        return suppression_note(self.cfg.suppress_min_count, self.cfg.suppress_min_denominator, self.lang)

    def place(self, code: str) -> str:
        """A reference place for comparison phrases ("riket", "Västra Götalands län", "Malmö")."""
        if code == "riket":
            return self.t.PLACES["riket"]
        if code == self.lan:
            return self.lan_name
        return self.compare_names.get(code, code)


def type_name(t: int, lang: str = "sv") -> str:
    """The official name of områdestyp ``t`` ("Typ 1 – Områden med stora …")."""
    from lagesbild.typology.omradestyp import TYPE_LABELS, TYPE_LABELS_EN

    labels = TYPE_LABELS_EN if lang == "en" else TYPE_LABELS
    return f"{'Type' if lang == 'en' else 'Typ'} {int(t)} – {labels[int(t)]}"


def suppress_frame(df, ctx: Context, *, counts=(), shares=None):
    """:func:`lagesbild.typology.disclosure.suppress` with the report's thresholds ("–")."""
    from lagesbild.typology.disclosure import suppress

    return suppress(df, counts=counts, shares=shares, min_count=ctx.cfg.suppress_min_count,
                    min_denominator=ctx.cfg.suppress_min_denominator, lang=ctx.lang)


def cell_num(decimals: int, lang: str):
    return lambda v: nb.fmt_number(v, decimals, lang)


def cell_int(lang: str):
    return lambda v: nb.fmt_int(v, lang)


def cell_pct(lang: str, decimals: int = 1):
    return lambda v: nb.fmt_number(v, decimals, lang)


def services_suppressed(df, cols=None):
    """Turn cells the lägesbild services suppressed (None + attrs) into "–"."""
    info = getattr(df, "attrs", {}).get("suppression") or {}
    cells = info.get("cells") or []
    if not cells:
        return df
    out = df.copy()
    for row, col in cells:
        if col in out.columns and (cols is None or col in cols):
            out[col] = out[col].astype(object)
            out.loc[row, col] = "–"
    return out
