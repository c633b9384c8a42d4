"""How every API answer is shaped: JSON, open to other sites, cacheable, paginated.

ETag and 304 come from Django's ConditionalGetMiddleware, as for every page;
the public page cache keeps answers keyed on the declared `page` parameter.
The CORS headers go on in `middleware.open_to_other_sites`, outside both, so
a 304, a redirect or an error carries them too.
"""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse

from sendprogress.public import query_used

PAGE_SIZE = 50
# The most a page number may be (six digits): a larger one is refused (400)
# before pages are counted; one past the last page is a 404. openapi.py says both.
LAST_PAGE_ASKABLE = 999_999
# Shared caches and browsers may keep an answer this long, then revalidate by ETag.
MAX_AGE = 300
CORS = {
    # Public data: any site may read it from a browser, with no credentials.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    # Readable by a script on another site: the ETag to send back, and the
    # Link header that pages through a list (the safelisted ones need no naming).
    "Access-Control-Expose-Headers": "ETag, Link",
    "Access-Control-Max-Age": "86400",
}


class Encoder(DjangoJSONEncoder):
    # Figures as numbers, not strings: people load them straight into other tools.
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


class BadQuery(Exception):
    """A query string the API cannot answer; the message says what to send instead."""

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)


class Listing(dict):
    """One page of a list as JSON, with the `Link` header (RFC 8288) to send with it."""

    link: str = ""


def answer(data, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, encoder=Encoder, status=status, safe=False)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    if isinstance(data, Listing):
        response["Link"] = data.link
    return response


def error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def preflight() -> HttpResponse:
    return HttpResponse(status=204)


def page_of(request, items, to_json, *, whole_page=False, filters=None, head=None) -> Listing:
    """One page of `items` as {**head, count, page, pages, next, previous, results},
    with a `Link` header to the first, previous, next and last pages.

    `page` must be a whole number from 1 to the last page; anything else is a
    BadQuery (400, or 404 past the end) rather than a silent first page.
    `filters` are the other query values the list was chosen by, already
    checked: every link keeps them. `to_json` makes one item's JSON, or with
    `whole_page` the list of the page's (for shapes that read what they need
    for every item at once).
    """
    raw = request.GET.get("page", "1")
    # Six digits at most are read as a number; anything else is refused as 0 is.
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 0
    if not 1 <= number <= LAST_PAGE_ASKABLE:
        raise BadQuery(f"page must be a whole number from 1 to {LAST_PAGE_ASKABLE:,}.")
    paginator = Paginator(items, PAGE_SIZE)
    if number > paginator.num_pages:
        pages = paginator.num_pages
        there = "There is only 1 page." if pages == 1 else f"There are only {pages} pages."
        raise BadQuery(there, status=404)
    page = paginator.page(number)
    kept = {name: value for name, value in (filters or {}).items() if value not in (None, "")}
    query_used(request, **kept, page=number if number > 1 else None)
    base = request.build_absolute_uri(request.path)

    def link(n):
        return f"{base}?{urlencode(kept | {'page': n})}"

    neighbours = {
        "first": 1,
        "prev": number - 1 if page.has_previous() else None,
        "next": number + 1 if page.has_next() else None,
        "last": paginator.num_pages,
    }
    listing = Listing(head or {})
    listing.link = ", ".join(
        f'<{link(n)}>; rel="{rel}"' for rel, n in neighbours.items() if n is not None
    )
    listing.update(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "next": link(neighbours["next"]) if neighbours["next"] else None,
            "previous": link(neighbours["prev"]) if neighbours["prev"] else None,
            "results": (
                to_json(list(page.object_list))
                if whole_page
                else [to_json(item) for item in page.object_list]
            ),
        }
    )
    return listing
