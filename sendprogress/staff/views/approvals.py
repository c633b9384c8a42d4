"""Approving with context: what each waiting figure means, and approving several at once.

Bulk approval is two steps, without JavaScript: tick figures in the queue on
the data-due page, then a confirmation page lists exactly what will become
public before anything does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sendprogress.accounts.permissions import StaffAction
from sendprogress.plan.measures import services
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import Figure, MeasureMilestone

from ..forms import BulkApprovalForm, DecisionForm

Status = Figure.Status


@dataclass
class Waiting:
    """A submitted figure with what an approver needs to decide on it."""

    figure: Figure
    previous: Previous | None
    form: DecisionForm | None = None

    @property
    def expected(self):
        return self.figure.measure.expected_on(self.figure.period)

    @property
    def would_get(self) -> Progress:
        return self.figure.measure.assess(self.figure.value, self.figure.period)

    @property
    def choice(self) -> str:
        return BulkApprovalForm.choice_for(self.figure)


def waiting_figures(queryset, limit: int | None = None) -> list[Waiting]:
    """Submitted figures with their context, in a fixed number of queries however many.

    The `limit` that have waited longest, when given.
    """
    # Each figure's previous approved one, found by the database beside it (the
    # unique measure and period make it one index lookup): reading every earlier
    # approved figure, ten years of them a measure, to pick one was most of the time.
    previous = (
        Figure.objects.approved()
        .filter(measure=OuterRef("measure"), period__lt=OuterRef("period"))
        .order_by("-period")
    )
    figures = (
        queryset.select_related("measure", "submitted_by", "entered_by")
        .prefetch_related(
            "evidence",
            Prefetch("measure__milestones", queryset=MeasureMilestone.objects.order_by("date")),
        )
        .annotate(
            previous_period=Subquery(previous.values("period")[:1]),
            previous_value=Subquery(previous.values("value")[:1]),
        )
        .order_by("submitted_at", "pk")[:limit]
    )
    return [
        Waiting(f, Previous(f.previous_period, f.previous_value) if f.previous_period else None)
        for f in figures
    ]


def waiting_count(user) -> int:
    """How many figures wait for this approver: not the ones they entered or submitted."""
    return (
        Figure.objects.filter(status=Status.SUBMITTED)
        .exclude(entered_by=user)
        .exclude(submitted_by=user)
        .count()
    )


@dataclass(frozen=True)
class Previous:
    """The approved figure before a waiting one, as far as an approver needs it."""

    period: date
    value: Decimal


@login_required
@permission_required(StaffAction.APPROVE_FIGURE.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def confirm_approvals(request):
    # Opened with nothing ticked (a bookmark, the back button): say so, not an error.
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = BulkApprovalForm(data, user=request.user)
    if form.is_valid() and request.method == "POST":
        chosen = form.cleaned_data["figure"]
        try:
            approved = services.approve_figures(
                figures=[(f, f.version) for f in chosen], by=request.user
            )
        except (services.WorkflowError, services.EditConflict) as error:
            form.add_error(None, f"{error} Nothing was approved.")
        else:
            count = len(approved)
            messages.success(
                request,
                f"{count} figure{'s' if count != 1 else ''} approved and now public.",
            )
            return redirect("staff:data_due")
    chosen = form.cleaned_data.get("figure", []) if form.is_bound and not form.errors else []
    return render(
        request,
        "staff/approvals_confirm.html",
        {
            "form": form,
            "waiting": waiting_figures(Figure.objects.filter(pk__in=[f.pk for f in chosen])),
        },
        status=400 if form.errors else 200,
    )
