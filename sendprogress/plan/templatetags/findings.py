from django import template
from django.utils.html import format_html, format_html_join

from sendprogress.core.addresses import address_of
from sendprogress.core.dates import month_and_year
from sendprogress.core.templatetags.status import status_tag
from sendprogress.pages.templatetags.plain_words import expand

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
        month_and_year(judgement.inspection.date),
    )


FINDING = """<li class="app-area-list__item">
    <span class="govuk-caption-m">{kind}</span>
    <h3 class="govuk-heading-m"><a class="govuk-link" href="{href}">{title}</a></h3>
    <p class="govuk-body">{status}</p>
    {progress}
  </li>"""


def _progress(finding) -> str:
    if not finding.public_measures:
        return ""
    summary = finding.summary_of_progress
    return format_html(
        '<p class="govuk-body"><strong>Progress:</strong> {}{}{}.</p>',
        summary.sentence,
        f", {summary.off_track} off track" if summary.off_track else "",
        f", {summary.at_risk} at risk" if summary.at_risk else "",
    )


@register.simple_tag(takes_context=True)
def finding_items(context, findings, progress=False):
    """Each finding of the home page's lists as its `<li>`: kind, title (through
    the page's `{% expand %}`, in page order), `judgement_status` and, with
    `progress`, the summary of its measures' progress (`public_measures`,
    `summary_of_progress`). One tag rather than a loop of tags per finding."""
    link = address_of("plan:finding_detail")
    return format_html_join(
        "\n  ",
        FINDING,
        (
            {
                "kind": f.kind_label,
                "href": link(f.slug),
                "title": expand(context, f.title),
                "status": judgement_status(f),
                "progress": _progress(f) if progress else "",
            }
            for f in findings
        ),
    )
