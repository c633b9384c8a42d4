from django import template

from ..charts import format_value

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
