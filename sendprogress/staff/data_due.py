"""The "Data due" page's view model: each measure's section, read with the
filters of the page, ready for one template loop (templates/staff/data_due.html).

Which periods are due, their figures and the counts are `plan/measures/due_periods.py`'s; this
module chooses the measures, prepares what each section shows (plain values
and addresses, no markup) and builds the forms. The views (views/due.py) only
choose which of these to draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from sendprogress.accounts.permissions import StaffAction, can
from sendprogress.core.status import Colour, Tag
from sendprogress.plan.measures import due_periods, periods
from sendprogress.plan.models import Figure, Measure

from .forms import DecisionForm, DueFilterForm, FigureForm, figure_initial
from .views.approvals import Waiting, waiting_figures

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


@dataclass(frozen=True)
class PeriodRow:
    """One outstanding period as its row in a measure's table shows it."""

    label: str
    tags: list
    due_by: date
    # Its figure's page when it has one, else where to enter it ("" if this person may not).
    review_url: str = ""
    enter_url: str = ""

    @classmethod
    def of(cls, row: due_periods.DuePeriod, enter: str) -> PeriodRow:
        if row.figure:
            review = reverse("staff:review_figure", args=[row.figure.pk])
            return cls(row.label, row.tags, row.due_by, review_url=review)
        entry = f"{enter}?period={row.period.isoformat()}" if enter else ""
        return cls(row.label, row.tags, row.due_by, enter_url=entry)


@dataclass
class Due:
    """One measure's part of the data-due page: its outstanding periods and quick entry."""

    measure: Measure
    period: date | None
    figure: Figure | None
    # Whether this person may enter the period's figure: the page links to quick entry,
    # whose form is drawn only when opened, or in place when a save is refused.
    can_enter: bool = False
    rows: list[due_periods.DuePeriod] = field(default_factory=list)
    form: FigureForm | None = None
    # Whether this person's role enters figures at all: each period without one links to its page.
    role_enters: bool = False
    # Updated in place on a filtered page that no longer lists it: htmx removes it.
    filtered_out: bool = False
    every_period: bool = False

    @property
    def shown_rows(self) -> list[due_periods.DuePeriod]:
        """The newest outstanding periods, or all of them on the page of this measure alone."""
        return self.rows if self.every_period else self.rows[:PERIODS_SHOWN]

    @property
    def period_rows(self) -> list[PeriodRow]:
        """The table's rows as plain values, for the template's one loop: a page lists
        60 of them. The address of the measure's figure entry is worked out once."""
        enter = reverse("staff:enter_figure", args=[self.measure.code]) if self.role_enters else ""
        return [PeriodRow.of(row, enter) for row in self.shown_rows]

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
        return due_periods.due_by(self.measure.frequency, self.period) if self.period else None

    @property
    def overdue(self) -> bool:
        approved = self.figure is not None and self.figure.status == Status.APPROVED
        due_by = self.due_by
        return due_by is not None and not approved and timezone.localdate() > due_by

    @property
    def status(self) -> Status | Tag:
        if self.period is None:
            return NOT_DUE_YET
        return Status(self.figure.status) if self.figure else MISSING


def decided_words(figure) -> str:
    """What a decision did, in words: an approved figure of a measure the public
    cannot see yet (hidden, a draft plan's, or under embargo) is not "public"."""
    if figure.status != Status.APPROVED:
        return "returned"
    if Measure.objects.public().filter(pk=figure.measure_id).exists():
        return "approved and is now public"
    return "approved. It will be public when its measure is"


def open_to_entry(figure) -> bool:
    """Whether a period's figure can still be entered or changed (none yet, or editable)."""
    return figure is None or figure.is_editable


def can_enter_figure(user, figure) -> bool:
    return can(user, StaffAction.ENTER_FIGURE) and open_to_entry(figure)


def figure_form(user, measure, figure, period, data=None, files=None, *, quick=False):
    if not can_enter_figure(user, figure):
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


def due_for(measure, user, figures, today, rows=None) -> Due:
    period = due_periods.latest_due(measure, today)
    if period is None:
        # A new measure: nothing is due until a period after its baseline has finished.
        return Due(measure, None, None)
    figure = figures.get(measure, period)
    if rows is None:
        rows = figures.outstanding(measure, today)
    role_enters = can(user, StaffAction.ENTER_FIGURE)
    can_enter = role_enters and open_to_entry(figure)
    return Due(measure, period, figure, can_enter, rows, role_enters=role_enters)


def queue(user) -> list[Waiting]:
    if not can(user, StaffAction.APPROVE_FIGURE):
        return []
    queue = waiting_figures(Figure.objects.filter(status=Status.SUBMITTED), limit=QUEUE_SHOWN)
    for waiting in queue:
        waiting.form = decision_form(waiting.figure)
    return queue


def decision_form(figure, data=None) -> DecisionForm:
    return DecisionForm(data, initial={"version": figure.version}, prefix=f"decide-{figure.pk}")


def page_filters(request) -> DueFilterForm:
    """The filters of the page an htmx request came from, so what it updates matches them."""
    query = urlsplit(request.htmx.current_url or "").query if request.htmx else ""
    return DueFilterForm(QueryDict(query) or None)


def outstanding(filters, today: date) -> tuple[list, due_periods.Figures]:
    """The measures the filters keep, each with its outstanding periods that they keep, and
    the figures read for them: what the data-due page lists and counts, and what an htmx
    change on it updates."""
    measures = list(filters.narrow(Measure.objects.only(*SCHEDULE)))
    figures = due_periods.Figures.of(measures, today)
    kept = [
        (measure, [row for row in figures.outstanding(measure, today) if filters.keeps(row)])
        for measure in measures
    ]
    return kept, figures


def in_place(request, measure, today) -> dict:
    """What an htmx change on the data-due page updates besides the part it swaps: that
    measure's section and the counts at the top, with the page's own filters."""
    filters = page_filters(request)
    narrowed = filters.is_bound and filters.has_changed()
    rows = None
    if narrowed:
        kept, figures = outstanding(filters, today)
        rows = next((rows for kept_measure, rows in kept if kept_measure.pk == measure.pk), None)
        every = due_periods.counts([row for _, rows in kept for row in rows])
    else:
        every = due_periods.every_count(today)
    if rows is None:
        # Every measure's counts are counted; or not a measure the page lists (a figure
        # of another area decided in the queue), and htmx finds nowhere to put it.
        figures = due_periods.Figures.of([measure], today, few=True)
        rows = [row for row in figures.outstanding(measure, today) if filters.keeps(row)]
    section = due_for(measure, request.user, figures, today, rows)
    section.every_period = bool(filters.is_valid() and filters.cleaned_data.get("measure"))
    section.filtered_out = not rows and narrowed
    return {"due": section, "counts": every}


def filter_query(filters) -> str:
    """The chosen filters as a query string, for the page links to keep."""
    if not filters.is_bound:
        return ""
    chosen = {name: filters.data.get(name, "") for name in filters.fields}
    return urlencode({name: value for name, value in chosen.items() if value})
