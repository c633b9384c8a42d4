"""With a shared cache (Redis), each process keeps the pages it lately served,
so that a hit asks the shared cache for the public content version alone."""

import pytest
from django.core.cache import cache

from sendprogress.caching import versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(settings):
    settings.PUBLIC_PAGE_CACHE_SHARED = True
    versions._local_pages.clear()
    yield
    versions._local_pages.clear()


class Spy:
    def __init__(self, monkeypatch):
        self.keys: list[str] = []
        for name in ("get", "get_many"):
            original = getattr(cache, name)

            def spy(key, *args, _original=original, **kwargs):
                self.keys += key if isinstance(key, list) else [key]
                return _original(key, *args, **kwargs)

            monkeypatch.setattr(cache, name, spy)


def test_a_hit_on_a_page_held_here_reads_only_the_version(client, measure, shared, monkeypatch):
    first = client.get("/measures/the-measure/")
    spy = Spy(monkeypatch)
    second = client.get("/measures/the-measure/")
    assert second.content == first.content
    assert spy.keys == [versions.CACHE_KEY]


def test_a_page_held_here_is_not_served_after_a_change(client, measure, shared):
    from tests.factories import make_post

    client.get("/updates/")
    assert len(versions._local_pages) == 1
    make_post(title="Brand new words", slug="new")
    assert "Brand new words" in client.get("/updates/").content.decode()


def test_a_newer_page_stored_by_another_process_is_used(client, measure, shared):
    client.get("/glossary/")
    key, held = next(iter(versions._local_pages.items()))
    # Another process: the version moves on, and it stores the page it drew.
    versions._bump_shared_cache()
    newer = type(held)(**{**held.__dict__, "version": versions.current(), "content": b"newer"})
    cache.set(key, newer)
    assert client.get("/glossary/").content == b"newer"
    assert versions._local_pages[key] is not held


def test_only_so_many_pages_are_held(client, measure, shared, monkeypatch):
    monkeypatch.setattr(versions, "LOCAL_PAGES", 2)
    for path in ("/", "/glossary/", "/measures/", "/updates/"):
        client.get(path)
    assert len(versions._local_pages) == 2
