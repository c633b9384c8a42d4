"""On PostgreSQL only: a stored, indexed full-text search vector for updates.

Updates are what there is most of (thousands, each with a long body); working
their search vectors out at every search made one search cost seconds
(docs/operations.md, "Site search"). PostgreSQL keeps this column itself (a
generated column), whatever writes an update: the staff pages, the admin, the
imports, `loaddata` or `generate_large_data`'s bulk inserts. The model does not
declare it, because SQLite cannot compute it and searches without it;
`engagement/search.py` reads it by name. Its expression must stay the one
search.py would otherwise work out: the title weighted A, the summary and body B.
"""

from django.db import migrations

COLUMN = """
ALTER TABLE updates_post ADD COLUMN search_vector tsvector
GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
    || setweight(
        to_tsvector('english'::regconfig, COALESCE(summary, '') || ' ' || COALESCE(body, '')),
        'B'
    )
) STORED
"""
INDEX = "CREATE INDEX updates_post_search_vector ON updates_post USING gin (search_vector)"
DROP = "ALTER TABLE updates_post DROP COLUMN IF EXISTS search_vector"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COLUMN)
        schema_editor.execute(INDEX)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)  # drops its index with it


class Migration(migrations.Migration):
    dependencies = [("updates", "0003_post_images")]

    operations = [migrations.RunPython(add, remove)]
