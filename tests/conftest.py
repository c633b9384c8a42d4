from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command

from sendprogress.accounts import roles as role_names
from sendprogress.accounts.roles import sync_roles
from tests.factories import make_user

TESTS = Path(__file__).resolve().parent
MIGRATION_REPLAYS = {"test_migrations.py", "test_findings_migration.py"}


def pytest_collection_modifyitems(items):
    """Mark what needs more than Python, so `-m` can choose: browser tests by
    their folder, PostgreSQL tests by the fixture that reaches the server, and
    the tests that replay migrations on an emptied database by their files
    (CI runs each of these once, not once per database run)."""
    for item in items:
        if (TESTS / "browser") in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
        if Path(item.path).name in MIGRATION_REPLAYS:
            item.add_marker(pytest.mark.migrations)
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts and ends with nothing cached, as a fresh server would."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content from fixtures/, as `make run` loads it. For a few smoke
    tests only: a test that asserts on content builds it with tests/factories."""
    call_command("loaddata", "fixtures/demo.json", "fixtures/glossary.json", verbosity=0)


@pytest.fixture
def no_page_cache(settings):
    """Pages rendered every time, for tests that count what a view itself does."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


# The staff roles, one member each. Migrations make the groups, but a
# transactional test's flush removes them, so they are synced again first.


@pytest.fixture
def roles(db):
    sync_roles(apps)


@pytest.fixture
def data_officer(roles):
    return make_user(role_names.DATA_OFFICER, username="dana")


@pytest.fixture
def approver(roles):
    return make_user(role_names.APPROVER, username="alex")


@pytest.fixture
def partner(roles):
    return make_user(role_names.PARTNER_VIEWER, username="pat")


@pytest.fixture
def writer(roles):
    """Staff who may write updates but not publish them."""
    from django.contrib.auth.models import Permission

    user = make_user(role_names.DATA_OFFICER, username="writer")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="updates", codename__in=["add_post", "change_post"]
        )
    )
    return user


@pytest.fixture
def demo_2023(db):
    """The made-up 2023-framework demo, as `make run DEMO=2023` builds it."""
    from sendprogress.demo import demo_2023 as content

    content.build()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)


# One finding, measure and plan of each demo, for tests that run on both.
DEMOS = {
    "central-bedfordshire": {
        "fixture": "demo",
        "finding": "ehcp-needs",
        "measure": "ehcp-20-weeks",
        "plan": "accelerated-progress-plan",
    },
    "2023": {
        "fixture": "demo_2023",
        "finding": "assessments-on-time",
        "measure": "new-plans-in-20-weeks",
        "plan": "priority-action-plan",
    },
}


@pytest.fixture(params=list(DEMOS), ids=list(DEMOS))
def any_demo(request, db):
    """Each demo in turn; the value names one finding, measure and plan in it."""
    wanted = DEMOS[request.param]
    request.getfixturevalue(wanted["fixture"])
    return wanted
