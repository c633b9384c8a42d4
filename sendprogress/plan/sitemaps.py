"""The plan's addresses in sitemap.xml: public findings, plans and measures,
each with the local date its page last changed.

A page changes when the thing itself is edited (its history), when it is
published (its own or its inspection's publication date), and, for a
measure, when one of its figures is approved or corrected; a finding or a
plan changes with its public measures. Only public things and approved
figures count, so nothing embargoed, draft or waiting for approval moves a
date the public can read.
"""

from collections.abc import Iterator
from datetime import date, datetime

from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from sendprogress.core.addresses import address_of

from .models import Figure, Finding, Measure, Plan

Entry = tuple[str, date | None, str]


def _day(moment: date | datetime | None) -> date | None:
    if isinstance(moment, datetime):
        return timezone.localdate(moment)
    return moment


def _latest(*moments: date | datetime | None) -> date | None:
    days = [day for day in map(_day, moments) if day is not None]
    return max(days, default=None)


def _edited(model) -> dict[int, datetime]:
    """When each row of `model` was last saved, from its history."""
    return dict(
        model.history.values_list("id").annotate(at=Max("history_date")).values_list("id", "at")
    )


def sitemap_entries() -> Iterator[Entry]:
    measures = Measure.objects.public()
    figures_changed = dict(
        Figure.objects.public()
        .values_list("measure_id")
        .annotate(
            at=Max(Greatest("approved_at", Coalesce("corrected_at", "approved_at"))),
        )
        .values_list("measure_id", "at")
    )
    measure_edited = _edited(Measure)
    rows = measures.order_by("code").values_list(
        "pk", "code", "plan_id", "plan__published_on", "plan__inspection__published_on"
    )
    measure_changed: dict[int, date | None] = {}
    measure_plan: dict[int, int | None] = {}
    address = address_of("plan:measure_detail")
    measure_rows = []
    for pk, code, plan_id, plan_published, inspection_published in rows:
        changed = _latest(
            measure_edited.get(pk), figures_changed.get(pk), plan_published, inspection_published
        )
        measure_changed[pk], measure_plan[pk] = changed, plan_id
        measure_rows.append((address(code), changed, ""))

    finding_measures = Measure.findings.through.objects.filter(measure__in=measures).values_list(
        "finding_id", "measure_id"
    )
    by_finding: dict[int, list[date | None]] = {}
    for finding_id, measure_id in finding_measures:
        by_finding.setdefault(finding_id, []).append(measure_changed[measure_id])
    finding_edited = _edited(Finding)
    address = address_of("plan:finding_detail")
    for pk, slug, published in (
        Finding.objects.public()
        .order_by("order")
        .values_list("pk", "slug", "inspection__published_on")
    ):
        changed = _latest(finding_edited.get(pk), published, *by_finding.get(pk, ()))
        yield address(slug), changed, ""

    by_plan: dict[int, list[date | None]] = {}
    for measure_id, plan_id in measure_plan.items():
        if plan_id is not None:
            by_plan.setdefault(plan_id, []).append(measure_changed[measure_id])
    plan_edited = _edited(Plan)
    address = address_of("plan:plan_detail")
    for pk, slug, published, inspection_published in (
        Plan.objects.public()
        .order_by("pk")
        .values_list("pk", "slug", "published_on", "inspection__published_on")
    ):
        changed = _latest(
            plan_edited.get(pk), published, inspection_published, *by_plan.get(pk, ())
        )
        yield address(slug), changed, ""

    yield from measure_rows
