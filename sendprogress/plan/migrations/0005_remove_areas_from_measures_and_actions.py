"""The old links, now that 0004 has moved their data: a measure's and an action's
area (now its findings and plan), and the plan name on the local area (now a Plan)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plan", "0004_move_areas_and_plan_to_findings_and_plans")]

    operations = [
        migrations.RemoveField(
            model_name="action",
            name="area",
        ),
        migrations.RemoveField(
            model_name="historicalaction",
            name="area",
        ),
        migrations.RemoveField(
            model_name="historicalmeasure",
            name="area",
        ),
        migrations.RemoveField(
            model_name="localarea",
            name="plan_name",
        ),
        migrations.RemoveField(
            model_name="localarea",
            name="plan_short_name",
        ),
        migrations.RemoveField(
            model_name="measure",
            name="area",
        ),
    ]
