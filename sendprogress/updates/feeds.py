"""RSS and Atom feeds of published updates, site-wide and per finding."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sendprogress.core.local_area import area_name, site_name
from sendprogress.plan.models import Finding

from .models import Post

ITEMS = 20


def _published():
    return Post.objects.published().prefetch_related(
        Prefetch("findings", queryset=Finding.objects.public().order_by("order"))
    )


class PostsFeed(Feed):
    """Newest published updates (RSS 2.0)."""

    def title(self):
        return f"{site_name()}: updates"

    def link(self):
        return reverse("updates:post_list")

    def description(self):
        return "Updates from the local area on its work for children with SEND."

    def items(self):
        return _published()[:ITEMS]

    def author_name(self):
        # Atom (RFC 4287) requires an author for the feed, not only its entries.
        return area_name()

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.summary

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_date or post.published_at

    def item_author_name(self, post):
        return f"{post.author_name}, {post.author_role}"

    def item_categories(self, post):
        return [finding.title for finding in post.findings.all()]


class PostsAtomFeed(PostsFeed):
    feed_type = Atom1Feed
    subtitle = PostsFeed.description


class FindingPostsFeed(PostsFeed):
    """Newest published updates about one finding (RSS 2.0)."""

    def get_object(self, request, slug):
        return get_object_or_404(Finding.objects.public(), slug=slug)

    def title(self, finding):
        return f"{site_name()}: updates about {finding.title}"

    def link(self, finding):
        return reverse("updates:post_list") + f"?finding={finding.slug}"

    def description(self, finding):
        return f"Updates from the local area about {finding.title}."

    def items(self, finding):
        return _published().for_finding(finding)[:ITEMS]


class FindingPostsAtomFeed(FindingPostsFeed):
    feed_type = Atom1Feed
    subtitle = FindingPostsFeed.description


def old_area_feed_address(request, slug, name):
    """`/updates/areas/<slug>/feed.rss|.atom`, a finding's feed before findings
    had their own name: feed readers move to the new address for good."""
    return redirect(name, slug=slug, permanent=True)
