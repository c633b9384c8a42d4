"""Published progress reports for everyone (a withdrawn one says why);
drafts, creating, publishing and withdrawing for staff."""

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


def _with_address(as_at: str) -> ProgressReport:
    """A published or withdrawn report: its address stays once published."""
    try:
        on = date.fromisoformat(as_at)
    except ValueError:
        raise Http404("No such report.") from None
    return get_object_or_404(ProgressReport.objects.with_address(), as_at=on)


def _withdrawn(request, report: ProgressReport) -> HttpResponse:
    """What a withdrawn report's addresses answer, its page and its PDF alike:
    when and why, never its content (410: gone for good)."""
    return render(
        request,
        "reports/report_withdrawn.html",
        {"report": report, "as_at_label": _label(report.as_at)},
        status=410,
    )


def _label(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def report_list(request):
    reports = ProgressReport.objects.with_address().defer("content", "pdf")
    return render(request, "reports/report_list.html", {"reports": reports})


def report_detail(request, as_at):
    report = _with_address(as_at)
    if report.is_withdrawn:
        return _withdrawn(request, report)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "content": report.content,
            "as_at_label": _label(report.as_at),
            "illustrative": report.content.get("illustrative", False),
        },
    )


def report_pdf(request, as_at):
    report = _with_address(as_at)
    if report.is_withdrawn:
        return _withdrawn(request, report)
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
        help_text="A day that has ended, for example 2026-10-31. Figures are taken as they "
        "stood at the end of it.",
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
            "reports": ProgressReport.objects.defer("content", "pdf"),
            "may_create": can(request.user, StaffAction.CREATE_REPORT),
        },
        status=400 if form.errors else 200,
    )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label="Why should this report be withdrawn?",
        help_text="The public page will say: withdrawn on this date because of what you write "
        "here. Another approver must confirm it.",
        max_length=1000,
        error_messages={
            "required": "Say why the report should be withdrawn.",
            "max_length": "Say why in 1,000 characters or fewer.",
        },
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )


def _staff_page(request, report, *, withdrawal_form=None, status=200):
    content = services.content_of(report)
    return render(
        request,
        "reports/staff_detail.html",
        {
            "report": report,
            "content": content,
            "as_at_label": _label(report.as_at),
            "illustrative": bool(content and content.get("illustrative")),
            "draft": report.status == ProgressReport.Status.DRAFT,
            "may_publish": can(request.user, StaffAction.PUBLISH_REPORT)
            and report.status == ProgressReport.Status.DRAFT,
            "may_withdraw": can(request.user, StaffAction.WITHDRAW_REPORT) and report.is_published,
            "asked_by_me": report.withdrawal_requested_by_id == request.user.pk,
            "form": withdrawal_form or WithdrawalForm(),
        },
        status=status,
    )


def staff_report(request, pk):
    if refusal := _staff(request):
        return refusal
    return _staff_page(request, get_object_or_404(ProgressReport, pk=pk))


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
    except services.NotPublished:
        messages.error(request, f"{report.title} was not published. The page says why.")
    else:
        messages.success(request, f"{report.title} is published. It will not change.")
    return redirect("staff_reports:detail", pk=report.pk)


@require_POST
def withdraw(request, pk):
    """One address for the three steps of a withdrawal, chosen by the button:
    ask (with a reason), confirm (another approver), or cancel the request."""
    if refusal := _staff(request):
        return refusal
    require(request.user, StaffAction.WITHDRAW_REPORT)
    report = get_object_or_404(ProgressReport, pk=pk)
    step = request.POST.get("step")
    try:
        if step == "request":
            form = WithdrawalForm(request.POST)
            if not form.is_valid():
                return _staff_page(request, report, withdrawal_form=form, status=400)
            services.request_withdrawal(
                report=report, by=request.user, reason=form.cleaned_data["reason"]
            )
            done = "Its withdrawal is asked for. Another approver must confirm it."
        elif step == "confirm":
            services.confirm_withdrawal(report=report, by=request.user)
            done = f"{report.title} is withdrawn. Its page now says when and why."
        elif step == "cancel":
            services.cancel_withdrawal(report=report, by=request.user)
            done = "The request to withdraw it is cancelled. It stays published."
        else:
            messages.error(request, "Choose one of the buttons on the page.")
            return redirect("staff_reports:detail", pk=report.pk)
    except services.WithdrawalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("staff_reports:detail", pk=report.pk)
