"""Emails to staff about figures, sent by the task worker.

- To approvers: a digest of figures waiting for approval, at most once a day.
- To whoever entered or submitted a figure: a note when it is returned.
- To people who enter figures: on a day when a period's figure falls due
  within FIGURE_REMINDER_DAYS, or became overdue yesterday, one email listing
  what is due soon and what is overdue.

Each person can turn these off (User.wants_figure_emails). A `Notification`
row is written before each email goes, so a rerun never sends one twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import due_periods
from .models.comments import Notification
from .models.measures import Figure, Measure

Kind = Notification.Kind
Status = Figure.Status
LISTED = 20  # lines in one email; the rest are on the data-due page


def _absolute(path: str) -> str:
    return (settings.SITE_URL or "").rstrip("/") + path


def _people(permission: str):
    return (
        get_user_model()
        # Roles are groups: the model backend knows who holds a permission.
        .objects.with_perm(permission, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True, is_staff=True, wants_figure_emails=True)
        .exclude(email="")
    )


def _send_once(user, kind: str, key: str, subject: str, template: str, context: dict) -> bool:
    """Send one email unless it was sent before. True when it was sent now."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, kind=kind, key=key)
    except IntegrityError:
        return False
    body = render_to_string(
        template,
        {
            "user": user,
            "settings_url": _absolute(reverse("staff:notifications")),
            "data_due_url": _absolute(reverse("staff:data_due")),
            **context,
        },
    )
    EmailMessage(subject=subject, body=body, to=[user.email]).send()
    return True


def send_returned(*, figure_id: int) -> int:
    figure = Figure.objects.select_related("measure", "returned_by").filter(pk=figure_id).first()
    if figure is None or figure.status != Status.RETURNED:
        return 0
    people = _people("plan.add_figure").filter(
        pk__in={figure.entered_by_id, figure.submitted_by_id} - {None}
    )
    return sum(
        _send_once(
            person,
            Kind.RETURNED,
            f"{figure.pk}:{figure.version}",
            f"Returned: {figure.measure.title}, {figure.period:%B %Y}",
            "emails/staff/figure_returned.txt",
            {
                "figure": figure,
                "figure_url": _absolute(reverse("staff:review_figure", args=[figure.pk])),
            },
        )
        for person in people
    )


def send_daily(*, today: date | None = None) -> int:
    """The day's digest for approvers and reminders for officers."""
    today = today or timezone.localdate()
    return _send_submitted_digest(today) + _send_reminders(today)


def _send_submitted_digest(today: date) -> int:
    waiting = list(
        Figure.objects.filter(status=Status.SUBMITTED)
        .select_related("measure")
        .order_by("submitted_at")
    )
    if not waiting:
        return 0
    sent = 0
    for person in _people("plan.approve_figure"):
        theirs = [f for f in waiting if person.pk not in (f.entered_by_id, f.submitted_by_id)]
        if theirs:
            sent += _send_once(
                person,
                Kind.SUBMITTED_DIGEST,
                today.isoformat(),
                f"{len(theirs)} figure{'s' if len(theirs) != 1 else ''} waiting for approval",
                "emails/staff/submitted_digest.txt",
                {"figures": theirs[:LISTED], "more": max(0, len(theirs) - LISTED)},
            )
    return sent


def _send_reminders(today: date) -> int:
    measures = list(Measure.objects.all())
    figures = {
        (f.measure_id, f.period): f
        for f in Figure.objects.filter(measure__in=measures).only(
            "pk", "measure_id", "period", "status"
        )
    }
    rows = [
        row
        for measure in measures
        for row in due_periods.outstanding(measure, figures, today)
        if row.state != due_periods.State.SUBMITTED
    ]
    soon_until = today + timedelta(days=settings.FIGURE_REMINDER_DAYS)
    due_soon = [r for r in rows if today <= r.due_by <= soon_until]
    overdue = [r for r in rows if r.overdue]
    newly_overdue = [r for r in overdue if r.due_by == today - timedelta(days=1)]
    if not due_soon and not newly_overdue:
        return 0  # nothing new today: no email, however much is long overdue
    sent = 0
    for person in _people("plan.add_figure"):
        sent += _send_once(
            person,
            Kind.REMINDER,
            today.isoformat(),
            f"Figures due: {len(due_soon)} due soon, {len(overdue)} overdue",
            "emails/staff/reminder.txt",
            {
                "due_soon": due_soon[:LISTED],
                "overdue": overdue[:LISTED],
                "overdue_count": len(overdue),
            },
        )
    return sent
