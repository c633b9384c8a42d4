from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from sendprogress.updates.models import Post
from tests.factories import make_finding, make_measure, make_post

pytestmark = pytest.mark.django_db


def _days_ago(days):
    return timezone.now() - timedelta(days=days)


# The list -----------------------------------------------------------------------


def test_the_list_shows_newest_first(client):
    make_post(title="Older one", published_at=_days_ago(5))
    make_post(title="Newer one", published_at=_days_ago(1))
    html = client.get("/updates/").content.decode()
    assert html.index("Newer one") < html.index("Older one")


def test_the_list_hides_drafts_and_scheduled_posts(client):
    make_post(title="Out now")
    make_post(title="Still a draft", status=Post.Status.DRAFT)
    make_post(title="Coming soon", published_at=timezone.now() + timedelta(days=1))
    html = client.get("/updates/").content.decode()
    assert "Out now" in html
    assert "Still a draft" not in html
    assert "Coming soon" not in html


def test_the_list_is_paginated(client):
    for n in range(12):
        make_post(title=f"Post number {n:02}", published_at=_days_ago(n + 1))
    first = client.get("/updates/").content.decode()
    second = client.get("/updates/?page=2").content.decode()
    assert "Post number 00" in first
    assert "Post number 11" not in first
    assert "Post number 11" in second
    assert "Post number 00" not in second
    assert 'class="govuk-pagination"' in first
    assert 'aria-current="page"' in second


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client):
    make_post(title="Only one")
    response = client.get("/updates/?page=abc")
    assert response.status_code == 200
    assert "Only one" in response.content.decode()


def test_the_list_filters_by_area(client):
    finding = make_finding(title="Plans on time")
    make_post(findings=[finding], title="About plans")
    make_post(title="About something else")
    html = client.get(f"/updates/?finding={finding.slug}").content.decode()
    assert "About plans" in html
    assert "About something else" not in html
    assert f'<option value="{finding.slug}" selected>' in html
    assert "Updates about Plans on time" in html


def test_the_filter_keeps_the_area_in_page_links(client):
    finding = make_finding()
    for n in range(11):
        make_post(findings=[finding], published_at=_days_ago(n + 1))
    html = client.get(f"/updates/?finding={finding.slug}").content.decode()
    assert f"?finding={finding.slug}&amp;page=2" in html


def test_the_list_query_count_does_not_grow_with_posts(
    client, django_assert_num_queries, no_page_cache
):
    finding = make_finding()
    for n in range(3):
        make_post(findings=[finding], published_at=_days_ago(n + 1))
    client.get("/updates/")  # warm up the local area lookup and sessions
    with django_assert_num_queries(5) as few:
        client.get("/updates/")
    for n in range(8):
        make_post(findings=[finding], published_at=_days_ago(n + 10))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/updates/")


# A post ----------------------------------------------------------------------------


def test_a_post_shows_its_date_author_role_and_body(client):
    post = make_post(
        title="A good month",
        body="We **did** it.",
        author_name="Sam Lee",
        author_role="Assistant Director of SEND",
    )
    html = client.get(post.get_absolute_url()).content.decode()
    assert "A good month" in html
    assert "Sam Lee, Assistant Director of SEND" in html
    assert post.published_at.strftime("%Y") in html
    assert "<strong>did</strong>" in html


def test_a_post_links_to_its_areas_and_public_measures(client):
    finding = make_finding(title="Quality of plans")
    measure = make_measure(finding=finding, title="Plans rated good", is_public=True)
    hidden = make_measure(finding=finding, title="Internal measure", is_public=False)
    post = make_post(findings=[finding])
    post.measures.set([measure, hidden])
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'href="{finding.get_absolute_url()}"' in html
    assert f'href="{measure.get_absolute_url()}"' in html
    assert "Internal measure" not in html


def test_a_post_links_to_the_previous_and_next_published_posts(client):
    older = make_post(title="Older", published_at=_days_ago(3))
    middle = make_post(title="Middle", published_at=_days_ago(2))
    make_post(title="Draft between", status=Post.Status.DRAFT)
    newer = make_post(title="Newer", published_at=_days_ago(1))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'href="{older.get_absolute_url()}" rel="prev"' in html
    assert f'href="{newer.get_absolute_url()}" rel="next"' in html
    assert "Draft between" not in html


def test_a_draft_or_scheduled_post_is_not_found(client):
    draft = make_post(status=Post.Status.DRAFT)
    scheduled = make_post(published_at=timezone.now() + timedelta(hours=1))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_the_latest_three_updates_show_on_the_home_page(client):
    for day, title in enumerate(["Oldest news", "Older news", "Old news", "Newest news"]):
        make_post(title=title, published_at=_days_ago(10 - day))
    make_post(title="Draft news", status=Post.Status.DRAFT)
    html = client.get("/").content.decode()
    assert "Latest updates" in html
    for title in ["Newest news", "Old news", "Older news"]:
        assert title in html
    assert "Oldest news" not in html
    assert "Draft news" not in html


# Feeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/updates/feed.atom", "/updates/feed.rss"])
def test_site_feeds_hold_only_published_posts(client, url):
    make_post(title="Published one")
    make_post(title="Draft one", status=Post.Status.DRAFT)
    make_post(title="Scheduled one", published_at=timezone.now() + timedelta(days=1))
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    ElementTree.fromstring(response.content)  # noqa: S314 - our own output, in a test
    assert "Published one" in body
    assert "Draft one" not in body
    assert "Scheduled one" not in body


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_area_feeds_hold_only_that_areas_published_posts(client, kind):
    finding = make_finding()
    make_post(findings=[finding], title="Ours")
    make_post(title="Theirs")
    make_post(findings=[finding], title="Our draft", status=Post.Status.DRAFT)
    body = client.get(f"/updates/findings/{finding.slug}/feed.{kind}").content.decode()
    assert "Ours" in body
    assert "Theirs" not in body
    assert "Our draft" not in body


def test_an_unknown_areas_feed_is_not_found(client):
    assert client.get("/updates/findings/nowhere/feed.atom").status_code == 404


def test_the_list_page_advertises_its_feeds(client):
    html = client.get("/updates/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'type="application/rss+xml"' in html


# Sitemap -----------------------------------------------------------------------------


def test_the_sitemap_lists_public_pages_and_published_posts_only(client):
    finding = make_finding(slug="needs-met")
    hidden = make_measure(finding=finding, code="not-public", is_public=False)
    published = make_post(slug="out-now")
    draft = make_post(slug="a-draft", status=Post.Status.DRAFT)
    scheduled = make_post(slug="later", published_at=timezone.now() + timedelta(days=1))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {loc.text.removeprefix("http://testserver") for loc in root.findall(".//s:loc", ns)}
    assert {"/", "/updates/", "/accessibility/", "/email-updates/"} <= locs
    assert published.get_absolute_url() in locs
    assert draft.get_absolute_url() not in locs
    assert scheduled.get_absolute_url() not in locs
    assert not any(loc.startswith("/updates/preview/") for loc in locs)
    assert not any(loc.startswith("/admin/") for loc in locs)
    assert "/findings/needs-met/" in locs
    assert hidden.get_absolute_url() not in locs


def test_a_draft_never_appears_anywhere_public(client):
    from django.core import mail

    from sendprogress.updates import sending

    from .helpers import make_subscriber

    make_subscriber("reader@example.org")
    finding = make_finding(slug="needs-met")
    make_post(findings=[finding], title="Out in the open")
    draft = make_post(
        status=Post.Status.DRAFT, findings=[finding], title="Hush draft", slug="hush"
    )
    for url in [
        "/",
        "/updates/",
        f"/updates/?finding={finding.slug}",
        finding.get_absolute_url(),
        "/updates/feed.atom",
        "/updates/feed.rss",
        f"/updates/findings/{finding.slug}/feed.atom",
        f"/updates/findings/{finding.slug}/feed.rss",
        "/sitemap.xml",
    ]:
        assert "Hush draft" not in client.get(url).content.decode(), url
        assert "/updates/hush/" not in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404
    sending.queue_due_posts()
    assert not draft.deliveries.exists()
    assert mail.outbox == []


def test_the_post_page_query_count_is_fixed(client, django_assert_num_queries, no_page_cache):
    finding = make_finding()
    post = make_post(findings=[finding], published_at=_days_ago(2))
    post.measures.set([make_measure(finding=finding, is_public=True) for _ in range(3)])
    make_post(published_at=_days_ago(3))
    make_post(published_at=_days_ago(1))
    client.get(post.get_absolute_url())
    with django_assert_num_queries(6):
        client.get(post.get_absolute_url())


def test_an_unknown_area_in_the_address_shows_every_update(client):
    finding = make_finding()
    make_post(findings=[finding], title="About plans")
    make_post(title="About something else")
    response = client.get("/updates/", {"finding": "no-such-area"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "About plans" in html
    assert "About something else" in html
    assert '<h1 class="govuk-heading-xl">Updates</h1>' in html
