"""The read-only open data API, version 1. Thin views over the public QuerySets.

Each view answers GET (and HEAD), and OPTIONS for browsers asking first; a
bad query string gets a JSON message, never a 500. See docs/api.md.
"""

from __future__ import annotations

from collections import defaultdict
from functools import wraps

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from sendprogress.plan.comparators import comparisons
from sendprogress.plan.measures import open_data
from sendprogress.plan.models import (
    Action,
    ActionUpdate,
    Evidence,
    Finding,
    Inspection,
    LocalArea,
    Measure,
    MeasureMilestone,
    Plan,
)
from sendprogress.updates.models import Post

from . import openapi, shapes
from .responses import BadQuery, answer, error, page_of, preflight


def api_view(view):
    # Exempt from CSRF: every view only reads, and anything but GET, HEAD or
    # OPTIONS gets the JSON 405 below rather than the CSRF middleware's HTML 403.
    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return preflight()
        if request.method not in ("GET", "HEAD"):
            response = error("This API only reads: use GET.", 405)
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            return answer(view(request, *args, **kwargs))
        except BadQuery as problem:
            return error(str(problem), problem.status)
        except Http404:
            return error("There is nothing public at this address.", 404)

    return wrapper


@api_view
def index(request):
    def url(name, **kwargs):
        return request.build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))

    return {
        "version": "1",
        "description": "Public, approved data only. See the OpenAPI description.",
        "openapi": url("openapi"),
        "local_area": url("local_area"),
        "inspections": url("inspections"),
        "findings": url("findings"),
        "plans": url("plans"),
        "measures": url("measures"),
        "updates": url("updates"),
    }


@api_view
def openapi_description(request):
    return openapi.description(request.build_absolute_uri(reverse("api:index")))


@api_view
def local_area(request):
    area = LocalArea.objects.first()
    if area is None:
        raise Http404
    return shapes.local_area(area, request)


@api_view
def inspections(request):
    items = Inspection.objects.public().select_related("letter").order_by("date")
    letters = set(
        Evidence.objects.public()
        .filter(pk__in=Inspection.objects.public().values("letter"))
        .values_list("pk", flat=True)
    )
    return page_of(request, items, lambda i: shapes.inspection(i, request, letters))


@api_view
def findings(request):
    items = (
        Finding.objects.public()
        .with_judgements()
        .prefetch_related(
            "owners",
            Prefetch(
                "actions",
                queryset=Action.objects.public().prefetch_related(
                    Prefetch("updates", queryset=ActionUpdate.objects.order_by("date"))
                ),
            ),
        )
        .order_by("order", "title")
    )
    return page_of(request, items, lambda f: shapes.finding(f, request))


@api_view
def plans(request):
    items = (
        Plan.objects.public()
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.public()))
        .order_by("approved_on", "pk")
    )
    return page_of(request, items, lambda p: shapes.plan(p, request))


def _measures(page: list[Measure], request) -> list[dict]:
    """A page of measures as JSON, their findings' slugs and titles and milestones read as
    plain values in two queries rather than prefetched as model instances."""
    ids = [measure.pk for measure in page]
    findings = defaultdict(list)
    for pk, slug, title in (
        Measure.findings.through.objects.filter(measure_id__in=ids)
        .order_by("finding__order")
        .values_list("measure_id", "finding__slug", "finding__title")
    ):
        findings[pk].append((slug, title))
    milestones = defaultdict(list)
    for pk, on, target in (
        MeasureMilestone.objects.filter(measure_id__in=ids)
        .order_by("date")
        .values_list("measure_id", "date", "target")
    ):
        milestones[pk].append({"date": on, "target": target})
    return shapes.measures(page, request, findings=findings, milestones=milestones)


@api_view
def measures(request):
    items = Measure.objects.public().select_related("plan").order_by("order", "title")
    plan = request.GET.get("plan", "")
    if plan:
        if not Plan.objects.public().filter(slug=plan).exists():
            raise BadQuery("plan must be the slug of a published plan: see /api/v1/plans/.")
        items = items.filter(plan__slug=plan)
    return page_of(
        request,
        items,
        lambda page: _measures(page, request),
        whole_page=True,
        filters={"plan": plan},
    )


@api_view
def measure_detail(request, code):
    measure = get_object_or_404(Measure.objects.for_display().with_milestones(), code=code)
    lines = comparisons.for_measures([measure]).get(measure.pk, [])
    return open_data.measure_for(measure, request) | {
        "comparators": [comparisons.as_data(line) for line in lines]
    }


@api_view
def measure_figures(request, code):
    measure = get_object_or_404(Measure.objects.public().with_milestones(), code=code)
    figures = measure.figures.approved().order_by("period").values(*open_data.FIGURE_COLUMNS)
    return page_of(
        request,
        figures,
        lambda row: open_data.figure(measure, row),
        head={"measure": measure.code, "note": shapes.small_number_note()},
    )


@api_view
def updates(request):
    posts = (
        Post.objects.published()
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.public()))
        .order_by("-published_at")
    )
    return page_of(request, posts, lambda p: shapes.update(p, request))
