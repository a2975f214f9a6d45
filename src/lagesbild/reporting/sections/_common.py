"""Shared context and helpers of the section builders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagesbild.reporting import numbers as nb
from lagesbild.reporting.model import Figure, Table
from lagesbild.reporting.phrasing import ReportTexts

__all__ = ["Context", "SkipSection", "type_name", "suppress_frame", "cell_num", "cell_int", "cell_pct",
           "area_wide"]


class SkipSection(Exception):
    """Raised by a builder whose data are missing; ``reason`` is the one-line note."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Context:
    """Everything a section builder reads: configuration, texts and the gathered facts."""

    cfg: Any                      # ReportConfig (thresholds filled in)
    t: ReportTexts                # the report's texts in cfg.lang (phrasing.texts)
    kommun_name: str
    lan: str
    lan_name: str
    facts: dict[str, Any]
    compare_names: dict[str, str] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    #: What the sections found, for the conclusions (see :mod:`lagesbild.reporting.conclusions`).
    signals: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.cfg.lang

    @property
    def year(self) -> int:
        return self.cfg.year

    def label(self, key: str, **kw) -> str:
        return self.t.label(key, **kw)

    def figure(self, id: str, caption: str, alt: str, spec: dict, table: Table | None, source: str,
               kind: str = "chart") -> Figure:
        return Figure(id=id, caption=caption, alt=alt, spec=spec, table=table, source=source, kind=kind)

    def suppress_note(self) -> str:
        from lagesbild.typology.disclosure import suppression_note

        return suppression_note(self.cfg.suppress_min_count, self.cfg.suppress_min_denominator, self.lang)

    def prov(self, key: str, *, years=(), names=(), sources=None):
        """Provenance scope: numbers formatted inside come from the fact ``key`` (see
        :func:`lagesbild.reporting.numbers.provenance`); ``sources`` default to the store
        sources of the fact's first part (``facts["src"]``)."""
        if sources is None:
            sources = self.facts.get("src", {}).get(key.split(".")[0], ())
        return nb.provenance(key, sources, years=years, names=(self.kommun_name, *names))

    def place(self, code: str) -> str:
        """A reference place for comparison phrases ("riket", "Västra Götalands län", "Malmö")."""
        if code == "riket":
            return self.t.place("riket")
        if code == self.lan:
            return self.lan_name
        return self.compare_names.get(code, code)


def type_name(t: int, lang: str = "sv") -> str:
    """The official name of områdestyp ``t`` ("Typ 1 – Områden med stora …")."""
    from lagesbild.i18n import choose
    from lagesbild.i18n import t as tr
    from lagesbild.typology.omradestyp import TYPE_LABELS, TYPE_LABELS_EN

    label = choose(TYPE_LABELS[int(t)], TYPE_LABELS_EN[int(t)], lang)
    return tr("captions.type_name", lang, n=int(t), label=label)


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


def area_wide(at, ids=("folkmangd", "andel_utrikes_fodda", "andel_hyresratt", "loneinkomst_medel_tkr")):
    """The long :func:`services_lagesbild.area_table` as one row per area.

    Columns ``area_code, name, omradestyp`` and per indicator ``<id>`` (the value, "–" where
    the service suppressed it), ``<id>__kommun`` (the kommun value) and ``<id>__den``.
    """
    import pandas as pd

    sub = at[at["id"].isin(ids)]
    base = sub.drop_duplicates("area_code")[["area_code", "name", "omradestyp"]].set_index("area_code")
    parts = [base]
    for i in ids:
        r = sub[sub["id"] == i].set_index("area_code")
        if r.empty:
            continue
        v = r["value"].astype(object).where(~r["suppressed"].astype(bool), "–")
        parts.append(pd.DataFrame({i: v, f"{i}__kommun": r["kommun_value"], f"{i}__den": r.get("denominator_value")}))
    out = pd.concat(parts, axis=1).reset_index()
    return out.sort_values("area_code").reset_index(drop=True)
