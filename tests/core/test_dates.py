"""Rows drawn in Python write dates exactly as the `date` filter would."""

from datetime import date

import pytest
from django.utils.formats import date_format

from sendprogress.core.dates import day_month_year, month_and_year

DAYS = [date(2024, m, d) for m in range(1, 13) for d in (1, 9, 28)] + [date(999, 5, 7)]


@pytest.mark.parametrize("on", DAYS)
def test_a_month_is_written_as_the_date_filter_writes_it(on):
    assert month_and_year(on) == date_format(on, "F Y")


@pytest.mark.parametrize("on", DAYS)
def test_a_day_is_written_as_the_date_filter_writes_it(on):
    assert day_month_year(on) == date_format(on, "j F Y")
