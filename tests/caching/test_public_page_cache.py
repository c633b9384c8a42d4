"""The public page cache: fast for visitors, and never shows what is not public.

Each test changes something the way staff would (the services, the admin's
saves, a glossary edit, the passing of time) and checks the very next
anonymous request shows it.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from sendprogress.accounts.roles import APPROVER, DATA_OFFICER
from sendprogress.caching.backends import RedisCache
from sendprogress.caching.middleware import PublicPageCacheMiddleware
from sendprogress.caching.models import PublicContentVersion
from sendprogress.pages.models import GlossaryTerm
from sendprogress.plan.measures import services
from sendprogress.plan.models import Figure
from sendprogress.updates.models import Post
from tests.factories import (
    make_figure,
    make_finding,
    make_post,
    make_user,
)

pytestmark = pytest.mark.django_db

HIT_QUERIES = 1  # reading the public content version, and nothing else


@pytest.fixture(params=["database", "shared cache"])
def version_store(request, settings):
    """Run a test with the version in the database (local memory cache, one per
    process) and in the cache (as with Redis)."""
    settings.PUBLIC_PAGE_CACHE_SHARED = request.param == "shared cache"
    return request.param


def _submitted(measure, period, value):
    officer = make_user(DATA_OFFICER)
    return make_figure(
        measure=measure,
        period=period,
        value=value,
        status=Figure.Status.SUBMITTED,
        submitted_by=officer,
        submitted_at=timezone.now(),
    )


def test_a_second_visit_is_served_from_the_cache(client, measure, django_assert_num_queries):
    first = client.get("/measures/the-measure/")
    with django_assert_num_queries(HIT_QUERIES):
        second = client.get("/measures/the-measure/")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_with_a_shared_cache_a_hit_makes_no_query(
    client, measure, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SHARED = True
    client.get("/")
    with django_assert_num_queries(0):
        client.get("/")


def test_an_approved_figure_shows_on_the_next_request(
    client, measure, version_store, django_capture_on_commit_callbacks
):
    figure = _submitted(measure, date(2023, 3, 1), "17.25")
    assert "17.2" not in client.get("/measures/the-measure/").content.decode()
    assert "17.2" not in client.get("/measures/the-measure/").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_figure(figure=figure, by=make_user(APPROVER))
    assert "17.2" in client.get("/measures/the-measure/").content.decode()
    assert "17.2" in client.get("/measures/all-measures.csv").content.decode()


def test_a_draft_figure_is_never_shown_or_cached(client, measure, version_store):
    make_figure(
        measure=measure, period=date(2023, 4, 1), value="99.75", status=Figure.Status.DRAFT
    )
    for url in ("/", "/findings/the-area/", "/measures/the-measure/", "/measures/"):
        for _ in range(2):
            assert "99.7" not in client.get(url).content.decode()


def test_a_correction_shows_on_the_next_request(
    client, measure, django_capture_on_commit_callbacks
):
    figure = measure.figures.get()
    client.get("/measures/the-measure/")
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_figure(
            figure=figure,
            by=make_user(APPROVER),
            value=figure.value + 30,
            commentary="Recounted.",
            reason="A mistake in the count",
            commentary_reviewed=True,
        )
    assert "Recounted." in client.get("/measures/the-measure/").content.decode()


def test_staff_are_never_served_a_cached_page(client, measure):
    client.get("/measures/the-measure/")
    # A change that bypasses the signals, so the anonymous copy is now stale.
    Figure.objects.filter(measure=measure).update(commentary="Fresh words for staff.")
    assert "Fresh words" not in client.get("/measures/the-measure/").content.decode()
    client.force_login(make_user(DATA_OFFICER))
    assert "Fresh words" in client.get("/measures/the-measure/").content.decode()


def test_a_signed_in_visit_is_never_stored(client, measure):
    staff = make_user(DATA_OFFICER)
    client.force_login(staff)
    client.get("/measures/the-measure/")
    client.logout()
    Figure.objects.filter(measure=measure).update(commentary="Changed since staff looked.")
    assert "Changed since" in client.get("/measures/the-measure/").content.decode()


def test_a_visitor_with_any_other_cookie_is_not_served_from_the_cache(client, measure):
    client.get("/measures/the-measure/")
    Figure.objects.filter(measure=measure).update(commentary="Seen with a cookie.")
    client.cookies["messages"] = "something"
    assert "Seen with a cookie" in client.get("/measures/the-measure/").content.decode()


def test_a_csrf_cookie_alone_still_gets_the_cached_page(
    client, measure, django_assert_num_queries
):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    with django_assert_num_queries(HIT_QUERIES):
        client.get("/")


def test_editing_a_published_post_shows_on_the_next_request(client, measure, version_store):
    post = make_post(title="First words", slug="news")
    assert "First words" in client.get("/updates/news/").content.decode()
    assert "First words" in client.get("/updates/").content.decode()
    post.title = "Better words"
    post.save()
    for url in ("/updates/news/", "/updates/", "/", "/updates/feed.atom"):
        assert "Better words" in client.get(url).content.decode(), url


def test_withdrawing_a_post_removes_it_on_the_next_request(client, measure, version_store):
    post = make_post(title="Soon withdrawn", slug="withdrawn")
    assert client.get("/updates/withdrawn/").status_code == 200
    assert "Soon withdrawn" in client.get("/updates/").content.decode()
    post.status = Post.Status.DRAFT
    post.save()
    assert client.get("/updates/withdrawn/").status_code == 404
    assert "Soon withdrawn" not in client.get("/updates/").content.decode()
    assert "Soon withdrawn" not in client.get("/sitemap.xml").content.decode()


def test_linking_a_post_to_an_area_shows_on_the_next_request(client, measure):
    post = make_post(title="About the area", slug="about")
    assert "About the area" not in client.get("/findings/the-area/").content.decode()
    post.findings.add(measure.findings.get())  # a many-to-many change only
    assert "About the area" in client.get("/findings/the-area/").content.decode()


def test_a_scheduled_post_shows_when_its_time_comes_with_no_save(client, measure):
    at = timezone.now() + timedelta(hours=1)
    make_post(title="Scheduled news", slug="scheduled", published_at=at)
    with time_machine.travel(at - timedelta(minutes=1), tick=False):
        for url in ("/updates/", "/"):
            for _ in range(2):
                assert "Scheduled news" not in client.get(url).content.decode()
    with time_machine.travel(at + timedelta(seconds=1), tick=False):
        for url in ("/updates/", "/"):
            assert "Scheduled news" in client.get(url).content.decode()


def test_a_glossary_edit_shows_on_the_next_request(client, measure):
    term = GlossaryTerm.objects.create(
        term="Local offer", slug="local-offer", definition="Old words."
    )
    assert "Old words." in client.get("/glossary/").content.decode()
    term.definition = "New words."
    term.save()
    assert "New words." in client.get("/glossary/").content.decode()


def test_a_change_rolled_back_leaves_the_cache_working(client, measure, django_assert_num_queries):
    def save_then_fail():
        with transaction.atomic():
            make_finding(slug="never-saved")
            raise RuntimeError

    client.get("/")
    with pytest.raises(RuntimeError):
        save_then_fail()
    assert "never-saved" not in client.get("/").content.decode()
    with django_assert_num_queries(HIT_QUERIES):
        client.get("/")


def test_htmx_partials_are_cached_apart_from_whole_pages(client, measure):
    whole = client.get("/measures/").content.decode()
    partial = client.get("/measures/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in whole
    assert "<html" not in partial
    assert "<html" in client.get("/measures/").content.decode()
    assert client.get("/measures/", headers={"HX-Request": "true"}).content.decode() == partial


def test_an_unchanged_page_answers_304_to_its_etag(client, measure):
    etag = client.get("/").headers["ETag"]
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304
    make_finding(slug="another")
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_forms_with_csrf_tokens_are_not_cached(client, measure):
    first = client.get("/email-updates/")
    assert first.cookies  # the CSRF cookie
    second = client.get("/email-updates/")
    assert second.cookies


def test_zero_seconds_turns_the_cache_off(client, measure, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/measures/the-measure/")
    Figure.objects.filter(measure=measure).update(commentary="No cache at all.")
    assert "No cache at all." in client.get("/measures/the-measure/").content.decode()


# What is stored -----------------------------------------------------------------


def _through_middleware(make_response, path="/glossary/", **headers):
    calls = []

    def view(request):
        calls.append(request)
        return make_response()

    middleware = PublicPageCacheMiddleware(view)
    factory = RequestFactory()
    first = middleware(factory.get(path, headers=headers))
    second = middleware(factory.get(path, headers=headers))
    return first, second, len(calls)


def test_per_request_headers_are_not_stored(measure):
    def response():
        page = HttpResponse("<p>page</p>")
        page["X-Request-ID"] = "abc-123"
        page["X-Frame-Options"] = "DENY"
        return page

    _, second, views_run = _through_middleware(response)
    assert views_run == 1
    assert "X-Request-ID" not in second
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r.set_cookie("sessionid", "secret"),
        lambda r: r.headers.__setitem__("Vary", "Cookie"),
        lambda r: r.headers.__setitem__("Vary", "Accept-Language"),
        lambda r: r.headers.__setitem__("Cache-Control", "private"),
        lambda r: r.headers.__setitem__("Cache-Control", "no-store"),
        lambda r: setattr(r, "status_code", 404),
    ],
    ids=["sets a cookie", "varies on cookie", "varies otherwise", "private", "no-store", "404"],
)
def test_responses_particular_to_a_request_are_not_stored(measure, spoil):
    def response():
        page = HttpResponse("<p>page</p>")
        spoil(page)
        return page

    _, _, views_run = _through_middleware(response)
    assert views_run == 2


def test_pages_for_staff_addresses_are_never_stored(measure):
    _, _, views_run = _through_middleware(lambda: HttpResponse("x"), path="/staff/")
    assert views_run == 2


def test_the_admin_is_never_stored_wherever_admin_url_puts_it(measure, settings):
    settings.ADMIN_URL = "back-office/"
    _, _, views_run = _through_middleware(lambda: HttpResponse("x"), path="/back-office/")
    assert views_run == 2


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/findings/ehcp-needs/",
        "/measures/",
        "/measures/?finding=ehcp-needs&progress=on-track",
        "/measures/ehcp-20-weeks/",
        "/measures/ehcp-20-weeks/figures.csv",
        "/measures/all-measures.json",
        "/journey/",
        "/documents/",
        "/updates/",
        "/updates/feed.atom",
        "/sitemap.xml",
        "/robots.txt",
        "/glossary/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
    ],
)
def test_every_public_page_is_cached(client, demo, url, django_assert_num_queries):
    """Catches a change that quietly makes a page uncacheable (for example by
    reading the session, which adds Vary: Cookie)."""
    assert client.get(url).status_code == 200
    with django_assert_num_queries(HIT_QUERIES):
        assert client.get(url).status_code == 200


def test_a_post_is_cached(client, demo, django_assert_num_queries):
    url = Post.objects.published().first().get_absolute_url()
    client.get(url)
    with django_assert_num_queries(HIT_QUERIES):
        assert client.get(url).status_code == 200


def test_the_redis_cache_reuses_one_client_per_connection_pool():
    cache = RedisCache("redis://127.0.0.1:1/0", {})  # no server needed: nothing is sent
    client = cache._cache.get_client()
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client


def test_without_redis_the_shared_version_changes_only_once_committed(
    measure, django_capture_on_commit_callbacks
):
    """So a writer never holds the version row's lock, and other processes
    change over exactly when the change is visible to them."""

    def shared_number():
        return PublicContentVersion.objects.values_list("number", flat=True).first()

    before = shared_number()
    with django_capture_on_commit_callbacks(execute=True):
        make_finding(slug="committed-later")
        assert shared_number() == before
    assert shared_number() != before
