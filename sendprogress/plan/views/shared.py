"""Small reads more than one public page uses."""

from django.db.models import Prefetch

from .. import charts
from ..models import Measurement

# A sparkline is 100 pixels wide: two years of monthly figures is all it can
# show, and all a finding or plan page should load however many years there are.
SPARKLINE_FIGURES = 24


def with_recent_figures(kpis):
    """Measures with their latest approved figures (newest first), in one extra query."""
    return kpis.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.approved().order_by("-period")[:SPARKLINE_FIGURES],
            to_attr="recent_figures",
        )
    )


def with_sparklines(kpis) -> list:
    kpis = list(with_recent_figures(kpis))
    for kpi in kpis:
        kpi.approved_figures = kpi.recent_figures[::-1]
        kpi.spark = charts.sparkline(
            [m.value for m in kpi.approved_figures], target=kpi.target_value
        )
    return kpis
