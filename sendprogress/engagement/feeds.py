"""RSS and Atom feeds of published "You said, we did" entries."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sendprogress.core.local_area import area_name, feed_title, site_name

from .views.you_said import published_entries

ITEMS = 20


class YouSaidWeDidFeed(Feed):
    def title(self):
        return f"{site_name()}: you said, we did"

    def link(self):
        return reverse("engagement:you_said_we_did")

    def author_name(self):
        # Atom (RFC 4287) requires an author for the feed.
        return area_name()

    def description(self):
        return "What families told us, and what we did about it."

    def items(self):
        return published_entries()[:ITEMS]

    def item_title(self, entry):
        return feed_title(f"You said: {entry.you_said}")

    def item_description(self, entry):
        return f"You said: {entry.you_said}\n\nWe did: {entry.we_did}"

    def item_link(self, entry):
        return entry.get_absolute_url()

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return max(entry.updated_at, entry.published_at)

    def item_categories(self, entry):
        return [finding.title for finding in entry.findings.all()]


class YouSaidWeDidAtomFeed(YouSaidWeDidFeed):
    feed_type = Atom1Feed
    subtitle = YouSaidWeDidFeed.description
