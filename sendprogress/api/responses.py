"""How every API answer is shaped: JSON, open to other sites, cacheable, paginated.

ETag and 304 come from Django's ConditionalGetMiddleware, as for every page;
the public page cache keeps answers keyed on the declared `page` parameter.
The CORS headers go on in `middleware.open_to_other_sites`, outside both, so
a 304, a redirect or an error carries them too.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse

from sendprogress.public import query_used

PAGE_SIZE = 50
# Shared caches and browsers may keep an answer this long, then revalidate by ETag.
MAX_AGE = 300
CORS = {
    # Public data: any site may read it from a browser, with no credentials.
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag",
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


def answer(data, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, encoder=Encoder, status=status, safe=False)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def preflight() -> HttpResponse:
    return HttpResponse(status=204)


def page_of(request, items, to_json, *, whole_page=False) -> dict:
    """One page of `items` as {count, page, pages, next, previous, results}.

    `page` must be a whole number from 1 to the last page; anything else is a
    BadQuery (400, or 404 past the end) rather than a silent first page.
    `to_json` makes one item's JSON, or with `whole_page` the list of the page's
    (for shapes that read what they need for every item at once).
    """
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit() and 0 < len(raw) <= 6) or int(raw) < 1:
        raise BadQuery("page must be a whole number, 1 or more.")
    paginator = Paginator(items, PAGE_SIZE)
    number = int(raw)
    if number > paginator.num_pages:
        raise BadQuery(f"There are only {paginator.num_pages} pages.", status=404)
    page = paginator.page(number)
    query_used(request, page=number if number > 1 else None)

    def link(n):
        return request.build_absolute_uri(f"{request.path}?page={n}")

    return {
        "count": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "results": (
            to_json(list(page.object_list))
            if whole_page
            else [to_json(item) for item in page.object_list]
        ),
    }
