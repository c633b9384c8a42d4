"""Withdrawing a published report: one approver asks, with a reason, a
different approver confirms. Its address stays and says when and why; its
content and PDF are never served again."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from sendprogress.accounts.roles import APPROVER, DATA_OFFICER, PARTNER_VIEWER
from sendprogress.reports import services
from sendprogress.reports.models import ProgressReport
from tests.factories import make_user

from .conftest import make_published_report

pytestmark = pytest.mark.django_db
REASON = "it showed an action from a plan that was still a draft."
WITHDRAWN_ON = datetime(2026, 11, 20, 11, tzinfo=UTC)


@pytest.fixture
def report(real_plan):
    return make_published_report()


@pytest.fixture
def second_approver(roles):
    return make_user(APPROVER, username="sam")


def _ask(client, report, reason=REASON):
    return client.post(
        reverse("staff_reports:withdraw", args=[report.pk]), {"step": "request", "reason": reason}
    )


def _confirm(client, report):
    return client.post(reverse("staff_reports:withdraw", args=[report.pk]), {"step": "confirm"})


def test_two_approvers_withdraw_a_report_and_its_address_says_why(
    client, report, approver, second_approver
):
    page, pdf = report.get_absolute_url(), reverse("reports:pdf", args=["2023-08-31"])
    assert "Autism waits measure 00" in client.get(page).content.decode()

    client.force_login(approver)
    assert _ask(client, report).status_code == 302
    # Asked for, not yet done: the report is still public as it was.
    client.logout()
    assert "Autism waits measure 00" in client.get(page).content.decode()
    assert client.get(pdf)["Content-Type"] == "application/pdf"

    client.force_login(second_approver)
    with time_machine.travel(WITHDRAWN_ON, tick=False):
        response = _confirm(client, report)
    assert response.status_code == 302
    client.logout()

    for address in (page, pdf):
        response = client.get(address)
        assert response.status_code == 410
        assert response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        assert f"Withdrawn on 20 November 2026 because {REASON}" in html
        assert "Autism waits measure 00" not in html
        assert b"%PDF" not in response.content
    listing = client.get(reverse("reports:list")).content.decode()
    assert "Progress report, 31 August 2023</a> (withdrawn on 20 November 2026)" in listing
    report.refresh_from_db()
    assert (report.content, report.pdf) == (None, None)
    # The audit trail: who asked, who confirmed, and when.
    steps = [
        (h.history_change_reason, h.history_user.username)
        for h in report.history.filter(history_user__isnull=False).order_by("history_id")
    ]
    assert steps == [("Withdrawal requested", "alex"), ("Withdrawn", "sam")]


def test_the_same_approver_cannot_confirm_their_own_request(client, report, approver):
    client.force_login(approver)
    _ask(client, report)
    html = client.get(reverse("staff_reports:detail", args=[report.pk])).content.decode()
    assert "Another approver must confirm it" in html
    listing = client.get(reverse("staff_reports:list")).content.decode()
    assert "Published: withdrawal asked for, waiting for a second approver" in listing
    assert "Confirm: withdraw this report" not in html
    response = _confirm(client, report)
    assert "You asked for this withdrawal, so another approver must confirm it." in (
        client.get(response["Location"]).content.decode()
    )
    report.refresh_from_db()
    assert report.is_published
    with pytest.raises(services.WithdrawalError):
        services.confirm_withdrawal(report=report, by=approver)


def test_a_request_can_be_cancelled_and_the_report_stays(
    client, report, approver, second_approver
):
    client.force_login(approver)
    _ask(client, report)
    client.force_login(second_approver)
    client.post(reverse("staff_reports:withdraw", args=[report.pk]), {"step": "cancel"})
    report.refresh_from_db()
    assert report.is_published
    assert not report.withdrawal_pending
    with pytest.raises(services.WithdrawalError):
        services.confirm_withdrawal(report=report, by=second_approver)


def test_asking_needs_a_reason(client, report, approver):
    client.force_login(approver)
    response = _ask(client, report, reason="   ")
    assert response.status_code == 400
    assert "Say why the report should be withdrawn." in response.content.decode()
    report.refresh_from_db()
    assert not report.withdrawal_pending


@pytest.mark.parametrize(
    "role", [None, DATA_OFFICER, PARTNER_VIEWER], ids=["not staff", "officer", "partner"]
)
def test_nobody_but_an_approver_withdraws_by_any_route(
    client, report, approver, second_approver, role
):
    someone = make_user(role, staff=role is not None)
    # The services every screen calls refuse them...
    with pytest.raises(PermissionDenied):
        services.request_withdrawal(report=report, by=someone, reason=REASON)
    services.request_withdrawal(report=report, by=approver, reason=REASON)
    for step in (services.confirm_withdrawal, services.cancel_withdrawal):
        with pytest.raises(PermissionDenied):
            step(report=report, by=someone)
    # ...so do the staff pages, for each step...
    client.force_login(someone)
    for step in ("request", "confirm", "cancel"):
        response = client.post(
            reverse("staff_reports:withdraw", args=[report.pk]), {"step": step, "reason": "x"}
        )
        assert response.status_code == 403
    report.refresh_from_db()
    assert report.is_published
    assert report.withdrawal_requested_by == approver
    # ...and reports have no admin pages to go round them.
    with pytest.raises(NoReverseMatch):
        reverse("admin:reports_progressreport_changelist")


def test_a_draft_cannot_be_withdrawn(approver, second_approver):
    report = ProgressReport.objects.create(as_at=datetime(2023, 8, 31).date())
    with pytest.raises(services.WithdrawalError):
        services.request_withdrawal(report=report, by=approver, reason=REASON)


def test_publishing_and_withdrawing_refresh_the_cached_pages(
    client, real_plan, approver, second_approver, monkeypatch
):
    from sendprogress.reports import pdf

    monkeypatch.setattr(pdf, "render", lambda *args, **kwargs: b"%PDF-1.7\n%%EOF\n")
    listing = reverse("reports:list")
    assert "No reports have been published yet." in client.get(listing).content.decode()
    report = services.create_report(as_at=datetime(2023, 8, 31).date(), by=approver)
    services.publish_report(report=report, by=approver, site_name="SEND progress")
    assert "Progress report, 31 August 2023</a></li>" in client.get(listing).content.decode()
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    services.request_withdrawal(report=report, by=approver, reason=REASON)
    services.confirm_withdrawal(report=report, by=second_approver)
    assert "(withdrawn on" in client.get(listing).content.decode()
    assert client.get(report.get_absolute_url()).status_code == 410
