"""The starter list of search synonyms, on every site (both demos and a fresh
local area all run migrate). Staff change it afterwards in the admin; the list
is frozen here, so this migration replays the same on an empty database."""

from django.db import migrations

# (term, also means, both ways)
STARTER = [
    ("ASD", "autism", True),
    ("ASD", "autistic spectrum", True),
    ("ASC", "autism", True),
    ("EHCP", "EHC plan", True),
    ("EHCP", "education, health and care plan", True),
    ("coproduction", "co-production", True),
    ("letters", "communication", True),
    ("tribunal", "SEND appeals", True),
    ("tribunal", "First-tier Tribunal", True),
    ("late", "on time", False),
    ("late", "timeliness", False),
    ("late", "delay", True),
    ("late", "20 weeks", False),
]


def add(apps, schema_editor):
    SearchSynonym = apps.get_model("engagement", "SearchSynonym")
    for term, also_means, both_ways in STARTER:
        SearchSynonym.objects.get_or_create(
            term=term, also_means=also_means, defaults={"both_ways": both_ways}
        )


def remove(apps, schema_editor):
    SearchSynonym = apps.get_model("engagement", "SearchSynonym")
    for term, also_means, _ in STARTER:
        SearchSynonym.objects.filter(term=term, also_means=also_means).delete()


class Migration(migrations.Migration):
    dependencies = [("engagement", "0002_search_synonym")]

    operations = [migrations.RunPython(add, remove)]
