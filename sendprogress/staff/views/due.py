"""The "Data due" page: what each measure needs now, quick entry, and the approvals queue."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from sendprogress.accounts.permissions import StaffAction, can, require
from sendprogress.core.dates import day_month_year
from sendprogress.core.status import Colour, Tag
from sendprogress.core.templatetags.status import status_tag
from sendprogress.plan import due, periods, services
from sendprogress.plan.models import Figure, Measure

from ..forms import (
    CommentForm,
    CorrectionForm,
    DecisionForm,
    DueFilterForm,
    FigureForm,
    figure_initial,
)
from .approvals import Waiting, waiting_count, waiting_figures

Status = Figure.Status
MISSING = Tag("Missing", Colour.RED)
NOT_DUE_YET = Tag("Not due yet", Colour.GREY)
# What one page lists, so it stays quick to load and to read at any scale:
# measures per page, and each measure's newest outstanding periods (the rest
# are a link away, on a page of that measure alone).
MEASURES_PER_PAGE = 10
PERIODS_SHOWN = 6
# The figures that have waited longest; approving or returning them shows the next.
QUEUE_SHOWN = 20
# What working out every measure's due periods needs, and all that a measure's
# section on the page shows (its quick entry, which needs more, is drawn on demand).
SCHEDULE = (
    "pk",
    "code",
    "title",
    "frequency",
    "baseline_date",
    "reporting_starts",
    "reporting_ends",
)


@dataclass
class Due:
    """One measure's part of the data-due page: its outstanding periods and quick entry."""

    measure: Measure
    period: object
    figure: Figure | None
    # Whether this person may enter the period's figure: the page links to quick entry,
    # whose form is drawn only when opened, or in place when a save is refused.
    can_enter: bool = False
    rows: list[due.DuePeriod] = field(default_factory=list)
    form: FigureForm | None = None
    # Whether this person's role enters figures at all: each period without one links to its page.
    role_enters: bool = False
    # Updated in place on a filtered page that no longer lists it: htmx removes it.
    filtered_out: bool = False
    every_period: bool = False

    @property
    def shown_rows(self) -> list[due.DuePeriod]:
        """The newest outstanding periods, or all of them on the page of this measure alone."""
        return self.rows if self.every_period else self.rows[:PERIODS_SHOWN]

    @property
    def period_rows(self) -> SafeString:
        """The table's rows, drawn here: a page lists 60 of them, each with tags and links.

        The address of the measure's figure entry is worked out once for every row.
        """
        enter = reverse("staff:enter_figure", args=[self.measure.code]) if self.role_enters else ""
        return format_html_join(
            "\n", PERIOD_ROW, (self._cells(row, enter) for row in self.shown_rows)
        )

    def _cells(self, row: due.DuePeriod, enter: str) -> tuple:
        label = row.label
        action = ""
        if row.figure:
            action = format_html(
                VIEW_LINK, reverse("staff:review_figure", args=[row.figure.pk]), label
            )
        elif enter:
            action = format_html(ENTER_LINK, enter, row.period.isoformat(), label)
        tags = format_html_join(" ", "{}", ((status_tag(tag),) for tag in row.tags))
        return label, tags, day_month_year(row.due_by), action

    @property
    def not_shown(self) -> int:
        return len(self.rows) - len(self.shown_rows)

    @property
    def period_label(self) -> str:
        if self.period is None:
            return "Nothing yet: the first period after the baseline has not finished"
        return periods.label(self.measure.frequency, self.period)

    @property
    def due_by(self) -> date | None:
        return due.due_by(self.measure.frequency, self.period) if self.period else None

    @property
    def overdue(self) -> bool:
        approved = self.figure is not None and self.figure.status == Status.APPROVED
        return bool(self.period) and not approved and timezone.localdate() > self.due_by

    @property
    def status(self) -> Status | Tag:
        if self.period is None:
            return NOT_DUE_YET
        return Status(self.figure.status) if self.figure else MISSING


PERIOD_ROW = (
    '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>'
    '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
    '<td class="govuk-table__cell">{}</td></tr>'
)
VIEW_LINK = (
    '<a class="govuk-link" href="{}">View figure'
    '<span class="govuk-visually-hidden"> for {}</span></a>'
)
ENTER_LINK = (
    '<a class="govuk-link" href="{}?period={}">Enter figure'
    '<span class="govuk-visually-hidden"> for {}</span></a>'
)


def _decided_words(figure) -> str:
    """What a decision did, in words: an approved figure of a measure the public
    cannot see yet (hidden, a draft plan's, or under embargo) is not "public"."""
    if figure.status != Status.APPROVED:
        return "returned"
    if Measure.objects.public().filter(pk=figure.measure_id).exists():
        return "approved and is now public"
    return "approved. It will be public when its measure is"


def _open_to_entry(figure) -> bool:
    """Whether a period's figure can still be entered or changed (none yet, or editable)."""
    return figure is None or figure.is_editable


def _can_enter(user, figure) -> bool:
    return can(user, StaffAction.ENTER_FIGURE) and _open_to_entry(figure)


def _figure_form(user, measure, figure, period, data=None, files=None, *, quick=False):
    if not _can_enter(user, figure):
        return None
    initial = {"period": period.isoformat(), "version": 0}
    if figure:
        initial |= figure_initial(figure)
    return FigureForm(
        data,
        files,
        measure=measure,
        initial=initial,
        prefix=measure.code,
        only_period=period if quick else None,
        can_publish=can(user, StaffAction.PUBLISH_EVIDENCE),
    )


def _due_for(measure, user, figures, today, rows=None) -> Due:
    period = due.latest_due(measure, today)
    if period is None:
        # A new measure: nothing is due until a period after its baseline has finished.
        return Due(measure, None, None)
    figure = figures.get(measure, period)
    if rows is None:
        rows = figures.outstanding(measure, today)
    role_enters = can(user, StaffAction.ENTER_FIGURE)
    can_enter = role_enters and _open_to_entry(figure)
    return Due(measure, period, figure, can_enter, rows, role_enters=role_enters)


@dataclass
class Figures:
    """What some measures' due periods hold, read in three queries however many figures.

    Figures still on their way (draft, submitted, returned) are model
    instances, for their forms and links. Approved ones are counted per
    measure over its due periods: when a measure's approved and unapproved
    figures fill every due period (figures are for aligned periods, one per
    period), its outstanding periods are simply its unapproved figures. Only a
    measure with a gap has its approved periods read, to find the gap, along
    with each measure's approved figure for the period now due, for its link.
    A page of 100 measures over 10 years would otherwise read 11,000 figures
    to learn which periods are done.
    """

    today: date
    open: dict = field(default_factory=dict)
    approved: dict = field(default_factory=dict)
    with_gaps: set = field(default_factory=set)

    @classmethod
    def of(cls, measures, today: date, *, few: bool = False) -> Figures:
        """`few`: a page's measures only, whose approved periods are read without counting
        them first (a thousand or so at most)."""
        found = cls(today)
        theirs = Figure.objects.filter(measure__in=measures)
        for figure in (
            theirs.exclude(status=Status.APPROVED).only(*OPEN_FIGURE).order_by("-period")
        ):
            found.open[figure.measure_id, figure.period] = figure
        approved = theirs.filter(status=Status.APPROVED)
        if few:
            found.with_gaps = {measure.pk for measure in measures}
        else:
            found._find_gaps(measures, approved)
        now_due = Q()
        for frequency in Measure.Frequency:
            now_due |= Q(measure__frequency=frequency, period=periods.due_period(frequency, today))
        for measure_id, period, pk in approved.filter(
            Q(measure__in=found.with_gaps) | now_due
        ).values_list("measure_id", "period", "pk"):
            found.approved[measure_id, period] = pk
        return found

    def _find_gaps(self, measures, approved) -> None:
        today = self.today
        finished = Q()
        for frequency in Measure.Frequency:
            finished |= Q(
                measure__frequency=frequency, period__lte=periods.due_period(frequency, today)
            )
        filled = dict(
            approved.filter(finished, period__gte=F("measure__baseline_date"))
            .values("measure_id")
            .annotate(n=Count("pk"))
            .values_list("measure_id", "n")
        )
        due_periods = {measure.pk: due.periods_due(measure, today) for measure in measures}
        for measure_id, period in self.open:
            if period in due_periods.get(measure_id, ()):
                filled[measure_id] = filled.get(measure_id, 0) + 1
        for measure in measures:
            # No baseline, or a start or end to reporting: the count above (from the
            # baseline) does not fit their periods.
            if (
                measure.baseline_date is None
                or measure.reporting_starts
                or measure.reporting_ends
                or filled.get(measure.pk, 0) < len(due_periods[measure.pk])
            ):
                self.with_gaps.add(measure.pk)

    def get(self, measure, period) -> Figure | None:
        """The period's figure; an approved one only as far as the page needs (status, link)."""
        key = (measure.pk, period)
        if key in self.approved:
            return Figure(
                pk=self.approved[key], measure=measure, period=period, status=Status.APPROVED
            )
        return self.open.get(key)

    def outstanding(self, measure, today=None) -> list[due.DuePeriod]:
        today = today or self.today
        if measure.pk in self.with_gaps:
            return due.outstanding(measure, self.open, today, approved=self.approved)
        # Every due period has a figure: the outstanding ones are those not approved.
        due_periods = due.periods_due(measure, today)
        rows = []
        for (measure_id, period), figure in self.open.items():
            if measure_id == measure.pk and period in due_periods:
                by = due.due_by(measure.frequency, period)
                rows.append(due.DuePeriod(measure, period, figure, by, overdue=today > by))
        return rows


OPEN_FIGURE = (
    "pk",
    "measure_id",
    "period",
    "status",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "version",
    "return_reason",
)


def _queue(user) -> list[Waiting]:
    if not can(user, StaffAction.APPROVE_FIGURE):
        return []
    queue = waiting_figures(Figure.objects.filter(status=Status.SUBMITTED), limit=QUEUE_SHOWN)
    for waiting in queue:
        waiting.form = _decision_form(waiting.figure)
    return queue


def _decision_form(figure, data=None) -> DecisionForm:
    return DecisionForm(data, initial={"version": figure.version}, prefix=f"decide-{figure.pk}")


def _page_filters(request) -> DueFilterForm:
    """The filters of the page an htmx request came from, so what it updates matches them."""
    query = urlsplit(request.htmx.current_url or "").query if request.htmx else ""
    return DueFilterForm(QueryDict(query) or None)


def _outstanding(filters, today: date) -> tuple[list, Figures]:
    """The measures the filters keep, each with its outstanding periods that they keep, and
    the figures read for them: what the data-due page lists and counts, and what an htmx
    change on it updates."""
    measures = list(filters.narrow(Measure.objects.only(*SCHEDULE)))
    figures = Figures.of(measures, today)
    kept = [
        (measure, [row for row in figures.outstanding(measure, today) if filters.keeps(row)])
        for measure in measures
    ]
    return kept, figures


def _in_place(request, measure, today) -> dict:
    """What an htmx change on the data-due page updates besides the part it swaps: that
    measure's section and the counts at the top, with the page's own filters."""
    filters = _page_filters(request)
    narrowed = filters.is_bound and filters.has_changed()
    rows = None
    if narrowed:
        kept, figures = _outstanding(filters, today)
        rows = next((rows for m, rows in kept if m.pk == measure.pk), None)
        every = counts([row for _, rows in kept for row in rows])
    else:
        every = every_count(today)
    if rows is None:
        # Every measure's counts are counted; or not a measure the page lists (a figure
        # of another area decided in the queue), and htmx finds nowhere to put it.
        figures = Figures.of([measure], today, few=True)
        rows = [row for row in figures.outstanding(measure, today) if filters.keeps(row)]
    section = _due_for(measure, request.user, figures, today, rows)
    section.every_period = bool(filters.is_valid() and filters.cleaned_data.get("measure"))
    section.filtered_out = not rows and narrowed
    return {"due": section, "counts": every}


def every_count(today: date, measures=None) -> dict[str, int]:
    """What `counts` gives for every measure's outstanding periods, counted, not listed.

    The staff home shows only the numbers. A measure's due periods are a run of
    aligned periods (`due.periods_due`), so it owes that many figures, and those
    whose due-by date has passed are overdue; the database counts the figures
    that fall in each run by status, whether late or not. Missing is what is owed
    less every figure there; overdue is what is late less the approved ones there.
    Two small queries at any scale, instead of every period of every measure.
    """
    owed = late = 0
    late_from = {frequency: _late_from(frequency, today) for frequency in Measure.Frequency}
    # Measures of a frequency whose latest due period is the same owe the same periods
    # back to their first: (frequency, latest period): first period: measure ids.
    runs = defaultdict(lambda: defaultdict(list))
    longest = {}  # (frequency, latest period): the periods back to the earliest first
    if measures is None:
        # Rows, not model instances: the schedule is all that is read of them.
        measures = Measure.objects.values_list(
            "pk", "frequency", "baseline_date", "reporting_starts", "reporting_ends", named=True
        )
    for measure in measures:
        periods_due = due.periods_due(measure, today)
        if not periods_due:
            continue
        owed += len(periods_due)
        # Newest first: the periods from the first late one back are all late.
        late += len(periods_due) - next(
            (n for n, period in enumerate(periods_due) if period <= late_from[measure.frequency]),
            len(periods_due),
        )
        run = measure.frequency, periods_due[0]
        runs[run][periods_due[-1]].append(measure.pk)
        if len(periods_due) > len(longest.get(run, ())):
            longest[run] = periods_due
    tally = dict.fromkeys(Status, 0)
    late_approved = 0
    if runs:
        in_runs, is_late = Q(), Q()
        for (frequency, latest), firsts in runs.items():
            # Only aligned periods are due periods (a figure entered before its measure's
            # frequency changed may not be). The periods are listed rather than their
            # range checked for alignment: PostgreSQL looks a list up in a hash, where
            # working out each figure's day and month took half the query's time. The
            # list is sent once for the measures that share it, each from its first.
            from_first = Q()
            for first, ids in firsts.items():
                from_first |= Q(measure_id__in=ids, period__gte=first)
            in_runs |= Q(period__in=longest[frequency, latest]) & from_first
            ids = [pk for ids in firsts.values() for pk in ids]
            is_late |= Q(measure_id__in=ids, period__lte=late_from[frequency])
        for status, n, n_late in (
            Figure.objects.filter(in_runs)
            .values_list("status")
            .annotate(n=Count("pk"), late=Count("pk", filter=is_late))
            .order_by()
        ):
            tally[status] = n
            if status == Status.APPROVED:
                late_approved = n_late
    return {
        due.State.MISSING.value: owed - sum(tally.values()),
        due.State.DRAFT.value: tally[Status.DRAFT],
        due.State.SUBMITTED.value: tally[Status.SUBMITTED],
        due.State.RETURNED.value: tally[Status.RETURNED],
        "overdue": late - late_approved,
        "all": owed - tally[Status.APPROVED],
    }


def _late_from(frequency: str, today: date) -> date:
    """The latest period of this frequency whose figure is overdue today."""
    period = periods.due_period(frequency, today)
    while not today > due.due_by(frequency, period):
        period = periods.previous_period(frequency, period)
    return period


def counts(rows) -> dict[str, int]:
    """How many outstanding periods are in each state, and how many are overdue."""
    tally = Counter(row.state for row in rows)
    return {state.value: tally[state] for state in due.State} | {
        "overdue": sum(row.overdue for row in rows),
        "all": len(rows),
    }


@login_required
@permission_required(StaffAction.VIEW.permission, raise_exception=True)
def data_due(request):
    today = timezone.localdate()
    filters = DueFilterForm(request.GET or None)
    narrowed = filters.is_bound and filters.has_changed()
    one_measure = filters.is_valid() and filters.cleaned_data.get("measure")
    if narrowed:
        # A measure is listed if the filters keep any of its periods.
        kept, figures = _outstanding(filters, today)
        listed = [(m, rows) for m, rows in kept if rows or m == one_measure]
        page = Paginator(listed, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
        on_page = list(page)
        every = counts([row for _, rows in kept for row in rows])
    else:
        # Every measure is listed: only this page's have their periods worked out, and
        # the counts at the top are counted, as on the staff home.
        measures = list(Measure.objects.only(*SCHEDULE))
        page = Paginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
        figures = Figures.of(list(page), today, few=True)
        on_page = [(m, figures.outstanding(m, today)) for m in page]
        every = every_count(today, measures)
    # Only the measures on this page get their section built.
    dues = []
    for measure, rows in on_page:
        section = _due_for(measure, request.user, figures, today, rows)
        section.every_period = bool(one_measure)
        dues.append(section)
    can_approve = can(request.user, StaffAction.APPROVE_FIGURE)
    return render(
        request,
        "staff/data_due.html",
        {
            "dues": dues,
            "page": page,
            "query": _filter_query(filters),
            "counts": every,
            "filters": filters,
            "one_measure": one_measure,
            # The queue on the first page only: the later pages are for entering figures.
            "queue": _queue(request.user) if page.number == 1 else [],
            "waiting": (waiting_count(request.user) if can_approve else 0),
            "can_enter": can(request.user, StaffAction.ENTER_FIGURE),
            "can_approve": can_approve,
            "due_days": settings.FIGURE_DUE_DAYS,
        },
        status=400 if filters.errors else 200,
    )


def _filter_query(filters) -> str:
    """The chosen filters as a query string, for the page links to keep."""
    if not filters.is_bound:
        return ""
    chosen = {name: filters.data.get(name, "") for name in filters.fields}
    return urlencode({name: value for name, value in chosen.items() if value})


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
        form = _figure_form(request.user, measure, figure, period, quick=True)
        if form is None:
            raise PermissionDenied("Your role cannot enter figures.")
        form.fields["value"].widget.attrs["autofocus"] = True
        due = Due(measure, period, figure, can_enter=True, form=form)
        response = render(request, "staff/data_due.html#quick-entry", {"due": due})
        patch_vary_headers(response, ["HX-Request"])
        return response
    if request.method == "GET":
        form = _figure_form(request.user, measure, figure, period)
        response = render(request, "staff/figure_form.html", {"measure": measure, "form": form})
        patch_vary_headers(response, ["HX-Request"])
        return response

    form = _figure_form(request.user, measure, figure, period, request.POST, request.FILES)
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
            context = _in_place(request, measure, timezone.localdate())
            return render(request, "staff/data_due.html#due-and-counts", context)
        return redirect("staff:data_due")
    if request.htmx:
        context = _in_place(request, measure, timezone.localdate())
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
            note = f"{decided} was {_decided_words(decided)}."
            messages.success(request, note)
            if request.htmx:
                context = _in_place(request, decided.measure, timezone.localdate())
                context |= {"note": note, "m": decided, "waiting": waiting_count(request.user)}
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
            "m": figure,
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
        {"m": figure, "form": form},
        status=400 if form.errors else 200,
    )
