from django.urls import path

from sendprogress.public import public

from . import feeds
from .views import images, posts

app_name = "updates"

# Feeds have a dot in their address, which a post's slug cannot, so they
# never clash with a post.
urlpatterns = [
    path("", public(posts.post_list, query=("area", "page")), name="post_list"),
    path("feed.rss", public(feeds.PostsFeed()), name="feed_rss"),
    path("feed.atom", public(feeds.PostsAtomFeed()), name="feed_atom"),
    path("areas/<slug:slug>/feed.rss", public(feeds.AreaPostsFeed()), name="area_feed_rss"),
    path("areas/<slug:slug>/feed.atom", public(feeds.AreaPostsAtomFeed()), name="area_feed_atom"),
    path("preview/<int:pk>/", posts.post_preview, name="post_preview"),
    # Drafts' pictures answer signed-in staff only: the view decides, as for evidence.
    path("images/<int:pk>/", public(images.post_image), name="post_image"),
    path("<slug:slug>/", public(posts.post_detail), name="post_detail"),
]
