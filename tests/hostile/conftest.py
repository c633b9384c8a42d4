"""Shared pieces for the hostile-input tests: a Hypothesis profile, database
snapshots, and what counts as "a message on the form"."""

from __future__ import annotations

import os

from django.db import connection
from hypothesis import HealthCheck, settings

# Small on purpose: these run on every `make test`. Raise HOSTILE_EXAMPLES for a
# longer hunt (e.g. HOSTILE_EXAMPLES=500 make test PYTEST_ARGS=tests/hostile).
settings.register_profile(
    "hostile",
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "30")),
    # The same inputs on every run, so CI passes or fails for a reason that
    # can be reproduced; HOSTILE_RANDOM=1 draws new ones for a longer hunt.
    derandomize=os.environ.get("HOSTILE_RANDOM", "") != "1",
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)
HOSTILE = settings(settings.get_profile("hostile"))
# For tests that visit many addresses per example, or one per model: fewer each.
WALK = settings(HOSTILE, max_examples=max(5, HOSTILE.max_examples // 3))

# Tables whose changes are not saved content: sessions (a preview or a message
# lives there) and sign-in attempt records.
NOT_CONTENT = ("django_session", "axes_")


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot() -> dict[str, list[str]]:
    """Every row of every table (but sessions), in a stable order."""
    tables = [t for t in connection.introspection.table_names() if not t.startswith(NOT_CONTENT)]
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (names from the schema)
            result[table] = sorted(repr(tuple(map(_plain, row))) for row in cursor.fetchall())
    return result


def changed_tables(before: dict, after: dict) -> set[str]:
    return {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}


def removed_or_changed(before: dict, after: dict, table: str) -> set[str]:
    """Rows of a table that were there before and are not, exactly, there after."""
    return set(before.get(table, [])) - set(after.get(table, []))


def assert_nothing_changed(before: dict, after: dict, what: str = "") -> None:
    changed = changed_tables(before, after)
    assert not changed, f"{what}: a refused submission changed {sorted(changed)}"


ERROR_MARKERS = (
    "govuk-error-message",
    "govuk-error-summary",
    'class="errornote',
    'class="errorlist',
)


def shows_a_message(response) -> bool:
    html = response.content.decode(errors="replace")
    return any(marker in html for marker in ERROR_MARKERS)


def assert_never_500(response, what) -> None:
    assert response.status_code < 500, f"{what}: answered {response.status_code}"
