from django import template

from ..models import YouSaidWeDid

register = template.Library()

FINDING_ENTRIES = 5


@register.inclusion_tag("engagement/_finding_you_said_we_did.html")
def you_said_we_did_for(finding):
    """A finding's own published entries, newest first: one query."""
    entries = list(YouSaidWeDid.objects.published().for_finding(finding)[: FINDING_ENTRIES + 1])
    return {
        "finding": finding,
        "entries": entries[:FINDING_ENTRIES],
        "more": len(entries) > FINDING_ENTRIES,
    }
