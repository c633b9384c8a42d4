"""How much feedback one client address may send, and how many searches it may run:
a count per hour of each in the cache.

Kept in the cache that every worker shares when REDIS_URL is set, by a hash of
the address (never the address itself). If the cache cannot be reached the
limit counts as reached: losing a little feedback beats a flood.
"""

from __future__ import annotations

from django.conf import settings

from sendprogress.core import limits


def client_may_send_feedback(client_address: str | None) -> bool:
    """Count one more piece of feedback from this client; False once it has had its share."""
    key = limits.key("feedback-limit", client_address or "unknown")
    return limits.take(key, settings.FEEDBACK_LIMIT_PER_CLIENT)


def client_may_search(client_address: str | None) -> bool:
    """Count one more search from this client; False once it has had its share.

    Only searches the view runs are counted: an answer from the page cache
    costs the database nothing.
    """
    key = limits.key("search-limit", client_address or "unknown")
    return limits.take(key, settings.SEARCH_LIMIT_PER_CLIENT)
