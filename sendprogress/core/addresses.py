"""Addresses of many objects of one kind, for pages that list thousands."""

import re
from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# What a slug is made of: reverse() leaves these as they are.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def address_of(url_name: str) -> Callable[[str], str]:
    """The path of `url_name` for one slug, as `reverse(url_name, args=[slug])`
    gives it, with the URL conf asked once rather than once per address."""
    before, after = reverse(url_name, args=["slug"]).rsplit("slug", 1)

    def address(slug: str) -> str:
        if SLUG.fullmatch(slug):
            return before + slug + after
        return before + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + after

    return address
