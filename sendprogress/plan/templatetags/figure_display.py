from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..measures.charts import one_place

register = template.Library()


@register.filter
def figure(value, measure):
    """A measure's figure with its unit: `{{ figure.value|figure:measure }}` gives "45.2%"."""
    return measure.format(value)


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


# A dot's radius. The approved figures' dots have a white edge (2 wide) and the
# plan's milestones a coloured ring (2.5 wide), so at one radius a figure looks a
# size smaller; with a line through them that reads, but a lone figure has no
# line, so it is drawn larger than a milestone's ring: 7 - 1 >= 4 + 1.25.
POINT_RADIUS = 4
LONE_POINT_RADIUS = 7


@register.simple_tag
def chart_points(markers, css_class, title_prefix="", lone_larger=False):
    """A chart's dots, each with its label as a tooltip, in one tag rather than a loop:
    a measure of ten years has 120 of them, and the loop cost a fifth of its page.
    Plain string formatting, each label escaped, as format_html_join cost 5 escapes a dot.
    With `lone_larger`, a series of one dot (no line to show it) is drawn larger."""
    css_class, title_prefix = conditional_escape(css_class), conditional_escape(title_prefix)
    r = LONE_POINT_RADIUS if lone_larger and len(markers) == 1 else POINT_RADIUS
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<circle class="{css_class}" cx="{one_place(m.x)}" cy="{one_place(m.y)}" r="{r}">'
            f"<title>{title_prefix}{escape(m.label)}</title></circle>"
            for m in markers
        )
    )
