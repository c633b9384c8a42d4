"""The pictures in updates, served one at a time and only when their update is public."""

from django.http import FileResponse
from django.views.decorators.http import require_safe

from sendprogress.accounts.permissions import is_staff, public_else_for_staff
from sendprogress.core.uploads import open_or_404

from ..models import PostImage

# Public pictures may be kept by browsers and proxies, but not for long: a
# withdrawn update's pictures should go with it.
PUBLIC_CACHE = "public, max-age=300"


def may_preview(user) -> bool:
    """Staff who may see updates before they are public (as the preview page asks)."""
    return is_staff(user) and user.has_perm("updates.view_post")


@require_safe
def post_image(request, pk):
    """One picture, as the picture it really is, and never as a page a browser would run.

    The public get the pictures of public updates only. Staff who may preview
    updates get a draft's or a scheduled update's pictures too, once they have
    given the second factor, and those answers are never stored by any cache.
    Anything else is 404 (not 403), so guessing numbers reveals nothing.
    """
    image, staff_only = public_else_for_staff(
        PostImage.objects.public().filter(pk=pk),
        PostImage.objects.filter(pk=pk),
        request.user,
        staff=may_preview(request.user),
    )
    handle = open_or_404(
        image, missing="No such picture.", gone="This picture is no longer available."
    )
    response = FileResponse(
        handle, as_attachment=False, filename=image.filename, content_type=image.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store" if staff_only else PUBLIC_CACHE
    if staff_only:
        response["X-Robots-Tag"] = "noindex"
    return response
