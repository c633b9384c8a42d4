from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from sendprogress.core.dates import month_and_year
from sendprogress.pages.templatetags.plain_words import expand

from ..charts import format_value, one_place

register = template.Library()


@register.filter
def figure(value, measure):
    """A measure's figure with its unit: `{{ m.value|figure:measure }}` gives "45.2%"."""
    return format_value(
        value, unit=measure.unit, places=measure.decimal_places, rate_per=measure.rate_per
    )


@register.filter
def comparator(value, measure):
    """A published comparator value, or why there is none: "Not available (x)".

    A period the imported file did not cover says so: the statistics may well
    have a figure for it, so "not published" would be untrue.
    """
    if value is None:
        return "Not in the imported file"
    if value.value is None:
        return f"{value.missing_reason} ({value.symbol})"
    return figure(value.value, measure)


@register.simple_tag
def chart_points(markers, css_class, title_prefix=""):
    """A chart's dots, each with its label as a tooltip, in one tag rather than a loop:
    a measure of ten years has 120 of them, and the loop cost a fifth of its page.
    Plain string formatting, each label escaped, as format_html_join cost 5 escapes a dot."""
    css_class, title_prefix = conditional_escape(css_class), conditional_escape(title_prefix)
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<circle class="{css_class}" cx="{one_place(m.x)}" cy="{one_place(m.y)}" r="4">'
            f"<title>{title_prefix}{escape(m.label)}</title></circle>"
            for m in markers
        )
    )


COMMENTARY = """
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">{}</dt>
    <dd class="govuk-summary-list__value">{}</dd>
  </div>"""


@register.simple_tag(takes_context=True)
def commentary_rows(context, figures):
    """Each figure's commentary as a row of a summary list, named by its period.

    One tag rather than a loop: a measure of ten years can have 120. Short
    forms are spelt out by `expand`, on first use in the page's order, and
    the commentary is escaped there.
    """
    return mark_safe(  # noqa: S308 - the period is escaped, expand escapes the commentary
        "".join(
            COMMENTARY.format(
                escape(month_and_year(f["period"])), expand(context, f["commentary"])
            )
            for f in figures
        )
    )
