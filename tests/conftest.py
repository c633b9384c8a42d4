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
