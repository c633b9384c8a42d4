from django import template

from ..models import YouSaidWeDid

register = template.Library()

AREA_ENTRIES = 5


@register.inclusion_tag("engagement/_area_you_said_we_did.html")
def you_said_we_did_for(area):
    """An area's own published entries, newest first: one query."""
    entries = list(YouSaidWeDid.objects.published().for_area(area)[: AREA_ENTRIES + 1])
    return {
        "area": area,
        "entries": entries[:AREA_ENTRIES],
        "more": len(entries) > AREA_ENTRIES,
    }
