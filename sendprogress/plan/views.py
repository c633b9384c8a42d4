"""The public pages: what parent carers and anyone else may see.

Every read goes through the QuerySet methods that say what is public
(`Measure.objects.public()`, `Figure.objects.approved()`,
`Evidence.objects.public()`, `Post.objects.published()`), and each page makes
the same number of queries however many measures and figures there are.

Updates belong to the `updates` app, above this one: pages reach an area's or
a measure's posts through their related names, and the home page's latest
updates come from that app's `latest_updates` template tag, so nothing here
imports it.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from sendprogress.public import query_used

from . import charts, comparisons
from .documents import describe
from .forms import MeasureFilterForm
from .models import (
    ActionUpdate,
    Area,
    Evidence,
    Figure,
    Inspection,
    Measure,
    Milestone,
)
from .progress import Summary

MEASURES_PER_PAGE = 25
# A sparkline is 100 pixels wide: two years of monthly figures is all it can
# show, and all an area page should load however many years there are.
SPARKLINE_FIGURES = 24
# The newest evidence of an area; the documents page lists it all.
AREA_EVIDENCE = 10


def _with_recent_figures(measures):
    """Measures with their latest approved figures (newest first), in one extra query."""
    return measures.prefetch_related(
        Prefetch(
            "figures",
            queryset=Figure.objects.approved().order_by("-period")[:SPARKLINE_FIGURES],
            to_attr="recent_figures",
        )
    )


def _measures_by_area(measures):
    grouped: dict[int, list[Measure]] = {}
    for measure in measures:
        grouped.setdefault(measure.area_id, []).append(measure)
    return grouped


def home(request):
    areas = list(Area.objects.with_judgements())
    measures = list(Measure.objects.for_display())
    grouped = _measures_by_area(measures)
    for area in areas:
        area.public_measures = grouped.get(area.pk, [])
        area.summary_of_progress = Summary.of(k.progress for k in area.public_measures)
    return render(
        request,
        "plan/home.html",
        {
            "areas": areas,
            "monitored": [a for a in areas if a.is_monitored],
            "not_monitored": [a for a in areas if not a.is_monitored],
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "last_updated": Figure.objects.public()
            .filter(approved_at__isnull=False)
            .order_by("-approved_at")
            .values_list("approved_at", flat=True)
            .first(),
            "illustrative": any(k.illustrative for k in measures),
        },
    )


def area_detail(request, slug):
    area = get_object_or_404(Area.objects.with_judgements(), slug=slug)
    measures = list(_with_recent_figures(Measure.objects.for_display().filter(area=area)))
    for measure in measures:
        measure.approved_figures = measure.recent_figures[::-1]
        measure.spark = charts.sparkline(
            [m.value for m in measure.approved_figures], target=measure.target_value
        )
    # One more than is shown, to know whether to link to the rest.
    evidence = list(Evidence.objects.public().filter(area=area)[: AREA_EVIDENCE + 1])
    actions = area.actions.prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.order_by("date"))
    )
    return render(
        request,
        "plan/area_detail.html",
        {
            "area": area,
            "measures": measures,
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "actions": actions,
            "evidence": [describe(e) for e in evidence[:AREA_EVIDENCE]],
            "more_evidence": len(evidence) > AREA_EVIDENCE,
            "posts": area.posts.published()[:5],
            "illustrative": any(k.illustrative for k in measures),
        },
    )


def _first_date(measure, figures):
    dates = [d for d in (measure.baseline_date, figures[0].period if figures else None) if d]
    return min(dates, default=None)


def _chart_for(measure, figures, series=()):
    return charts.line_chart(
        actual=[(m.period, m.value) for m in figures],
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


def measure_detail(request, code):
    measure = get_object_or_404(Measure.objects.for_display(), code=code)
    figures = list(measure.figures.approved().order_by("period"))
    series = comparisons.for_measures([measure]).get(measure.pk, [])
    return render(
        request,
        "plan/measure_detail.html",
        {
            "measure": measure,
            "figures": figures,
            "rows": [
                (m, measure.expected_on(m.period), measure.assess(m.value, m.period))
                for m in figures
            ],
            "latest": figures[-1] if figures else None,
            "commentaries": [m for m in reversed(figures) if m.commentary],
            "chart": _chart_for(measure, figures, series),
            "comparisons": comparisons.table(series),
            "small_counts": any(m.count_is_small for m in figures),
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


@vary_on_headers("HX-Request")
def measure_list(request):
    """Every public measure in one table, filtered by area and progress.

    The filter is a plain GET form; htmx swaps only the results when it is
    there, and the same URL gives the same page without JavaScript.
    """
    areas = list(Area.objects.filter(measures__is_public=True).distinct())
    form = MeasureFilterForm(request.GET or None, areas=areas)
    measures = list(Measure.objects.for_display())
    filtered = False
    used = {}
    if form.is_valid():
        used = form.cleaned_data
        filtered = any(form.cleaned_data.values())
        if area := form.cleaned_data["area"]:
            measures = [k for k in measures if k.area.slug == area]
        if wanted := form.cleaned_data["progress"]:
            measures = [k for k in measures if k.progress == wanted]
    page = Paginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    query_used(request, **used, page=page.number if page.number > 1 else None)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "measures": page.object_list,
        "total": len(measures),
        "filtered": filtered,
        "query": query.urlencode(),
        "illustrative": any(k.illustrative for k in measures),
    }
    # A history restore (the Back button after htmx pushed a URL) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "plan/measure_list.html#results" if partial else "plan/measure_list.html"
    return render(request, template, context)


def journey(request):
    today = timezone.localdate()
    milestones = list(Milestone.objects.all())
    return render(
        request,
        "plan/journey.html",
        {
            "past": [m for m in milestones if m.date <= today],
            "upcoming": [m for m in milestones if m.date > today],
        },
    )


def documents(request):
    letter_ids = Inspection.objects.filter(letter__isnull=False).values("letter")
    public = Evidence.objects.public().select_related("area")
    return render(
        request,
        "plan/documents.html",
        {
            "letters": [describe(e) for e in public.filter(pk__in=letter_ids)],
            "evidence": [describe(e) for e in public.exclude(pk__in=letter_ids)],
        },
    )
