"""The update editor on the staff pages: write, preview with writing advice, and publish
after a page that says how many subscribers will be emailed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction
from sendprogress.pages.models import GlossaryTerm
from sendprogress.updates import services
from sendprogress.updates.markdown import image_problems, render_markdown
from sendprogress.updates.models import Post, Subscriber

from ..plain_english import TARGET_READING_AGE, advise
from ..post_form import StaffPostForm


def _preview(body: str) -> dict:
    return {
        "preview_html": render_markdown(body),
        "problems": image_problems(body),
        "advice": advise(body, glossary=set(GlossaryTerm.objects.short_forms())),
        "target_reading_age": TARGET_READING_AGE,
    }


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
def post_list(request):
    return render(
        request, "staff/post_list.html", {"posts": Post.objects.order_by("-updated_at")[:50]}
    )


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def edit_post(request, pk=None):
    post = get_object_or_404(Post, pk=pk) if pk else Post()
    form = StaffPostForm(
        request.POST if request.method == "POST" else None,
        instance=post,
        user=request.user,
        preview_url=reverse("staff:preview_post"),
    )
    context = {"form": form, "post": post}
    action = request.POST.get("action")
    if request.method == "POST" and action == "preview":
        # Without JavaScript the Preview button shows the same preview, nothing saved.
        context |= _preview(request.POST.get("body", ""))
        return render(request, "staff/post_form.html", context)
    if request.method == "POST" and form.is_valid():
        if form.publishes and action != "confirm":
            areas = form.cleaned_data["areas"]
            context["subscribers"] = Subscriber.objects.for_areas(areas).count()
            context["already_emailed"] = post.emails_queued_at is not None
            return render(request, "staff/post_confirm.html", context)
        with transaction.atomic():
            # One transaction, so the emails (queued on commit) see the areas too.
            saved = services.save_post(
                post=form.save(commit=False),
                by=request.user,
                substantial_change=form.cleaned_data.get("substantial_change", False),
            )
            form.save_m2m()
        messages.success(request, f"“{saved.title}” was saved: {saved.get_status_display()}.")
        return redirect("staff:posts")
    context |= _preview(form["body"].value() or "")
    return render(request, "staff/post_form.html", context, status=400 if form.errors else 200)


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_POST
def preview_post(request):
    """The live preview and writing advice beside the editor (htmx)."""
    return render(request, "staff/post_form.html#preview", _preview(request.POST.get("body", "")))
