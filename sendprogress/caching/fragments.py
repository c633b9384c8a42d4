"""Parts of a page kept rendered, keyed on exactly what they show.

    {% load fragments %}
    {% fragment "measure-figures" measure=measure rows=figure_rows %}
      ... markup using only measure and rows ...
    {% endfragment %}

The block is rendered with nothing but the values named in the tag (plus
the template's own tags and filters: no request, no CSP nonce, none of the
page's other context), and kept under a digest of those values: a model
instance counts by every field it has loaded and whatever related objects
were fetched with it (`select_related`, `prefetch_related`). So the key
*is* what the block shows: when a figure is approved or corrected, a post
edited or a measure's target moved, the values differ, the digest differs,
and the block is drawn afresh, with no signal, no change stamp and no
invalidation to forget. A draft, a staff preview or content under embargo
can only appear in a fragment rendered from values that hold it, and those
values make a key of their own, which a public page's values never match;
pages with a preview mode pass `preview=...` as well, so that even equal
values drawn for staff are kept apart.

What a fragment must not do: read anything not passed in (a relation not
fetched with the instance, which would be queried afresh and not be part of
the key), show anything that changes with the clock (an "overdue" worked
out from today: pass today's date in as a value), or use
`{% expand %}`/`{% explain %}`, whose words depend on what the page spelled
out before (and which need the request).

Independent of the whole-page cache (`PUBLIC_PAGE_CACHE_SECONDS`): a page
rendered afresh (staff, a new query string, the first request after any
change) still finds the fragments of everything that did not change.
`FRAGMENT_CACHE_SECONDS` (0 turns them off) bounds how long an unused one is
kept. If the cache fails, the block is rendered as if there were no cache.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)


# Values whose repr is all a template can show of them (checked by type, not
# isinstance, so a subclass with its own repr goes the long way).
_SCALARS = frozenset(
    {str, SafeString, int, float, bool, type(None), Decimal, date, datetime, bytes}
)


def _plain(value, seen: frozenset[int] = frozenset()):
    """`value` as something whose repr holds everything a template could show of it.

    Model instances by their loaded fields and the related objects fetched
    with them (their own repr is only their name); dataclasses by their
    fields; lists, tuples and dicts by their items. Called once per value
    that is not a plain scalar, so that keying a page's 120 rows costs a
    fraction of drawing them.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _SCALARS else _plain(v, seen) for v in value]
    if kind is dict:
        return {k: v if type(v) in _SCALARS else _plain(v, seen) for k, v in value.items()}
    if isinstance(value, Model):
        if id(value) in seen:  # a related object pointing back: keyed above
            return (value._meta.label, value.pk)
        seen = seen | {id(value)}
        fields = value.__dict__.items()
        return (
            value._meta.label,
            {k: v if type(v) in _SCALARS else _plain(v, seen) for k, v in fields if k[0] != "_"},
            {k: _plain(v, seen) for k, v in value._state.fields_cache.items()},
            {
                k: _plain(list(qs), seen)
                for k, qs in getattr(value, "_prefetched_objects_cache", {}).items()
            },
        )
    if hasattr(kind, "__dataclass_fields__"):
        fields = vars(value).items()
        return (
            kind.__qualname__,
            {k: v if type(v) in _SCALARS else _plain(v, seen) for k, v in fields},
        )
    if isinstance(value, Mapping):
        return _plain(dict(value), seen)
    if isinstance(value, list | tuple):
        return _plain(list(value), seen)
    return value


def key(name: str, values: Mapping[str, object]) -> str:
    plain = repr(_plain(dict(sorted(values.items()))))
    return f"fragment:{name}:{hashlib.sha256(plain.encode()).hexdigest()}"


def get(cache_key: str) -> str | None:
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return None
    try:
        return cache.get(cache_key)
    except Exception:
        logger.exception("Fragment cache unavailable; rendering without it")
        return None


def put(cache_key: str, html: str) -> None:
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return
    try:
        cache.set(cache_key, html, timeout=settings.FRAGMENT_CACHE_SECONDS)
    except Exception:
        logger.exception("Could not keep a fragment in the cache")
