"""Both demos hold a published report, and say that its figures are made up."""

import pytest
from django.urls import reverse

from sendprogress.reports.models import ProgressReport

from .pdfs import read, text

pytestmark = pytest.mark.django_db
NOTICE = "Demo data: these figures are made up."


def _check(client, report):
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    pdf = client.get(reverse("reports:pdf", args=[report.as_at.isoformat()])).content
    assert NOTICE in " ".join(text(pdf).split())
    assert read(pdf).trailer["/Root"]["/Lang"] == "en-GB"


def test_the_2016_demo_has_a_published_report_marked_as_demo_data(client, demo):
    report = ProgressReport.objects.published().get()
    _check(client, report)


def test_the_2023_demo_has_a_published_report_of_its_figures_and_actions(client, demo_2023):
    report = ProgressReport.objects.published().get()
    _check(client, report)
    rows = report.content["measures"]
    # Every measure, the size of a real plan: ten of the priority action plan
    # (one of them of families' experience) and twenty of the SEND strategy.
    assert len(rows) == 30
    # Each of them is in the PDF a family downloads, which runs to several pages.
    pdf = client.get(reverse("reports:pdf", args=[report.as_at.isoformat()])).content
    words = " ".join(text(pdf).split())
    for title in (
        "New EHC plans finished within 20 weeks",
        "Annual reviews held on time",
        "Parent carers taking part in co-production groups",
    ):
        assert title in words
    assert len(read(pdf).pages) >= 5
    # Figures approved by the end of last month are in it, with the unfinished
    # actions of each measure's own finding (Saturday clinics are done).
    assert all(row["figure"] != "No approved figure" for row in rows)
    waits = next(r for r in rows if "autism" in r["title"].lower())
    assert [a["title"] for a in waits["actions"]] == ["Support for families while they wait"]
