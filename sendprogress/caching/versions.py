"""The public content version: which generation of cached pages is current.

Where it lives depends on where the pages are cached:

- a cache shared by every process (Redis, `PUBLIC_PAGE_CACHE_SHARED`): in
  that cache, changed with an atomic INCR;
- a cache local to each process (local memory, the default): in the
  database (`PublicContentVersion`), read once per cacheable request, so a
  change made in one gunicorn worker retires the pages cached by the others;
  paired with a count of this process's own changes.

With Redis, a bump happens at once (inside the writer's transaction, so the
writer's own next request sees it) and again when the transaction commits,
so a page rendered from data read before the commit can never outlive it.
With the database, the row is changed only after the commit, in a
transaction of its own: changing it inside the writer's transaction would
hold its lock until then and make every other writer wait (or deadlock with
one holding a figure's row lock). Meanwhile the process's own count, part
of the version, changes at once, which is all the writer's process needs:
its pages are cached in its own memory.

Fail closed: a page shown from the cache after a change it should have
retired could show a withdrawn post. So when the version cannot be read
(or kept: a Redis refusing writes), `current()` is None and the middleware
serves nothing from the cache. When a bump fails, the version is deleted
(Redis still deletes when it refuses writes), which has the same effect in
every process until a fresh version can be stored; if even that fails, this
process serves nothing from the cache until a retried bump succeeds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from functools import cache as cache_for_process

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import PublicContentVersion

logger = logging.getLogger(__name__)

CACHE_KEY = "public-pages:version"
ROW = 1


def _fresh() -> int:
    # A number never used before, should the stored one be lost: an evicted
    # key or a deleted row must not bring an old generation of pages back.
    return time.time_ns()


def current() -> object | None:
    """The current version, or None if it cannot be known (serve nothing cached)."""
    if settings.PUBLIC_PAGE_CACHE_SHARED:
        number = cache.get(CACHE_KEY)
        if number is None:
            cache.add(CACHE_KEY, _fresh(), timeout=None)
            number = cache.get(CACHE_KEY)
        return number
    number = _read_database_version()
    return (number if number is not None else 0, _changes_here)


def _read_database_version() -> int | None:
    """The number in the version row, or None if there is no row.

    Read with one prepared statement rather than the ORM: every cached page
    reads it, and building the query through the ORM each time cost more
    than everything else a cached page does.
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [ROW])
        row = cursor.fetchone()
    return row[0] if row else None


@cache_for_process
def _version_sql() -> str:
    meta = PublicContentVersion._meta
    quote = connection.ops.quote_name
    number = meta.get_field("number").column
    # Names from the model, not from a request.
    return f"SELECT {quote(number)} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608


# Changes made by this process: part of the version when pages are cached
# in this process's memory (see the module docstring).
_changes_here = 0
# A bump that failed and could not be made up for: retried before this
# process uses the cache again.
_failed_bump = None


# Pages this process has lately read from a shared cache or put in it, by
# key, newest last. A hit on one of them asks Redis for the version alone,
# not the page too: fetching and unpickling the page was half the CPU of a
# hit's round trip. Used only while its version is the current one, so it
# is retired as the shared copy is, in every process.
LOCAL_PAGES = 100
_local_pages: OrderedDict[str, object] = OrderedDict()
_local_lock = threading.Lock()


def remember(key: str, entry) -> None:
    """Keep `entry` (cached under `key` in the shared cache) in this process too."""
    if not settings.PUBLIC_PAGE_CACHE_SHARED:
        return
    with _local_lock:
        _local_pages[key] = entry
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


def current_and_cached(key: str) -> tuple[object | None, object]:
    """The current version (None: use nothing cached) and what the cache holds
    under `key`: one round trip to a shared cache, so a cached page costs one
    Redis call (for the version alone when this process holds the page)."""
    if not _retried():
        return None, None
    if settings.PUBLIC_PAGE_CACHE_SHARED:
        held = _local_pages.get(key)
        if held is not None:
            number = cache.get(CACHE_KEY)
            if number is None:
                return current(), None
            if getattr(held, "version", None) == number:
                return number, held
            # Retired here; another process may have stored a newer one.
            entry = cache.get(key)
        else:
            found = cache.get_many([CACHE_KEY, key])
            number = found.get(CACHE_KEY)
            if number is None:
                # A fresh version (or none): no entry can belong to it.
                return current(), None
            entry = found.get(key)
        if entry is not None:
            remember(key, entry)
        return number, entry
    return current(), cache.get(key)


def _retried() -> bool:
    """Retry a bump that failed; whether none is outstanding."""
    global _failed_bump
    if _failed_bump is None:
        return True
    try:
        _failed_bump()
    except Exception:
        logger.warning("Still cannot retire the cached public pages; not using the cache")
        return False
    logger.info("Retired the cached public pages after an earlier failure")
    _failed_bump = None
    return True


def _bump_shared_cache() -> None:
    try:
        cache.incr(CACHE_KEY)
    except ValueError:
        cache.set(CACHE_KEY, _fresh(), timeout=None)


def _bump_database() -> None:
    changed = PublicContentVersion.objects.filter(pk=ROW).update(number=F("number") + 1)
    if not changed:
        try:
            with transaction.atomic():
                PublicContentVersion.objects.create(pk=ROW, number=_fresh())
        except IntegrityError:
            PublicContentVersion.objects.filter(pk=ROW).update(number=F("number") + 1)


def _safely(bump_it) -> None:
    """Bump, never failing the write that caused it; if the bump fails, make
    sure no cached page is served until it can be done."""
    global _failed_bump
    try:
        bump_it()
        return
    except Exception:
        logger.exception("Could not retire the cached public pages")
    if bump_it is _bump_shared_cache:
        try:
            # Without a version every process renders afresh, until a new
            # one (never used before, so matching no page) can be stored.
            cache.delete(CACHE_KEY)
            return
        except Exception:
            logger.exception("Could not remove the public content version either")
    _failed_bump = bump_it


def bump() -> None:
    """Retire every cached public page, in every process, from now on."""
    global _changes_here
    if settings.PUBLIC_PAGE_CACHE_SHARED:
        _safely(_bump_shared_cache)
        if connection.in_atomic_block:
            transaction.on_commit(lambda: _safely(_bump_shared_cache))
        return
    _changes_here += 1
    # Outside a transaction this runs at once.
    transaction.on_commit(lambda: _safely(_bump_database))
