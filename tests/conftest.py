import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts and ends with nothing cached, as a fresh server would."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content from fixtures/, as `make run` loads it."""
    call_command("loaddata", "fixtures/demo.json", "fixtures/glossary.json", verbosity=0)


@pytest.fixture
def no_page_cache(settings):
    """Pages rendered every time, for tests that count what a view itself does."""
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def demo_2023(db):
    """The made-up 2023-framework demo, as `make run DEMO=2023` builds it."""
    from sendprogress.plan import demo_2023 as content

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
