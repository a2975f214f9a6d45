"""Word rendering with python-docx: headings, paragraphs, tables and PNG figures."""

from __future__ import annotations

import io

from lagesbild.reporting.model import Bullets, Figure, Note, Paragraph, Report, Table

__all__ = ["render_docx"]


def _table(doc, b: Table, t, *, Pt, WD_ALIGN):
    if b.caption:
        cap = (f"{t.T['table']} {b.number}. " if b.number else "") + b.caption
        doc.add_paragraph(cap, style="Caption")
    if not b.columns:
        return
    tab = doc.add_table(rows=len(b.rows) + 1, cols=len(b.columns))
    tab.style = "Table Grid"
    rows = tab.rows
    hdr = rows[0].cells
    for j, c in enumerate(b.columns):
        hdr[j].text = c
        run = hdr[j].paragraphs[0].runs[0]
        run.bold = True
        run.font.size = Pt(8.5)
    for row, data in zip(rows[1:], b.rows):
        cells = row.cells
        for j, v in enumerate(data):
            cells[j].text = v
            p = cells[j].paragraphs[0]
            if p.runs:
                p.runs[0].font.size = Pt(8.5)
            if b.numeric[j]:
                p.alignment = WD_ALIGN.RIGHT
    if b.notes or b.source:
        text = " ".join(b.notes) + (f" {t.T['source']}: {b.source}." if b.source else "")
        _note(doc, text.strip(), Pt)


def _note(doc, text: str, Pt):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.italic = True
    r.font.size = Pt(8.5)


def render_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    from lagesbild._compat import import_optional
    from lagesbild.reporting.phrasing import texts

    docx = import_optional("docx", extra="report")
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    t = texts(report.lang)
    doc = docx.Document()
    doc.core_properties.title = report.title
    doc.core_properties.language = "sv-SE" if report.lang == "sv" else "en-GB"
    doc.core_properties.comments = f"lagesbild {report.colophon['version']}; config sha256 {report.colophon['hash']}"
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subtitle)
    for s in report.sections:
        doc.add_heading(s.title, level=1)
        if s.skipped:
            _note(doc, s.skipped, Pt)
        for b in s.blocks:
            if isinstance(b, Paragraph):
                doc.add_paragraph(b.text)
            elif isinstance(b, Bullets):
                for it in b.items:
                    doc.add_paragraph(it, style="List Bullet")
            elif isinstance(b, Note):
                _note(doc, b.text, Pt)
            elif isinstance(b, Table):
                _table(doc, b, t, Pt=Pt, WD_ALIGN=WD_ALIGN_PARAGRAPH)
            elif isinstance(b, Figure):
                doc.add_picture(io.BytesIO(b.png or b""), width=Cm(min(b.width_cm, 16.0)))
                pic = doc.inline_shapes[-1]
                pic._inline.docPr.set("descr", b.alt)
                cap = f"{t.T['figure']} {b.number}. {b.caption}" + (f" {t.T['source']}: {b.source}." if b.source else "")
                doc.add_paragraph(cap, style="Caption")
    col = report.colophon
    doc.add_paragraph(t.T["colophon"].format(version=col["version"], hash=col["hash"], config=col["config_file"]))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
