from collections.abc import Iterator
from typing import Any

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def page_links(page: Page[Any]) -> Iterator[str | int]:
    """The page numbers to link to: the ends, this page and one either side, with gaps between.

    A gap is `page.paginator.ELLIPSIS`.
    """
    return page.paginator.get_elided_page_range(page.number, on_each_side=1)
