from django.contrib.sitemaps import Sitemap

from .models import Post


class PostSitemap(Sitemap):
    """Published updates only: drafts and scheduled posts are never listed."""

    changefreq = "monthly"

    def items(self):
        return Post.objects.published().order_by("-published_at")

    def lastmod(self, post):
        return post.updated_date or post.published_at
