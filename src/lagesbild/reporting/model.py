"""The report as plain data: sections of blocks (paragraphs, tables, figures, notes).

Sections are built from numbers once; the HTML, PDF and Word renderers only lay the blocks
out. Table cells are already formatted strings (suppression applied), so every output shows
exactly the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Bullets", "Paragraph", "Note", "Table", "Figure", "Finding", "Section", "Report", "table_from_frame"]


@dataclass
class Paragraph:
    text: str


@dataclass
class Bullets:
    """A bulleted list of sentences (the summary's findings)."""

    items: list[str]


@dataclass
class Note:
    """A short remark (method caveat, skip reason); rendered smaller."""

    text: str


@dataclass
class Table:
    """A formatted table. ``rows`` hold strings; ``numeric`` marks right-aligned columns."""

    id: str
    caption: str
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    compact: bool = False
    number: int = 0

    def __post_init__(self):
        if not self.numeric:
            self.numeric = [False] * len(self.columns)


@dataclass
class Figure:
    """A chart or map: one Vega-Lite spec for every output, plus a table alternative."""

    id: str
    caption: str
    alt: str
    spec: dict[str, Any]
    table: Table | None = None
    source: str = ""
    kind: str = "chart"          # chart | map
    width_cm: float = 16.0
    number: int = 0
    svg: str | None = None       # filled by the renderer pipeline
    png: bytes | None = None
    # set by render_html for its template: the inline SVG and spec (screen), the PNG and its width (print)
    svg_markup: Any = None
    spec_json: Any = None
    png_uri: str | None = None
    print_width_cm: float | None = None


@dataclass
class Finding:
    """A key sentence for the summary; higher ``weight`` comes first."""

    weight: float
    text: str


@dataclass
class Section:
    id: str
    title: str
    blocks: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None   # one-line note when the section has no data
    sources: set[str] = field(default_factory=set)
    render_blocks: list = field(default_factory=list)  # set by render_html: the blocks as that output orders them

    def add(self, *blocks) -> Section:
        self.blocks.extend(b for b in blocks if b is not None)
        return self


@dataclass
class Report:
    title: str
    subtitle: str
    kommun: str
    kommun_name: str
    year: int
    lang: str
    sections: list[Section]
    colophon: dict[str, Any]
    #: Printed number/label → where it came from (see :func:`lagesbild.reporting.numbers.recording`).
    provenance: dict[str, Any] = field(default_factory=dict)

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def tables(self) -> list[Table]:
        out = []
        for s in self.sections:
            for b in s.blocks:
                if isinstance(b, Table):
                    out.append(b)
        return out


def table_from_frame(df, *, id: str, caption: str, columns: dict[str, str], formats: dict,
                     notes=(), source: str = "", compact: bool = False) -> Table:
    """Build a :class:`Table` from a DataFrame: ``columns`` maps column → header,
    ``formats`` maps column → callable(value) -> str (strings, e.g. "–", pass through)."""
    rows = []
    for rec in df[list(columns)].itertuples(index=False):
        row = []
        for col, v in zip(columns, rec):
            f = formats.get(col)
            row.append(v if isinstance(v, str) or f is None else f(v))
        rows.append([str(x) for x in row])
    numeric = [col in formats for col in columns]
    return Table(id=id, caption=caption, columns=list(columns.values()), rows=rows, numeric=numeric,
                 notes=list(notes), source=source, compact=compact)


def outline(report: Report) -> list[str]:
    """The report's skeleton, one line per heading, figure caption and table caption, in order.

    The 147-odd per-area profile tables count as one line. ``tests/reporting/golden/`` holds the
    outline of a reference report; ``make golden`` rewrites it after an intended change.

    Parameters
    ----------
    report : Report
        A built report.

    Returns
    -------
    list of str
        The outline lines.
    """
    lines = [f"# {report.title}"]
    for s in report.sections:
        lines.append(f"## {s.id}: {s.title}" + (" [utelämnat]" if s.skipped else ""))
        n_prof = 0
        for b in s.blocks:
            if isinstance(b, Table) and b.id.startswith("tab-prof-"):
                n_prof += 1
            elif isinstance(b, Figure):
                lines.append(f"figur {b.id}: {b.caption}")
                if b.table is not None:
                    lines.append(f"  tabell {b.table.id}: {b.table.caption}")
            elif isinstance(b, Table):
                lines.append(f"tabell {b.id}: {b.caption}")
        if n_prof:
            lines.append(f"tabell tab-prof-*: {n_prof} områdesprofiler")
    return lines

