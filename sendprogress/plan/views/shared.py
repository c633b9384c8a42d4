"""Small reads more than one public page uses."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber

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


def with_sparklines(measures) -> list:
    measures = list(measures)
    values = recent_values([m.pk for m in measures])
    for measure in measures:
        measure.approved_figures = values.get(measure.pk, [])
        measure.spark = charts.sparkline(measure.approved_figures, target=measure.target_value)
    return measures
