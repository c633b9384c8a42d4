"""Writing comparator series: the confirmed half of the DfE import.

Kept apart from `services.py` (the figure workflow): comparators are
published statistics with no approval workflow of their own, and they are
public with their measure once imported by someone allowed to import them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from sendprogress.accounts.models import User
from sendprogress.accounts.permissions import StaffAction, require

from ..measures.models.measures import Measure
from .models import ComparatorSeries, ComparatorValue


@transaction.atomic
def import_comparator_series(
    *,
    measure: Measure,
    series: list[dict[str, Any]],
    source: str,
    release: str,
    released_on: date | None = None,
    file_name: str = "",
    by: User,
) -> int:
    """Create or update each series and its values; all of them or none.

    A value already held for a period is replaced (a new release revises
    earlier years); periods the file does not cover are kept, each with the
    release it came from. Returns how many values were written.
    """
    require(by, StaffAction.IMPORT_COMPARATORS)
    written = 0
    for position, item in enumerate(series):
        record, _ = ComparatorSeries.objects.update_or_create(
            measure=measure,
            label=item["label"],
            defaults={
                "kind": item["kind"],
                "geography_code": item["code"],
                "source": source,
                "release": release,
            },
            create_defaults={
                "kind": item["kind"],
                "geography_code": item["code"],
                "source": source,
                "release": release,
                "order": position,
            },
        )
        for value in item["values"]:
            ComparatorValue.objects.update_or_create(
                series=record,
                period=date.fromisoformat(value["period"]),
                defaults={
                    "period_label": value["period_label"],
                    "value": None if value["value"] is None else Decimal(value["value"]),
                    "published_value": value.get("published", ""),
                    "symbol": value["symbol"],
                    "release": release,
                    "released_on": released_on,
                    "file_name": file_name,
                },
            )
            written += 1
    return written
