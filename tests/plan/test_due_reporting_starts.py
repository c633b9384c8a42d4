"""A measure's figures are due from when reporting starts, not from its baseline."""

from datetime import date

import pytest

from sendprogress.plan.measures import due_periods
from tests.factories import make_measure

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def test_a_january_baseline_owes_every_month_since_without_a_start():
    measure = make_measure(baseline_date=date(2021, 1, 1))
    owed = due_periods.periods_due(measure, TODAY)
    assert owed[0] == date(2026, 11, 1)
    assert owed[-1] == date(2021, 1, 1)
    assert len(owed) == 71


def test_reporting_starts_after_the_baseline_owes_only_from_then():
    measure = make_measure(baseline_date=date(2021, 1, 1), reporting_starts=date(2026, 10, 1))
    assert due_periods.periods_due(measure, TODAY) == [date(2026, 11, 1), date(2026, 10, 1)]


def test_a_start_mid_period_counts_the_period_it_falls_in():
    measure = make_measure(
        frequency="quarterly", baseline_date=date(2021, 1, 1), reporting_starts=date(2026, 5, 20)
    )
    assert due_periods.periods_due(measure, TODAY) == [date(2026, 7, 1), date(2026, 4, 1)]


def test_a_start_before_the_baseline_changes_nothing():
    measure = make_measure(baseline_date=date(2026, 9, 1), reporting_starts=date(2020, 1, 1))
    assert due_periods.periods_due(measure, TODAY) == [
        date(2026, 11, 1),
        date(2026, 10, 1),
        date(2026, 9, 1),
    ]


def test_nothing_is_due_before_reporting_starts():
    measure = make_measure(baseline_date=date(2021, 1, 1), reporting_starts=date(2027, 1, 1))
    assert due_periods.latest_due(measure, TODAY) is None
    assert due_periods.periods_due(measure, TODAY) == []


def test_a_start_without_a_baseline_owes_from_the_start():
    measure = make_measure(baseline_date=None, reporting_starts=date(2026, 10, 1))
    assert due_periods.periods_due(measure, TODAY) == [date(2026, 11, 1), date(2026, 10, 1)]
