"""`{% expand text %}` spells out short forms on first use on the page;
`{% explain text %}` does that too, and links the first use of each other
glossary word to its entry (only where a link may go: not inside a link or a
heading); `{% explained "SEND" %}` records that the template text has already
done so."""

from django import template
from django.urls import reverse

from ..acronyms import Acronyms
from ..models import GlossaryTerm

register = template.Library()


def _for_page(context) -> Acronyms:
    # One Acronyms per request, so "first use" means first on this page,
    # across the page template and everything it includes.
    request = context.get("request")
    acronyms = getattr(request, "_acronyms", None)
    if acronyms is None:
        short_forms, words = GlossaryTerm.objects.for_pages()
        glossary = reverse("glossary")
        acronyms = Acronyms(
            short_forms, words={term: f"{glossary}#{slug}" for term, slug in words.items()}
        )
        if request is not None:
            request._acronyms = acronyms
    return acronyms


@register.simple_tag(takes_context=True)
def expand(context, text):
    return _for_page(context).expand(text)


@register.simple_tag(takes_context=True)
def explain(context, text):
    return _for_page(context).explain(text)


@register.simple_tag(takes_context=True)
def explained(context, *short_forms):
    _for_page(context).mark_explained(*short_forms)
    return ""
