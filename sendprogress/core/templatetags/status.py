from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def status_tag(status, choices=None, *, wide=False):
    """A status as a GOV.UK tag: `{% status_tag measure.progress %}`.

    A model field stores the plain value, so name its enum too:
    `{% status_tag action.status action.Status %}`. `wide=True` lets a long
    label (an inspection outcome) run the width of the text.
    """
    if choices is not None:
        status = choices(status)
    classes = f"govuk-tag govuk-tag--{status.colour}"
    if wide:
        classes += " app-tag--wide"
    return format_html('<strong class="{}">{}</strong>', classes, status.label)
