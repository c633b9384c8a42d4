"""What a post or a subscription is about is a finding: the field says so.

"Area" meant a finding before findings had their own name; "local area" is
the council and NHS partnership, something else. Renames only: no data moves.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0004_post_search_vector"),
    ]

    operations = [
        migrations.RenameField(model_name="post", old_name="areas", new_name="findings"),
        migrations.RenameField(model_name="subscriber", old_name="areas", new_name="findings"),
        migrations.RenameField(
            model_name="subscriber", old_name="all_areas", new_name="all_findings"
        ),
    ]
