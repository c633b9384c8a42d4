"""Small reads more than one public page uses."""

from django.db.models import Prefetch

from .. import charts
from ..models import Figure

# A sparkline is 100 pixels wide: two years of monthly figures is all it can
# show, and all a finding or plan page should load however many years there are.
SPARKLINE_FIGURES = 24


def with_recent_figures(measures):
    """Measures with their latest approved figures (newest first), in one extra query."""
    return measures.prefetch_related(
        Prefetch(
            "figures",
            queryset=Figure.objects.approved().order_by("-period")[:SPARKLINE_FIGURES],
            to_attr="recent_figures",
        )
    )


def with_sparklines(measures) -> list:
    measures = list(with_recent_figures(measures))
    for measure in measures:
        measure.approved_figures = measure.recent_figures[::-1]
        measure.spark = charts.sparkline(
            [m.value for m in measure.approved_figures], target=measure.target_value
        )
    return measures
