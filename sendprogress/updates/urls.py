from django.urls import path

from sendprogress.public import public

from . import feeds
from .views import images, posts

app_name = "updates"

# Feeds have a dot in their address, which a post's slug cannot, so they
# never clash with a post.
urlpatterns = [
    path("", public(posts.post_list, query=("finding", "page")), name="post_list"),
    path("feed.rss", public(feeds.PostsFeed()), name="feed_rss"),
    path("feed.atom", public(feeds.PostsAtomFeed()), name="feed_atom"),
    path(
        "findings/<slug:slug>/feed.rss",
        public(feeds.FindingPostsFeed()),
        name="finding_feed_rss",
    ),
    path(
        "findings/<slug:slug>/feed.atom",
        public(feeds.FindingPostsAtomFeed()),
        name="finding_feed_atom",
    ),
    # The feeds' addresses before findings had their own name: moved for good.
    path(
        "areas/<slug:slug>/feed.rss",
        public(feeds.old_area_feed_address),
        {"name": "updates:finding_feed_rss"},
        name="old_area_feed_rss",
    ),
    path(
        "areas/<slug:slug>/feed.atom",
        public(feeds.old_area_feed_address),
        {"name": "updates:finding_feed_atom"},
        name="old_area_feed_atom",
    ),
    path("preview/<int:pk>/", posts.post_preview, name="post_preview"),
    # Drafts' pictures answer signed-in staff only: the view decides, as for evidence.
    path("images/<int:pk>/", public(images.post_image), name="post_image"),
    path("<slug:slug>/", public(posts.post_detail), name="post_detail"),
]
