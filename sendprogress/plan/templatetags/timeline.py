"""The journey's timeline, drawn in one tag.

The journey lists every inspection, plan, monitoring event and milestone; an
include with its date filters and three `{% expand %}` tags per step cost more
than the rest of the page. Every value is escaped by `format_html`, and the
prose goes through the page's own `{% expand %}` in the order the page reads
(kind, title, description), so each short form is still spelt out on its first
use on the page.
"""

from django import template
from django.utils.html import format_html, format_html_join

from ...core.dates import day_month_year, month_and_year
from ...pages.templatetags.plain_words import expand

register = template.Library()

STEP = """<li class="app-timeline__item{modifier}">
  <span class="app-timeline__date"><time datetime="{iso}">{when}</time>{planned} · {kind}</span>
  <h3 class="app-timeline__title">{title}</h3>
  {body}
</li>"""


def _step(context, step, upcoming: bool) -> dict:
    on = step.date
    if step.date_is_approximate:
        iso, when = f"{on.year:04d}-{on.month:02d}", month_and_year(on)
    else:
        iso, when = on.isoformat(), day_month_year(on)
    kind = expand(context, step.kind)
    title = expand(context, step.title)
    if step.url:
        title = format_html('<a class="govuk-link" href="{}">{}</a>', step.url, title)
    body = ""
    if step.description:
        body = format_html(
            '<div class="app-timeline__body"><p class="govuk-body">{}</p></div>',
            expand(context, step.description),
        )
    return {
        "modifier": " app-timeline__item--upcoming" if upcoming else "",
        "iso": iso,
        "when": when,
        "planned": " (planned)" if upcoming else "",
        "kind": kind,
        "title": title,
        "body": body,
    }


@register.simple_tag(takes_context=True)
def timeline_items(context, steps, upcoming=False):
    """Each step as the timeline's `<li>`: its date, kind, title (a link where
    it has an address) and description."""
    return format_html_join("\n", STEP, (_step(context, s, upcoming) for s in steps))
