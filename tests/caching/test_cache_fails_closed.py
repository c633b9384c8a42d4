"""A broken cache never keeps what is no longer public on the site.

The cache backend is made to fail the way Redis does: refusing writes when
its memory is full (reads and deletes still work), or refusing everything.
A withdrawn post must be gone on the very next request all the same.
"""

import pytest
from django.core.cache import caches

from sendprogress.caching import versions
from sendprogress.caching.models import PublicContentVersion
from sendprogress.plan.models import Figure
from sendprogress.updates.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db


class Refused(Exception):
    """What redis-py raises: OOM command not allowed when used memory > 'maxmemory'."""


def _refuse(*args, **kwargs):
    raise Refused("OOM command not allowed when used memory > 'maxmemory'.")


@pytest.fixture(autouse=True)
def no_bump_left_over():
    yield
    versions._failed_bump = None


@pytest.fixture
def shared(settings):
    settings.PUBLIC_PAGE_CACHE_SHARED = True


@pytest.fixture
def refuse(monkeypatch):
    """Make the cache refuse the named operations."""

    def refuse(*operations):
        for operation in operations:
            monkeypatch.setattr(caches["default"], operation, _refuse)

    return refuse


WRITES = ("set", "add", "incr", "set_many")


def _cached_post(client):
    post = make_post(title="Soon withdrawn", slug="withdrawn")
    assert client.get("/updates/withdrawn/").status_code == 200
    assert client.get("/updates/withdrawn/").status_code == 200  # now from the cache
    assert "Soon withdrawn" in client.get("/updates/").text
    return post


def _withdraw(post):
    post.status = Post.Status.DRAFT
    post.save()


def test_a_withdrawn_post_goes_at_once_when_the_cache_refuses_writes(
    client, measure, shared, refuse
):
    post = _cached_post(client)
    refuse(*WRITES)
    _withdraw(post)
    assert client.get("/updates/withdrawn/").status_code == 404
    assert "Soon withdrawn" not in client.get("/updates/").text


def test_a_withdrawn_post_goes_at_once_when_the_cache_refuses_everything_but_reads(
    client, measure, shared, refuse, monkeypatch
):
    post = _cached_post(client)
    refuse(*WRITES, "delete")
    _withdraw(post)
    assert client.get("/updates/withdrawn/").status_code == 404
    assert "Soon withdrawn" not in client.get("/updates/").text
    # Mended: the bump is made, and pages are cached again.
    monkeypatch.undo()
    assert client.get("/updates/").status_code == 200
    assert versions._failed_bump is None
    Post.objects.filter(pk=post.pk).update(title="Changed with no signal")
    assert "Changed with no signal" not in client.get("/updates/").text  # cached


def test_nothing_is_served_from_the_cache_while_the_version_cannot_be_kept(
    client, measure, shared, monkeypatch
):
    # Redis evicting the version (or refusing to store it) as soon as it is made.
    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    client.get("/measures/the-measure/")
    Figure.objects.filter(measure=measure).update(commentary="Rendered afresh.")
    assert "Rendered afresh." in client.get("/measures/the-measure/").text


def test_nothing_is_served_from_the_cache_while_the_version_cannot_be_read(
    client, measure, shared, refuse
):
    client.get("/measures/the-measure/")
    refuse("get_many", "get")
    Figure.objects.filter(measure=measure).update(commentary="Rendered afresh.")
    response = client.get("/measures/the-measure/")
    assert response.status_code == 200
    assert "Rendered afresh." in response.text


def test_without_redis_a_failed_version_change_is_retried_before_the_cache_is_used(
    client, measure, monkeypatch, django_capture_on_commit_callbacks
):
    class Unwritable:
        class objects:  # stands in for the model's manager
            filter = staticmethod(_refuse)

    post = _cached_post(client)
    monkeypatch.setattr(versions, "PublicContentVersion", Unwritable)
    with django_capture_on_commit_callbacks(execute=True):
        _withdraw(post)
    before = PublicContentVersion.objects.values_list("number", flat=True).first()
    monkeypatch.undo()
    assert client.get("/updates/withdrawn/").status_code == 404
    # The retried change reached the database, so every other process sees it.
    assert PublicContentVersion.objects.values_list("number", flat=True).first() != before
