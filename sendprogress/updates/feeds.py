"""RSS and Atom feeds of published updates, site-wide and per area."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from sendprogress.core.local_area import area_name, site_name
from sendprogress.plan.models import Finding

from .models import Post

ITEMS = 20


def _published():
    return Post.objects.published().prefetch_related(
        Prefetch("areas", queryset=Finding.objects.public().order_by("order"))
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
        return [area.title for area in post.areas.all()]


class PostsAtomFeed(PostsFeed):
    feed_type = Atom1Feed
    subtitle = PostsFeed.description


class AreaPostsFeed(PostsFeed):
    """Newest published updates about one area (RSS 2.0)."""

    def get_object(self, request, slug):
        return get_object_or_404(Finding.objects.public(), slug=slug)

    def title(self, area):
        return f"{site_name()}: updates about {area.title}"

    def link(self, area):
        return reverse("updates:post_list") + f"?area={area.slug}"

    def description(self, area):
        return f"Updates from the local area about {area.title}."

    def items(self, area):
        return _published().for_area(area)[:ITEMS]


class AreaPostsAtomFeed(AreaPostsFeed):
    feed_type = Atom1Feed
    subtitle = AreaPostsFeed.description
