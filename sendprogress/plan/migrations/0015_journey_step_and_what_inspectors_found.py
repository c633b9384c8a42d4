"""Names that mean one thing each (issue #25).

- `Judgement.findings` (the inspectors' words) becomes `what_inspectors_found`:
  everywhere else `findings` is a relation to `Finding`.
- `Milestone` (a dated step of the journey) becomes `JourneyStep`, so that a
  milestone is only ever a measure's interim target (`MeasureMilestone`).

Django renames the content type with the model; its permissions keep their old
codenames (`add_milestone`, ...), so they are renamed here too: whoever held
them directly keeps them, and the roles synced after `migrate` find the new ones.
"""

from django.db import migrations

VERBS = ("add", "change", "delete", "view")


def _rename_permissions(apps, old: str, new: str, new_words: str) -> None:
    Permission = apps.get_model("auth", "Permission")
    for verb in VERBS:
        for permission in Permission.objects.filter(
            content_type__app_label="plan", codename=f"{verb}_{old}"
        ):
            if Permission.objects.filter(
                content_type=permission.content_type, codename=f"{verb}_{new}"
            ).exists():
                permission.delete()
                continue
            permission.codename = f"{verb}_{new}"
            permission.name = f"Can {verb} {new_words}"
            permission.save(update_fields=["codename", "name"])


def forwards(apps, schema_editor) -> None:
    _rename_permissions(apps, "milestone", "journeystep", "journey step")


def backwards(apps, schema_editor) -> None:
    _rename_permissions(apps, "journeystep", "milestone", "milestone")


class Migration(migrations.Migration):
    dependencies = [
        ("plan", "0014_reporting_starts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameField(
            model_name="judgement", old_name="findings", new_name="what_inspectors_found"
        ),
        migrations.RenameField(
            model_name="historicaljudgement",
            old_name="findings",
            new_name="what_inspectors_found",
        ),
        migrations.RenameModel(old_name="Milestone", new_name="JourneyStep"),
        migrations.RunPython(forwards, backwards),
    ]
