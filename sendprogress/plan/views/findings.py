from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..documents import describe
from ..models import Evidence, Finding, Measure, Plan
from ..progress import Summary
from .shared import with_sparklines

# The newest evidence of a finding; the documents page lists it all.
FINDING_EVIDENCE = 10


def finding_detail(request, slug):
    finding = get_object_or_404(Finding.objects.with_judgements(), slug=slug)
    measures = with_sparklines(Measure.objects.public().filter(findings=finding))
    # One more than is shown, to know whether to link to the rest.
    evidence = list(Evidence.objects.public().filter(finding=finding)[: FINDING_EVIDENCE + 1])
    actions = finding.actions.public().select_related("plan").with_latest_note()
    today = timezone.localdate()
    events = finding.monitoring_events.order_by("date")
    return render(
        request,
        "plan/finding_detail.html",
        {
            "finding": finding,
            "measures": measures,
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "actions": actions,
            "plans": finding.plans.exclude(status=Plan.Status.DRAFT),
            "past_events": [e for e in events if e.date <= today],
            "upcoming_events": [e for e in events if e.date > today],
            "evidence": [describe(e) for e in evidence[:FINDING_EVIDENCE]],
            "more_evidence": len(evidence) > FINDING_EVIDENCE,
            "posts": finding.posts.published()[:5],
            "illustrative": any(k.illustrative for k in measures),
        },
    )


def area_redirect(request, slug):
    """Area pages became finding pages: old links and bookmarks move for good."""
    return redirect("plan:finding_detail", slug=slug, permanent=True)
