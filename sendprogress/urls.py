from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views
from .api.dictionary import data_dictionary
from .public import public
from .sitemaps import sitemap

# A 503 while the database is unreachable, else a 500; neither shows any detail.
handler500 = "sendprogress.errors.server_error"
# A refusal in the site's look, saying what the person's role can do instead.
handler403 = "sendprogress.accounts.views.permission_denied"

urlpatterns = [
    path("", include("sendprogress.plan.urls")),
    path("updates/", include("sendprogress.updates.urls")),
    path("email-updates/", include("sendprogress.updates.email_urls")),
    path("sitemap.xml", public(sitemap), name="sitemap"),
    path("robots.txt", public(views.robots_txt), name="robots_txt"),
    path("api/v1/", include("sendprogress.api.urls")),
    path("embed/", include("sendprogress.embeds.urls")),
    path("data/", public(data_dictionary), name="data_dictionary"),
    path("reports/", include("sendprogress.reports.urls")),
    path("what-has-changed/", include("sendprogress.changes.urls")),
    path("staff/reports/", include("sendprogress.reports.staff_urls")),
    path("staff/feedback/", include("sendprogress.engagement.staff_urls")),
    path("staff/", include("sendprogress.staff.urls")),
    path("two-factor/", include("sendprogress.security.urls")),
    path("accessibility/", public(views.accessibility), name="accessibility"),
    path("", include("sendprogress.pages.urls")),
    path("", include("sendprogress.engagement.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.BENCH_MINIMAL_VIEW:
    urlpatterns.append(path("_bench/minimal/", public(views.bench_minimal)))
