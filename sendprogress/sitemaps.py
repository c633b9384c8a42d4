"""sitemap.xml: public pages and published content only.

To list another public page, add its URL name to PUBLIC_PAGES. Content with
its own address (findings, plans, measures, reports, updates) comes from its
public QuerySet, read as plain values, and each app with addresses of its own
says which in a `sitemap_entries()` function, with the local date each page
last changed (`lastmod`) from public, approved content only.

The XML is written here, every address escaped, rather than by Django's
sitemap framework: with thousands of updates, building a model instance,
reversing a URL and running the framework's template for each address was
nearly all of the page's cost. The output is the framework's: `lastmod` as a
date, and no `Last-Modified` header (the public pages have no date, so the
framework would send none).
"""

import re
from collections.abc import Iterable
from datetime import date
from html import escape

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone

from sendprogress.core.addresses import address_of
from sendprogress.engagement.sitemaps import sitemap_entries as you_said_we_did_entries
from sendprogress.plan.sitemaps import sitemap_entries as plan_entries
from sendprogress.reports.models import ProgressReport
from sendprogress.updates.sitemaps import sitemap_entries as update_entries

PUBLIC_PAGES = [
    "plan:home",
    "plan:measure_list",
    "plan:journey",
    "plan:documents",
    "changes:what_has_changed",
    "reports:list",
    "data_dictionary",
    "updates:post_list",
    "email_updates:subscribe",
    "glossary",
    "accessibility",
    "privacy",
    "cookies",
]

# One address in the sitemap: its path, the date it last changed (or None)
# and how often it changes ("" to leave it out).
Entry = tuple[str, date | None, str]

START = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
END = "\n</urlset>\n"
# A path with nothing to escape in XML, as most are: escaping only the others
# saves a third of the time with thousands of addresses.
PLAIN = re.compile(r"[-\w/.~:@?=%]*", re.ASCII)


def _entries() -> Iterable[Entry]:
    for name in PUBLIC_PAGES:
        yield reverse(name), None, ""
    yield from plan_entries()
    report = address_of("reports:detail")
    # A published report never changes: its date is the day it was published.
    for as_at, published_at in (
        ProgressReport.objects.published().order_by("as_at").values_list("as_at", "published_at")
    ):
        yield report(as_at.isoformat()), published_at and timezone.localdate(published_at), ""
    yield from update_entries()
    yield from you_said_we_did_entries()


def sitemap(request):
    # The framework's paging: one page of up to 50,000 addresses, so any
    # other `?p=` is not found.
    try:
        if int(request.GET.get("p", 1)) != 1:
            raise Http404("No such page of the sitemap")
    except ValueError:
        raise Http404("No such page of the sitemap") from None
    site = escape(f"{request.scheme}://{request.get_host()}")
    urls = []
    for path, lastmod, changefreq in _entries():
        url = f"<url><loc>{site}{path if PLAIN.fullmatch(path) else escape(path)}</loc>"
        if lastmod:
            url += f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>"
        if changefreq:
            url += f"<changefreq>{changefreq}</changefreq>"
        urls.append(url + "</url>")
    response = HttpResponse(START + "".join(urls) + END, content_type="application/xml")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
