"""Small reads more than one public page uses."""

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.urls import reverse

from sendprogress.accounts.permissions import StaffAction, can, needs_second_factor
from sendprogress.core.dates import month_and_year

from .. import direction
from ..comparators import comparisons
from ..measures import charts
from ..measures.figures import count_is_small, shown_value
from ..measures.progress import Progress
from ..models import Figure, Measure


def may_preview(request) -> bool:
    """Whether this request may see story pages still under embargo: signed-in
    staff, with their second factor. Everyone else gets "Page not found".

    Without a session cookie nobody is signed in, and the session is left
    unread: reading it marks the page `Vary: Cookie`, which the page cache
    (rightly) never stores."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return can(user, StaffAction.VIEW) and not needs_second_factor(user)


def previewed(response, embargo: str):
    """A page shown to staff before it is public is never kept by any cache,
    nor indexed."""
    if embargo:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


# A sparkline is 100 pixels wide: two years of monthly figures is all it can
# show, and all a finding or plan page should load however many years there are.
SPARKLINE_FIGURES = 24


def recent_values(measure_ids) -> dict[int, list]:
    """The latest approved (period, value, commentary) of each measure, oldest
    first, in one query. A value whose count is too small to publish
    (figures.count_is_small) is left out: a sparkline's shape, or the sentence
    saying which way the measure is going, would give it away.

    Plain values, not figure instances: a sparkline needs nothing else, and a
    page of 100 measures would otherwise build 2,400 figures to draw them.
    Written in SQL because the ORM took longer to build this query (a window
    function in a subquery) than the database took to answer it: about 1 ms of
    a finding or plan page. The values are numbers as the database driver gives
    them (a sparkline makes floats of them).
    """
    if not measure_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(measure_ids))
    # Only the table's name and placeholders are put in: every value is a parameter.
    sql = (
        "SELECT measure_id, period, value, commentary, denominator FROM ("  # noqa: S608
        " SELECT measure_id, value, period, commentary, denominator, ROW_NUMBER() OVER"
        " (PARTITION BY measure_id ORDER BY period DESC) AS newest_first"
        f" FROM {Figure._meta.db_table}"
        f" WHERE status = %s AND measure_id IN ({placeholders})"
        ") AS recent WHERE newest_first <= %s ORDER BY measure_id, period"
    )
    values: dict[int, list] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [Figure.Status.APPROVED, *measure_ids, SPARKLINE_FIGURES])
        for measure_id, period, value, commentary, denominator in cursor.fetchall():
            shown = values.setdefault(measure_id, [])
            if not count_is_small(denominator):
                shown.append((_as_date(period), value, commentary))
    return values


def _as_date(period) -> date:
    # SQLite's driver gives a date column read by raw SQL as text.
    return date.fromisoformat(period) if isinstance(period, str) else period


@dataclass(frozen=True)
class SparklineDrawing:
    """A sparkline's SVG numbers written as the page writes them, and its label."""

    width: int
    height: int
    path: str
    label: str
    target_y: str | None
    last_x: str
    last_y: str


@dataclass
class MeasureSummary:
    """What a finding or plan page shows of a measure (templates/plan/_summaries.html):
    plain values read with values(), cheaper than a model instance each."""

    id: int
    code: str
    title: str
    unit: str
    decimal_places: int
    rate_per: int | None
    latest_value: Decimal | None
    latest_period: date | None
    latest_denominator: int | None
    progress_status: str
    target_value: Decimal | None
    target_date: date | None
    baseline_value: Decimal | None
    baseline_label: str
    illustrative: bool
    higher_is_better: bool
    comparator_value: Decimal | None
    comparator_label: str
    comparator_year: str
    approved_figures: list = field(default_factory=list)
    # Which way it is going, and why it is off track or at risk (direction.py).
    direction: str = ""
    reason: str | None = None
    # Drawn in words and numbers here, once, for templates/plan/_summaries.html.
    href: str = ""
    latest_shown: str = ""
    target_shown: str = ""
    baseline_shown: str = ""
    sparkline: SparklineDrawing | None = None

    # The measure's own way of writing a figure, on these plain values too.
    format = Measure.format

    @property
    def progress(self) -> Progress:
        return Progress(self.progress_status)

    @property
    def latest_suppressed(self) -> bool:
        return count_is_small(self.latest_denominator)


# Read from the database: the fields without a default (the rest are drawn here).
SUMMARY_FIELDS = [
    f.name for f in fields(MeasureSummary) if f.default is MISSING and f.default_factory is MISSING
]


def with_sparklines(measures) -> list[MeasureSummary]:
    """The measures' summaries, each with its sparkline, for
    templates/plan/_summaries.html."""
    summaries = [MeasureSummary(**row) for row in measures.values(*SUMMARY_FIELDS)]
    ids = [summary.id for summary in summaries]
    recent = recent_values(ids)
    series = comparisons.for_measures(ids)
    for measure in summaries:
        figures = recent.get(measure.id, [])
        measure.approved_figures = [value for _, value, _ in figures]
        measure.direction = direction.of_measure(
            measure,
            [(period, Decimal(str(value))) for period, value, _ in figures],
            series=series.get(measure.id, []),
        )
        measure.reason = direction.reason(measure.progress, figures[-1][2] if figures else "")
        measure.href = reverse("plan:measure_detail", args=[measure.code])
        _shown(measure)
        measure.sparkline = _drawing(measure)
    return summaries


def _drawing(measure) -> SparklineDrawing | None:
    spark = charts.sparkline(measure.approved_figures, target=measure.target_value)
    if spark is None:
        return None
    count = len(measure.approved_figures)
    label = f"Trend of {count} published figure{'' if count == 1 else 's'}. "
    label += measure.direction or (
        "Latest "
        + shown_value(measure.latest_value, suppressed=measure.latest_suppressed, measure=measure)
        + "."
    )
    if measure.target_value is not None:
        label += f" Target {measure.format(measure.target_value)}."
    return SparklineDrawing(
        width=spark.width,
        height=spark.height,
        path=spark.path,
        label=label,
        target_y=charts.one_place(spark.target_y) if spark.target_y is not None else None,
        last_x=charts.one_place(spark.last.x),
        last_y=charts.one_place(spark.last.y),
    )


def _shown(measure) -> None:
    """The latest figure, target and starting point as the summary words them."""
    if measure.latest_period is None:
        measure.latest_shown = "No figures published yet"
    else:
        shown = shown_value(
            measure.latest_value, suppressed=measure.latest_suppressed, measure=measure
        )
        measure.latest_shown = f"{shown} ({month_and_year(measure.latest_period)})"
    if measure.target_value is None:
        measure.target_shown = "No target set"
    elif measure.target_date:
        by = month_and_year(measure.target_date)
        measure.target_shown = f"{measure.format(measure.target_value)} by {by}"
    else:
        measure.target_shown = measure.format(measure.target_value)
    if measure.baseline_value is None:
        measure.baseline_shown = "Not recorded"
    elif measure.baseline_label:
        measure.baseline_shown = (
            f"{measure.format(measure.baseline_value)} ({measure.baseline_label})"
        )
    else:
        measure.baseline_shown = measure.format(measure.baseline_value)
