"""sitemap.xml: public pages and published content only.

To list another public page, add its URL name to PUBLIC_PAGES. Content with
its own address (areas, measures, updates) comes from its public QuerySet.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sendprogress.engagement.sitemaps import YouSaidWeDidSitemap
from sendprogress.plan.models import Finding, Measure, Plan
from sendprogress.updates.sitemaps import PostSitemap

PUBLIC_PAGES = [
    "plan:home",
    "plan:measure_list",
    "plan:journey",
    "plan:documents",
    "updates:post_list",
    "email_updates:subscribe",
    "glossary",
    "accessibility",
    "privacy",
    "cookies",
]


class PublicPageSitemap(Sitemap):
    def items(self):
        return PUBLIC_PAGES

    def location(self, name):
        return reverse(name)


class FindingSitemap(Sitemap):
    def items(self):
        return Finding.objects.order_by("order")


class PlanSitemap(Sitemap):
    def items(self):
        return Plan.objects.public().order_by("pk")


class MeasureSitemap(Sitemap):
    def items(self):
        return Measure.objects.public().order_by("code")


SITEMAPS = {
    "pages": PublicPageSitemap,
    "findings": FindingSitemap,
    "plans": PlanSitemap,
    "measures": MeasureSitemap,
    "updates": PostSitemap,
    "you-said-we-did": YouSaidWeDidSitemap,
}
