from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..measures.documents import describe
from ..measures.progress import Summary
from ..models import Evidence, Finding, Measure, Plan
from .shared import may_preview, previewed, with_sparklines

# The newest evidence of a finding; the documents page lists it all.
FINDING_EVIDENCE = 10


def finding_detail(request, slug):
    """A finding's page. Under embargo, only staff see it, with a banner saying so."""
    preview = may_preview(request)
    finding = get_object_or_404(
        Finding.objects.public(preview=preview).with_judgements(preview=preview), slug=slug
    )
    measures = with_sparklines(Measure.objects.public(preview=preview).filter(findings=finding))
    # One more than is shown, to know whether to link to the rest.
    evidence = list(
        Evidence.objects.public(preview=preview).filter(finding=finding)[: FINDING_EVIDENCE + 1]
    )
    actions = finding.actions.public(preview=preview).select_related("plan").with_latest_note()
    today = timezone.localdate()
    events = finding.monitoring_events.public(preview=preview).order_by("date")
    plans = list(Plan.objects.public(preview=preview).filter(findings=finding))
    embargo = _embargo(finding, plans) if preview else ""
    response = render(
        request,
        "plan/finding_detail.html",
        {
            "finding": finding,
            "embargo": embargo,
            "measures": measures,
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "actions": actions,
            "plans": plans,
            "past_events": [e for e in events if e.date <= today],
            "upcoming_events": [e for e in events if e.date > today],
            "evidence": [describe(e) for e in evidence[:FINDING_EVIDENCE]],
            "more_evidence": len(evidence) > FINDING_EVIDENCE,
            "posts": finding.posts.published()[:5],
            "illustrative": any(k.illustrative for k in measures),
        },
    )
    return previewed(response, embargo)


def _embargo(finding, plans) -> str:
    """For staff: what on the finding's page the public cannot see yet, if anything
    (the finding, a later judgement of it, or a plan answering it)."""
    if finding.embargo_words:
        return finding.embargo_words
    for judgement in finding.judgements.all():
        if not judgement.inspection.is_public:
            return f"the judgement at the {judgement.inspection.title.lower()} is " + (
                judgement.inspection.embargo_words
            )
    public = set(Plan.objects.public().filter(findings=finding).values_list("pk", flat=True))
    hidden = [plan for plan in plans if plan.pk not in public]
    if hidden:
        return f"the {hidden[0].name}: {hidden[0].embargo_words}"
    return ""


def old_area_address(request, slug):
    """`/areas/<slug>/`, the address of a finding's page before findings had their
    own name: old links and bookmarks move to `/findings/<slug>/` for good."""
    return redirect("plan:finding_detail", slug=slug, permanent=True)
