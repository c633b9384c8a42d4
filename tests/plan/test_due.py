"""Due periods (`plan/measures/due_periods.py`): the one rule for which periods a measure owes,
listed for a page and counted for the totals, both from the same rule."""

from datetime import date

import pytest

from sendprogress.plan.measures import due_periods
from sendprogress.plan.models import Figure, Measure
from tests.factories import make_figure, make_measure

pytestmark = pytest.mark.django_db
Status = Figure.Status


def test_the_counts_are_those_of_every_outstanding_period_listed(settings):
    """The staff home and the data-due page's totals count without listing each
    period (`every_count`); they must say what counting the listed periods says."""
    S = Status
    monthly = make_measure(baseline_date=date(2024, 1, 1))
    for period, status in [
        (date(2024, 1, 1), S.APPROVED),
        (date(2024, 2, 1), S.DRAFT),
        (date(2024, 3, 1), S.SUBMITTED),
        (date(2024, 4, 1), S.RETURNED),
        (date(2025, 6, 1), S.APPROVED),
        (date(2026, 10, 1), S.SUBMITTED),
        (date(2026, 11, 1), S.APPROVED),
        (date(2026, 12, 1), S.DRAFT),  # the period still running in December 2026
    ]:
        make_figure(measure=monthly, period=period, value=20, status=status)
    # A baseline in mid-month: the month it starts in is history, not a due period.
    mid_month = make_measure(baseline_date=date(2025, 1, 15))
    make_figure(measure=mid_month, period=date(2025, 1, 1), value=20, status=S.DRAFT)
    make_figure(measure=mid_month, period=date(2025, 2, 1), value=20)
    # Reporting ended: figures after the end do not count, nor a figure for a month
    # from before the measure became quarterly.
    ended = make_measure(
        frequency="quarterly", baseline_date=date(2023, 4, 1), reporting_ends=date(2024, 8, 15)
    )
    for period, status in [
        (date(2023, 4, 1), S.APPROVED),
        (date(2024, 7, 1), S.DRAFT),
        (date(2024, 10, 1), S.DRAFT),
        (date(2024, 2, 1), S.APPROVED),
    ]:
        make_figure(measure=ended, period=period, value=20, status=status)
    # No baseline: only the latest period is owed.
    termly = make_measure(frequency="termly", baseline_date=None)
    make_figure(measure=termly, period=date(2026, 4, 1), value=20, status=S.RETURNED)
    make_figure(measure=termly, period=date(2025, 9, 1), value=20, status=S.DRAFT)
    # Nothing due yet, and an end before the baseline.
    make_measure(frequency="annually", baseline_date=date(2030, 9, 1))
    make_measure(baseline_date=date(2025, 3, 1), reporting_ends=date(2025, 1, 31))
    annual = make_measure(frequency="annually", baseline_date=date(2020, 9, 1))
    make_figure(measure=annual, period=date(2024, 9, 1), value=20, status=S.SUBMITTED)
    # Reporting starts after the baseline (mid-quarter): periods before it are not owed.
    started = make_measure(
        frequency="quarterly", baseline_date=date(2021, 1, 1), reporting_starts=date(2024, 5, 9)
    )
    for period, status in [
        (date(2023, 1, 1), S.APPROVED),
        (date(2024, 1, 1), S.DRAFT),
        (date(2024, 4, 1), S.SUBMITTED),
        (date(2025, 4, 1), S.APPROVED),
    ]:
        make_figure(measure=started, period=period, value=20, status=status)

    every = {(f.measure_id, f.period): f for f in Figure.objects.all()}
    for today in [date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 20), date(2024, 5, 2)]:
        for days in [0, 20, 45, 400]:
            settings.FIGURE_DUE_DAYS = days
            rows = [
                row
                for measure in Measure.objects.all()
                for row in due_periods.outstanding(measure, every, today)
            ]
            assert due_periods.every_count(today) == due_periods.counts(rows), (today, days)
            assert due_periods.counts(rows)["all"]
