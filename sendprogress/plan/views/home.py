from django.shortcuts import render
from django.utils import timezone

from ..measures.progress import Progress, Summary
from ..models import Figure, Finding, Inspection, Measure, MonitoringEvent, Plan
from ..story import sentences


def _story(today, inspections, findings) -> dict:
    """The latest full inspection and what it named; the latest revisit or monitoring
    inspection since, and what it judged; the next inspection expected. Worked out from
    every inspection, oldest first (a handful), and every finding with its judgements,
    already read, so the story costs no query of its own."""
    past = [i for i in inspections if i.date <= today]
    inspection = next((i for i in reversed(past) if i.kind == "inspection"), None)
    follow_up = (
        next(
            (i for i in reversed(past) if i.kind != "inspection" and i.date > inspection.date),
            None,
        )
        if inspection
        else None
    )
    kinds = [f.kind for f in findings if inspection and f.inspection_id == inspection.pk]
    outcomes = [
        j.outcome
        for f in findings
        for j in f.judgements.all()
        if follow_up and j.inspection_id == follow_up.pk
    ]
    return {
        "inspection": inspection,
        "findings_named": sentences.findings_named(inspection.framework_info, kinds)
        if inspection and inspection.framework_info
        else "",
        "follow_up": follow_up,
        "follow_up_judgements": sentences.judgements_given(follow_up.framework_info, outcomes)
        if follow_up and follow_up.framework_info
        else "",
        "next_inspection": next((i for i in inspections if i.date > today), None),
    }


def _measures_of(plan) -> tuple[dict[int, Progress], dict[int, list[int]], bool]:
    """The plan's public measures as plain values, in one query: each one's stored
    progress, the measures of each finding, and whether any is illustrative."""
    progress_of: dict[int, Progress] = {}
    by_finding: dict[int, list[int]] = {}
    illustrative = False
    if plan is None:
        return progress_of, by_finding, illustrative
    rows = (
        Measure.objects.public()
        .filter(plan=plan)
        .values_list("pk", "progress_status", "illustrative", "findings")
    )
    for pk, status, is_illustrative, finding_id in rows:
        progress_of[pk] = Progress(status)
        illustrative = illustrative or is_illustrative
        if finding_id is not None:
            by_finding.setdefault(finding_id, []).append(pk)
    return progress_of, by_finding, illustrative


def _findings_with_progress(progress_of, by_finding) -> list:
    """Every finding, each with the progress of the current plan's measures of it."""
    findings = list(Finding.objects.public().judged())
    for finding in findings:
        finding.public_measures = by_finding.get(finding.pk, [])
        finding.summary_of_progress = Summary.of(progress_of[pk] for pk in finding.public_measures)
    return findings


def home(request):
    today = timezone.localdate()
    current_plan = Plan.objects.public().current()
    progress_of, by_finding, illustrative = _measures_of(current_plan)
    findings = _findings_with_progress(progress_of, by_finding)
    events = list(MonitoringEvent.objects.public().order_by("date"))
    inspections = list(Inspection.objects.public().order_by("date", "pk"))
    context = _story(today, inspections, findings) | {
        "current_plan": current_plan,
        "monitored": [f for f in findings if f.is_monitored],
        "not_monitored": [f for f in findings if not f.is_monitored],
        "summary_of_progress": Summary.of(progress_of.values()),
        "last_monitoring": next((e for e in reversed(events) if e.date <= today), None),
        "next_monitoring": next((e for e in events if e.date > today), None),
        "last_updated": Figure.objects.public()
        .filter(approved_at__isnull=False)
        .order_by("-approved_at")
        .values_list("approved_at", flat=True)
        .first(),
        "illustrative": illustrative,
    }
    return render(request, "plan/home.html", context)
