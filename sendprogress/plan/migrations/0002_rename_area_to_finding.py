"""Areas of weakness become findings: the same rows, judgements and evidence links.

RenameModel keeps the table's rows (and renames the many-to-many columns of
posts and subscribers that point at it); the judgement and evidence fields
follow. The finding's new fields come in 0003, its data in 0004.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0001_initial"),
        # Posts and subscribers point at areas; they must exist to be moved along.
        ("updates", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="judgement", name="one_judgement_per_area_per_inspection"
        ),
        migrations.RenameModel("Area", "Finding"),
        migrations.RenameField("judgement", "area", "finding"),
        migrations.RenameField("evidence", "area", "finding"),
        migrations.RenameField("historicalevidence", "area", "finding"),
        migrations.AddConstraint(
            model_name="judgement",
            constraint=models.UniqueConstraint(
                fields=("inspection", "finding"), name="one_judgement_per_finding_per_inspection"
            ),
        ),
    ]
