"""When a record that staff publish at a time is public: marked published,
and its publishing time has come. A record scheduled for later becomes
public by the passing of time alone, with no job needing to run first.

Updates (`updates.Post`) and "You said, we did" entries
(`engagement.YouSaidWeDid`) both keep `status` and `published_at`; their
QuerySets' `published()` and their `is_public` ask here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

PUBLISHED = "published"


def published(now: datetime | None = None) -> Q:
    """The condition for a QuerySet: published, at `now` (the present) or before."""
    return Q(status=PUBLISHED, published_at__lte=now or timezone.now())


def is_published(record: Any, now: datetime | None = None) -> bool:
    """The same condition, for one record already read."""
    return (
        record.status == PUBLISHED
        and record.published_at is not None
        and record.published_at <= (now or timezone.now())
    )
