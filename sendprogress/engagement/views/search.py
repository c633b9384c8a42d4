"""The search page: one box in every page's header sends people here."""

from django.shortcuts import render

from sendprogress.public import paged

from ..forms import SearchForm
from ..search import clean_query, search

PER_PAGE = 10


def search_page(request):
    query = clean_query(request.GET.get("q", ""))
    results = search(query) if query else []
    # Stored in the page cache only under the query as cleaned, so junk in
    # the address (spaces, control characters, over-long text) adds nothing.
    page = paged(request, results, per_page=PER_PAGE, q=query)
    template = "engagement/search.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "query": query,
            "form": SearchForm(initial={"q": query}, auto_id="search-page-%s"),
            "page": page,
            "results": page.object_list,
            "count": len(results),
        },
    )
