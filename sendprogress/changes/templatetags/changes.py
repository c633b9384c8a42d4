"""The home page's short "What has changed" section, linking to the full page.

A template tag of this app, so the plan's home page shows it without the
plan importing anything above it (tests/test_import_direction.py).
"""

from django import template
from django.utils import timezone

from sendprogress.plan.models import Figure
from sendprogress.updates.models import Post

from ..since import default_since, end_of, last_report

register = template.Library()


@register.inclusion_tag("changes/_home_summary.html")
def what_has_changed_summary():
    """How many measures have new figures and how many updates are new since
    the last progress report: three queries, however much there is."""
    report = last_report()
    since = default_since(report, timezone.localdate())
    after = end_of(since)
    return {
        "report": report,
        "since": since,
        "measures": Figure.objects.public()
        .filter(approved_at__gte=after)
        .values("measure")
        .distinct()
        .count(),
        "posts": Post.objects.published().filter(published_at__gte=after).count(),
    }
