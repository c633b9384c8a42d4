"""The staff home, where signing in lands: what is due, waiting and returned, for this person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sendprogress.accounts.permissions import StaffAction, can
from sendprogress.plan.measures import due_periods
from sendprogress.plan.models import Figure
from sendprogress.updates.models import Delivery

from .approvals import waiting_count

Status = Figure.Status
RECENT_CHANGES = 10


def _set_up_url() -> str | None:
    """The set-up checklist's address, once that page exists (a separate piece of work)."""
    try:
        return reverse("staff:set_up")
    except NoReverseMatch:
        return None


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
def home(request):
    user = request.user
    context = {"set_up_url": _set_up_url(), "can_enter": can(user, StaffAction.ENTER_FIGURE)}
    if context["can_enter"]:
        context["counts"] = due_periods.every_count(timezone.localdate())
        context["returned"] = (
            Figure.objects.filter(status=Status.RETURNED)
            .filter(Q(entered_by=user) | Q(submitted_by=user))
            .select_related("measure", "returned_by")
            .order_by("-returned_at")
        )
    if can(user, StaffAction.APPROVE_FIGURE):
        context["waiting"] = waiting_count(user)
    if can(user, StaffAction.WRITE_POST):
        context["failed_emails"] = Delivery.objects.filter(status=Delivery.Status.FAILED).count()
    context["recent"] = Figure.history.select_related("history_user", "measure").order_by(
        "-history_date"
    )[:RECENT_CHANGES]
    return render(request, "staff/home.html", context)
