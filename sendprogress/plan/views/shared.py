"""Small reads more than one public page uses."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .. import charts
from ..models import Figure

# A sparkline is 100 pixels wide: two years of monthly figures is all it can
# show, and all a finding or plan page should load however many years there are.
SPARKLINE_FIGURES = 24


def recent_values(measure_ids) -> dict[int, list]:
    """The latest approved values of each measure, oldest first, in one query.

    Plain values, not figure instances: a sparkline needs nothing else, and a
    page of 100 measures would otherwise build 2,400 figures to draw them.
    """
    rows = (
        Figure.objects.approved()
        .filter(measure_id__in=measure_ids)
        .annotate(
            newest_first=Window(
                RowNumber(), partition_by=F("measure_id"), order_by=F("period").desc()
            )
        )
        .filter(newest_first__lte=SPARKLINE_FIGURES)
        .order_by("measure_id", "period")
        .values_list("measure_id", "value")
    )
    values: dict[int, list] = {}
    for measure_id, value in rows:
        values.setdefault(measure_id, []).append(value)
    return values


# What a measure's summary on a finding or plan page shows (templatetags/summaries.py).
SUMMARY_FIELDS = (
    "code",
    "title",
    "unit",
    "decimal_places",
    "rate_per",
    "latest_value",
    "latest_period",
    "progress_status",
    "target_value",
    "target_date",
    "baseline_value",
    "baseline_label",
    "illustrative",
)


def with_sparklines(measures) -> list:
    """The measures for their summaries, each with its sparkline."""
    measures = list(measures.only(*SUMMARY_FIELDS))
    values = recent_values([m.pk for m in measures])
    for measure in measures:
        measure.approved_figures = values.get(measure.pk, [])
        measure.spark = charts.sparkline(measure.approved_figures, target=measure.target_value)
        measure.sparkline_html = sparkline_html(measure)
    return measures


def sparkline_html(measure) -> SafeString:
    """The sparkline's SVG, built here rather than by a template included once per
    measure: on a plan page of 100 measures the include cost more than the rest."""
    spark = measure.spark
    if spark is None:
        return format_html('<span class="govuk-body-s">{}</span>', "No figures yet")

    def figure(value):
        return charts.format_value(
            value, unit=measure.unit, places=measure.decimal_places, rate_per=measure.rate_per
        )

    count = len(measure.approved_figures)
    label = f"Trend of {count} approved figure{'' if count == 1 else 's'}, latest "
    label += figure(measure.latest_value)
    if measure.target_value is not None:
        label += f", target {figure(measure.target_value)}"
    target = (
        format_html(
            '<line class="app-sparkline__target" x1="0" y1="{y}" x2="{w}" y2="{y}"/>',
            y=charts.one_place(spark.target_y),
            w=spark.width,
        )
        if spark.target_y is not None
        else ""
    )
    return format_html(
        '<svg class="app-sparkline" viewBox="0 0 {} {}" role="img" aria-label="{}" '
        'focusable="false">{}<path class="app-sparkline__line" d="{}"/>'
        '<circle class="app-sparkline__point" cx="{}" cy="{}" r="2.5"/></svg>',
        spark.width,
        spark.height,
        label,
        target,
        spark.path,
        charts.one_place(spark.last.x),
        charts.one_place(spark.last.y),
    )
