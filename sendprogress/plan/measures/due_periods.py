"""What each measure still needs: every period from its baseline to now without an approved figure.

A period is *due* once it has finished, and *due by* `FIGURE_DUE_DAYS` days
after its last day (a setting, so an area can match its own data timetable).
A due period is outstanding until its figure is approved; its state is the
figure's status, or "missing" when nobody has entered one. It is *overdue*
when the due-by date has passed and it is still outstanding.

Periods start on the measure's baseline date or later and stop at its
`reporting_ends`; a measure with no baseline date owes only the latest period.

The one module for due periods, in three parts on one rule (`periods_due`):
- the rule itself, pure functions (`periods_due`, `due_by`, `outstanding`),
  with the figures passed in;
- `Figures`, which reads what some measures' due periods hold in three queries
  however many figures, for a page that lists them;
- `every_count`, which counts every measure's outstanding periods by state
  without listing them (two queries at any scale: the staff home and the
  data-due page's totals), and `counts`, which counts listed ones. The two
  must agree: tests/plan/test_due.py holds them to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, F, Q

from sendprogress.core.status import Colour, Tag

from . import periods
from .models.measures import Figure, Measure

Status = Figure.Status


class State(StrEnum):
    """Where an outstanding period has got to, in the words the page uses."""

    MISSING = "missing"
    DRAFT = Status.DRAFT.value
    SUBMITTED = Status.SUBMITTED.value
    RETURNED = Status.RETURNED.value

    @property
    def label(self) -> str:
        if self is State.MISSING:
            return "Missing"
        return Status(self.value).label

    @property
    def colour(self) -> Colour:
        if self is State.MISSING:
            return Colour.RED
        return Status(self.value).colour


OVERDUE = Tag("Overdue", Colour.RED)


@dataclass(frozen=True)
class DuePeriod:
    """One period of one measure that still lacks an approved figure."""

    measure: Measure
    period: date
    figure: Figure | None
    due_by: date
    overdue: bool

    @property
    def state(self) -> State:
        return State(self.figure.status) if self.figure else State.MISSING

    @property
    def label(self) -> str:
        return periods.label(self.measure.frequency, self.period)

    @property
    def tags(self) -> list:
        """Its state, and "Overdue" beside it when it is: in words, never colour alone."""
        return [self.state, OVERDUE] if self.overdue else [self.state]


def due_by(frequency: str, period: date) -> date:
    """The date a period's figure should be entered by."""
    last_day = periods.next_period(frequency, period) - timedelta(days=1)
    return last_day + timedelta(days=settings.FIGURE_DUE_DAYS)


def first_due(measure: Measure) -> date | None:
    """The first period figures are due for: from the baseline date, or from the
    period reporting starts in when that is later; None if neither is set."""
    starts = measure.reporting_starts
    if starts:
        starts = periods.period_start(measure.frequency, starts)
    return max((d for d in (measure.baseline_date, starts) if d), default=None)


def latest_due(measure: Measure, today: date) -> date | None:
    """The latest finished period the measure collects figures for; None before its first."""
    period = periods.due_period(measure.frequency, today)
    if measure.reporting_ends and period > measure.reporting_ends:
        period = periods.period_start(measure.frequency, measure.reporting_ends)
    first = first_due(measure)
    if first and period < first:
        return None
    return period


def periods_due(measure: Measure, today: date) -> list[date]:
    """Every finished period the measure needs a figure for, newest first."""
    latest = latest_due(measure, today)
    if latest is None:
        return []
    first = first_due(measure)
    if first is None:
        return [latest]
    return list(_periods_back(measure.frequency, latest, first))


@lru_cache(maxsize=256)
def _periods_back(frequency: str, latest: date, first: date) -> tuple[date, ...]:
    # Measures mostly share a frequency and a baseline, and a page of 100
    # measures over 10 years would otherwise step back 12,000 periods.
    found, period = [], latest
    while period >= first:
        found.append(period)
        period = periods.previous_period(frequency, period)
    return tuple(found)


def outstanding(
    measure: Measure, figures: dict, today: date, approved: Collection = ()
) -> list[DuePeriod]:
    """The measure's due periods without an approved figure, newest first.

    `figures` maps (measure id, period) to that period's figure, if any.
    `approved` may hold the (measure id, period) of approved figures left out
    of `figures`, so that a page of many measures reads which periods are
    done without building a model instance for each.
    """
    rows, pk = [], measure.pk
    for period in periods_due(measure, today):
        key = (pk, period)
        if key in approved:
            continue
        figure = figures.get(key)
        if figure is not None and figure.status == Status.APPROVED:
            continue
        by = due_by(measure.frequency, period)
        rows.append(DuePeriod(measure, period, figure, by, overdue=today > by))
    return rows


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
        due_periods = {measure.pk: periods_due(measure, today) for measure in measures}
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

    def outstanding(self, measure, today=None) -> list[DuePeriod]:
        today = today or self.today
        if measure.pk in self.with_gaps:
            return outstanding(measure, self.open, today, approved=self.approved)
        # Every due period has a figure: the outstanding ones are those not approved.
        due_periods = periods_due(measure, today)
        rows = []
        for (measure_id, period), figure in self.open.items():
            if measure_id == measure.pk and period in due_periods:
                by = due_by(measure.frequency, period)
                rows.append(DuePeriod(measure, period, figure, by, overdue=today > by))
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


def every_count(today: date, measures=None) -> dict[str, int]:
    """What `counts` gives for every measure's outstanding periods, counted, not listed.

    The staff home shows only the numbers. A measure's due periods are a run of
    aligned periods (`owed_periods`), so it owes that many figures, and those
    whose due-by date has passed are overdue; the database counts the figures
    that fall in each run by status, whether late or not. Missing is what is owed
    less every figure there; overdue is what is late less the approved ones there.
    Two small queries at any scale, instead of every period of every measure.
    """
    owed = late = 0
    late_from = {frequency: _late_from(frequency, today) for frequency in Measure.Frequency}
    # Measures of a frequency whose latest due period is the same owe the same periods
    # back to their first: (frequency, latest period): first period: measure ids.
    runs: defaultdict[tuple, defaultdict[date, list[int]]] = defaultdict(lambda: defaultdict(list))
    # (frequency, latest period): the periods back to the earliest first
    longest: dict[tuple, list[date]] = {}
    if measures is None:
        # Rows, not model instances: the schedule is all that is read of them.
        measures = Measure.objects.values_list(
            "pk", "frequency", "baseline_date", "reporting_starts", "reporting_ends", named=True
        )
    for measure in measures:
        owed_periods = periods_due(measure, today)
        if not owed_periods:
            continue
        owed += len(owed_periods)
        # Newest first: the periods from the first late one back are all late.
        late += len(owed_periods) - next(
            (n for n, period in enumerate(owed_periods) if period <= late_from[measure.frequency]),
            len(owed_periods),
        )
        run = measure.frequency, owed_periods[0]
        runs[run][owed_periods[-1]].append(measure.pk)
        if len(owed_periods) > len(longest.get(run, ())):
            longest[run] = owed_periods
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
        State.MISSING.value: owed - sum(tally.values()),
        State.DRAFT.value: tally[Status.DRAFT],
        State.SUBMITTED.value: tally[Status.SUBMITTED],
        State.RETURNED.value: tally[Status.RETURNED],
        "overdue": late - late_approved,
        "all": owed - tally[Status.APPROVED],
    }


def _late_from(frequency: str, today: date) -> date:
    """The latest period of this frequency whose figure is overdue today."""
    period = periods.due_period(frequency, today)
    while not today > due_by(frequency, period):
        period = periods.previous_period(frequency, period)
    return period


def counts(rows) -> dict[str, int]:
    """How many outstanding periods are in each state, and how many are overdue."""
    tally = Counter(row.state for row in rows)
    return {state.value: tally[state] for state in State} | {
        "overdue": sum(row.overdue for row in rows),
        "all": len(rows),
    }
