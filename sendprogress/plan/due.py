"""What each measure still needs: every period from its baseline to now without an approved figure.

A period is *due* once it has finished, and *due by* `FIGURE_DUE_DAYS` days
after its last day (a setting, so an area can match its own data timetable).
A due period is outstanding until its figure is approved; its state is the
figure's status, or "missing" when nobody has entered one. It is *overdue*
when the due-by date has passed and it is still outstanding.

Periods start on the measure's baseline date or later and stop at its
`reporting_ends`; a measure with no baseline date owes only the latest period.
Pure functions: the figures are passed in, so a page of many measures reads
them in one query.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from django.conf import settings

from sendprogress.core.status import Colour, Tag

from . import periods
from .models import Figure, Measure

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
