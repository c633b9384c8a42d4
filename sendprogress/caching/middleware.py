"""A shared cache of the public pages as anonymous visitors see them.

Only a plain anonymous GET of a public view (`sendprogress.public`) is ever
answered from the cache or stored in it: a request carrying any cookie but
the CSRF one (so every signed-in member of staff, who has a session) goes
straight to the view, and so does anything under the staff, admin and
sign-up addresses.

A page is keyed on the query parameters its view reads (`public(query=...)`)
and nothing else, so junk parameters cannot fill the cache: a request with
others is answered from the entry without them, or rendered and not stored;
and a page is stored only when the view used the values asked for
(`query_used`), so `?page=99999` is not stored either.

A response is stored only if nothing in it is particular to the request:
status 200, not streamed, no cookie set, no `Vary: Cookie`, no
`Cache-Control: private/no-store/no-cache`, no CSP nonce used, and no
`Vary` on a header the key does not include.

Each entry records the public content version it was rendered under (see
versions.py) and is used only while that is still the current version, so a
change to anything public retires every cached page at once. When the
version cannot be read, or a change could not retire the pages, nothing is
served from the cache or stored in it until it can (fail closed). An entry
is also never used past the next scheduled post's publish time or past
local midnight (pages that compare dates with today), whichever comes first.

This middleware sits inside the security and CSP middleware, which add their
headers to every response, hit or miss, and outside sessions, CSRF and
authentication, which a hit skips. Per-request headers (X-Request-ID, Date)
are never stored.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import set_response_etag
from django.utils.http import urlencode

from sendprogress.public import is_public, query_parameters, query_values_used

from . import versions

logger = logging.getLogger(__name__)

# Addresses that are never cached: staff, sign-in, forms with CSRF tokens,
# staff previews, evidence files and updates' pictures (which staff may fetch
# at the same address before they are public),
# and the benchmark's reference view.
# The admin is skipped wherever ADMIN_URL puts it (see _skip_prefixes).
SKIP_PREFIXES = (
    "/staff/",
    "/email-updates/",
    "/updates/preview/",
    "/updates/images/",
    "/evidence/",
    "/_bench/",
)
# Request headers that select a different response (htmx partials). Keyed
# only on whether each says "true", as django-htmx reads them, so no other
# value of them makes a new entry.
KEY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_HISTORY_RESTORE_REQUEST")
VARY_ALLOWED = {"hx-request", "hx-history-restore-request"}
NOT_STORED_HEADERS = {"set-cookie", "date", "x-request-id"}


@dataclass(frozen=True)
class Entry:
    version: object
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    valid_until: float

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def _only_csrf_cookie(request) -> bool:
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _skip_prefixes() -> tuple[str, ...]:
    return (*SKIP_PREFIXES, "/" + settings.ADMIN_URL)


def _public_view(request):
    """The view for this address if it is public, else None."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return None
    return view if is_public(view) else None


def _request_is_cacheable(request) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and _only_csrf_cookie(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(_skip_prefixes())
    )


@dataclass(frozen=True)
class Query:
    """The part of a request's query string that selects the page."""

    declared: tuple[str, ...]
    kept: tuple[tuple[str, str], ...]
    complete: bool  # nothing else was asked for

    @classmethod
    def of(cls, request, declared: tuple[str, ...]) -> Query:
        kept = tuple((name, value) for name in declared for value in request.GET.getlist(name))
        given = sum(len(values) for _, values in request.GET.lists())
        return cls(declared, kept, complete=len(kept) == given)

    def used_as_asked(self, request) -> bool:
        """Whether the view rendered the page from exactly the values asked for."""
        asked = {name: value for name, value in self.kept if value != ""}
        single = len({name for name, _ in self.kept}) == len(self.kept)
        return self.complete and single and asked == query_values_used(request)


def _response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if get_nonce(request):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= VARY_ALLOWED


def _key(request, host: str, query: Query) -> str:
    parts = [
        request.scheme,
        host,
        request.path,
        urlencode(query.kept),
        *("true" if request.META.get(h) == "true" else "" for h in KEY_HEADERS),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"public-pages:{digest}"


def _valid_until(now: float) -> float:
    """Until when a page rendered now may be served: the sooner of its lifetime,
    the next scheduled post going public, and local midnight."""
    from sendprogress.updates.models import Post

    moment = datetime.fromtimestamp(now, tz=timezone.get_current_timezone())
    limits = [now + settings.PUBLIC_PAGE_CACHE_SECONDS]
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
    limits.append(timezone.make_aware(midnight).timestamp())
    next_post = (
        Post.objects.filter(status=Post.Status.PUBLISHED, published_at__gt=moment)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if next_post is not None:
        limits.append(next_post.timestamp())
    return min(limits)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        view = _public_view(request)
        if view is None:
            return self.get_response(request)
        host = request.get_host()  # a host not allowed is refused here, as usual
        query = Query.of(request, query_parameters(view))
        key = _key(request, host, query)
        try:
            version, entry = versions.current_and_cached(key)
        except Exception:
            logger.exception("Public page cache unavailable; rendering without it")
            return self.get_response(request)
        if version is None:
            # Not known, or a change could not retire the cached pages: any
            # entry might show what is no longer public.
            return self.get_response(request)
        now = time.time()
        if entry is not None and entry.version == version and now < entry.valid_until:
            return entry.response()
        # Worked out before rendering: a post going public while the page
        # renders must still end this entry's life.
        valid_until = _valid_until(now)
        response = self.get_response(request)
        if query.used_as_asked(request) and _response_is_cacheable(request, response):
            if not response.has_header("ETag"):
                set_response_etag(response)
            self._store(key, version, response, valid_until, now)
        return response

    def _store(self, key, version, response, valid_until, now) -> None:
        timeout = int(valid_until - now)
        if timeout < 1:
            return
        entry = Entry(
            version=version,
            status=response.status_code,
            headers=tuple(
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in NOT_STORED_HEADERS
            ),
            content=response.content,
            valid_until=valid_until,
        )
        try:
            cache.set(key, entry, timeout=timeout)
        except Exception:
            logger.exception("Could not store a public page in the cache")
            return
        versions.remember(key, entry)
