"""The set-up checklist: what a new local area still has to add before its site
tells the whole story, in the order it is best done, with where to do each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from sendprogress.plan.models import (
    Figure,
    Finding,
    Inspection,
    LocalArea,
    Measure,
    Plan,
    Publication,
)


@dataclass(frozen=True)
class Step:
    title: str
    done: bool
    what: str  # what "done" means, in plain words
    url: str
    link_text: str


def _admin(model: str, action: str = "changelist") -> str:
    return reverse(f"admin:plan_{model}_{action}")


def findings_ready(inspection: Inspection | None) -> bool:
    """Whether the inspection's findings have all their public pages show: at
    least one finding, and each with a plain-English summary; its owners, where
    the framework names them (the 2023 framework); the judgement of the
    inspection that named it (without one its page says "Not yet judged"); and
    the judgement of every revisit or monitoring inspection since that judges
    its kind (every area of significant weakness at a 2016 revisit, every
    priority action at a 2023 monitoring inspection). Three queries."""
    if inspection is None:
        return False
    findings = list(
        Finding.objects.filter(inspection=inspection).prefetch_related("owners", "judgements")
    )
    follow_ups = set(
        Inspection.objects.filter(
            framework=inspection.framework,
            date__gt=inspection.date,
            date__lte=timezone.localdate(),
        )
        .exclude(kind="inspection")
        .values_list("pk", flat=True)
    )
    for finding in findings:
        kind = finding.kind_info
        judged_by = {j.inspection_id for j in finding.judgements.all()}
        wanted = {inspection.pk} | (follow_ups if kind and kind.judged_at_follow_up else set())
        if (
            not finding.summary.strip()
            or (kind and kind.owned and not finding.owners.all())
            or not wanted <= judged_by
        ):
            return False
    return bool(findings)


def _publication(inspection: Inspection | None) -> tuple[bool, str]:
    """Whether the inspection is published (or scheduled), and what that means now."""
    what = (
        "Mark the inspection published, with the day its report is published. Until that "
        "day nothing of it (its findings, judgements, plans and measures) is public; signed-in "
        "staff can preview its pages."
    )
    if inspection is None or inspection.publication != Publication.PUBLISHED:
        return False, what
    if inspection.is_public:
        return True, "The inspection and everything about it are public."
    return True, (
        f"Scheduled: public from {format_date(inspection.published_on, 'j F Y')}. Until then "
        "signed-in staff can preview its pages."
    )


def _help_links(local_area) -> list[str]:
    return [
        local_area.sendiass_url,
        local_area.mediation_url,
        local_area.tribunal_url,
        local_area.complaints_url,
        local_area.local_offer_url,
    ]


def steps() -> list[Step]:
    """Each step of setting up the site, done or not. A handful of queries."""
    local_area = LocalArea.objects.first()
    inspection = Inspection.objects.filter(kind="inspection").order_by("-date").first()
    # Set up is set up, embargoed or not: staff prepare everything before it is public.
    plan = Plan.objects.current()
    measures = Measure.objects.filter(plan=plan) if plan else Measure.objects.none()
    incomplete = measures.filter(
        Q(baseline_value__isnull=True)
        | Q(baseline_date__isnull=True)
        | Q(target_value__isnull=True)
        | Q(target_date__isnull=True)
    )
    published, publication_what = _publication(inspection)
    return [
        Step(
            "Local area details",
            local_area is not None,
            "The name, the partners, the parent carer forum and how to get in touch.",
            reverse("admin:plan_localarea_change", args=[local_area.pk])
            if local_area
            else _admin("localarea", "add"),
            "Edit the local area details" if local_area else "Add the local area details",
        ),
        Step(
            "Where families can get help",
            local_area is not None and all(_help_links(local_area)),
            "Links to the local SEND information, advice and support service (SENDIASS), "
            "mediation, the SEND tribunal, complaints and the Local Offer, shown in the "
            "“Get help now” panel.",
            reverse("admin:plan_localarea_change", args=[local_area.pk])
            if local_area
            else _admin("localarea", "add"),
            "Add the help links" if local_area else "Add the local area details first",
        ),
        Step(
            "The inspection",
            inspection is not None,
            "The latest full inspection: its framework, dates, report and, for the 2023 "
            "framework, its overall outcome.",
            _admin("inspection") if inspection else _admin("inspection", "add"),
            "See the inspections" if inspection else "Add the inspection",
        ),
        Step(
            "Its findings",
            findings_ready(inspection),
            "Each area of weakness, priority action or area for improvement the report names, "
            "with a plain-English summary, who owns it (2023 framework), and each "
            "inspection's judgement of it: the one that named it, and any revisit since.",
            _admin("finding"),
            "See the findings",
        ),
        Step(
            "The plan",
            plan is not None,
            "The plan you are working to, marked current, with when and by whom it was "
            "approved and the findings it answers.",
            _admin("plan") if plan else _admin("plan", "add"),
            "See the plans" if plan else "Add the plan",
        ),
        Step(
            "Measures with baselines and targets",
            measures.exists() and not incomplete.exists(),
            "Every measure in the current plan has a starting point and a target, each with "
            "a date.",
            _admin("measure"),
            "See the measures",
        ),
        Step(
            "The first approved figures",
            Figure.objects.approved().filter(measure__in=measures).exists(),
            "At least one figure for the current plan's measures is approved, so the public "
            "pages show progress.",
            reverse("staff:data_due"),
            "Go to Data due",
        ),
        Step(
            "Publication",
            published,
            publication_what,
            reverse("admin:plan_inspection_change", args=[inspection.pk])
            if inspection
            else _admin("inspection", "add"),
            "Publish the inspection",
        ),
    ]
