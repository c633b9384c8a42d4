"""sitemap.xml, written without Django's sitemap framework: the same XML,
every address escaped, each lastmod the local date the framework gave."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from tests.factories import make_finding, make_post

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _urls(client) -> dict[str, dict[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own output
    return {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): {
            child.tag.split("}")[1]: child.text for child in url
        }
        for url in root.findall("s:url", NS)
    }


def test_a_hostile_slug_is_escaped_in_the_xml(client):
    make_finding(slug="a&b<script>'\"")
    body = client.get("/sitemap.xml").content.decode()
    assert "<script>" not in body
    assert "/findings/a&amp;b%3Cscript%3E&#x27;%22/" in body
    assert "/findings/a&b%3Cscript%3E'%22/" in _urls(client)


def test_an_updates_lastmod_is_the_local_date_it_last_changed_in_substance(client):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    published = make_post(
        slug="late-night", published_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    revised = make_post(
        slug="revised",
        published_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        revised_at=datetime(2026, 4, 2, 10, 0, tzinfo=UTC),
    )
    urls = _urls(client)
    assert urls[published.get_absolute_url()] == {
        "loc": "http://testserver/updates/late-night/",
        "lastmod": "2026-07-01",
        "changefreq": "monthly",
    }
    assert urls[revised.get_absolute_url()]["lastmod"] == "2026-04-02"


def test_it_sends_no_last_modified_header(client):
    make_post()
    assert "Last-Modified" not in client.get("/sitemap.xml").headers


@pytest.mark.parametrize("page", ["2", "0", "x", ""])
def test_there_is_one_page_of_it(client, page):
    assert client.get("/sitemap.xml", {"p": "1"}).status_code == 200
    assert client.get("/sitemap.xml", {"p": page}).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "slug"),
    [
        ("plan:finding_detail", "ehcp-needs"),
        ("plan:measure_detail", "M_01"),
        ("updates:post_detail", "x"),
    ],
)
def test_address_of_gives_what_reverse_gives(url_name, slug):
    from django.urls import reverse

    from sendprogress.core.addresses import address_of

    assert address_of(url_name)(slug) == reverse(url_name, args=[slug])


def test_address_of_quotes_what_is_not_a_slug_as_reverse_would():
    from sendprogress.core.addresses import address_of

    assert address_of("plan:finding_detail")("a b&c/é") == "/findings/a%20b&c/%C3%A9/"


def test_a_you_said_we_did_area_with_a_hostile_slug_is_escaped(client):
    from tests.engagement.factories import make_entry

    make_entry(areas=[make_finding(slug="x&y<z>")])
    body = client.get("/sitemap.xml").content.decode()
    assert "/you-said-we-did/?area=x&amp;y&lt;z&gt;</loc>" in body
    assert "/you-said-we-did/?area=x&y<z>" in _urls(client)
