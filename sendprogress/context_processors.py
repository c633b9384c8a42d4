from django.conf import settings

from sendprogress.core.layout import layout_urls
from sendprogress.core.local_area import local_area


def site(request):
    """Who runs the site, for the header, footer and page titles, and the layout's links."""
    return {
        "local_area": local_area(),
        "DEBUG": settings.DEBUG,
        "layout_urls": layout_urls(),
    }
