from functools import cache, wraps

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from sendprogress.core.layout import layout_urls
from sendprogress.public import is_public

from ..forms import FeedbackForm, SearchForm, started_stamp

register = template.Library()

# The feedback page is itself public, and is nothing but this form.
NOT_ON = {"engagement:feedback"}


@register.inclusion_tag("engagement/_feedback.html", takes_context=True)
def page_feedback(context):
    """The "Is this page useful?" form, on public pages only (never on staff
    pages, error pages or the feedback page itself)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None or not is_public(match.func) or match.view_name in NOT_ON:
        return {"hidden": True}
    return {
        "blank": _blank_feedback(),
        "page": request.path,
        "layout_urls": layout_urls(),
        "hidden": False,
    }


def _once_per_process(draw):
    """`draw`'s HTML, drawn once per process: it depends on the code and templates
    alone, never on the database or the request. Drawn afresh in development, so
    template changes show."""
    cached = cache(draw)

    @wraps(draw)
    def drawn():
        return draw() if settings.DEBUG else cached()

    return drawn


@_once_per_process
def _blank_feedback() -> dict[str, SafeString | str]:
    """The feedback form's fields as every page shows them (unanswered), drawn
    through the same GOV.UK field templates as the form with errors."""
    form = FeedbackForm()
    return {
        "useful": form["useful"].as_field_group(),
        "comment": form["comment"].as_field_group(),
        "website_label": form.fields["website"].label,
    }


@register.simple_tag
def feedback_started():
    """When this form was shown: fresh on every rendering, errors included."""
    return started_stamp()


@register.simple_tag
@_once_per_process
def header_search_box() -> SafeString:
    """The search page's box and its label, bare, for every page's header (its
    label is hidden there)."""
    form = SearchForm(auto_id="header-search-%s")
    # The header has no room for the hint, so nothing may point at one.
    form.fields["q"].help_text = ""
    form.fields["q"].widget.attrs["class"] = "app-header__search-input"
    box = form["q"]
    return format_html(
        '<label class="govuk-visually-hidden" for="{}">{}</label>\n      {}',
        box.id_for_label,
        box.label,
        box,
    )
