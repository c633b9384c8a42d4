"""Which local area runs the site, and what to call the site before one is set up.

The site shows one local area (the first, as there is one a site); a new
installation has none until an administrator adds it, and every page, email,
feed and authenticator app must still have a name to show meanwhile.
"""

from typing import Any

from django.apps import apps

DEFAULT_SITE_NAME = "SEND progress"


def local_area() -> Any:
    """The local area that runs the site, or None before one is set up."""
    # Looked up by name rather than imported: the model lives in `plan` for
    # now, which sits above this module; so it is typed Any.
    return apps.get_model("plan", "LocalArea").objects.first()


def site_name(area: Any = None) -> str:
    """The site's name, from `area` (looked up when not given) or the default."""
    area = area or local_area()
    return str(area.site_name) if area else DEFAULT_SITE_NAME


def area_name(area: Any = None) -> str:
    """The local area's own name ("Testshire"), or the site's default name."""
    area = area or local_area()
    return str(area.name) if area else DEFAULT_SITE_NAME


def feed_title(text: str, limit: int = 100) -> str:
    """`text` whole when it fits in `limit` characters, else cut at a word
    boundary with an ellipsis, so no word is cut in half."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"
