"""Lists of updates that other apps' pages show, so they need not import this app."""

from django import template

from sendprogress.updates.models import Post

register = template.Library()


@register.inclusion_tag("updates/_latest_updates.html", takes_context=True)
def latest_updates(context, count: int = 3):
    """The newest published updates, with a link to them all."""
    # The request goes along so that short forms are spelt out once a page.
    return {"posts": Post.objects.published()[:count], "request": context.get("request")}
