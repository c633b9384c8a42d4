"""The "Data due" page: what each measure needs now, quick entry, and the approvals queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sendprogress.plan import periods, services
from sendprogress.plan.models import Kpi, Measurement
from sendprogress.plan.permissions import can, require

from ..access import staff_only
from ..forms import CorrectionForm, DecisionForm, FigureForm

Status = Measurement.Status
STATUS_TAGS = {
    None: ("Missing", "govuk-tag--red"),
    Status.DRAFT: ("Draft", "govuk-tag--grey"),
    Status.SUBMITTED: ("Submitted for approval", "govuk-tag--blue"),
    Status.RETURNED: ("Returned for changes", "govuk-tag--orange"),
    Status.APPROVED: ("Approved", "govuk-tag--green"),
}


@dataclass
class Due:
    """One measure's line on the data-due page."""

    kpi: Kpi
    period: object
    measurement: Measurement | None
    form: FigureForm | None

    @property
    def period_label(self) -> str:
        if self.period is None:
            return "Nothing yet: the first period after the baseline has not finished"
        return periods.label(self.kpi.frequency, self.period)

    @property
    def status(self) -> tuple[str, str]:
        if self.period is None:
            return ("Not due yet", "govuk-tag--grey")
        return STATUS_TAGS[self.measurement.status if self.measurement else None]


def _figure_form(user, kpi, measurement, period, data=None, files=None):
    if not can(user, "enter") or (measurement and not measurement.is_editable):
        return None
    initial = {"period": period.isoformat(), "version": 0}
    if measurement:
        initial |= {
            "value": measurement.value,
            "numerator": measurement.numerator,
            "denominator": measurement.denominator,
            "commentary": measurement.commentary,
            "version": measurement.version,
        }
    return FigureForm(data, files, kpi=kpi, initial=initial, prefix=kpi.code)


def _due_for(kpi, user, figures, today) -> Due:
    period = periods.due_period(kpi.frequency, today)
    if kpi.reporting_ends and period > kpi.reporting_ends:
        period = periods.period_start(kpi.frequency, kpi.reporting_ends)
    if kpi.baseline_date and period < kpi.baseline_date:
        # A new measure: nothing is due until a period after its baseline has finished.
        return Due(kpi, None, None, None)
    measurement = figures.get((kpi.pk, period))
    return Due(kpi, period, measurement, _figure_form(user, kpi, measurement, period))


def _queue(user):
    if not can(user, "approve"):
        return []
    return [
        (m, DecisionForm(initial={"version": m.version}, prefix=f"decide-{m.pk}"))
        for m in Measurement.objects.filter(status=Status.SUBMITTED)
        .select_related("kpi", "submitted_by")
        .prefetch_related("evidence")
        .order_by("submitted_at")
    ]


@staff_only
def data_due(request):
    today = timezone.localdate()
    kpis = list(Kpi.objects.select_related("plan"))
    earliest = min((periods.due_period(k.frequency, today) for k in kpis), default=today).replace(
        year=today.year - 2
    )
    figures = {(m.kpi_id, m.period): m for m in Measurement.objects.filter(period__gte=earliest)}
    return render(
        request,
        "staff/data_due.html",
        {
            "dues": [_due_for(kpi, request.user, figures, today) for kpi in kpis],
            "queue": _queue(request.user),
            "can_enter": can(request.user, "enter"),
            "can_approve": can(request.user, "approve"),
        },
    )


def _service_errors(form, call):
    """Run a service call; put what it refuses on the form. True when it succeeded."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    except services.EditConflict as conflict:
        form.add_error(None, str(conflict))
        form.conflict = conflict.current
    except services.WorkflowError as error:
        form.add_error(None, str(error))
    return None


@staff_only
@require_http_methods(["GET", "POST"])
def enter_figure(request, code):
    kpi = get_object_or_404(Kpi, code=code)
    require(request.user, "enter")
    if request.method == "POST":
        period_text = request.POST.get(f"{kpi.code}-period", "")
    else:
        period_text = request.GET.get("period", "")
    try:
        period = date.fromisoformat(period_text)
    except ValueError:
        period = periods.due_period(kpi.frequency, timezone.localdate())
    measurement = Measurement.objects.filter(kpi=kpi, period=period).first()
    if measurement and not measurement.is_editable:
        messages.error(
            request,
            f"The figure for {periods.label(kpi.frequency, period)} is "
            f"{measurement.get_status_display().lower()} and cannot be edited here.",
        )
        return redirect("staff:data_due")
    if request.method == "GET":
        form = _figure_form(request.user, kpi, measurement, period)
        return render(request, "staff/figure_form.html", {"kpi": kpi, "form": form})

    form = _figure_form(request.user, kpi, measurement, period, request.POST, request.FILES)
    saved = None
    if form.is_valid():
        data = form.cleaned_data
        evidence = None
        if data["evidence_file"]:
            evidence = services.EvidenceUpload(
                file=data["evidence_file"],
                title=data["evidence_title"],
                is_public=data["evidence_public"],
                no_personal_data=data["no_personal_data"],
            )
        saved = _service_errors(
            form,
            lambda: services.save_figure(
                kpi=kpi,
                period=data["period"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                commentary=data["commentary"],
                by=request.user,
                expected_version=data["version"],
                submit=request.POST.get("action") == "submit",
                evidence=evidence,
            ),
        )
    if saved:
        done = "submitted for approval" if saved.status == Status.SUBMITTED else "saved as a draft"
        note = f"The figure for {periods.label(kpi.frequency, saved.period)} was {done}."
        if request.htmx:
            due = Due(
                kpi, saved.period, saved, _figure_form(request.user, kpi, saved, saved.period)
            )
            return render(request, "staff/data_due.html#due", {"due": due, "note": note})
        messages.success(request, note)
        return redirect("staff:data_due")
    if request.htmx:
        due = Due(kpi, period, measurement, form)
        return render(request, "staff/data_due.html#due", {"due": due})
    return render(request, "staff/figure_form.html", {"kpi": kpi, "form": form}, status=400)


@staff_only
@require_http_methods(["GET", "POST"])
def review_figure(request, pk):
    measurement = get_object_or_404(
        Measurement.objects.select_related("kpi", "submitted_by", "entered_by"), pk=pk
    )
    form = DecisionForm(
        request.POST or None, initial={"version": measurement.version}, prefix=f"decide-{pk}"
    )
    if request.method == "POST":
        require(request.user, "approve")
        decided = None
        if form.is_valid():
            action = request.POST.get("action")
            version = form.cleaned_data["version"]
            if action == "approve":
                call = lambda: services.approve_measurement(  # noqa: E731
                    measurement=measurement, by=request.user, expected_version=version
                )
            elif action == "return":
                call = lambda: services.return_measurement(  # noqa: E731
                    measurement=measurement,
                    by=request.user,
                    reason=form.cleaned_data["return_reason"],
                    expected_version=version,
                )
            else:
                raise PermissionDenied("Unknown decision.")
            decided = _service_errors(form, call)
        if decided:
            verb = (
                "approved and is now public" if decided.status == Status.APPROVED else "returned"
            )
            note = f"{decided} was {verb}."
            if request.htmx:
                return render(request, "staff/data_due.html#decided", {"note": note, "m": decided})
            messages.success(request, note)
            return redirect("staff:data_due")
        if request.htmx:
            return render(
                request, "staff/data_due.html#queue-item", {"m": measurement, "form": form}
            )
    return render(
        request,
        "staff/figure_review.html",
        {
            "m": measurement,
            "form": form,
            "can_approve": can(request.user, "approve") and measurement.status == Status.SUBMITTED,
            "can_correct": can(request.user, "correct") and measurement.status == Status.APPROVED,
            "history": measurement.history.select_related("history_user")[:20],
        },
        status=400 if form.errors else 200,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def correct_figure(request, pk):
    measurement = get_object_or_404(Measurement.objects.select_related("kpi"), pk=pk)
    require(request.user, "correct")
    initial = {
        "value": measurement.value,
        "numerator": measurement.numerator,
        "denominator": measurement.denominator,
        "commentary": measurement.commentary,
        "version": measurement.version,
    }
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        corrected = _service_errors(
            form,
            lambda: services.correct_measurement(
                measurement=measurement,
                by=request.user,
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                commentary=data["commentary"],
                reason=data["correction_reason"],
                expected_version=data["version"],
            ),
        )
        if corrected:
            messages.success(request, f"{corrected} was corrected.")
            return redirect("staff:review_figure", pk=corrected.pk)
    return render(
        request,
        "staff/figure_correct.html",
        {"m": measurement, "form": form},
        status=400 if form.errors else 200,
    )
