from django.utils import timezone

from sendprogress.core.addresses import address_of

from .models import Post, updated_date


def sitemap_entries():
    """Published updates only (drafts and scheduled posts are never listed),
    newest first, as (path, lastmod, changefreq): lastmod is the local date of
    the last change in substance (`Post.updated_date`), else of publishing."""
    post = address_of("updates:post_detail")
    rows = (
        Post.objects.published()
        .order_by("-published_at")
        .values_list("slug", "published_at", "revised_at")
    )
    here = timezone.get_current_timezone()
    for slug, published_at, revised_at in rows:
        changed = updated_date(published_at, revised_at) or published_at
        yield post(slug), changed.astimezone(here).date(), "monthly"
