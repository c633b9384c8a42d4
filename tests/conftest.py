from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from sendprogress.accounts import roles as role_names
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
    _group_by_shared_content(items)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts and ends with nothing cached, as a fresh server would."""
    cache.clear()
    yield
    cache.clear()


def _load_demo():
    call_command("loaddata", "fixtures/demo.json", "fixtures/glossary.json", verbosity=0)


def _build_demo_2023():
    from sendprogress.demo import demo_2023 as content

    content.build()
    call_command("loaddata", "fixtures/glossary.json", verbosity=0)


@pytest.fixture
def demo(db):
    """The demo content from fixtures/, as `make run` loads it. For a few smoke
    tests only: a test that asserts on content builds it with tests/factories."""
    if _shared.loaded != "demo":
        _load_demo()


@pytest.fixture
def no_page_cache(settings):
    """Pages rendered every time, for tests that count what a view itself does."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


# The staff roles, one member each. The role groups are there already:
# `migrate` makes them, and so does the flush after a transactional test (both
# send post_migrate, on which accounts/roles.py syncs them).


@pytest.fixture
def roles(db):
    """The role groups, as every migrated database has them."""


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
    if _shared.loaded != "demo_2023":
        _build_demo_2023()


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


# Shared content: a demo loaded once for a run of tests that each want it.
#
# Loading a demo takes a quarter of a second (fixtures/demo.json) to two and a
# half (the 2023 demo), and some 380 tests want one. A test that wants a demo
# (through `demo`, `demo_2023` or `any_demo`) and runs in a transaction rolled
# back at its end (pytest-django's `db`, not `transactional_db`) finds it
# already loaded by the test before it where that one wanted the same demo:
# the demo is loaded in a transaction around the tests, each test runs in a
# savepoint inside it and is rolled back to it, so no test sees another's
# changes. The first test that wants something else rolls the demo back
# first; the tests of each file are put in groups that want the same demo.
SHARED_CONTENT = {"demo": _load_demo, "demo_2023": _build_demo_2023}


def _wanted_content(item) -> str | None:
    """The demo this test wants loaded before it, if it can share one."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return None
    transactional = {"transactional_db", "live_server", "django_db_reset_sequences"}
    if transactional & set(names) or "django_db_serialized_rollback" in names:
        return None
    if "any_demo" in names and hasattr(item, "callspec"):
        return DEMOS[item.callspec.params["any_demo"]]["fixture"]
    wanted = [name for name in SHARED_CONTENT if name in names]
    return wanted[0] if len(wanted) == 1 else None


def _group_by_shared_content(items) -> None:
    """Within each file, first the tests that want no demo, then those that
    want each demo, so that each demo is loaded about once per file."""
    order = [None, *SHARED_CONTENT]
    position = {}
    for index, item in enumerate(items):
        position.setdefault(item.path, index)
    items.sort(key=lambda item: (position[item.path], order.index(_wanted_content(item))))


class _SharedContent:
    loaded: str | None = None
    _atomic = None

    def load(self, name: str) -> None:
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        # As a test's own transaction is marked, so that a durable block in
        # the loading code behaves as it does inside a test.
        self._atomic._from_testcase = True
        self.loaded = name
        SHARED_CONTENT[name]()

    def intact(self) -> bool:
        """False once something closed the connection its transaction was on
        (which rolled the transaction back, demo and all)."""
        return self._atomic in transaction.get_connection().atomic_blocks

    def release(self) -> None:
        if self._atomic is not None and self.intact():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self.loaded = None


_shared = _SharedContent()


@pytest.fixture(scope="session")
def _shared_content_store(django_db_setup, django_db_blocker):
    yield _shared
    with django_db_blocker.unblock():
        _shared.release()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Roll the shared demo back before the next test's fixtures are set up
    when that test wants something else: a session fixture it is the first to
    need (the live server, say) may open a new connection."""
    if _shared.loaded is not None and _wanted_content(item) != _shared.loaded:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _shared.release()


@pytest.fixture
def _shared_content(request, _shared_content_store, django_db_blocker):
    wanted = _wanted_content(request.node)
    if _shared.loaded is not None and not _shared.intact():
        _shared.release()
    if _shared.loaded != wanted:
        with django_db_blocker.unblock():
            _shared.release()
            if wanted:
                cache.clear()
                _shared.load(wanted)


@pytest.fixture
def _django_db_helper(_shared_content, _django_db_helper):
    """pytest-django's own, which starts each test's transaction (or, for a
    transactional test, empties the database after it), entered after the
    shared content is loaded or rolled back."""
    return _django_db_helper
