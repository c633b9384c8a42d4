"""The data dictionary: what each field of the open data means, in plain words.

The fields are those of the one vocabulary the API and the downloads share
(`sendprogress/plan/measures/open_data.py`); tests/api/test_data_dictionary.py checks
that every field it writes has its meaning here and that nothing here is
left over, so a field cannot go undescribed.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from sendprogress.plan.downloads import COMPARATOR_COLUMNS
from sendprogress.plan.measures.open_data import CSV_COLUMNS, MEASURE_IN_CSV

MEASURE_MEANINGS = {
    "code": "The measure's short code, the same in every file and in the API.",
    "title": "The measure's name.",
    "plan": "The short name (slug) of the plan the measure belongs to, such as the "
    "Accelerated Progress Plan. Empty where it belongs to none.",
    "plan_title": "That plan's name.",
    "plan_status": "Whether that plan is approved, current, closed, or superseded "
    "(replaced by a later plan).",
    "plan_status_label": "The plan's status in words.",
    "findings": "What inspectors asked to be put right that the measure shows progress on "
    "(an area of weakness, a priority action or an area for improvement), by short name. "
    "In the CSV, separated by semicolons.",
    "finding_titles": "Those findings' names, in the same order.",
    "why_it_matters": "What the measure means for a family.",
    "definition": "Exactly what is counted and how.",
    "source": "Where the figures come from.",
    "frequency": "How often a figure is published: monthly, quarterly, termly or annually.",
    "frequency_label": "How often, in words.",
    "unit": "percent, rate, count, days or weeks.",
    "rate_per": "For a rate: per how many (such as 100 or 10,000).",
    "higher_is_better": "True where a higher figure is better; false where lower is "
    "better (such as weeks waited).",
    "baseline": "Where the measure started: its value, date and a label.",
    "target": "Where the plan aims the measure to be, and by when.",
    "milestones": "The interim targets on the way, each a date and a target.",
    "latest": "The latest approved figure: its period and value. The value is left out "
    "when so few children were counted that it could identify one (suppressed true).",
    "progress": "on-track, at-risk, off-track or no-data: the latest figure against the plan.",
    "progress_label": "Progress in words: On track, At risk, Off track or No data yet.",
    "illustrative": "True where the figures are illustrative demo data.",
    "url": "The measure's page on this site.",
    "figures_url": "The measure's figures in the open data API.",
}
FIGURE_MEANINGS = {
    "period": "The first day of the period the figure covers (year-month-day).",
    "value": "The approved figure, in the measure's unit. Left out (c in the CSV, null in "
    "JSON) when so few children were counted that the figure could identify one.",
    "numerator": "How many met the measure, where it is a rate. Blank when not given; "
    "left out like the value when the count is too small to publish.",
    "denominator": "How many were counted, where it is a rate. Blank when not given; "
    "left out like the value when the count is too small to publish.",
    "count_suppressed": "True where the figure and its counts are left out because so few "
    "children were counted.",
    "count_note": "Why the figure and its counts are left out, when they are.",
    "expected_value": "Where the plan expected the figure to be on that date.",
    "progress": "on-track, at-risk, off-track or no-data: the figure against the plan, "
    "given even when the figure is left out.",
    "progress_label": "Progress in words: On track, At risk, Off track or No data yet.",
    "commentary": "What the figure shows and why, from the people who collect it.",
    "approved_at": "When the figure was approved for publication (date and time).",
    "corrected_at": "When an approved figure was corrected, if it was (date and time).",
    "value_before_correction": "The figure as first published, before the correction. "
    "Left out like the value when the figure is.",
    "correction_reason": "Why the figure was corrected.",
}
# A CSV row is a figure after its measure's plain fields (open_data.csv_row).
CSV_MEANINGS = {
    column: MEASURE_MEANINGS[field] for field, column in MEASURE_IN_CSV.items()
} | FIGURE_MEANINGS
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
            "figure_columns": [(c, CSV_MEANINGS[c]) for c in CSV_COLUMNS],
            "measure_fields": list(MEASURE_MEANINGS.items()),
            "figure_fields": list(FIGURE_MEANINGS.items()),
            "comparator_columns": [(c, COMPARATOR_MEANINGS[c]) for c in COMPARATOR_COLUMNS],
            "symbols": SYMBOLS,
            "small_number": settings.SMALL_NUMBER_THRESHOLD,
        },
    )
