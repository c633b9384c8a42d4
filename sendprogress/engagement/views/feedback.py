"""Page feedback: the form every public page ends with, and where it is sent."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from sendprogress.core.clients import client_address
from sendprogress.public import query_used

from .. import services
from ..forms import FeedbackForm
from ..pages import public_page

THANKS_ANCHOR = "#feedback-thanks"
TEMPLATE = "engagement/feedback.html"
PARTS = "engagement/_feedback.html"
TOO_MUCH = "You have sent a lot of feedback in the last hour. Thank you: please try again later."


def blank_form(path: str) -> FeedbackForm:
    return FeedbackForm(initial={"page": path})


# CSRF-exempt on purpose. The form sits on every public page, and those pages
# are kept in the shared page cache, which a CSRF token (a cookie and a value
# particular to one visitor) would prevent. A forged submission could only do
# what anyone can do here anyway: leave anonymous feedback, which is never
# shown to the public, changes nothing else, and passes the same checks (the
# trap field, the minimum time, the per-address limit). This view accepts
# nothing but this small form.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def feedback(request):
    """GET: the form on a page of its own, for the page named in `page`.
    POST: store the answer; without JavaScript, go back to the page and its
    thank-you; with htmx, swap the thank-you (or the errors) in place."""
    if request.method == "GET":
        page = public_page(request.GET.get("page", "")) or public_page("/")
        query_used(request, page=page.path if _one_of_a_known_few(page) else None)
        return _render(request, blank_form(page.path), page_path=page.path)

    form = FeedbackForm(request.POST)
    if form.is_trap_filled:
        # Answer a bot as if it had worked, so it learns nothing; store nothing.
        return _thanks(request, form.data.get("page", ""))
    if not form.is_valid():
        return _render(request, form, page_path=form.data.get("page", ""))
    data = form.cleaned_data
    try:
        services.submit_feedback(
            page=data["page"],
            useful=data["useful"],
            comment=data["comment"],
            client_address=client_address(request),
        )
    except services.TooMuchFeedback:
        return _render(request, form, page_path=data["page"].path, problem=TOO_MUCH)
    return _thanks(request, data["page"].path)


def _one_of_a_known_few(page) -> bool:
    """Whether the form for `page` may be kept in the page cache: a page
    whose address has no part that could be made up (no slug or code), or an
    finding or measure that exists. Any other address is accepted but rendered
    afresh each time, so made-up addresses never fill the cache."""
    return page.path != "/" and (page.fixed or page.finding is not None)


def _thanks(request, path: str):
    page = public_page(path) or public_page("/")
    if request.htmx:
        return render(request, PARTS + "#thanks", {"page_path": page.path})
    return HttpResponseRedirect(page.path + THANKS_ANCHOR, status=303)


def _render(request, form, *, page_path, problem=None):
    page = public_page(page_path)
    context = {
        "feedback_form": form,
        "page_path": page.path if page else "/",
        "problem": problem,
    }
    if request.htmx:
        return render(request, PARTS + "#form", context)
    return render(request, TEMPLATE, context)
