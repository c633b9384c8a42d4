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

A parameter that has been renamed (`RENAMED_QUERY`) still works in old links:
a public view that reads the new name answers a request with the old one by a
permanent redirect to the same address with the new name, every other
parameter kept in its order. That happens here, once, for every public view.
"""

from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpResponsePermanentRedirect

MARK = "sendprogress_public"
QUERY = "sendprogress_public_query"
QUERY_USED = "sendprogress_public_query_used"

# Old name -> new name of public query parameters, for links written before
# the rename: "area" meant a finding, before findings had their own name
# ("local area" is the council and NHS partnership, something else).
RENAMED_QUERY = {"area": "finding", "areas": "findings"}


def public(view, *, query: tuple[str, ...] = ()):
    """Mark `view` as one anyone may see, reading only the `query` parameters.

    Wraps rather than sets an attribute on `view` itself, which may be a
    function shared with other URL confs (Django's sitemap view) or an
    instance (a feed).
    """

    query = tuple(query)
    old_names = {old: new for old, new in RENAMED_QUERY.items() if new in query}

    @wraps(view)
    def public_view(request, *args, **kwargs):
        moved = _renamed_address(request, old_names) if old_names else None
        if moved is not None:
            return moved
        return view(request, *args, **kwargs)

    setattr(public_view, MARK, True)
    # The old names are read too (to redirect them), so the page cache keys
    # on them and never answers an old address from the new page's entry.
    setattr(public_view, QUERY, query + tuple(old_names))
    return public_view


def _renamed_address(request, old_names: dict[str, str]) -> HttpResponsePermanentRedirect | None:
    """A permanent redirect to this address with renamed parameters under
    their new names, or None when it uses no old name (or is not a GET: a
    form posted to an old address is answered as before)."""
    if request.method not in ("GET", "HEAD"):
        return None
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if not any(name in old_names for name, _ in pairs):
        return None
    renamed = urlencode([(old_names.get(name, name), value) for name, value in pairs])
    return HttpResponsePermanentRedirect(f"{request.path}?{renamed}")


def is_public(view) -> bool:
    return getattr(view, MARK, False) is True


def query_parameters(view) -> tuple[str, ...]:
    return getattr(view, QUERY, ())


def query_used(request, **values) -> None:
    """Record the query values a page was rendered from, once cleaned.

    Blank or None means the parameter was not used (its default). The page
    cache stores a page only when its address asked for exactly these, so
    `?page=999` (shown as the last page) or an unknown finding is rendered but
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
