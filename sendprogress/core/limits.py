"""Hourly counts in the cache, for limits such as sign-ups or feedback per client.

The cache is shared by every worker when REDIS_URL is set. Whatever is
counted is kept only as a hash. If the cache cannot be reached the limit
counts as reached: refusing a little beats a flood.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def key(prefix: str, value: str) -> str:
    """The cache key counting `value`, which is stored only as a hash."""
    return f"{prefix}:{hashlib.sha256(value.encode()).hexdigest()}"


def take(key: str, limit: int) -> bool:
    """Count one more use in this hour; whether it is within the limit."""
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # the hour ran out between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)
            count = 1
    except Exception:
        logger.exception("A limit could not be counted (%s); treating it as reached", key)
        return False
    return count <= limit
