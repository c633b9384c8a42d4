"""What an entry or a piece of feedback is about is a finding: the field says so.

"Area" meant a finding before findings had their own name; "local area" is
the council and NHS partnership, something else. Renames only: no data moves.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0003_starter_search_synonyms"),
    ]

    operations = [
        migrations.RenameField(model_name="yousaidwedid", old_name="areas", new_name="findings"),
        migrations.RenameField(model_name="feedback", old_name="area", new_name="finding"),
    ]
