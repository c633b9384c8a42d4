from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

from sendprogress.core.templatetags.status import status_tag

register = template.Library()


@register.simple_tag
def judgement_status(finding):
    """A finding's status as a tag, then whether it is still worked on, from
    which inspection: `{% judgement_status finding %}`. Drawn here rather
    than by a template so a list of findings costs one call each."""
    tag = status_tag(finding.status, wide=True)
    judgement = finding.latest_judgement
    if judgement is None:
        return tag
    return format_html(
        '{}\n<span class="govuk-body-s">{} ({}, {})</span>',
        tag,
        "Still being worked on" if judgement.still_monitored else "No longer monitored",
        judgement.inspection.title,
        date_format(judgement.inspection.date, "F Y"),
    )
