"""Information pages: the glossary, the privacy notice and the cookies page."""

from django.conf import settings
from django.shortcuts import render

from .models import GlossaryTerm


def glossary(request):
    return render(request, "pages/glossary.html", {"terms": GlossaryTerm.objects.all()})


def privacy(request):
    # From settings, so the notice always says how long feedback is really kept.
    return render(
        request,
        "pages/privacy.html",
        {"feedback_retention_days": settings.FEEDBACK_RETENTION_DAYS},
    )


def cookies(request):
    # Read from settings so the page always names the cookies the site sets.
    return render(
        request,
        "pages/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
        },
    )
