"""PDF rendering with WeasyPrint from the print variant of the HTML (PNG figures at ~150 dpi)."""

from __future__ import annotations

from lagesbild.reporting.model import Report

__all__ = ["render_pdf"]


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, page numbers, one chapter per page)."""
    from lagesbild._compat import import_optional
    from lagesbild.reporting.render_html import render_html

    weasyprint = import_optional("weasyprint", extra="report")
    html = render_html(report, mode="print")
    return weasyprint.HTML(string=html, base_url=".").write_pdf(
        pdf_identifier=report.colophon.get("hash", "")[:32].encode("ascii") or None)
