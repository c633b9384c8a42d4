"""How much feedback one client address may send: a count per hour in the cache.

Kept in the cache that every worker shares when REDIS_URL is set, by a hash of
the address (never the address itself). If the cache cannot be reached the
limit counts as reached: losing a little feedback beats a flood.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60 * 60


def _key(client_address: str | None) -> str:
    digest = hashlib.sha256((client_address or "unknown").encode()).hexdigest()
    return f"feedback-limit:{digest}"


def client_may_send_feedback(client_address: str | None) -> bool:
    """Count one more piece of feedback from this client; False once it has had its share."""
    key = _key(client_address)
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # the hour ran out between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)
            count = 1
    except Exception:
        logger.exception("Feedback limit unavailable; treating it as reached")
        return False
    return count <= settings.FEEDBACK_LIMIT_PER_CLIENT
