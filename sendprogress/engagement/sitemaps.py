from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from sendprogress.plan.models import Finding

from .models import YouSaidWeDid


def sitemap_entries():
    """The "You said, we did" page, and each finding's view of it, while they
    have published entries (entries have no address of their own), as
    (path, lastmod, changefreq): the page's lastmod is the local date of the
    newest entry."""
    published = YouSaidWeDid.objects.published()
    newest = published.aggregate(newest=Max("published_at"))["newest"]
    if newest is None:
        return []
    slugs = (
        published.filter(findings__in=Finding.objects.public())
        .order_by("findings__order")
        .values_list("findings__slug", flat=True)
        .distinct()
    )
    address = reverse("engagement:you_said_we_did")
    return [
        (address, timezone.localdate(newest), "monthly"),
        *((f"{address}?finding={slug}", None, "monthly") for slug in dict.fromkeys(slugs)),
    ]
