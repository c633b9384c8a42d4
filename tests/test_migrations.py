"""Migrations replay: an empty database reaches today's schema one migration at a time.

Each migration must run with only what it declares it depends on, so a new
database (or a local area's first install) never meets a migration that
needs something a later one makes.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

pytestmark = pytest.mark.django_db(transaction=True)

OUR_MIGRATIONS = sorted(
    key
    for key, migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.items()
    if type(migration).__module__.startswith("sendprogress.")
)


def _executor() -> MigrationExecutor:
    # A fresh executor reads which migrations are applied from the database.
    return MigrationExecutor(connection)


@pytest.fixture(autouse=True)
def _leave_the_database_migrated():
    # Later tests (and the flush after this one) need every table back.
    yield
    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _empty_the_database() -> None:
    # Dropped rather than migrated to zero: some third-party migrations
    # cannot be reversed, and a new install never reverses anything.
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    connection.disable_constraint_checking()
    try:
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}{cascade}")
    finally:
        connection.enable_constraint_checking()
    assert connection.introspection.table_names() == []


def test_an_empty_database_migrates_forward_one_migration_at_a_time():
    _empty_the_database()
    executor = _executor()
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert len(plan) > len(OUR_MIGRATIONS)
    for migration, backwards in plan:
        assert not backwards
        target = (migration.app_label, migration.name)
        _executor().migrate([target])
        assert target in _executor().loader.applied_migrations, target

    executor = _executor()
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_each_of_our_migrations_runs_with_only_what_it_declares():
    # `migrate <app> <name>` on a new database applies only the migration's
    # declared ancestors, so an undeclared need shows up here. One test, not
    # one per migration: each would re-migrate the whole graph afterwards.
    assert OUR_MIGRATIONS
    for target in OUR_MIGRATIONS:
        _empty_the_database()
        try:
            _executor().migrate([target])
        except Exception as error:  # name the migration that failed
            pytest.fail(f"{target[0]}.{target[1]} needs more than it declares: {error}")
        assert target in _executor().loader.applied_migrations, target


def test_migrate_on_an_empty_database_makes_the_role_groups():
    _empty_the_database()
    call_command("migrate", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Data officer",
        "Approver",
        "Partner viewer",
    }
    approver = Group.objects.get(name="Approver").permissions
    assert approver.filter(content_type__app_label="plan", codename="approve_figure").exists()
