"""Search cannot be used to slow the site (security issue 22, item 5).

Before: every search worked out every update's search vector afresh (seconds
on a large site), ran as long as it liked, and any client could run as many
as it wanted; the htmx part of /search/ did not say it varies on HX-Request.
"""

import pytest
from django.db import connection
from django.test import Client

from sendprogress.engagement import search as site_search
from sendprogress.updates.models import Post
from tests.factories import make_post

from .factories import make_entry

pytestmark = pytest.mark.django_db

TOO_MANY = "You have searched this site a lot in the last hour"
TOO_SLOW = "Your search took too long, so we stopped it"


@pytest.fixture
def three_searches_an_hour(settings):
    settings.SEARCH_LIMIT_PER_CLIENT = 3


def test_the_htmx_part_and_the_whole_page_say_they_differ_by_hx_request(client, site):
    make_entry(you_said="Ramps at the centre")
    part = client.get("/search/", {"q": "ramps"}, headers={"HX-Request": "true"})
    whole = client.get("/search/", {"q": "ramps"})
    assert "HX-Request" in part["Vary"]
    assert "HX-Request" in whole["Vary"]
    assert "<header" not in part.content.decode()
    assert "<header" in whole.content.decode()


def test_a_client_that_searches_too_often_gets_a_polite_429(client, site, three_searches_an_hour):
    make_entry(you_said="Ramps at the centre")
    for word in ("ramps", "centre", "buses"):
        assert client.get("/search/", {"q": word}).status_code == 200
    response = client.get("/search/", {"q": "ramps centre"})
    html = response.content.decode()
    assert response.status_code == 429
    assert TOO_MANY in html
    assert "<title>Search not available" in html
    assert 'href="/measures/"' in html  # somewhere else to go
    assert "app-search-result" not in html
    assert "no-store" in response["Cache-Control"]
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77").get("/search/", {"q": "ramps centre"})
    assert other.status_code == 200
    assert "1 result for “ramps centre”" in other.content.decode()


def test_with_htmx_a_refused_search_loads_the_whole_page_that_says_so(
    client, site, three_searches_an_hour
):
    for word in ("ramps", "centre", "buses"):
        client.get("/search/", {"q": word})
    response = client.get("/search/", {"q": "trains"}, headers={"HX-Request": "true"})
    assert response.status_code == 429
    # htmx does not show a 429, so it is told to load the page itself.
    assert response["HX-Redirect"] == "/search/?q=trains"


def test_an_empty_search_and_a_page_from_the_cache_use_none_of_the_allowance(
    client, site, three_searches_an_hour
):
    for _ in range(5):
        assert client.get("/search/").status_code == 200
        assert client.get("/search/", {"q": "ramps"}).status_code == 200  # cached after one
    assert client.get("/search/", {"q": "centre"}).status_code == 200
    assert client.get("/search/", {"q": "buses"}).status_code == 200
    assert client.get("/search/", {"q": "trains"}).status_code == 429


def _slow_query() -> str:
    """A condition that keeps the database busy for a while, on either database."""
    if connection.vendor == "postgresql":
        return "EXISTS (SELECT pg_sleep(1))"
    return (
        "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000)"
        " SELECT count(*) FROM c) > 0"
    )


@pytest.fixture
def a_slow_kind(monkeypatch):
    slow = site_search.Kind(
        "Update",
        # Our own fixed SQL, nothing from the request.
        lambda: Post.objects.published().extra(where=[_slow_query()]),  # noqa: S610
        "title",
        ("summary", "body"),
        lambda post: post.get_absolute_url(),
    )
    monkeypatch.setattr(site_search, "KINDS", (*site_search.KINDS, slow))


def test_a_search_that_takes_too_long_is_stopped_with_a_polite_message(
    client, site, settings, a_slow_kind, no_page_cache
):
    settings.SEARCH_TIMEOUT_MS = 100
    make_post(title="Transport news", summary="Buses.", body="Buses.")
    response = client.get("/search/", {"q": "buses"})
    assert response.status_code == 503
    html = response.content.decode()
    assert TOO_SLOW in html
    assert "no-store" in response["Cache-Control"]
    # The connection is fine afterwards: the next search answers.
    settings.SEARCH_TIMEOUT_MS = 2000
    site_search.KINDS = site_search.KINDS[:-1]
    assert client.get("/search/", {"q": "buses"}).status_code == 200


def test_an_update_is_found_by_the_words_it_has_now(client, site, no_page_cache):
    post = make_post(title="Transport news", summary="About buses.", body="Buses were late.")
    assert "Transport news" in client.get("/search/", {"q": "buses"}).content.decode()
    post.body = "Trains were late."
    post.summary = "About trains."
    post.save()
    assert "Transport news" not in client.get("/search/", {"q": "buses"}).content.decode()
    assert "Transport news" in client.get("/search/", {"q": "trains"}).content.decode()


def test_on_postgresql_updates_are_searched_through_their_index(site):
    """SQLite has no full-text index and searches the text itself (the fallback)."""
    with connection.cursor() as cursor:
        columns = [
            c.name for c in connection.introspection.get_table_description(cursor, "updates_post")
        ]
    if connection.vendor != "postgresql":
        assert "search_vector" not in columns
        return
    assert "search_vector" in columns
    for n in range(200):
        make_post(title=f"Post {n}", summary="About buses.", body="Buses were late. " * 50)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM updates_post "
            "WHERE search_vector @@ websearch_to_tsquery('english', 'zebra')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "updates_post_search_vector" in plan
