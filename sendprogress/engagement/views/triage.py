"""Staff triage of page feedback: read it, count it, mark what was done.

Under /staff/, so only signed-in staff who have passed the second factor get
here (sendprogress.security); each view also asks for the Django permission.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendprogress.plan.models import Finding

from .. import services
from ..forms import FeedbackFilterForm, TriageForm, entry_choices
from ..models import Feedback

PER_PAGE = 50
VIEW_PERMISSION = "engagement.view_feedback"
TEMPLATE = "engagement/triage.html"


def _needs(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            if not request.user.has_perm(permission):
                raise PermissionDenied("Your role cannot see families' feedback.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _counts(feedback):
    """Yes and no answers for each page, month by month."""
    return (
        feedback.annotate(month=TruncMonth("created_at"))
        .values("month", "page")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by("-month", "page")
    )


@_needs(VIEW_PERMISSION)
def feedback_list(request):
    findings, chosen_finding = Finding.objects.filter_choices(request.GET.get("finding"))
    chosen_status = (
        request.GET.get("status") if request.GET.get("status") in Feedback.Status else ""
    )
    chosen_page = request.GET.get("page_address", "").replace("\x00", "")[:200]
    feedback = Feedback.objects.select_related("finding", "response")
    if chosen_finding:
        feedback = feedback.filter(finding=chosen_finding)
    if chosen_status:
        feedback = feedback.filter(status=chosen_status)
    if chosen_page:
        feedback = feedback.filter(page=chosen_page)
    page = Paginator(feedback, PER_PAGE).get_page(request.GET.get("page"))
    can_triage = request.user.has_perm(services.TRIAGE_PERMISSION)
    entries = entry_choices() if can_triage else []
    return render(
        request,
        TEMPLATE,
        {
            "page": page,
            "items": [
                (f, _form_for(f, entries=entries) if can_triage else None)
                for f in page.object_list
            ],
            "counts": _counts(Feedback.objects.all())[:60],
            "filter_form": FeedbackFilterForm(
                initial={
                    "page_address": chosen_page,
                    "finding": chosen_finding.slug if chosen_finding else "",
                    "status": chosen_status,
                },
                pages=Feedback.objects.order_by("page").values_list("page", flat=True).distinct(),
                findings=findings,
            ),
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
        },
    )


def _form_for(feedback, data=None, *, entries):
    initial = {"status": feedback.status, "response": feedback.response_id}
    return TriageForm(data, initial=initial, prefix=f"f{feedback.pk}", entries=entries)


@require_POST
@_needs(services.TRIAGE_PERMISSION)
def mark_feedback(request, pk):
    feedback = get_object_or_404(Feedback.objects.select_related("finding", "response"), pk=pk)
    entries = entry_choices()
    form = _form_for(feedback, request.POST, entries=entries)
    note = None
    if form.is_valid():
        services.triage(
            feedback=feedback,
            status=form.cleaned_data["status"],
            response=form.cleaned_data["response"],
            by=request.user,
        )
        note = f"Marked as {feedback.get_status_display().lower()}."
        if not request.htmx:
            return redirect(reverse("staff_feedback:list") + f"#feedback-{feedback.pk}")
        form = _form_for(feedback, entries=entries)
    context = {"f": feedback, "form": form, "note": note}
    if request.htmx:
        return render(request, TEMPLATE + "#item", context)
    return render(request, "engagement/triage_item.html", context)
