from django.db import migrations, models


def store_latest_denominator(apps, schema_editor):
    """Each measure's latest approved figure's denominator, so that lists can
    leave out a figure whose count is too small to publish from the start."""
    Measure = apps.get_model("plan", "Measure")
    Figure = apps.get_model("plan", "Figure")
    for measure_id, period in Measure.objects.exclude(latest_period=None).values_list(
        "pk", "latest_period"
    ):
        denominator = (
            Figure.objects.filter(measure_id=measure_id, status="approved", period=period)
            .values_list("denominator", flat=True)
            .first()
        )
        if denominator is not None:
            Measure.objects.filter(pk=measure_id).update(latest_denominator=denominator)


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0008_stored_progress"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="latest_denominator",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(store_latest_denominator, migrations.RunPython.noop),
    ]
