"""A new visitor can find email updates from the home page, and a feed reader
pointed at any page finds the feeds."""

import re

import pytest

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">')


def _feeds(response) -> list[tuple[str, str]]:
    head = response.content.decode().split("</head>")[0]
    return sorted(ALTERNATE.findall(head))


def test_home_page_links_to_email_updates(client, demo):
    html = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/email-updates/">Get email updates</a>' in html


@pytest.mark.parametrize("path", ["/", "/measures/", "/journey/", "/glossary/", "/privacy/"])
def test_every_page_announces_the_atom_and_rss_feeds(client, demo, path):
    assert _feeds(client.get(path)) == [
        ("application/atom+xml", "/updates/feed.atom"),
        ("application/rss+xml", "/updates/feed.rss"),
    ]


def test_an_area_updates_list_announces_that_areas_feeds_only(client, demo):
    assert _feeds(client.get("/updates/", {"finding": "outcomes"})) == [
        ("application/atom+xml", "/updates/findings/outcomes/feed.atom"),
        ("application/rss+xml", "/updates/findings/outcomes/feed.rss"),
    ]
