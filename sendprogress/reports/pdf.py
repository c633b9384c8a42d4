"""A published report as a PDF, with tagged headings (WeasyPrint).

WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0); scripts/system-packages checks for them.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).with_name("print.css")


def render(report, *, site_name: str) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reports/report_pdf.html",
        {"report": report, "content": report.content, "site_name": site_name},
    )
    document = HTML(string=html)
    return document.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))],
        pdf_tags=True,
        custom_metadata=True,
    )
