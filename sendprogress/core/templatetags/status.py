from functools import lru_cache
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def status_tag(status: Any, choices: type[Any] | None = None, *, wide: bool = False) -> SafeString:
    """A status as a GOV.UK tag: `{% status_tag measure.progress %}`.

    A model field stores the plain value, so name its enum too:
    `{% status_tag action.status action.Status %}`. `wide=True` lets a long
    label (an inspection outcome) run the width of the text.
    """
    if choices is not None:
        status = choices(status)
    return _tag(status, wide)


@lru_cache(maxsize=256)
def _tag(status: Any, wide: bool) -> SafeString:
    # Drawn once per process for each status: the markup depends on nothing but the
    # status's label and colour (its key here), and lists of 100 rows draw the same few
    # tags again and again. Bounded, as an outcome without a framework's tag is named
    # by its stored label.
    classes = f"govuk-tag govuk-tag--{status.colour}"
    if wide:
        classes += " app-tag--wide"
    return format_html('<strong class="{}">{}</strong>', classes, status.label)
