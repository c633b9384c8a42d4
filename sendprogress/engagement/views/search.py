"""The search page: one box in every page's header sends people here."""

from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

from sendprogress.core.clients import client_address
from sendprogress.public import paged

from ..forms import SearchForm
from ..limits import client_may_search
from ..search import Found, SearchTooSlow, clean_query, find

PER_PAGE = 10
TEMPLATE = "engagement/search.html"
TOO_MANY = (
    "You have searched this site a lot in the last hour, so we have paused your searches "
    "for a while. Please try again later."
)
TOO_SLOW = (
    "Your search took too long, so we stopped it. Please try again, or search for "
    "fewer or different words."
)


def search_page(request):
    query = clean_query(request.GET.get("q", ""))
    if query and not client_may_search(client_address(request)):
        return _refused(request, query, TOO_MANY, status=429)
    try:
        found = find(query) if query else Found([])
    except SearchTooSlow:
        return _refused(request, query, TOO_SLOW, status=503)
    # Stored in the page cache only under the query as cleaned, so junk in
    # the address (spaces, control characters, over-long text) adds nothing.
    page = paged(request, found.results, per_page=PER_PAGE, q=query)
    response = render(
        request,
        TEMPLATE + "#results" if request.htmx else TEMPLATE,
        {
            "query": query,
            "form": _form(query),
            "page": page,
            "results": page.object_list,
            "count": len(found.results),
            "showing_for": found.showing_for,
            "suggestions": found.suggestions,
        },
    )
    # The same address answers htmx with a part of the page: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _form(query: str) -> SearchForm:
    return SearchForm(initial={"q": query}, auto_id="search-page-%s")


def _refused(request, query: str, problem: str, *, status: int):
    """A whole page saying why there are no results (htmx is told to load it as one:
    it would not show an answer that is not a success)."""
    response = render(
        request,
        TEMPLATE,
        {"query": query, "form": _form(query), "problem": problem},
        status=status,
    )
    patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ["HX-Request"])
    if request.htmx:
        response["HX-Redirect"] = request.get_full_path()
    return response
