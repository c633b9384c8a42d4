from django import template
from django.utils.html import format_html_join

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
    """A published comparator value, or why there is none: "Not available (x)"."""
    if value is None:
        return "Not published"
    if value.value is None:
        return f"{value.missing_reason} ({value.symbol})"
    return figure(value.value, measure)


@register.simple_tag
def chart_points(markers, css_class, title_prefix=""):
    """A chart's dots, each with its label as a tooltip, in one tag rather than a loop:
    a measure of ten years has 120 of them, and the loop cost a fifth of its page."""
    return format_html_join(
        "",
        '<circle class="{}" cx="{}" cy="{}" r="4"><title>{}{}</title></circle>',
        ((css_class, one_place(m.x), one_place(m.y), title_prefix, m.label) for m in markers),
    )
