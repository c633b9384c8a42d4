"""A measure's headline and chart as a page other sites may show in a frame.

Framing is allowed only from the origins in EMBED_ALLOWED_ORIGINS, by this
page's own Content-Security-Policy `frame-ancestors`; every other page keeps
`frame-ancestors 'none'`. The header is set here, not by the CSP middleware,
so that the copy the public page cache keeps carries it too.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.csp import CSP, build_policy
from django.views.decorators.clickjacking import xframe_options_exempt

from sendprogress.core.dates import month_and_year
from sendprogress.plan.comparators import comparisons
from sendprogress.plan.measures import charts
from sendprogress.plan.measures.figures import published, shown_value
from sendprogress.plan.models import Measure


def _figure_rows(measure, figures) -> list[dict[str, str]]:
    """The table's rows, each figure's period and value in words, formatted once."""
    return [
        {
            "period": month_and_year(f["period"]),
            "shown": shown_value(f["value"], suppressed=f["suppressed"], measure=measure),
        }
        for f in figures
    ]


def frame_policy() -> dict:
    """The site's policy, with framing opened to the allowed origins only."""
    ancestors = list(settings.EMBED_ALLOWED_ORIGINS) or [CSP.NONE]
    return {**settings.SECURE_CSP, "frame-ancestors": ancestors}


# X-Frame-Options cannot name origins; frame-ancestors (set below) decides, and
# browsers that know it ignore X-Frame-Options anyway.
@xframe_options_exempt
def measure(request, code):
    measure = get_object_or_404(Measure.objects.for_display().with_milestones(), code=code)
    figures = [
        published(f)
        for f in measure.figures.approved()
        .order_by("period")
        .values("period", "value", "denominator")
    ]
    latest = figures[-1] if figures else None
    series = comparisons.for_measures([measure]).get(measure.pk, [])
    first = min(
        (d for d in (measure.baseline_date, figures[0]["period"] if figures else None) if d),
        default=None,
    )
    chart = charts.line_chart(
        actual=[(f["period"], f["value"]) for f in figures if not f["suppressed"]],
        trajectory=[(p.on, p.value) for p in measure.trajectory()],
        comparators=comparisons.chart_points(series, since=first),
        unit=measure.unit,
        places=measure.decimal_places,
        rate_per=measure.rate_per,
    )
    response = render(
        request,
        "embeds/measure.html",
        {
            "measure": measure,
            "figures": figures,
            "figure_rows": _figure_rows(measure, figures),
            "latest": latest,
            "latest_figure": latest
            and shown_value(latest["value"], suppressed=latest["suppressed"], measure=measure),
            "small_number": settings.SMALL_NUMBER_THRESHOLD,
            "chart": chart,
            "page_url": request.build_absolute_uri(measure.get_absolute_url()),
        },
    )
    # str(): the enum itself is no header name to a WSGI server.
    response[str(CSP.HEADER_ENFORCE)] = build_policy(frame_policy())
    # Other sites show this page in a frame; every other response keeps
    # same-origin (the security middleware only sets it when unset).
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    # A partner page that isolates itself (COEP require-corp) may frame only
    # documents that do the same; the embed loads nothing from elsewhere.
    response["Cross-Origin-Embedder-Policy"] = "require-corp"
    return response
