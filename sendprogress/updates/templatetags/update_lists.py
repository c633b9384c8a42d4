"""Lists of updates that other apps' pages show, so they need not import this app."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from sendprogress.updates.models import Post

register = template.Library()


@register.inclusion_tag("updates/_latest_updates.html", takes_context=True)
def latest_updates(context, count: int = 3):
    """The newest published updates, with a link to them all."""
    # The request goes along so that short forms are spelt out once a page.
    return {"posts": Post.objects.published()[:count], "request": context.get("request")}


def _time(moment) -> str:
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{}</time>', date_format(local, "c"), date_format(local, "j F Y")
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
