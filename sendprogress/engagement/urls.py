from django.urls import path

from sendprogress.public import public

from . import feeds
from .views import feedback, search, you_said

app_name = "engagement"

urlpatterns = [
    path("search/", public(search.search_page, query=("q", "page")), name="search"),
    path("feedback/", public(feedback.feedback, query=("page",)), name="feedback"),
    path(
        "you-said-we-did/",
        public(you_said.you_said_we_did, query=("finding", "page")),
        name="you_said_we_did",
    ),
    path("you-said-we-did/feed.rss", public(feeds.YouSaidWeDidFeed()), name="feed_rss"),
    path("you-said-we-did/feed.atom", public(feeds.YouSaidWeDidAtomFeed()), name="feed_atom"),
]
