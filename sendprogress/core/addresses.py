"""Addresses of many objects of one kind, for pages that list thousands."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS


def address_of(url_name: str) -> Callable[[str], str]:
    """The path of `url_name` for one slug, as `reverse(url_name, args=[slug])`
    gives it, with the URL conf asked once rather than once per address."""
    before, after = reverse(url_name, args=["slug"]).rsplit("slug", 1)
    return lambda slug: before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + after
