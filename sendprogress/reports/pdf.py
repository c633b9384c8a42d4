"""A published report as an accessible PDF (WeasyPrint): PDF/UA-1, tagged,
with its title, language (en-GB) and XMP metadata, in one sans-serif family.

WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0); scripts/system-packages checks for them.
"""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).with_name("print.css")
# PDF/UA-1 (ISO 14289-1): tagged structure, a title shown in the window's
# title bar, the document's language, XMP metadata and embedded fonts.
VARIANT = "pdf/ua-1"


def render(report, *, content: dict, site_name: str) -> bytes:
    """The PDF of `report` with `content`; raises whatever WeasyPrint raises."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reports/report_pdf.html",
        {"report": report, "content": content, "site_name": site_name},
    )
    return HTML(string=html).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))],
        pdf_variant=VARIANT,
        pdf_tags=True,
        custom_metadata=True,
    )
