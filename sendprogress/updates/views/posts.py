"""The public updates pages, and the staff preview of a post not yet public."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from sendprogress.plan.models import Finding, Measure
from sendprogress.public import paged

from ..forms import PostFilterForm
from ..models import Post

PER_PAGE = 10


def _with_related(posts):
    # Only what the page shows of each: a link and a title.
    return posts.prefetch_related(
        Prefetch(
            "findings",
            queryset=Finding.objects.public().only("slug", "title").order_by("order"),
        ),
        Prefetch(
            "measures", queryset=Measure.objects.public().only("code", "title").order_by("code")
        ),
    )


def post_list(request):
    findings, chosen = Finding.objects.public().filter_choices(request.GET.get("finding"))
    # Each post's title, summary, date and author, and its findings' names: no bodies.
    findings_named = Finding.objects.public().only("title", "short_title").order_by("order")
    posts = (
        Post.objects.published()
        .defer("body")
        .prefetch_related(Prefetch("findings", queryset=findings_named))
    )
    if chosen:
        posts = posts.for_finding(chosen)
    page = paged(request, posts, per_page=PER_PAGE, finding=chosen.slug if chosen else None)
    return render(
        request,
        "updates/post_list.html",
        {
            "page": page,
            "posts": page.object_list,
            "filter_form": PostFilterForm(
                initial={"finding": chosen.slug if chosen else ""}, findings=findings
            ),
            "chosen_finding": chosen,
        },
    )


def post_detail(request, slug):
    post = get_object_or_404(_with_related(Post.objects.published()), slug=slug)
    # The links either side name the post and go to it: nothing else is read.
    public = Post.objects.published().only("slug", "title", "published_at")
    return render(
        request,
        "updates/post_detail.html",
        {
            "post": post,
            "previous_post": public.filter(published_at__lt=post.published_at)
            .order_by("-published_at")
            .first(),
            "next_post": public.filter(published_at__gt=post.published_at)
            .order_by("published_at")
            .first(),
        },
    )


@staff_member_required
def post_preview(request, pk):
    """A post as it will look, at its own address, for staff only.

    Never cached anywhere and never indexed, whatever state the post is in.
    """
    if not request.user.has_perm("updates.view_post"):
        raise PermissionDenied
    post = get_object_or_404(_with_related(Post.objects.all()), pk=pk)
    response = render(request, "updates/post_detail.html", {"post": post, "is_preview": True})
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
