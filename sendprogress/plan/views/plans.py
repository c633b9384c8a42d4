from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from ..documents import describe
from ..models import Evidence, Finding, Measure, Plan
from ..progress import Summary
from .shared import with_sparklines


def plan_detail(request, slug):
    """One plan with its measures and actions; a closed plan keeps its final figures."""
    plan = get_object_or_404(
        Plan.objects.public()
        .select_related("inspection")
        .prefetch_related(
            Prefetch(
                "findings", queryset=Finding.objects.select_related("inspection").order_by("order")
            )
        ),
        slug=slug,
    )
    measures = with_sparklines(Measure.objects.public().filter(plan=plan))
    document = Evidence.objects.public().filter(pk=plan.document_id).first()
    return render(
        request,
        "plan/plan_detail.html",
        {
            "plan": plan,
            "documents": [describe(document)] if document else [],
            # Named only on a finished plan: not looked for on the others.
            "current_plan": Plan.objects.public().current() if plan.is_finished else None,
            "measures": measures,
            "summary_of_progress": Summary.of(k.progress for k in measures),
            "actions": plan.actions.with_latest_note(),
            "illustrative": any(k.illustrative for k in measures),
        },
    )
