import os

from django.db import connection


def test_the_suite_runs_on_the_database_ci_asked_for():
    """CI sets EXPECT_DB_VENDOR so a run meant for PostgreSQL can never pass on SQLite."""
    expected = os.environ.get("EXPECT_DB_VENDOR")
    if expected:
        assert connection.vendor == expected
    else:
        assert connection.vendor in {"sqlite", "postgresql"}
