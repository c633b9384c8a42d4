"""Which addresses the public may reach, and which query parameters each reads.

Deny unless public: an address is public only when its URL conf wraps the
view in `public(...)`. Every other view (staff pages, the admin, previews,
anything added later and not marked) needs a member of staff who has signed
in completely, with the second factor when STAFF_REQUIRE_2FA is on
(`sendprogress.security.middleware.StaffTwoFactorMiddleware` enforces it),
and is never kept in the public page cache.
Marking lives in the URL confs, so each app's list of public addresses is in
one place and a new address is staff-only until someone decides otherwise.

A public view names the query parameters it reads (`query=`), and says which
values it used (`query_used`); the page cache keys pages on those alone, so
other parameters and values the page does not accept never make new entries.
"""

from functools import wraps
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

MARK = "sendprogress_public"
QUERY = "sendprogress_public_query"
QUERY_USED = "sendprogress_public_query_used"


def public(view, *, query: tuple[str, ...] = ()):
    """Mark `view` as one anyone may see, reading only the `query` parameters.

    Wraps rather than sets an attribute on `view` itself, which may be a
    function shared with other URL confs (Django's sitemap view) or an
    instance (a feed).
    """

    @wraps(view)
    def public_view(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    setattr(public_view, MARK, True)
    setattr(public_view, QUERY, tuple(query))
    return public_view


def is_public(view) -> bool:
    return getattr(view, MARK, False) is True


def query_parameters(view) -> tuple[str, ...]:
    return getattr(view, QUERY, ())


def query_used(request, **values) -> None:
    """Record the query values a page was rendered from, once cleaned.

    Blank or None means the parameter was not used (its default). The page
    cache stores a page only when its address asked for exactly these, so
    `?page=999` (shown as the last page) or an unknown area is rendered but
    never stored.
    """
    used = {name: str(value) for name, value in values.items() if value not in (None, "")}
    setattr(request, QUERY_USED, used)


def query_values_used(request) -> dict[str, str]:
    return getattr(request, QUERY_USED, {})


def paged(request, items, *, per_page: int, **used) -> Page:
    """The page of `items` that `?page=` asks for, on a list filtered by `used`.

    Not a number shows the first page, past the end the last (so never a 404),
    and `query_used` records the filters and the page shown. `page.query` is
    the filters as a query string, for `includes/pagination.html` to keep in
    every page link.
    """
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query_used(request, **used, page=page.number if page.number > 1 else None)
    page.query = urlencode(
        {name: value for name, value in used.items() if value not in (None, "")}
    )
    return page
