from django import template

from ..charts import format_value

register = template.Library()


@register.filter
def figure(value, kpi):
    """A measure's figure with its unit: `{{ m.value|figure:kpi }}` gives "45.2%"."""
    return format_value(value, unit=kpi.unit, places=kpi.decimal_places, rate_per=kpi.rate_per)
