from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from sendprogress.updates.models import Post

from .. import charts
from ..documents import describe
from ..forms import MeasureFilterForm
from ..models import Evidence, Finding, Kpi

MEASURES_PER_PAGE = 25


def _chart_for(kpi, figures):
    return charts.line_chart(
        actual=[(m.period, m.value) for m in figures],
        trajectory=[(p.on, p.value) for p in kpi.trajectory()],
        baseline=(kpi.baseline_date, kpi.baseline_value)
        if kpi.baseline_value is not None and kpi.baseline_date
        else None,
        target=(kpi.target_date, kpi.target_value)
        if kpi.target_value is not None and kpi.target_date
        else None,
        comparator=kpi.comparator_value,
        unit=kpi.unit,
        places=kpi.decimal_places,
        rate_per=kpi.rate_per,
    )


def kpi_detail(request, code):
    kpi = get_object_or_404(Kpi.objects.for_display(), code=code)
    figures = list(kpi.measurements.approved().order_by("period"))
    return render(
        request,
        "plan/kpi_detail.html",
        {
            "kpi": kpi,
            "measurements": figures,
            "rows": [
                (m, kpi.expected_on(m.period), kpi.assess(m.value, m.period)) for m in figures
            ],
            "latest": figures[-1] if figures else None,
            "commentaries": [m for m in reversed(figures) if m.commentary],
            "chart": _chart_for(kpi, figures),
            "evidence": [
                describe(e)
                for e in Evidence.objects.public().filter(Q(kpi=kpi) | Q(measurement__kpi=kpi))
            ],
            "posts": Post.objects.published().filter(kpis=kpi)[:5],
            "illustrative": kpi.illustrative,
        },
    )


@vary_on_headers("HX-Request")
def kpi_list(request):
    """Every public measure in one table, filtered by finding and progress.

    The filter is a plain GET form; htmx swaps only the results when it is
    there, and the same URL gives the same page without JavaScript.
    """
    findings = list(Finding.objects.filter(kpis__in=Kpi.objects.public()).distinct())
    form = MeasureFilterForm(request.GET or None, findings=findings)
    kpis = list(Kpi.objects.for_display())
    filtered = False
    if form.is_valid():
        filtered = any(form.cleaned_data.values())
        if slug := form.cleaned_data["area"]:
            kpis = [k for k in kpis if slug in {f.slug for f in k.findings.all()}]
        if wanted := form.cleaned_data["progress"]:
            kpis = [k for k in kpis if k.progress == wanted]
    page = Paginator(kpis, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "kpis": page.object_list,
        "total": len(kpis),
        "filtered": filtered,
        "query": query.urlencode(),
        "illustrative": any(k.illustrative for k in kpis),
    }
    # A history restore (the Back button after htmx pushed a URL) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "plan/kpi_list.html#results" if partial else "plan/kpi_list.html"
    return render(request, template, context)
