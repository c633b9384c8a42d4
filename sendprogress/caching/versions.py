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
"""

from __future__ import annotations

import logging
import time

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


def current() -> object:
    if settings.PUBLIC_PAGE_CACHE_SHARED:
        number = cache.get(CACHE_KEY)
        if number is None:
            cache.add(CACHE_KEY, _fresh(), timeout=None)
            number = cache.get(CACHE_KEY)
        return number
    number = PublicContentVersion.objects.filter(pk=ROW).values_list("number", flat=True).first()
    return (number if number is not None else 0, _changes_here)


# Changes made by this process: part of the version when pages are cached
# in this process's memory (see the module docstring).
_changes_here = 0


def current_and_cached(key: str) -> tuple[object, object]:
    """The current version and what the cache holds under `key`: one round
    trip to a shared cache, so a cached page costs one Redis call."""
    if settings.PUBLIC_PAGE_CACHE_SHARED:
        found = cache.get_many([CACHE_KEY, key])
        number = found.get(CACHE_KEY)
        return (number if number is not None else current()), found.get(key)
    return current(), cache.get(key)


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
    try:
        bump_it()
    except Exception:
        # Never fail the write that caused it; pages still expire on their own
        # (PUBLIC_PAGE_CACHE_SECONDS). Loud, because until then they may be stale.
        logger.exception("Could not retire the cached public pages")


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
