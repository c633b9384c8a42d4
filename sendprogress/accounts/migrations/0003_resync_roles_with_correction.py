from django.db import migrations


def resync_roles(apps, schema_editor):
    # Approvers gain the new "correct an approved figure" permission; the
    # groups are re-synced from accounts/roles.py so they hold exactly ROLES.
    from sendprogress.accounts.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("plan", "0002_measurement_workflow_and_history"),
        ("updates", "0002_post_history"),
    ]

    operations = [migrations.RunPython(resync_roles, migrations.RunPython.noop)]
