from django.conf import settings

from sendprogress.plan.models import LocalArea


def site(request):
    """Who runs the site, for the header, footer and page titles."""
    return {
        "local_area": LocalArea.objects.first(),
        "DEBUG": settings.DEBUG,
    }
