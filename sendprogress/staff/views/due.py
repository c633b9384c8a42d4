"""The "Data due" page and a figure's own pages: thin views over the view model
(`staff/data_due.py`) and the figure services (`plan/measures/services.py`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from sendprogress.accounts.permissions import StaffAction, can, require
from sendprogress.plan.measures import due_periods as due
from sendprogress.plan.measures import periods, services
from sendprogress.plan.models import Figure, Measure

from .. import data_due as due_page
from ..forms import CommentForm, CorrectionForm, DecisionForm, DueFilterForm, figure_initial
from .approvals import waiting_count, waiting_figures

Status = Figure.Status


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
def data_due(request):
    today = timezone.localdate()
    filters = DueFilterForm(request.GET or None)
    narrowed = filters.is_bound and filters.has_changed()
    one_measure = filters.is_valid() and filters.cleaned_data.get("measure")
    if narrowed:
        # A measure is listed if the filters keep any of its periods.
        kept, figures = due_page.outstanding(filters, today)
        listed = [(measure, rows) for measure, rows in kept if rows or measure == one_measure]
        page = Paginator(listed, due_page.MEASURES_PER_PAGE).get_page(request.GET.get("page"))
        on_page = list(page)
        every = due.counts([row for _, rows in kept for row in rows])
    else:
        # Every measure is listed: only this page's have their periods worked out, and
        # the counts at the top are counted, as on the staff home.
        measures = list(Measure.objects.only(*due_page.SCHEDULE))
        page = Paginator(measures, due_page.MEASURES_PER_PAGE).get_page(request.GET.get("page"))
        figures = due.Figures.of(list(page), today, few=True)
        on_page = [(measure, figures.outstanding(measure, today)) for measure in page]
        every = due.every_count(today, measures)
    # Only the measures on this page get their section built.
    dues = []
    for measure, rows in on_page:
        section = due_page.due_for(measure, request.user, figures, today, rows)
        section.every_period = bool(one_measure)
        dues.append(section)
    can_approve = can(request.user, StaffAction.APPROVE_FIGURE)
    return render(
        request,
        "staff/data_due.html",
        {
            "dues": dues,
            "page": page,
            "query": due_page.filter_query(filters),
            "counts": every,
            "filters": filters,
            "one_measure": one_measure,
            # The queue on the first page only: the later pages are for entering figures.
            "queue": due_page.queue(request.user) if page.number == 1 else [],
            "waiting": (waiting_count(request.user) if can_approve else 0),
            "can_enter": can(request.user, StaffAction.ENTER_FIGURE),
            "can_approve": can_approve,
            "due_days": settings.FIGURE_DUE_DAYS,
        },
        status=400 if filters.errors else 200,
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


@login_required
@permission_required(StaffAction.ENTER_FIGURE.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def enter_figure(request, code):
    measure = get_object_or_404(Measure, code=code)
    if request.method == "POST":
        period_text = request.POST.get(f"{measure.code}-period", "")
    else:
        period_text = request.GET.get("period", "")
    try:
        period = date.fromisoformat(period_text)
    except ValueError:
        period = periods.due_period(measure.frequency, timezone.localdate())
    figure = Figure.objects.filter(measure=measure, period=period).first()
    if figure and not figure.is_editable:
        messages.error(request, services.cannot_edit(figure))
        if request.htmx:
            # Not the data-due page inside the measure's section: the whole page, with the message.
            return HttpResponseClientRedirect(reverse("staff:data_due"))
        return redirect("staff:data_due")
    if request.method == "GET" and request.htmx:
        # Quick entry opened on the data-due page: its form, swapped in where the link
        # was; focus goes to the first field (htmx honours autofocus).
        form = due_page.figure_form(request.user, measure, figure, period, quick=True)
        if form is None:
            raise PermissionDenied("Your role cannot enter figures.")
        form.fields["value"].widget.attrs["autofocus"] = True
        due = due_page.Due(measure, period, figure, can_enter=True, form=form)
        response = render(request, "staff/data_due.html#quick-entry", {"due": due})
        patch_vary_headers(response, ["HX-Request"])
        return response
    if request.method == "GET":
        form = due_page.figure_form(request.user, measure, figure, period)
        response = render(request, "staff/figure_form.html", {"measure": measure, "form": form})
        patch_vary_headers(response, ["HX-Request"])
        return response

    form = due_page.figure_form(request.user, measure, figure, period, request.POST, request.FILES)
    saved = None
    if form.is_valid():
        data = form.cleaned_data
        evidence = None
        # Asked to be public by someone who cannot publish: kept internal until
        # an approver publishes it, as the form says.
        waits_for_approver = bool(data["evidence_public"]) and not form.can_publish
        if data["evidence_file"]:
            evidence = services.EvidenceUpload(
                file=data["evidence_file"],
                title=data["evidence_title"],
                is_public=bool(data["evidence_public"]) and form.can_publish,
                no_personal_data=data["no_personal_data"],
            )
        saved = _service_errors(
            form,
            lambda: services.save_figure(
                measure=measure,
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
        note = f"The figure for {periods.label(measure.frequency, saved.period)} was {done}."
        if evidence and waits_for_approver:
            note += " Its evidence is internal until an approver publishes it."
        messages.success(request, note)
        if request.htmx:
            context = due_page.in_place(request, measure, timezone.localdate())
            return render(request, "staff/data_due.html#due-and-counts", context)
        return redirect("staff:data_due")
    if request.htmx:
        context = due_page.in_place(request, measure, timezone.localdate())
        context["due"].form = form
        return render(request, "staff/data_due.html#due", context)
    return render(
        request, "staff/figure_form.html", {"measure": measure, "form": form}, status=400
    )


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def review_figure(request, pk):
    figure = get_object_or_404(
        Figure.objects.select_related("measure", "submitted_by", "entered_by"), pk=pk
    )
    form = DecisionForm(
        request.POST or None, initial={"version": figure.version}, prefix=f"decide-{pk}"
    )
    if request.method == "POST":
        require(request.user, StaffAction.APPROVE_FIGURE)
        decided = None
        if form.is_valid():
            action = request.POST.get("action")
            version = form.cleaned_data["version"]
            if action == "approve":
                call = lambda: services.approve_figure(  # noqa: E731
                    figure=figure, by=request.user, expected_version=version
                )
            elif action == "return":
                call = lambda: services.return_figure(  # noqa: E731
                    figure=figure,
                    by=request.user,
                    reason=form.cleaned_data["return_reason"],
                    expected_version=version,
                )
            else:
                raise PermissionDenied("Unknown decision.")
            decided = _service_errors(form, call)
        if decided:
            note = f"{decided} was {due_page.decided_words(decided)}."
            messages.success(request, note)
            if request.htmx:
                context = due_page.in_place(request, decided.measure, timezone.localdate())
                context |= {
                    "note": note,
                    "figure": decided,
                    "waiting": waiting_count(request.user),
                }
                if decided.status == Status.APPROVED:
                    # Waiting figures of later periods now have this one as their previous.
                    context["later"] = waiting_figures(
                        Figure.objects.filter(
                            status=Status.SUBMITTED,
                            measure=decided.measure,
                            period__gt=decided.period,
                        )
                    )
                return render(request, "staff/data_due.html#decided", context)
            return redirect("staff:data_due")
        if request.htmx:
            (waiting,) = waiting_figures(Figure.objects.filter(pk=figure.pk))
            waiting.form = form
            return render(request, "staff/data_due.html#queue-item", {"w": waiting})
    return render_review(request, figure, form)


def render_review(request, figure, form, comment_form=None):
    """The figure's own page: its context, the decision, internal comments and history."""
    errors = form.errors or (comment_form is not None and comment_form.errors)
    return render(
        request,
        "staff/figure_review.html",
        {
            "figure": figure,
            "w": waiting_figures(Figure.objects.filter(pk=figure.pk))[0],
            "form": form,
            "can_approve": (
                can(request.user, StaffAction.APPROVE_FIGURE) and figure.status == Status.SUBMITTED
            ),
            "can_correct": (
                can(request.user, StaffAction.CORRECT_FIGURE) and figure.status == Status.APPROVED
            ),
            "comments": figure.comments.select_related("author"),
            "comment_form": (
                (comment_form or CommentForm())
                if can(request.user, StaffAction.COMMENT_ON_FIGURE)
                else None
            ),
            "history": figure.history.select_related("history_user")[:20],
        },
        status=400 if errors else 200,
    )


@login_required
@permission_required(StaffAction.CORRECT_FIGURE.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def correct_figure(request, pk):
    figure = get_object_or_404(Figure.objects.select_related("measure"), pk=pk)
    form = CorrectionForm(request.POST or None, initial=figure_initial(figure))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        corrected = _service_errors(
            form,
            lambda: services.correct_figure(
                figure=figure,
                by=request.user,
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                commentary=data["commentary"],
                reason=data["correction_reason"],
                commentary_reviewed=data["commentary_reviewed"],
                expected_version=data["version"],
            ),
        )
        if corrected:
            messages.success(request, f"{corrected} was corrected.")
            return redirect("staff:review_figure", pk=corrected.pk)
    return render(
        request,
        "staff/figure_correct.html",
        {"figure": figure, "form": form},
        status=400 if form.errors else 200,
    )
