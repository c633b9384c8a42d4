"""Published progress reports for everyone; drafts, creating and publishing for staff."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction, can, is_staff, require
from sendprogress.core.local_area import local_area

from . import services
from .models import ProgressReport


def _published(as_at: str) -> ProgressReport:
    try:
        on = date.fromisoformat(as_at)
    except ValueError:
        raise Http404("No such report.") from None
    return get_object_or_404(ProgressReport.objects.published(), as_at=on)


def _label(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def report_list(request):
    return render(
        request, "reports/report_list.html", {"reports": ProgressReport.objects.published()}
    )


def report_detail(request, as_at):
    report = _published(as_at)
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "content": report.content, "as_at_label": _label(report.as_at)},
    )


def report_pdf(request, as_at):
    report = _published(as_at)
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progress-report-{as_at}.pdf"'
    return response


# --- staff -------------------------------------------------------------------


def _staff(request) -> HttpResponse | None:
    """Sign-in first for anyone not signed in; refuse signed-in people who are not staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not is_staff(request.user):
        raise PermissionDenied("Only staff can see this.")
    return None


class ReportForm(forms.Form):
    as_at = forms.DateField(
        label="The date the report describes",
        help_text="For example, 2026-10-31. Figures are taken as they stood at the end of it.",
        error_messages={
            "required": "Give the date the report describes.",
            "invalid": "Give the date as year-month-day, for example 2026-10-31.",
        },
        widget=forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )


@require_http_methods(["GET", "POST"])
def staff_reports(request):
    if refusal := _staff(request):
        return refusal
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        require(request.user, StaffAction.CREATE_REPORT)
        if form.is_valid():
            try:
                report = services.create_report(as_at=form.cleaned_data["as_at"], by=request.user)
            except ValidationError as error:
                form.add_error("as_at", error.message_dict["as_at"])
            else:
                return redirect("staff_reports:detail", pk=report.pk)
    return render(
        request,
        "reports/staff_list.html",
        {
            "form": form,
            "reports": ProgressReport.objects.all(),
            "may_create": can(request.user, StaffAction.CREATE_REPORT),
        },
        status=400 if form.errors else 200,
    )


def staff_report(request, pk):
    if refusal := _staff(request):
        return refusal
    report = get_object_or_404(ProgressReport, pk=pk)
    return render(
        request,
        "reports/staff_detail.html",
        {
            "report": report,
            "content": services.content_of(report),
            "as_at_label": _label(report.as_at),
            "draft": not report.is_published,
            "may_publish": can(request.user, StaffAction.PUBLISH_REPORT)
            and not report.is_published,
        },
    )


@require_POST
def publish(request, pk):
    if refusal := _staff(request):
        return refusal
    require(request.user, StaffAction.PUBLISH_REPORT)
    report = get_object_or_404(ProgressReport, pk=pk)
    area = local_area()
    site_name = area.site_name if area else "SEND progress"
    try:
        services.publish_report(report=report, by=request.user, site_name=site_name)
    except services.AlreadyPublished as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{report.title} is published. It will not change.")
    return redirect("staff_reports:detail", pk=report.pk)
