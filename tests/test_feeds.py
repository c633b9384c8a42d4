"""Every Atom and RSS feed the site offers is one that feed readers accept:
feedparser (the parser most Python feed tools use) reads each without a
complaint and finds the elements the Atom (RFC 4287) and RSS 2.0 specifications
require."""

import feedparser
import pytest
from django.urls import reverse

from sendprogress.plan.models import Finding

pytestmark = pytest.mark.django_db


def _feeds() -> list[str]:
    feeds = [
        reverse("updates:feed_atom"),
        reverse("updates:feed_rss"),
        reverse("engagement:feed_atom"),
        reverse("engagement:feed_rss"),
    ]
    for slug in Finding.objects.public().values_list("slug", flat=True):
        feeds += [
            reverse("updates:finding_feed_atom", args=[slug]),
            reverse("updates:finding_feed_rss", args=[slug]),
        ]
    return feeds


def _parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert parsed.bozo == 0, f"{url}: {parsed.get('bozo_exception')}"
    return parsed


def _check_atom(url, parsed):
    feed = parsed.feed
    for name in ("id", "title", "updated"):
        assert feed.get(name), f"{url}: the feed has no {name}"
    for entry in parsed.entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.get(name), f"{url}: an entry has no {name}"
        # RFC 4287 4.1.1: an author on the feed, or on every entry.
        assert feed.get("author_detail") or entry.get("author_detail"), f"{url}: no author"
    if not parsed.entries:
        assert feed.get("author_detail"), f"{url}: an empty feed still names its author"


def _check_rss(url, parsed):
    feed = parsed.feed
    for name in ("title", "link", "description"):
        assert feed.get(name), f"{url}: the channel has no {name}"
    for item in parsed.entries:
        assert item.get("title") or item.get("description"), f"{url}: an empty item"


def test_every_feed_is_one_feed_readers_accept(client, demo):
    feeds = _feeds()
    assert len(feeds) > 4  # the areas' feeds are there too
    entries = 0
    for url in feeds:
        parsed = _parse(client, url)
        if url.endswith(".atom"):
            assert parsed.version == "atom10", url
            _check_atom(url, parsed)
        else:
            assert parsed.version == "rss20", url
            _check_rss(url, parsed)
        entries += len(parsed.entries)
    assert entries, "the demo's feeds have entries to check"
