"""Word rendering with python-docx: headings, paragraphs, tables and PNG figures."""

from __future__ import annotations

import io

from lagesbild.reporting.model import Bullets, Figure, Note, Paragraph, Report, Table

__all__ = ["render_docx", "A4_TWIPS"]

#: A4 in twentieths of a point (210 × 297 mm).
A4_TWIPS = (11906, 16838)


def _table(doc, b: Table, t, *, Pt, WD_ALIGN):
    if b.caption:
        cap = (f"{t('table')} {b.number}. " if b.number else "") + b.caption
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
        text = " ".join(b.notes) + (f" {t('source')}: {b.source}." if b.source else "")
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
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt, Twips

    from lagesbild.i18n import t as catalogue
    from lagesbild.reporting.render_html import fit_width_cm

    def tr(key: str, **values) -> str:
        return catalogue(key, report.lang, **values)

    t = texts(report.lang)
    doc = docx.Document()
    for sect in doc.sections:  # A4 (python-docx's template is US Letter), 2 cm margins
        sect.page_width, sect.page_height = Twips(A4_TWIPS[0]), Twips(A4_TWIPS[1])
        sect.left_margin = sect.right_margin = Cm(1.8)
        sect.top_margin = sect.bottom_margin = Cm(2.0)
    col = report.colophon
    doc.core_properties.author = col.get("organisation") or f"{report.kommun_name} ({report.kommun})"
    doc.core_properties.last_modified_by = doc.core_properties.author
    doc.core_properties.title = report.title
    doc.core_properties.language = tr("captions.locale_docx")
    doc.core_properties.comments = f"lagesbild {report.colophon['version']}; config sha256 {report.colophon['hash']}"
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    doc.add_paragraph(f"{tr('report.cover_kind')} · {report.kommun_name} ({report.kommun})")
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(report.subtitle)
    meta = (
        ([tr("report.cover_organisation", name=col["organisation"])] if col.get("organisation") else [])
        + [tr("report.cover_date", date=col.get("date", ""))]
        + ([tr("report.cover_version", version=col["doc_version"])] if col.get("doc_version") else [])
        + [tr("report.cover_tool", version=col["version"])]
    )
    for line in meta:
        doc.add_paragraph(line)
    for i, s in enumerate(report.sections):
        if i and not (s.skipped and not s.blocks):  # chapters start on a new page
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        elif i == 0:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
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
                doc.add_picture(io.BytesIO(b.png or b""), width=Cm(fit_width_cm(b.png)))
                pic = doc.inline_shapes[-1]
                pic._inline.docPr.set("descr", b.alt)
                cap = f"{t('figure')} {b.number}. {b.caption}" + (
                    f" {t('source')}: {b.source}." if b.source else ""
                )
                doc.add_paragraph(cap, style="Caption")
    doc.add_paragraph(t("colophon", version=col["version"], hash=col["hash"], config=col["config_file"]))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
