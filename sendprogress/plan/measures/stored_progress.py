"""A measure's latest approved figure and its progress, stored on the measure.

Public pages list measures with their latest figure and progress. Working
those out on every request (a subquery per column, every milestone of every
measure, the trajectory in Python) cost more than the rest of the page, so
they are worked out once, whenever one of their inputs changes, and kept in
`Measure.latest_value`, `latest_period`, `latest_denominator` (so that a list
can ask whether the figure is shown, figures.count_is_small) and
`progress_status`.

The inputs are the measure's approved figures (value, period, status), its
milestones, and its baseline, target, tolerance and direction. Whatever
changes one calls `refresh()` itself, inside the same transaction as the
change, so a page never shows a value its figures no longer give. No signal
does it: a reader following a write sees the refresh. The writers are

- the figure services (`services._save`, under every step of the workflow
  and the CSV import),
- the admin: `MeasureAdmin.save_related` (the measure and its milestone
  inline), `FigureAdmin.delete_model` and `delete_queryset` (figures are
  saved there through the services),
- `loaddata` (plan's own, management/commands/loaddata.py), which refreshes
  every measure once at the end of a load of measures, figures or milestones,
- the demo builders (`generate_large_data`, the 2023 demo), after their
  bulk writes, and the test factories (`tests/factories.py`).

A new screen or script that writes one of the inputs must call `refresh()`
too; `manage.py refresh_stored_progress` mends any that did not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import progress


@dataclass(frozen=True)
class Stored:
    latest_value: Decimal | None
    latest_period: date | None
    latest_denominator: int | None
    progress_status: progress.Progress


def derive(measure) -> Stored:
    """What the derivation rules give for a measure, read afresh: its latest approved
    figure, judged by `Measure.assess` (trajectory, tolerance, direction)."""
    from .models.measures import Figure

    latest = (
        Figure.objects.approved()
        .filter(measure_id=measure.pk)
        .order_by("-period")
        .values_list("value", "period", "denominator")
        .first()
    )
    value, period, denominator = latest or (None, None, None)
    return Stored(
        latest_value=value,
        latest_period=period,
        latest_denominator=denominator,
        progress_status=measure.assess(value, period),
    )


def refresh(measure_ids: Iterable[int] | None = None, *, instance=None) -> int:
    """Work out and store the latest figure and progress of these measures (all
    when None). `instance`, an in-memory measure among them, is updated too."""
    from .models.measures import Measure

    measures = Measure.objects.all()
    if measure_ids is not None:
        measures = measures.filter(pk__in=list(measure_ids))
    done = 0
    for measure in measures.only(
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "tolerance",
        "higher_is_better",
        "latest_value",
        "latest_period",
        "latest_denominator",
        "progress_status",
    ):
        stored = derive(measure)
        current = Stored(
            measure.latest_value,
            measure.latest_period,
            measure.latest_denominator,
            measure.progress_status,
        )
        if stored != current:
            # update(), not save(): no history row; the change that called
            # this has already retired the cached pages.
            Measure.objects.filter(pk=measure.pk).update(
                latest_value=stored.latest_value,
                latest_period=stored.latest_period,
                latest_denominator=stored.latest_denominator,
                progress_status=stored.progress_status,
            )
        if instance is not None and instance.pk == measure.pk:
            _copy(stored, instance)
        done += 1
    return done


def _copy(stored: Stored, measure) -> None:
    measure.latest_value = stored.latest_value
    measure.latest_period = stored.latest_period
    measure.latest_denominator = stored.latest_denominator
    measure.progress_status = stored.progress_status
    measure.__dict__.pop("progress", None)
    measure.__dict__.pop("_trajectory", None)
