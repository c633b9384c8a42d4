"""Reporting periods: which dates a measure's figures may be for, and which is due.

A figure is for a period and is dated by the period's first day. Each
frequency starts its periods on fixed days of the year:

- monthly: the 1st of every month;
- quarterly (every three months): 1 January, 1 April, 1 July and 1 October;
- termly (every school term): 1 September, 1 January and 1 April;
- annually: 1 September (the school year).

A measure's reporting window runs from its baseline date (figures before the
baseline are history, not progress) to its optional `reporting_ends` date
(blank while figures are still being collected, which is often beyond the
plan's 12-month target date because monitoring continues). A figure's period
must also have started: no figures for the future.
"""

from __future__ import annotations

from datetime import date

from .choices import Frequency

# English month names, January first, as files write them in words (lower case).
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

START_MONTHS = {
    Frequency.MONTHLY: tuple(range(1, 13)),
    Frequency.QUARTERLY: (1, 4, 7, 10),
    Frequency.TERMLY: (1, 4, 9),
    Frequency.ANNUALLY: (9,),
}

ALIGNMENT_HELP = {
    Frequency.MONTHLY: "the first day of a month",
    Frequency.QUARTERLY: "1 January, 1 April, 1 July or 1 October",
    Frequency.TERMLY: "the first day of a school term: 1 September, 1 January or 1 April",
    Frequency.ANNUALLY: "1 September, the start of the school year",
}


def is_period_start(frequency: str, on: date) -> bool:
    return on.day == 1 and on.month in START_MONTHS[frequency]


def period_start(frequency: str, on: date) -> date:
    """The first day of the period that `on` falls in."""
    months = START_MONTHS[frequency]
    earlier = [m for m in months if m <= on.month]
    if earlier:
        return date(on.year, max(earlier), 1)
    return date(on.year - 1, max(months), 1)


def next_period(frequency: str, start: date) -> date:
    months = START_MONTHS[frequency]
    later = [m for m in months if m > start.month]
    if later:
        return date(start.year, min(later), 1)
    return date(start.year + 1, min(months), 1)


def previous_period(frequency: str, start: date) -> date:
    months = START_MONTHS[frequency]
    earlier = [m for m in months if m < start.month]
    if earlier:
        return date(start.year, max(earlier), 1)
    return date(start.year - 1, max(months), 1)


def due_period(frequency: str, today: date) -> date:
    """The latest period that has finished by `today`: the one figures are now due for."""
    return previous_period(frequency, period_start(frequency, today))


def label(frequency: str, start: date) -> str:
    """How a period is named to staff: 'October 2026', or 'July 2026 to September 2026'."""
    if frequency == Frequency.MONTHLY:
        return f"{start:%B %Y}"
    following = next_period(frequency, start)
    last_month = date(following.year - (following.month == 1), (following.month - 2) % 12 + 1, 1)
    return f"{start:%B %Y} to {last_month:%B %Y}"
