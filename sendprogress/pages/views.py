"""Information pages: glossary, accessibility, privacy and cookies."""

from datetime import date

from django.conf import settings
from django.shortcuts import render

from .models import GlossaryTerm

# When the accessibility statement was written and the site last tested.
# Change these when the site is re-tested (at least once a year).
ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 11, 23)
ACCESSIBILITY_LAST_TESTED = date(2026, 11, 23)


def glossary(request):
    return render(request, "pages/glossary.html", {"terms": GlossaryTerm.objects.all()})


def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
            "last_tested_on": ACCESSIBILITY_LAST_TESTED,
        },
    )


def privacy(request):
    return render(request, "pages/privacy.html")


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
