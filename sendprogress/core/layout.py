"""The links every page's layout carries (header, footer, feeds, feedback form)."""

from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse

# The layout's links on every page, by the name the layout uses for each.
LAYOUT_URLS = {
    "home": "plan:home",
    "measures": "plan:measure_list",
    "journey": "plan:journey",
    "documents": "plan:documents",
    "updates": "updates:post_list",
    "glossary": "glossary",
    "search": "engagement:search",
    "feed_atom": "updates:feed_atom",
    "feed_rss": "updates:feed_rss",
    "accessibility": "accessibility",
    "privacy": "privacy",
    "cookies": "cookies",
    "data_dictionary": "data_dictionary",
    "all_csv": "plan:all_csv",
    "feedback": "engagement:feedback",
    "you_said_we_did": "engagement:you_said_we_did",
}


def layout_urls() -> dict[str, str]:
    """The layout's links (LAYOUT_URLS), for the address the site is served under."""
    return _layout_urls(get_script_prefix(), get_urlconf())


@cache
def _layout_urls(script_prefix: str, urlconf: str | None) -> dict[str, str]:
    # None of these addresses takes an argument, so they change only with the
    # address the site is served under and the URL conf: worked out once for each.
    return {name: reverse(view, urlconf=urlconf) for name, view in LAYOUT_URLS.items()}
