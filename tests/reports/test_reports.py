"""Progress reports: figures as they stood on the date, frozen once published."""

import contextlib
import re
import zlib
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sendprogress.plan.measures import services as figures
from sendprogress.plan.models import Action
from sendprogress.reports import services
from sendprogress.reports.models import ProgressReport
from tests.factories import make_measure

pytestmark = pytest.mark.django_db
AS_AT = date(2024, 2, 29)


def _approved(measure, period, value, *, officer, approver, on, commentary=""):
    with time_machine.travel(datetime(*on, 10, tzinfo=UTC), tick=False):
        figure = figures.save_figure(
            measure=measure,
            period=period,
            value=Decimal(value),
            commentary=commentary,
            by=officer,
            submit=True,
        )
        return figures.approve_figure(figure=figure, by=approver)


def _correct(figure, value, *, approver, on):
    with time_machine.travel(datetime(*on, 10, tzinfo=UTC), tick=False):
        figure.refresh_from_db()
        return figures.correct_figure(
            figure=figure,
            by=approver,
            value=Decimal(value),
            commentary="Recounted.",
            reason="A late return.",
            commentary_reviewed=True,
        )


@pytest.fixture
def history(data_officer, approver):
    """One measure: a January figure approved in February and corrected in April,
    and a February figure approved only in March, after the report's date."""
    measure = make_measure(
        code="plans-on-time",
        title="Plans on time",
        baseline_value=Decimal("10"),
        baseline_date=date(2023, 1, 1),
        target_value=Decimal("50"),
        target_date=date(2024, 12, 1),
    )
    january = _approved(
        measure,
        date(2024, 1, 1),
        "20",
        officer=data_officer,
        approver=approver,
        on=(2024, 2, 5),
        commentary="Slow start.",
    )
    _approved(
        measure, date(2024, 2, 1), "45", officer=data_officer, approver=approver, on=(2024, 3, 10)
    )
    _correct(january, "35", approver=approver, on=(2024, 4, 1))
    with time_machine.travel(datetime(2023, 6, 1, tzinfo=UTC), tick=False):
        action = Action.objects.create(
            plan=measure.plan,
            title="Hire two case officers",
            owner_role="Head of SEND",
            due_date=date(2024, 1, 31),
            status=Action.Status.IN_PROGRESS,
        )
        action.findings.set(measure.findings.all())
    return measure


def _publish(as_at, approver):
    report = services.create_report(as_at=as_at, by=approver)
    return services.publish_report(report=report, by=approver, site_name="SEND progress")


def _row(report):
    [row] = report.content["measures"]
    return row


def test_figures_are_taken_as_they_stood_on_the_date(history, approver):
    report = _publish(AS_AT, approver)
    row = _row(report)
    # The January figure as approved then (20%), not as corrected in April (35%);
    # the February figure was approved after the date, so it is not there.
    assert (row["period"], row["figure"]) == ("January 2024", "20%")
    assert row["commentary"] == "Slow start."


def test_a_published_report_never_changes_after_a_correction(client, history, approver):
    report = _publish(AS_AT, approver)
    before = client.get(report.get_absolute_url()).content.decode()
    assert "20%" in before
    _correct(
        history.figures.get(period=date(2024, 1, 1)), "40", approver=approver, on=(2024, 5, 1)
    )
    report.refresh_from_db()
    assert _row(report)["figure"] == "20%"
    client.get("/")  # a fresh client view of the page, not the cached copy
    from django.core.cache import cache

    cache.clear()
    after = client.get(report.get_absolute_url()).content.decode()
    assert "20%" in after
    assert "40%" not in after


def test_the_live_page_marks_a_corrected_figure_and_links_to_the_reports(client, history):
    html = client.get(reverse("plan:measure_detail", args=["plans-on-time"])).content.decode()
    assert "Corrected on 1 April 2024" in html
    assert 'href="/reports/">The progress reports</a> keep what was published before' in html


def test_exceptions_come_first_with_commentary_and_actions(history, approver):
    content = _publish(AS_AT, approver).content
    [exception] = content["exceptions"]
    assert exception["progress"] in ("off-track", "at-risk")
    assert exception["actions"] == [
        {"title": "Hire two case officers", "status": "In progress", "owner": "Head of SEND"}
    ]
    assert content["overdue_actions"][0]["title"] == "Hire two case officers"


def test_what_changed_since_the_previous_report(history, approver):
    _publish(date(2024, 1, 15), approver)
    later = _publish(date(2024, 3, 31), approver)
    assert "Plans on time: a new figure for February 2024, 45%." in later.content["changes"]


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF's streams decompressed, to look inside its structure."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        # Not every stream is compressed (images, fonts may be otherwise encoded).
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"".join(parts)


def test_the_pdf_opens_with_tagged_headings(client, history, approver):
    report = _publish(AS_AT, approver)
    response = client.get(reverse("reports:pdf", args=["2024-02-29"]))
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF-")
    inside = _pdf_text(body)
    assert b"/StructTreeRoot" in inside
    assert b"/H1" in inside
    assert bytes(report.pdf) == body


def test_a_draft_is_not_public(client, history, approver):
    services.create_report(as_at=AS_AT, by=approver)
    assert client.get("/reports/2024-02-29/").status_code == 404
    assert client.get("/reports/2024-02-29.pdf").status_code == 404
    assert (
        "2024" not in client.get("/reports/").content.decode().split("<h1")[1].split("</main")[0]
    )


def test_only_an_approver_publishes(client, history, data_officer, partner):
    report = services.create_report(as_at=AS_AT, by=data_officer)
    with pytest.raises(PermissionDenied):
        services.publish_report(report=report, by=data_officer, site_name="x")
    with pytest.raises(PermissionDenied):
        services.create_report(as_at=date(2024, 3, 1), by=partner)
    client.force_login(data_officer)
    assert client.post(reverse("staff_reports:publish", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.DRAFT


def test_staff_create_preview_and_publish_through_the_pages(client, history, approver):
    client.force_login(approver)
    response = client.post(reverse("staff_reports:list"), {"as_at": "2024-02-29"})
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("staff_reports:detail", args=[report.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Draft: not published" in html
    assert "20%" in html
    client.post(reverse("staff_reports:publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_published
    assert client.get("/reports/2024-02-29/").status_code == 200


def test_the_report_form_says_what_is_wrong(client, approver):
    client.force_login(approver)
    response = client.post(reverse("staff_reports:list"), {"as_at": "2026-13-01"})
    assert response.status_code == 400
    assert "Give the date as year-month-day" in response.content.decode()
    ended = "A report can only describe a day that has ended: yesterday or before."
    response = client.post(reverse("staff_reports:list"), {"as_at": "2999-01-01"})
    assert ended in response.content.decode()
    # Today is not over: its figures may still change after the report is frozen.
    with time_machine.travel(datetime(2026, 5, 6, 15, tzinfo=UTC), tick=False):
        response = client.post(reverse("staff_reports:list"), {"as_at": "2026-05-06"})
        assert response.status_code == 400
        assert ended in response.content.decode()
        response = client.post(reverse("staff_reports:list"), {"as_at": "2026-05-05"})
        assert response.status_code == 302
    client.post(reverse("staff_reports:list"), {"as_at": "2024-02-29"})
    response = client.post(reverse("staff_reports:list"), {"as_at": "2024-02-29"})
    assert "There is already a report for that date" in response.content.decode()
    assert ProgressReport.objects.count() == 2
