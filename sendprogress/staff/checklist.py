"""The set-up checklist: what a new local area still has to add before its site
tells the whole story, in the order it is best done, with where to do each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from sendprogress.plan.models import Figure, Finding, Inspection, LocalArea, Measure, Plan


@dataclass(frozen=True)
class Step:
    title: str
    done: bool
    what: str  # what "done" means, in plain words
    url: str
    link_text: str


def _admin(model: str, action: str = "changelist") -> str:
    return reverse(f"admin:plan_{model}_{action}")


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
    plan = Plan.objects.public().current()
    measures = Measure.objects.filter(plan=plan) if plan else Measure.objects.none()
    incomplete = measures.filter(
        Q(baseline_value__isnull=True)
        | Q(baseline_date__isnull=True)
        | Q(target_value__isnull=True)
        | Q(target_date__isnull=True)
    )
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
            inspection is not None and Finding.objects.filter(inspection=inspection).exists(),
            "Each area of weakness, priority action or area for improvement the report names, "
            "with who owns it.",
            _admin("finding", "add"),
            "Add a finding",
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
    ]
