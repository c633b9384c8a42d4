"""The search page: one box in every page's header sends people here."""

from django.core.paginator import Paginator
from django.shortcuts import render

from sendprogress.public import query_used

from ..search import clean_query, search

PER_PAGE = 10


def search_page(request):
    query = clean_query(request.GET.get("q", ""))
    results = search(query) if query else []
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    # Stored in the page cache only under the query as cleaned, so junk in
    # the address (spaces, control characters, over-long text) adds nothing.
    query_used(request, q=query, page=page.number if page.number > 1 else None)
    template = "engagement/search.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {"query": query, "page": page, "results": page.object_list, "count": len(results)},
    )
