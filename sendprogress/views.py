"""The few site-wide pages that belong to no one part of the domain."""

from datetime import date

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

# When the accessibility statement was written and the site last tested.
# Change these when the site is re-tested (at least once a year).
ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 11, 23)
ACCESSIBILITY_LAST_TESTED = date(2026, 11, 23)


def accessibility(request):
    return render(
        request,
        "pages/accessibility.html",
        {
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED,
            "last_tested_on": ACCESSIBILITY_LAST_TESTED,
        },
    )


def robots_txt(request):
    """robots.txt: crawl every public page, never the staff pages or the admin.

    The sitemap address is SITE_URL's when set, else the address asked for.
    """
    site = settings.SITE_URL.rstrip("/") or f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /staff/",
        "Disallow: /two-factor/",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Sitemap: {site}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bench_minimal(request):
    """A short fixed page: the benchmark's measure of Django's own cost per request.

    Routed only when BENCH_MINIMAL_VIEW is on.
    """
    return HttpResponse(
        "<!DOCTYPE html><html lang=en><title>Minimal</title><p>A minimal page.</p></html>"
    )
