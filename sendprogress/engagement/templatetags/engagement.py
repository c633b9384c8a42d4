from django import template

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
    form = FeedbackForm(initial={"page": request.path})
    return {"feedback_form": form, "hidden": False}


@register.simple_tag
def feedback_started():
    """When this form was shown: fresh on every rendering, errors included."""
    return started_stamp()


@register.simple_tag
def header_search_box():
    """The search page's box, bare, for every page's header (its label is hidden there)."""
    form = SearchForm(auto_id="header-search-%s")
    # The header has no room for the hint, so nothing may point at one.
    form.fields["q"].help_text = ""
    form.fields["q"].widget.attrs["class"] = "app-header__search-input"
    return form["q"]
