"""Where the plan stood on a date, worked out from the history tables.

Only what the public may see goes in: measures, figures and actions are
read through the same public QuerySets as the public pages (so nothing of a
draft plan is ever frozen into a public report), and then taken as they
stood at the end of `as_at`: the history knows what was approved then and
with which value, so a figure approved later is left out and a figure
corrected later keeps its value of the time. Records with no history at all
(loaded from fixtures, which bypass it) are taken as they are now, when
their approval came before the date.

Under each measure go the actions not yet done that share one of its
findings, in its own plan: the actions addressing what it measures.

The result is plain JSON (strings and numbers), stored as the frozen
content of a published report.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Prefetch
from django.utils import timezone

from sendprogress.plan.measures.figures import count_is_small, shown_value
from sendprogress.plan.measures.progress import Progress
from sendprogress.plan.models import (
    Action,
    Figure,
    Inspection,
    Measure,
    MeasureMilestone,
    MonitoringEvent,
)

EXCEPTIONS = (Progress.OFF_TRACK, Progress.AT_RISK)


def end_of(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time.max))


def _as_they_stood(public, cutoff, **filters):
    """Rows of the `public` QuerySet as they were at `cutoff` (those it holds
    now, in their state of then); rows with no history as they are now."""
    model = public.model
    then = list(model.history.as_of(cutoff).filter(id__in=public.values("pk"), **filters))
    with_history = set(model.history.values_list("id", flat=True).distinct())
    now = [row for row in public.filter(**filters) if row.pk not in with_history]
    return then, now


def _figures(measures, as_at: date, cutoff) -> dict[int, Figure]:
    """Each measure's latest approved figure (by period) as it stood at `cutoff`."""
    public = Figure.objects.public().filter(measure__in=measures)
    # The status as it was then: a figure approved after the date is left out.
    filters = {"status": Figure.Status.APPROVED, "period__lte": as_at}
    then, now = _as_they_stood(public, cutoff, **filters)
    now = [f for f in now if f.approved_at is not None and f.approved_at <= cutoff]
    latest: dict[int, Figure] = {}
    for figure in [*then, *now]:
        current = latest.get(figure.measure_id)
        if current is None or figure.period > current.period:
            latest[figure.measure_id] = figure
    return latest


def _actions(cutoff) -> list[Action]:
    """Public actions as they stood at `cutoff`, each with `finding_ids` (its links now)."""
    public = Action.objects.public()
    then, now = _as_they_stood(public, cutoff)
    links: dict[int, set[int]] = {}
    for action_id, finding_id in Action.findings.through.objects.filter(
        action__in=public
    ).values_list("action_id", "finding_id"):
        links.setdefault(action_id, set()).add(finding_id)
    actions = sorted([*then, *now], key=lambda a: (a.plan_id or 0, a.order, a.title))
    for action in actions:
        action.finding_ids = links.get(action.pk, set())
    return actions


def _measure_row(measure, figure, actions) -> dict:
    finding_ids = {f.pk for f in measure.findings.all()}
    if figure is None:
        status = Progress.NO_DATA
        expected = None
    else:
        status = measure.assess(figure.value, figure.period)
        expected = measure.expected_on(figure.period)
    return {
        "code": measure.code,
        "title": measure.title,
        # Kept under its first name, "area", so reports published before keep reading.
        "area": ", ".join(f.short_title for f in measure.findings.all()),
        "period": f"{figure.period:%B %Y}" if figure else "",
        "figure": shown_value(
            figure.value, suppressed=count_is_small(figure.denominator), measure=measure
        )
        if figure
        else "No approved figure",
        "expected": measure.format(expected) if expected is not None else "Not set",
        "target": measure.format(measure.target_value) if measure.target_value is not None else "",
        "progress": status.value,
        "progress_label": status.label,
        "commentary": figure.commentary if figure else "",
        "actions": [
            {"title": a.title, "status": a.get_status_display(), "owner": a.owner_role}
            for a in actions
            if a.plan_id == measure.plan_id
            and a.finding_ids & finding_ids
            and a.status != Action.Status.DONE
        ],
    }


def _changes(rows: list[dict], previous: dict | None) -> list[str]:
    if previous is None:
        return []
    before = {row["code"]: row for row in previous["measures"]}
    changes = []
    for row in rows:
        old = before.get(row["code"])
        if old is None:
            changes.append(f"{row['title']}: new in this report.")
            continue
        if old["period"] != row["period"] and row["period"]:
            changes.append(f"{row['title']}: a new figure for {row['period']}, {row['figure']}.")
        if old["progress"] != row["progress"]:
            changes.append(
                f"{row['title']}: progress went from {old['progress_label'].lower()} "
                f"to {row['progress_label'].lower()}."
            )
    return changes


def build(as_at: date, *, previous=None) -> dict:
    """The report's content for `as_at`; `previous` is the last published report before it."""
    cutoff = end_of(as_at)
    measures = list(
        Measure.objects.public().prefetch_related(
            "findings",
            Prefetch("milestones", queryset=MeasureMilestone.objects.order_by("date")),
        )
    )
    figures = _figures(measures, as_at, cutoff)
    actions = _actions(cutoff)
    rows = [_measure_row(measure, figures.get(measure.pk), actions) for measure in measures]
    order = {Progress.OFF_TRACK.value: 0, Progress.AT_RISK.value: 1}
    exceptions = sorted(
        (r for r in rows if r["progress"] in order), key=lambda r: order[r["progress"]]
    )
    overdue = [
        {
            "title": a.title,
            "status": a.get_status_display(),
            "owner": a.owner_role,
            "due": f"{a.due_date.day} {a.due_date:%B %Y}",
        }
        for a in actions
        if a.due_date and a.due_date < as_at and a.status != Action.Status.DONE
    ]
    # The latest inspection or monitoring event (a stocktake, a review) by then.
    event = max(
        (
            e
            for e in (
                Inspection.objects.public().filter(date__lte=as_at).order_by("-date").first(),
                MonitoringEvent.objects.public().filter(date__lte=as_at).order_by("-date").first(),
            )
            if e is not None
        ),
        key=lambda e: e.date,
        default=None,
    )
    return {
        "as_at": as_at.isoformat(),
        # Demo content says so wherever its figures show, the report included.
        "illustrative": any(measure.illustrative for measure in measures),
        "measures": rows,
        "exceptions": exceptions,
        "overdue_actions": overdue,
        "changes": _changes(rows, previous.content if previous else None),
        "previous": previous.as_at.isoformat() if previous else None,
        "latest_event": {
            "title": event.title,
            "kind": event.get_kind_display(),
            "date": f"{event.date.day} {event.date:%B %Y}",
        }
        if event
        else None,
    }
