from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import template_localtime
from django.views.decorators.vary import vary_on_headers

from sendprogress.core.dates import month_and_year
from sendprogress.core.templatetags.status import status_tag
from sendprogress.public import query_used

from .. import direction
from ..comparators import comparisons
from ..forms import MeasureFilterForm
from ..measures import charts
from ..measures.documents import describe
from ..measures.figures import published, shown_value
from ..measures.models.measures import PUBLISHED_FIGURE_COLUMNS
from ..models import Evidence, Finding, Measure

MEASURES_PER_PAGE = 25
# What a row of the list shows, of a measure and its plan: its wide text stays unread.
LIST_FIELDS = (
    "code",
    "title",
    "unit",
    "rate_per",
    "decimal_places",
    "latest_value",
    "latest_period",
    "latest_denominator",
    "target_value",
    "progress_status",
    "plan__title",
    "plan__short_title",
    "plan__status",
)


def _first_date(measure, figures):
    dates = [d for d in (measure.baseline_date, figures[0]["period"] if figures else None) if d]
    return min(dates, default=None)


def _chart_for(measure, figures, series=()):
    """The chart of the published figures (`figures.published`): a suppressed one
    is left out of the line, and the table beside it says why."""
    return charts.line_chart(
        actual=[(f["period"], f["value"]) for f in figures if not f["suppressed"]],
        trajectory=[(p.on, p.value) for p in measure.trajectory()],
        baseline=(measure.baseline_date, measure.baseline_value)
        if measure.baseline_value is not None and measure.baseline_date
        else None,
        target=(measure.target_date, measure.target_value)
        if measure.target_value is not None and measure.target_date
        else None,
        comparator=measure.comparator_value,
        comparators=comparisons.chart_points(series, since=_first_date(measure, figures)),
        unit=measure.unit,
        places=measure.decimal_places,
        rate_per=measure.rate_per,
    )


@dataclass(frozen=True)
class FigureRow:
    """One row of a measure's table of figures, its words formatted once, here."""

    period: str
    shown: str
    counted: str
    expected: str
    progress: str
    commentary: str = ""
    corrected_on: str = ""
    was: str = ""
    correction_reason: str = ""


def _figure_rows(measure, figures, statuses) -> list[FigureRow]:
    """The rows of a measure's table of figures.

    `figures` as published (`figures.published`); `statuses` each one's
    progress, worked out from the figure before it was left out.
    """

    def figure(value):
        return measure.format(value)

    rows = []
    for f, status in zip(figures, statuses, strict=True):
        expected = measure.expected_on(f["period"])
        correction = {}
        if f["corrected_at"]:
            before = f["value_before_correction"]
            correction = {
                "corrected_on": date_filter(template_localtime(f["corrected_at"]), "j F Y"),
                "was": figure(before) if before is not None else "",
                "correction_reason": f["correction_reason"],
            }
        rows.append(
            FigureRow(
                period=month_and_year(f["period"]),
                shown=shown_value(f["value"], suppressed=f["suppressed"], measure=measure),
                counted=f"{f['numerator']} of {f['denominator']}"
                if f["numerator"] is not None and f["denominator"]
                else "",
                expected=figure(expected) if expected is not None else "Not set",
                progress=status_tag(status),
                commentary=f["commentary"],
                **correction,
            )
        )
    return rows


def measure_detail(request, code):
    measure = get_object_or_404(Measure.objects.for_display().with_milestones(), code=code)
    stored = list(measure.figures.approved().order_by("period").values(*PUBLISHED_FIGURE_COLUMNS))
    # Progress from each figure as approved; everything else from what the public may see.
    statuses = [measure.assess(f["value"], f["period"]) for f in stored]
    figures = [published(f) for f in stored]
    latest = figures[-1] if figures else None
    series = comparisons.for_measures([measure]).get(measure.pk, [])
    rows = _figure_rows(measure, figures, statuses)
    return render(
        request,
        "plan/measure_detail.html",
        {
            "measure": measure,
            "figures": figures,
            "figure_rows": rows,
            "latest": latest,
            "latest_figure": latest
            and shown_value(latest["value"], suppressed=latest["suppressed"], measure=measure),
            "commentaries": [row for row in reversed(rows) if row.commentary],
            "chart": _chart_for(measure, figures, series),
            "comparisons": comparisons.table(series),
            "small_counts": any(f["suppressed"] for f in figures),
            # Which way it is going, from the figures the public may see.
            "direction": direction.of_measure(
                measure,
                [(f["period"], f["value"]) for f in figures if not f["suppressed"]],
                series=series,
            ),
            "reason": direction.reason(
                measure.progress, figures[-1]["commentary"] if figures else ""
            ),
            "small_number": settings.SMALL_NUMBER_THRESHOLD,
            "evidence": [
                describe(e)
                for e in Evidence.objects.public().filter(
                    Q(measure=measure) | Q(figure__measure=measure)
                )
            ],
            "posts": measure.posts.published()[:5],
            "illustrative": measure.illustrative,
        },
    )


@dataclass(frozen=True)
class MeasureRow:
    """One row of the table of all measures, its words formatted once, here."""

    measure: Measure
    href: str
    plan: str
    latest: str
    latest_period: str
    target: str
    progress: str


def _list_rows(measures) -> list[MeasureRow]:

    rows = []
    for m in measures:
        plan = ""
        if m.plan:
            plan = (m.plan.short_title or m.plan.title) + (
                " (closed)" if m.plan.is_finished else ""
            )
        has_latest = m.latest_period is not None
        rows.append(
            MeasureRow(
                measure=m,
                href=reverse("plan:measure_detail", args=[m.code]),
                plan=plan,
                latest=shown_value(m.latest_value, suppressed=m.latest_suppressed, measure=m)
                if has_latest
                else "",
                latest_period=date_format(m.latest_period, "M Y") if m.latest_period else "",
                target=m.format(m.target_value) if m.target_value is not None else "Not set",
                progress=status_tag(m.progress),
            )
        )
    return rows


@vary_on_headers("HX-Request")
def measure_list(request):
    """Every public measure in one table, filtered by finding and progress.

    The filter is a plain GET form; htmx swaps only the results when it is
    there, and the same URL gives the same page without JavaScript.
    """
    findings = list(Finding.objects.filter(measures__in=Measure.objects.public()).distinct())
    form = MeasureFilterForm(request.GET or None, findings=findings)
    measures = Measure.objects.public()
    filtered = False
    used = {}
    if form.is_valid():
        used = form.cleaned_data
        filtered = any(form.cleaned_data.values())
        if slug := form.cleaned_data["finding"]:
            measures = measures.filter(findings__slug=slug)
        if wanted := form.cleaned_data["progress"]:
            measures = measures.filter(progress_status=wanted)
    # Every match as two plain values (to count, page and see if any is
    # illustrative); whole measures only for the page shown.
    matches = list(measures.values_list("pk", "illustrative"))
    page = Paginator(matches, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    shown = (
        Measure.objects.for_display()
        .filter(pk__in=[pk for pk, _ in page.object_list])
        .only(*LIST_FIELDS)
    )
    query_used(request, **used, page=page.number if page.number > 1 else None)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": _list_rows(shown),
        "total": len(matches),
        "filtered": filtered,
        "query": query.urlencode(),
        "illustrative": any(illustrative for _, illustrative in matches),
    }
    # A history restore (the Back button after htmx pushed a URL) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "plan/measure_list.html#results" if partial else "plan/measure_list.html"
    return render(request, template, context)
