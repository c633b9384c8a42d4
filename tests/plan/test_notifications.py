"""Emails to staff about figures: submitted (a daily digest), returned, due soon and overdue."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from sendprogress.accounts import roles as role_names
from sendprogress.plan.measures import notifications, periods, services
from sendprogress.plan.models import Figure
from tests.factories import make_figure, make_measure, make_user
from tests.updates.helpers import run_worker

pytestmark = pytest.mark.django_db
Status = Figure.Status


@pytest.fixture
def officer(roles):
    return make_user(role_names.DATA_OFFICER, email="officer@example.org")


@pytest.fixture
def approver(roles):
    return make_user(role_names.APPROVER, email="approver@example.org")


def submitted(measure, period, by):
    return make_figure(
        measure=measure,
        period=period,
        value=Decimal("40"),
        status=Status.SUBMITTED,
        entered_by=by,
        submitted_by=by,
    )


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_approvers_get_one_digest_a_day_of_figures_waiting(officer, approver):
    measure = make_measure(title="Plans on time")
    submitted(measure, date(2023, 6, 1), officer)
    notifications.send_daily(today=date(2026, 3, 10))
    notifications.send_daily(today=date(2026, 3, 10))
    (digest,) = to("approver@example.org")
    assert digest.subject == "1 figure waiting for approval"
    assert "Plans on time, June 2023" in digest.body
    notifications.send_daily(today=date(2026, 3, 11))
    assert len(to("approver@example.org")) == 2


def test_the_officer_is_emailed_when_a_figure_is_returned(
    officer, approver, django_capture_on_commit_callbacks
):
    figure = submitted(make_measure(title="Plans on time"), date(2023, 6, 1), officer)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_figure(figure=figure, by=approver, reason="The month is wrong.")
    run_worker()
    (email,) = to("officer@example.org")
    assert email.subject == "Returned: Plans on time, June 2023"
    assert "Why: The month is wrong." in email.body
    assert f"/staff/figures/{figure.pk}/" in email.body


def test_officers_are_reminded_before_a_due_by_date(officer, approver, settings):
    settings.FIGURE_DUE_DAYS = 20
    settings.FIGURE_REMINDER_DAYS = 5
    # May 2026's figure is due by 20 June 2026 (20 days after 31 May).
    make_measure(title="Plans on time", baseline_date=date(2026, 5, 1))
    notifications.send_daily(today=date(2026, 6, 14))
    assert to("officer@example.org") == []
    notifications.send_daily(today=date(2026, 6, 15))
    (reminder,) = to("officer@example.org")
    assert "Plans on time, May 2026: due by 20 June 2026" in reminder.body


def test_officers_are_told_the_day_after_a_figure_becomes_overdue(officer, settings):
    settings.FIGURE_DUE_DAYS = 20
    settings.FIGURE_REMINDER_DAYS = 0
    make_measure(title="Plans on time", baseline_date=date(2026, 5, 1))
    notifications.send_daily(today=date(2026, 6, 21))
    (email,) = to("officer@example.org")
    assert "Overdue (1):" in email.body
    assert "Plans on time, May 2026: was due by 20 June 2026" in email.body
    # Long overdue is not news: no email every day about it.
    notifications.send_daily(today=date(2026, 6, 25))
    assert len(to("officer@example.org")) == 1


def test_someone_who_turned_emails_off_gets_none(officer, approver):
    approver.wants_figure_emails = False
    approver.save()
    submitted(make_measure(), date(2023, 6, 1), officer)
    notifications.send_daily(today=date(2026, 3, 10))
    assert to("approver@example.org") == []


def test_an_approver_is_not_asked_to_approve_their_own_figure(approver):
    submitted(make_measure(), date(2023, 6, 1), approver)
    notifications.send_daily(today=date(2026, 3, 10))
    assert to("approver@example.org") == []


def test_the_dispatcher_queues_the_daily_emails_for_the_worker(officer, approver):
    from django.core.management import call_command

    submitted(make_measure(), periods.due_period("monthly", date.today()), officer)
    call_command("run_dispatcher", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert to("approver@example.org") == []  # queued, not sent inside the dispatcher
    run_worker()
    assert len(to("approver@example.org")) == 1
