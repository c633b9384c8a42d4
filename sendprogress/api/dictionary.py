"""The data dictionary: what each column of the downloads means, in plain words.

The column lists come from the downloads themselves, and a test checks that
every column has its meaning here, so a new column cannot go undescribed.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from sendprogress.plan.downloads import COMPARATOR_COLUMNS, CSV_COLUMNS

FIGURE_COLUMNS = {
    "measure_code": "The measure's short code, the same in every file and in the API.",
    "measure": "The measure's name.",
    "plan": "The plan the measure belongs to, such as the Accelerated Progress Plan.",
    "plan_status": "Whether that plan is current, or closed or replaced by a later one.",
    "findings": "What inspectors asked to be put right that the measure shows progress on "
    "(an area of weakness, a priority action or an area for improvement), by short name.",
    "period": "The first day of the period the figure covers (year-month-day).",
    "value": "The approved figure, in the measure's unit. c (suppressed) when so few "
    "children were counted that the figure could identify one.",
    "unit": "percent, rate, count, days or weeks.",
    "numerator": "How many met the measure, where it is a rate. Blank when not given; "
    "c (suppressed) when the count is too small to publish.",
    "denominator": "How many were counted, where it is a rate. Blank when not given; "
    "c (suppressed) when the count is too small to publish.",
    "expected_value": "Where the plan expected the figure to be on that date.",
    "progress": "On track, at risk or off track against the plan, worked out from the figure.",
    "commentary": "What the figure shows and why, from the people who collect it.",
    "illustrative": "True where the figures are illustrative demo data.",
    "corrected_on": "When an approved figure was corrected, if it was.",
    "value_before_correction": "The figure as first published, before the correction. "
    "c (suppressed) when the figure is.",
    "correction_reason": "Why the figure was corrected.",
    "count_note": "Why the figure and its counts are c (suppressed), when so few children "
    "were counted that they could identify one.",
}
COMPARATOR_MEANINGS = {
    "measure_code": "The measure the comparison is for.",
    "series": "The place compared with, such as England or a region.",
    "kind": "local-area (this local area's own published figures), england, region, "
    "statistical-neighbours or neighbour.",
    "geography_code": "The place's official (GSS) code, such as E92000001 for England.",
    "period": "The period as published, such as 2024 or 2023/24.",
    "period_start": "The first day of that period.",
    "value": "The published figure. Blank when it was not published.",
    "symbol": "Why there is no figure: c, x, z, u, low, or in older files ~, : or ..",
    "note": "What the symbol means, in words.",
    "source": "The publication the figure comes from.",
    "release": "Which release of that publication.",
}
SYMBOLS = [
    ("c", "Not published to protect confidentiality."),
    ("x", "Not available."),
    ("z", "Not applicable."),
    ("u", "Not shown because it is of low reliability."),
    ("low", "Rounds to zero, but is not zero."),
    ("~", "Older files: rounds to zero, but is not zero."),
    (":", "Older files: not available."),
    ("..", "Older files: not available."),
]


def data_dictionary(request):
    return render(
        request,
        "api/data_dictionary.html",
        {
            "figure_columns": [(c, FIGURE_COLUMNS[c]) for c in CSV_COLUMNS],
            "comparator_columns": [(c, COMPARATOR_MEANINGS[c]) for c in COMPARATOR_COLUMNS],
            "symbols": SYMBOLS,
            "small_number": settings.SMALL_NUMBER_THRESHOLD,
        },
    )
