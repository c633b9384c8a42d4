from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, render

from sendprogress.updates.models import Post

from .models import ActionUpdate, Area, Evidence, Kpi, Measurement
from .progress import Summary


def _kpis_by_area(kpis):
    grouped: dict[int, list[Kpi]] = {}
    for kpi in kpis:
        grouped.setdefault(kpi.area_id, []).append(kpi)
    return grouped


def home(request):
    areas = list(Area.objects.with_judgements())
    kpis = list(Kpi.objects.for_display())
    grouped = _kpis_by_area(kpis)
    for area in areas:
        area.public_kpis = grouped.get(area.pk, [])
        area.summary_of_progress = Summary.of(k.progress for k in area.public_kpis)
    return render(
        request,
        "plan/home.html",
        {
            "areas": areas,
            "monitored": [a for a in areas if a.is_monitored],
            "not_monitored": [a for a in areas if not a.is_monitored],
            "last_updated": Measurement.objects.public().aggregate(last=Max("approved_at"))[
                "last"
            ],
            "latest_posts": Post.objects.published()[:3],
            "illustrative": any(k.illustrative for k in kpis),
        },
    )


def area_detail(request, slug):
    area = get_object_or_404(Area.objects.with_judgements(), slug=slug)
    kpis = list(Kpi.objects.for_display().filter(area=area))
    actions = area.actions.prefetch_related(
        Prefetch("updates", queryset=ActionUpdate.objects.order_by("date"))
    )
    return render(
        request,
        "plan/area_detail.html",
        {
            "area": area,
            "kpis": kpis,
            "summary_of_progress": Summary.of(k.progress for k in kpis),
            "actions": actions,
            "evidence": Evidence.objects.public().filter(area=area),
            "posts": Post.objects.published().filter(areas=area)[:5],
            "illustrative": any(k.illustrative for k in kpis),
        },
    )


def kpi_detail(request, code):
    kpi = get_object_or_404(Kpi.objects.for_display(), code=code)
    return render(
        request,
        "plan/kpi_detail.html",
        {
            "kpi": kpi,
            "measurements": kpi.measurements.approved().order_by("period"),
            "illustrative": kpi.illustrative,
        },
    )
