from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from ..measures.documents import describe
from ..measures.progress import Summary
from ..models import Evidence, Finding, Measure, Plan
from .shared import may_preview, previewed, with_sparklines


def plan_detail(request, slug):
    """One plan with its measures and actions; a closed plan keeps its final figures.
    A draft or embargoed plan: only staff see it, with a banner saying so."""
    preview = may_preview(request)
    plan = get_object_or_404(
        Plan.objects.public(preview=preview)
        .select_related("inspection")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.public(preview=preview)
                .select_related("inspection")
                .order_by("order"),
            )
        ),
        slug=slug,
    )
    # Staff only: whether the public can see it yet (one query the public never make).
    embargo = (
        plan.embargo_words
        if preview and not Plan.objects.public().filter(pk=plan.pk).exists()
        else ""
    )
    measures = with_sparklines(Measure.objects.public(preview=preview).filter(plan=plan))
    document = Evidence.objects.public(preview=preview).filter(pk=plan.document_id).first()
    response = render(
        request,
        "plan/plan_detail.html",
        {
            "plan": plan,
            "embargo": embargo,
            "documents": [describe(document)] if document else [],
            # Named only on a finished plan: not looked for on the others.
            "current_plan": Plan.objects.public().current() if plan.is_finished else None,
            "measures": measures,
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "actions": plan.actions.public(preview=preview).with_latest_note(),
            "illustrative": any(k.illustrative for k in measures),
        },
    )
    return previewed(response, embargo)
