from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import YouSaidWeDid


class YouSaidWeDidSitemap(Sitemap):
    """The "You said, we did" page, and each area's view of it, while they
    have published entries (entries have no address of their own)."""

    changefreq = "monthly"

    def items(self):
        published = YouSaidWeDid.objects.published()
        newest = published.aggregate(newest=Max("published_at"))["newest"]
        if newest is None:
            return []
        slugs = (
            published.filter(areas__isnull=False)
            .order_by("areas__order")
            .values_list("areas__slug", flat=True)
            .distinct()
        )
        return [("", newest), *((slug, None) for slug in dict.fromkeys(slugs))]

    def location(self, item):
        slug, _ = item
        address = reverse("engagement:you_said_we_did")
        return f"{address}?area={slug}" if slug else address

    def lastmod(self, item):
        return item[1]
