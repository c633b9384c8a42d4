"""Inspections get a publication state; nothing of one is public before it.

Every inspection already here was public, so each is marked published and
keeps its publication date (one still to come now embargoes it, as it always
should have). New inspections start as drafts.
"""

from django.db import migrations, models

PUBLICATION_CHOICES = [
    ("draft", "Not public yet (draft)"),
    ("published", "Published (or scheduled, if the publication date is still to come)"),
]
PUBLICATION_HELP = (
    "Nothing of this inspection (its findings, judgements, plans) is public until it is "
    "published and its publication date has come"
)
PUBLISHED_ON = models.DateField(
    blank=True,
    help_text="When the report or letter is published. Until this day the inspection and "
    "everything about it stay embargoed; staff can preview them",
    null=True,
    verbose_name="publication date",
)


def _publication(default: str) -> models.CharField:
    return models.CharField(
        choices=PUBLICATION_CHOICES, default=default, help_text=PUBLICATION_HELP, max_length=20
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0010_evidence_taken_down"),
    ]

    operations = [
        # Added as "published", which every existing row takes, then given the
        # default new rows take.
        migrations.AddField("historicalinspection", "publication", _publication("published")),
        migrations.AddField("inspection", "publication", _publication("published")),
        migrations.AlterField("historicalinspection", "publication", _publication("draft")),
        migrations.AlterField("inspection", "publication", _publication("draft")),
        migrations.AlterField("historicalinspection", "published_on", PUBLISHED_ON),
        migrations.AlterField("inspection", "published_on", PUBLISHED_ON),
    ]
