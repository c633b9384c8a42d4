"""Dates in words, as the `date` filter writes them, for rows prepared in Python.

Django's own `dateformat.format`, remembered per date: it costs about ten
times a plain string format, and a measure of ten years words the same 120
periods on every rendering. The site is in English only, so the words of a
date never change.
"""

from datetime import date
from functools import lru_cache

from django.utils.dateformat import format as format_date


@lru_cache(maxsize=4096)
def month_and_year(on: date) -> str:
    """ "March 2024", as `|date:"F Y"` gives."""
    return format_date(on, "F Y")


@lru_cache(maxsize=4096)
def day_month_year(on: date) -> str:
    """ "5 March 2024", as `|date:"j F Y"` gives."""
    return format_date(on, "j F Y")
