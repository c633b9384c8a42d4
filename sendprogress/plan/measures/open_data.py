"""One vocabulary for the open data: the fields of a measure and of a figure,
named and coded the same in the API, the JSON downloads and the CSV downloads.

- A coded value is its code (`"on-track"`, `"monthly"`, `"current"`), and
  where people read it, a `<field>_label` beside it in words (`"On track"`).
- A figure is the same dict everywhere (`figure`); a CSV row is one figure
  with the measure's plain fields before it (`csv_row`), the measure's `code`
  and `title` as `measure_code` and `measure_title`.
- A figure counting too few children is left out with its counts
  (`figures.published`): `null` in JSON, `c` in CSV, with `count_suppressed`
  and `count_note` saying so. Its progress is still given.

The data dictionary (`sendprogress/api/dictionary.py`) describes every field
named here, and tests/api/test_data_dictionary.py checks it against what these
functions really write.
"""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder

from .figures import SUPPRESSED, SUPPRESSED_COLUMNS, published, suppressed_reason
from .models.measures import PUBLISHED_FIGURE_COLUMNS

# What a figure is read with from the database (`.values(*FIGURE_COLUMNS)`).
FIGURE_COLUMNS = (*PUBLISHED_FIGURE_COLUMNS, "approved_at")


def _coded(name: str, code, label) -> dict:
    return {name: code, f"{name}_label": label}


def measure(
    item, *, findings: list[tuple[str, str]], milestones: list[dict], url: str, figures_url: str
):
    """A public measure: what it counts, its plan, trajectory, latest figure and
    progress. `findings` are its findings' (slug, title); `milestones` are
    {date, target}; `url` is its page, `figures_url` its figures in the API."""
    value, period = item.latest_approved
    suppressed = item.latest_suppressed
    plan = item.plan
    return {
        "code": item.code,
        "title": item.title,
        "plan": plan.slug if plan else None,
        "plan_title": plan.title if plan else None,
        **_coded(
            "plan_status", *((plan.status, plan.get_status_display()) if plan else (None,) * 2)
        ),
        "findings": [slug for slug, _ in findings],
        "finding_titles": [title for _, title in findings],
        "why_it_matters": item.why_it_matters,
        "definition": item.definition,
        "source": item.source,
        **_coded("frequency", item.frequency, item.get_frequency_display()),
        "unit": item.unit,
        "rate_per": item.rate_per,
        "higher_is_better": item.higher_is_better,
        "baseline": {
            "value": item.baseline_value,
            "date": item.baseline_date,
            "label": item.baseline_label,
        },
        "target": {"value": item.target_value, "date": item.target_date},
        "milestones": milestones,
        "latest": {
            "period": period,
            "value": None if suppressed else value,
            "suppressed": suppressed,
            "count_note": suppressed_reason() if suppressed else None,
        }
        if period is not None
        else None,
        **_coded("progress", item.progress.value, item.progress.label),
        "illustrative": item.illustrative,
        "url": url,
        "figures_url": figures_url,
    }


def measure_for(item, request) -> dict:
    """`measure` for one measure read with its findings and milestones
    prefetched, its addresses absolute for the request (the API's detail and
    the downloads)."""
    return measure(
        item,
        findings=[(f.slug, f.title) for f in item.findings.all()],
        milestones=[{"date": m.date, "target": m.target} for m in item.milestones.all()],
        url=request.build_absolute_uri(item.get_absolute_url()),
        figures_url=request.build_absolute_uri(f"/api/v1/measures/{item.code}/figures/"),
    )


def figure(item, row: dict) -> dict:
    """One approved figure of the measure `item` (its milestones prefetched), from
    `row`, its FIGURE_COLUMNS: where the plan expected it, its progress, and any
    correction. A figure counting too few children is left out with its counts."""
    period, corrected = row["period"], row["corrected_at"] is not None
    expected = item.expected_on(period)
    progress = item.assess(row["value"], period)
    shown = published(row)
    small = shown["suppressed"]
    return {
        "period": period,
        "value": shown["value"],
        "numerator": shown["numerator"],
        "denominator": shown["denominator"],
        "count_suppressed": small,
        "count_note": suppressed_reason() if small else None,
        "expected_value": round(expected, 2) if expected is not None else None,
        **_coded("progress", progress.value, progress.label),
        "commentary": row["commentary"],
        "approved_at": row["approved_at"],
        # A corrected figure says so wherever it goes: when, what it was, and why.
        "corrected_at": row["corrected_at"],
        "value_before_correction": shown["value_before_correction"] if corrected else None,
        "correction_reason": row["correction_reason"] if corrected else None,
    }


# The measure's fields each CSV row repeats: the plain ones that say which
# measure, plan and findings a figure is of.
MEASURE_IN_CSV = {
    "code": "measure_code",
    "title": "measure_title",
    "plan": "plan",
    "plan_title": "plan_title",
    "plan_status": "plan_status",
    "plan_status_label": "plan_status_label",
    "findings": "findings",
    "finding_titles": "finding_titles",
    "unit": "unit",
    "illustrative": "illustrative",
}
FIGURE_FIELDS = (
    "period",
    "value",
    "numerator",
    "denominator",
    "count_suppressed",
    "count_note",
    "expected_value",
    "progress",
    "progress_label",
    "commentary",
    "approved_at",
    "corrected_at",
    "value_before_correction",
    "correction_reason",
)
CSV_COLUMNS = (*MEASURE_IN_CSV.values(), *FIGURE_FIELDS)
_AS_JSON = DjangoJSONEncoder()


def csv_row(measure_fields: dict, figure_fields: dict) -> dict:
    """One CSV row: a figure, after the measure's plain fields. A list is joined
    with "; ", a date or time written as the JSON writes it (ISO 8601), and a
    figure left out written as c, the GSS symbol for suppressed, in each cell
    it empties."""
    row = {column: measure_fields[field] for field, column in MEASURE_IN_CSV.items()}
    row |= figure_fields
    for name in ("findings", "finding_titles"):
        row[name] = "; ".join(row[name])
    for name in ("period", "approved_at", "corrected_at"):
        if row[name] is not None:
            row[name] = _AS_JSON.default(row[name])
    if row["count_suppressed"]:
        for name in SUPPRESSED_COLUMNS:
            if name != "value_before_correction" or row["corrected_at"]:
                row[name] = SUPPRESSED
    return row
