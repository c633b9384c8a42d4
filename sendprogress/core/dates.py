"""Dates as the pages write them, for rows drawn in Python rather than by the
`date` filter, which looks up its format on every call (a list of 120 rows
noticed). English only, as the site is; the filter's output, to the letter."""

from datetime import date

from django.utils.dates import MONTHS


def month_and_year(on: date) -> str:
    """ "March 2024", as `|date:"F Y"` gives."""
    return f"{MONTHS[on.month]} {on.year:04d}"


def day_month_year(on: date) -> str:
    """ "5 March 2024", as `|date:"j F Y"` gives."""
    return f"{on.day} {month_and_year(on)}"
