from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from sendprogress.public import paged

from ..measures.documents import describe
from ..models import Evidence, Inspection, Plan
from ..story import journey as journey_steps

EVIDENCE_PER_PAGE = 25


def journey(request):
    today = timezone.localdate()
    steps = journey_steps.steps()
    return render(
        request,
        "plan/journey.html",
        {
            "past": [s for s in steps if s.date <= today],
            "upcoming": [s for s in steps if s.date > today],
        },
    )


def documents(request):
    """Inspection letters and plans in full; the other evidence, which runs to
    hundreds of documents, a page at a time, newest first."""
    letter_ids = Inspection.objects.public().filter(letter__isnull=False).values("letter")
    plan_ids = Plan.objects.public().filter(document__isnull=False).values("document")
    public = Evidence.objects.public()
    others = public.exclude(pk__in=letter_ids).exclude(pk__in=plan_ids)
    # The primary key last, so documents of one date and title keep their page.
    page = paged(request, others.order_by("-date", "title", "pk"), per_page=EVIDENCE_PER_PAGE)
    # Letters and plans in one query (each public filter costs as much to build
    # as to run), each marked with which it is: a document can be both.
    letters_and_plans = list(
        public.filter(Q(pk__in=letter_ids) | Q(pk__in=plan_ids)).annotate(
            is_letter=Q(pk__in=letter_ids), is_plan=Q(pk__in=plan_ids)
        )
    )
    return render(
        request,
        "plan/documents.html",
        {
            "letters": [describe(e) for e in letters_and_plans if e.is_letter],
            "plans": [describe(e) for e in letters_and_plans if e.is_plan],
            "evidence": [describe(e) for e in page.object_list],
            "page": page,
        },
    )
