from datetime import date

import pytest

from sendprogress.plan.measures import periods


@pytest.mark.parametrize(
    ("frequency", "today", "due"),
    [
        ("monthly", date(2026, 11, 23), date(2026, 10, 1)),
        ("monthly", date(2026, 1, 5), date(2025, 12, 1)),
        ("quarterly", date(2026, 11, 23), date(2026, 7, 1)),
        ("termly", date(2026, 11, 23), date(2026, 4, 1)),
        ("termly", date(2026, 2, 1), date(2025, 9, 1)),
        ("annually", date(2026, 11, 23), date(2025, 9, 1)),
    ],
)
def test_the_due_period_is_the_latest_one_that_has_finished(frequency, today, due):
    assert periods.due_period(frequency, today) == due


@pytest.mark.parametrize(
    ("frequency", "on", "aligned"),
    [
        ("monthly", date(2026, 3, 1), True),
        ("monthly", date(2026, 3, 2), False),
        ("quarterly", date(2026, 4, 1), True),
        ("quarterly", date(2026, 5, 1), False),
        ("termly", date(2026, 9, 1), True),
        ("termly", date(2026, 7, 1), False),
        ("annually", date(2026, 9, 1), True),
        ("annually", date(2026, 1, 1), False),
    ],
)
def test_periods_start_on_the_frequencys_days(frequency, on, aligned):
    assert periods.is_period_start(frequency, on) is aligned


def test_labels_name_the_months_a_period_covers():
    assert periods.label("monthly", date(2026, 10, 1)) == "October 2026"
    assert periods.label("quarterly", date(2026, 10, 1)) == "October 2026 to December 2026"
    assert periods.label("termly", date(2026, 4, 1)) == "April 2026 to August 2026"
