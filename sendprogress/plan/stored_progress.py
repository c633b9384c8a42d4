"""A measure's latest approved figure and its progress, stored on the measure.

Public pages list measures with their latest figure and progress. Working
those out on every request (a subquery per column, every milestone of every
measure, the trajectory in Python) cost more than the rest of the page, so
they are worked out once, whenever one of their inputs changes, and kept in
`Measure.latest_value`, `latest_period`, `latest_denominator` (so that a list
can ask whether the figure is shown, figures.count_is_small) and
`progress_status`.

The inputs are the measure's approved figures (value, period, status), its
milestones, and its baseline, target, tolerance and direction. A refresh
runs on every save or delete of a figure or milestone and every save of a
measure, from any screen (the figure services, the admin and its inlines,
imports), inside the same transaction as the change, so a page never shows
a value its figures no longer give. Fixtures are saved raw, row by row: those
saves are skipped and `loaddata` (plan's own, management/commands/loaddata.py)
refreshes every measure once at the end of the load, in its transaction.

Writes that send no signals (`bulk_create()`, `QuerySet.update()`, raw SQL)
must call `refresh()` themselves, as `generate_large_data` and the 2023 demo
builder do; `manage.py refresh_stored_progress` refreshes every measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models.signals import post_delete, post_save

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
    from .models import Figure

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
    from .models import Measure

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
            # update(), not save(): no history row and no signal loop; the
            # change that called this has already retired the cached pages.
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


def _cached_measure(sender, instance):
    """The figure's or milestone's measure, if already loaded, to keep it in step."""
    field = sender._meta.get_field("measure")
    return field.get_cached_value(instance, None) if field.is_cached(instance) else None


def _on_input_change(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return  # a fixture: `loaddata` refreshes once when it has loaded them all
    refresh([instance.measure_id], instance=_cached_measure(sender, instance))


def _on_measure_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    refresh([instance.pk], instance=instance)


def connect() -> None:
    from .models import Figure, Measure, MeasureMilestone

    for model in (Figure, MeasureMilestone):
        uid = f"stored_progress.{model._meta.model_name}"
        post_save.connect(_on_input_change, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_on_input_change, sender=model, dispatch_uid=f"{uid}.delete")
    post_save.connect(_on_measure_saved, sender=Measure, dispatch_uid="stored_progress.measure")
