"""`{% expand text %}` spells out short forms on first use on the page;
`{% explained "SEND" %}` records that the template text has already done so."""

from django import template

from ..acronyms import Acronyms
from ..models import GlossaryTerm

register = template.Library()


def _for_page(context) -> Acronyms:
    # One Acronyms per request, so "first use" means first on this page,
    # across the page template and everything it includes.
    request = context.get("request")
    acronyms = getattr(request, "_acronyms", None)
    if acronyms is None:
        acronyms = Acronyms(GlossaryTerm.objects.short_forms())
        if request is not None:
            request._acronyms = acronyms
    return acronyms


@register.simple_tag(takes_context=True)
def expand(context, text):
    return _for_page(context).expand(text)


@register.simple_tag(takes_context=True)
def explained(context, *short_forms):
    _for_page(context).mark_explained(*short_forms)
    return ""
