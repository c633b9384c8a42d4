from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone

from sendprogress.updates.models import Post

from .. import story
from ..models import Finding, Inspection, Judgement, Kpi, Measurement, MonitoringEvent, Plan
from ..progress import Summary


def _latest_full_inspection(today):
    """The newest full inspection so far, with its findings' kinds."""
    return (
        Inspection.objects.filter(kind="inspection", date__lte=today)
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.only("kind", "inspection")))
        .order_by("-date")
        .first()
    )


def _latest_follow_up(after, today):
    """The newest revisit or monitoring inspection since `after`, with its judgements."""
    if after is None:
        return None
    return (
        Inspection.objects.filter(date__gt=after.date, date__lte=today)
        .exclude(kind="inspection")
        .prefetch_related(Prefetch("judgements", queryset=Judgement.objects.only("outcome", "inspection")))
        .order_by("-date")
        .first()
    )


def home(request):
    today = timezone.localdate()
    inspection = _latest_full_inspection(today)
    follow_up = _latest_follow_up(inspection, today)
    findings = list(Finding.objects.with_judgements())
    current_plan = Plan.objects.public().current()
    kpis = list(Kpi.objects.for_display().filter(plan=current_plan)) if current_plan else []
    by_finding: dict[int, list] = {}
    for kpi in kpis:
        for finding in kpi.findings.all():
            by_finding.setdefault(finding.pk, []).append(kpi)
    for finding in findings:
        finding.public_kpis = by_finding.get(finding.pk, [])
        finding.summary_of_progress = Summary.of(k.progress for k in finding.public_kpis)
    events = list(MonitoringEvent.objects.order_by("date"))
    context = {
        "inspection": inspection,
        "findings_named": story.findings_named(
            inspection.framework_info, (f.kind for f in inspection.findings.all())
        )
        if inspection and inspection.framework_info
        else "",
        "follow_up": follow_up,
        "follow_up_judgements": story.judgements_given(
            follow_up.framework_info, (j.outcome for j in follow_up.judgements.all())
        )
        if follow_up and follow_up.framework_info
        else "",
        "current_plan": current_plan,
        "monitored": [f for f in findings if f.is_monitored],
        "not_monitored": [f for f in findings if not f.is_monitored],
        "summary_of_progress": Summary.of(k.progress for k in kpis),
        "last_monitoring": next((e for e in reversed(events) if e.date <= today), None),
        "next_monitoring": next((e for e in events if e.date > today), None),
        "next_inspection": Inspection.objects.filter(date__gt=today).order_by("date").first(),
        "last_updated": Measurement.objects.public()
        .filter(approved_at__isnull=False)
        .order_by("-approved_at")
        .values_list("approved_at", flat=True)
        .first(),
        "latest_posts": Post.objects.published()[:3],
        "illustrative": any(k.illustrative for k in kpis),
    }
    return render(request, "plan/home.html", context)
