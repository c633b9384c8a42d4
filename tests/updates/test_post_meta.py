"""{% post_meta post %} draws what updates/_post_meta.html drew with template
tags, character for character, escaped."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from sendprogress.updates.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db

# The include as it was, before the tag drew it.
AS_IT_WAS = Template(
    '<p class="govuk-body-s">\n'
    "  {% if post.published_at %}<time datetime=\"{{ post.published_at|date:'c' }}\">"
    '{{ post.published_at|date:"j F Y" }}</time>{% else %}Not published yet{% endif %}\n'
    "  · {{ post.author_name }}, {{ post.author_role }}\n"
    "  {% if post.updated_date %}<br><strong>Updated on "
    "<time datetime=\"{{ post.updated_date|date:'c' }}\">"
    '{{ post.updated_date|date:"j F Y" }}</time></strong>{% endif %}\n'
    "</p>\n"
)
NOW = Template('{% include "updates/_post_meta.html" %}')


@pytest.mark.parametrize(
    "fields",
    [
        # 23:30 UTC on 30 June is 1 July in London.
        {"published_at": datetime(2026, 6, 30, 23, 30, tzinfo=UTC)},
        {
            "published_at": datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            "revised_at": datetime(2026, 3, 31, 23, 15, tzinfo=UTC),
        },
        {"status": Post.Status.DRAFT, "published_at": None},
        {"author_name": "<script>alert(1)</script>", "author_role": 'Head of "SEND" & more'},
    ],
)
def test_post_meta_draws_what_the_template_drew(fields):
    post = make_post(**fields)
    context = Context({"post": post})
    html = NOW.render(context)
    assert html == AS_IT_WAS.render(context)
    assert "<script>" not in html
