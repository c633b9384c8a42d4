"""Move the old one-plan shape into findings and plans, losing nothing.

Before: areas of weakness, one plan named on the local area, and measures
and actions hanging off an area. After: every area is a finding of the 2016
framework named by the first inspection; the local area's plan is a Plan
record, current, answering the findings its measures and actions are about;
every measure and action belongs to that plan and to its old area's finding.

The words and keys this needs are frozen here (not read from
plan/story/frameworks.py), so the migration replays the same way however the
frameworks module grows.
"""

from django.db import migrations
from django.utils.text import slugify

FRAMEWORK_2016 = "2016"
SIGNIFICANT_WEAKNESS = "significant-weakness"
FULL_INSPECTION = "inspection"
CURRENT = "current"
# What each plan name was most likely to be, by words in it; else a strategic plan.
PLAN_KINDS = [
    ("accelerated", "app"),
    ("written statement", "wsoa"),
    ("priority action", "priority-action-plan"),
]
DEFAULT_PLAN_NAME = "Accelerated Progress Plan"
DEFAULT_PLAN_SHORT_NAME = "APP"


def _kind_for(name: str) -> str:
    lowered = name.lower()
    return next((kind for words, kind in PLAN_KINDS if words in lowered), "strategic-plan")


def forwards(apps, schema_editor):
    Inspection = apps.get_model("plan", "Inspection")
    Finding = apps.get_model("plan", "Finding")
    LocalArea = apps.get_model("plan", "LocalArea")
    Plan = apps.get_model("plan", "Plan")
    Measure = apps.get_model("plan", "Measure")
    Action = apps.get_model("plan", "Action")
    Permission = apps.get_model("auth", "Permission")

    # Everything recorded before frameworks existed was under the 2016 one.
    Inspection.objects.update(framework=FRAMEWORK_2016)
    first = (
        Inspection.objects.filter(kind=FULL_INSPECTION).order_by("date").first()
        or Inspection.objects.order_by("date").first()
    )
    Finding.objects.update(kind=SIGNIFICANT_WEAKNESS, inspection=first)

    measures = list(Measure.objects.all())
    actions = list(Action.objects.all())
    local_area = LocalArea.objects.first()
    if measures or actions or local_area:
        name = (local_area.plan_name if local_area else "") or DEFAULT_PLAN_NAME
        short = (local_area.plan_short_name if local_area else "") or DEFAULT_PLAN_SHORT_NAME
        latest = Inspection.objects.order_by("-date").first()
        plan = Plan.objects.create(
            kind=_kind_for(name),
            title=name,
            short_title=short,
            slug=slugify(name)[:50] or "plan",
            inspection=latest,
            status=CURRENT,
        )
        answered = set()
        for measure in measures:
            measure.plan = plan
            measure.save(update_fields=["plan"])
            measure.findings.add(measure.area_id)
            answered.add(measure.area_id)
        for action in actions:
            action.plan = plan
            action.save(update_fields=["plan"])
            action.findings.add(action.area_id)
            answered.add(action.area_id)
        plan.findings.set(sorted(answered))

    # The area permissions now hang from the finding content type under their
    # old names; the finding ones replace them (roles are re-synced after this).
    Permission.objects.filter(
        content_type__app_label="plan",
        codename__in=[f"{verb}_area" for verb in ("add", "change", "delete", "view")],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0003_findings_plans_and_monitoring"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Not reversible: the old shape cannot hold a measure with two findings.
    operations = [migrations.RunPython(forwards)]
