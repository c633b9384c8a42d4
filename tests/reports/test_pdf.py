"""A report of a real plan's size publishes, and its PDF is an accessible
document (PDF/UA-1): tagged, titled, in British English, one font family.
If the PDF cannot be made, the report stays a draft and says why."""

import logging
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sendprogress.reports import pdf, services
from sendprogress.reports.models import ProgressReport

from .conftest import AS_AT, LONG_COMMENTARY
from .pdfs import font_families, pages_text, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(client, real_plan, approver):
    """The report, published through the staff page as an approver does."""
    client.force_login(approver)
    report = services.create_report(as_at=AS_AT, by=approver)
    response = client.post(reverse("staff_reports:publish", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_published
    client.logout()
    return report


def test_thirty_measures_publish_into_a_pdf_that_opens(client, published):
    response = client.get(reverse("reports:pdf", args=[AS_AT.isoformat()]))
    assert response["Content-Type"] == "application/pdf"
    # Words as a reader takes them in, whatever lines a table cell broke them into.
    pages = [" ".join(page.split()) for page in pages_text(response.content)]
    everything = " ".join(pages)
    assert len(pages) > 3
    # Every measure's row, every progress state in words, and the long commentary.
    for n in range(30):
        assert f"measure {n:02d}" in everything
    for label in ("On track", "At risk", "Off track", "No data yet"):
        assert label in everything
    assert " ".join(LONG_COMMENTARY.split()) in everything
    # The table of every measure runs over more than one page, and each page
    # says which page it is, out of how many.
    table_pages = [i for i, page in enumerate(pages) if "Latest figure Plan expected" in page]
    assert len(table_pages) > 1
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_the_pdf_is_tagged_titled_in_british_english_and_declares_pdf_ua(published):
    reader = read(published.pdf)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == (
        "Progress report, 31 August 2023 \N{EN DASH} SEND progress in Testshire"
    )
    xmp = ET.fromstring(catalog["/Metadata"].get_object().get_data())  # noqa: S314 (our own)
    part = "{http://www.aiim.org/pdfua/ns/id/}part"
    assert [e.get(part) for e in xmp.iter() if e.get(part)] == ["1"]


def test_the_pdf_uses_one_font_family_page_numbers_included(published):
    assert font_families(published.pdf) == {"DejaVu Sans"}


def test_a_pdf_that_cannot_be_made_leaves_a_draft_that_says_why(
    client, real_plan, approver, monkeypatch, caplog
):
    def fails(*args, **kwargs):
        raise AssertionError("Table wrapper without a table")

    monkeypatch.setattr(pdf, "render", fails)
    report = services.create_report(as_at=AS_AT, by=approver)
    client.force_login(approver)
    with caplog.at_level(logging.ERROR, logger="sendprogress.reports.services"):
        response = client.post(reverse("staff_reports:publish", args=[report.pk]), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "was not published" in html
    assert "its PDF could not be made (AssertionError: Table wrapper without a table)" in html
    assert "It is still a draft." in html
    assert any("could not be published" in r.getMessage() for r in caplog.records)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT
    assert report.pdf is None
    assert report.content is None
    client.logout()
    assert client.get(f"/reports/{AS_AT.isoformat()}/").status_code == 404
