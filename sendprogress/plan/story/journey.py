"""The journey: every inspection, plan, monitoring event and other step, in date order.

Each kind of record becomes a `Step`, so the timeline template knows one
shape. Only what is public becomes a step: draft plans are left out, and a
monitoring event's summary shows only once it is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models.inspections import Inspection, JourneyStep, MonitoringEvent
from .models.plans import Plan


@dataclass(frozen=True)
class Step:
    date: date
    title: str
    kind: str
    description: str = ""
    date_is_approximate: bool = False
    url: str = ""


def _inspection_steps(inspection: Inspection) -> list[Step]:
    framework = inspection.framework_info
    lines = [inspection.summary]
    if outcome := inspection.outcome_info:
        lines.append(f"Overall outcome: “{outcome.words}”")
    steps = [
        Step(
            date=inspection.date,
            title=f"{inspection.title}: {inspection.bodies}",
            kind=inspection.kind_label
            + (f", {framework.name}" if framework and inspection.kind == "inspection" else ""),
            description=" ".join(line for line in lines if line),
        )
    ]
    if inspection.published_on:
        steps.append(
            Step(
                date=inspection.published_on,
                title=f"{inspection.title}: report published",
                kind=inspection.kind_label,
            )
        )
    return steps


def _plan_steps(plan: Plan) -> list[Step]:
    steps = []
    if plan.submitted_on:
        steps.append(Step(plan.submitted_on, f"{plan.name} submitted", "Plan"))
    if plan.approved_on:
        by = f" by {plan.approved_by}" if plan.approved_by else ""
        steps.append(
            Step(
                plan.approved_on,
                f"{plan.name} approved{by}",
                "Plan",
                plan.summary,
                url=plan.get_absolute_url(),
            )
        )
    if plan.published_on:
        steps.append(
            Step(plan.published_on, f"{plan.name} published", "Plan", url=plan.get_absolute_url())
        )
    if plan.ends_on:
        steps.append(Step(plan.ends_on, f"{plan.name}: targets fall due", "Plan"))
    return steps


def _event_step(event: MonitoringEvent) -> Step:
    return Step(
        date=event.date,
        title=event.title,
        kind=f"{event.get_kind_display()} by {event.who}",
        description=event.published_summary,
    )


def _other_step(step: JourneyStep) -> Step:
    return Step(
        date=step.date,
        title=step.title,
        kind=step.get_kind_display(),
        description=step.description,
        date_is_approximate=step.date_is_approximate,
    )


def steps() -> list[Step]:
    """Every public step of the journey, oldest first. Four queries."""
    found: list[Step] = []
    for inspection in Inspection.objects.public():
        found += _inspection_steps(inspection)
    for plan in Plan.objects.public():
        found += _plan_steps(plan)
    found += [_event_step(e) for e in MonitoringEvent.objects.public()]
    found += [_other_step(step) for step in JourneyStep.objects.all()]
    return sorted(found, key=lambda step: step.date)
