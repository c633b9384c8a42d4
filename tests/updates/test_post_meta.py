"""updates/_post_meta.html: when an update was published (and changed), in
London time, and who wrote it, escaped."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from sendprogress.updates.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db

META = Template('{% include "updates/_post_meta.html" %}')


def _meta(**fields) -> str:
    return META.render(Context({"post": make_post(**fields)}))


def test_it_gives_the_day_in_london():
    # 23:30 UTC on 30 June is 1 July in London.
    html = _meta(published_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert '<time datetime="2026-07-01T00:30:00+01:00">1 July 2026</time>' in html
    assert "Updated on" not in html


def test_it_says_when_it_was_changed_since():
    html = _meta(
        published_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        revised_at=datetime(2026, 3, 31, 23, 15, tzinfo=UTC),
    )
    assert '<time datetime="2026-01-05T09:00:00+00:00">5 January 2026</time>' in html
    assert (
        '<br><strong>Updated on <time datetime="2026-04-01T00:15:00+01:00">1 April 2026</time>'
        in html
    )


def test_a_draft_says_it_is_not_published_yet():
    assert "Not published yet" in _meta(status=Post.Status.DRAFT, published_at=None)


def test_the_author_is_escaped():
    html = _meta(author_name="<script>alert(1)</script>", author_role='Head of "SEND" & more')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;, Head of &quot;SEND&quot; &amp; more" in html
