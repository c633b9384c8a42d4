"""Lists of updates that other apps' pages show, so they need not import this app."""

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from sendprogress.core.addresses import address_of
from sendprogress.core.dates import day_month_year
from sendprogress.updates.models import Post

register = template.Library()


@register.inclusion_tag("updates/_latest_updates.html", takes_context=True)
def latest_updates(context, count: int = 3):
    """The newest published updates, with a link to them all."""
    # The request goes along so that short forms are spelt out once a page.
    return {"posts": Post.objects.published()[:count], "request": context.get("request")}


def _time(moment) -> str:
    # What `|date:"c"` and `|date:"j F Y"` give, without the filters' look-up of the format.
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(),
        day_month_year(local),
    )


@register.simple_tag
def post_meta(post):
    """When an update was published (and updated, if it was since) and who
    wrote it: `{% post_meta post %}`. Drawn here rather than by a template so
    a list of updates costs one call each."""
    published = _time(post.published_at) if post.published_at else "Not published yet"
    updated = post.updated_date
    return format_html(
        '<p class="govuk-body-s">\n  {}\n  · {}, {}\n  {}\n</p>',
        published,
        post.author_name,
        post.author_role,
        format_html("<br><strong>Updated on {}</strong>", _time(updated)) if updated else "",
    )


POST = """<li>
  <h2 class="govuk-heading-m"><a class="govuk-link" href="{href}">{title}</a></h2>
  {meta}
  <p class="govuk-body">{summary}</p>
  {areas}
</li>"""


def _areas(post) -> str:
    names = [area.short_title or area.title for area in post.areas.all()]
    if not names:
        return ""
    return format_html('<p class="govuk-body-s">About: {}</p>', ", ".join(names))


@register.simple_tag
def post_items(posts):
    """Each update of a list as its `<li>`: title and link, `post_meta`, summary
    and the short names of its areas (prefetched). Drawn here rather than by the
    template's loop, whose tags cost more than the rest of the updates page."""
    address = address_of("updates:post_detail")
    return format_html_join(
        "\n",
        POST,
        (
            {
                "href": address(post.slug),
                "title": post.title,
                "meta": post_meta(post),
                "summary": post.summary,
                "areas": _areas(post),
            }
            for post in posts
        ),
    )
