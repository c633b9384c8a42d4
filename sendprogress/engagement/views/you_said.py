"""The public "You said, we did" page: published entries, newest first."""

from django.db.models import Prefetch
from django.shortcuts import render

from sendprogress.plan.models import Finding
from sendprogress.public import paged

from ..forms import EntryFilterForm
from ..models import YouSaidWeDid

PER_PAGE = 20


def published_entries():
    return YouSaidWeDid.objects.published().prefetch_related(
        Prefetch("findings", queryset=Finding.objects.public().order_by("order"))
    )


def you_said_we_did(request):
    findings, chosen = Finding.objects.public().filter_choices(request.GET.get("finding"))
    entries = published_entries()
    if chosen:
        entries = entries.for_finding(chosen)
    page = paged(request, entries, per_page=PER_PAGE, finding=chosen.slug if chosen else None)
    return render(
        request,
        "engagement/you_said_we_did.html",
        {
            "page": page,
            "entries": page.object_list,
            "filter_form": EntryFilterForm(
                initial={"finding": chosen.slug if chosen else ""}, findings=findings
            ),
            "chosen_finding": chosen,
        },
    )
