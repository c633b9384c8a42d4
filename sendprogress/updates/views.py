from django.shortcuts import get_object_or_404, render

from .models import Post


def post_list(request):
    return render(
        request,
        "updates/post_list.html",
        {"posts": Post.objects.published().prefetch_related("areas")},
    )


def post_detail(request, slug):
    post = get_object_or_404(Post.objects.published().prefetch_related("areas"), slug=slug)
    return render(request, "updates/post_detail.html", {"post": post})
