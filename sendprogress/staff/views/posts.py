"""The update editor on the staff pages: write, preview with writing advice, and publish
after a page that says how many subscribers will be emailed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sendprogress.accounts.permissions import StaffAction
from sendprogress.pages.models import GlossaryTerm
from sendprogress.updates import services
from sendprogress.updates.markdown import image_problems, render_markdown
from sendprogress.updates.models import Post, PostImage, Subscriber

from ..plain_english import TARGET_READING_AGE, advise
from ..post_form import PostImageForm, StaffPostForm


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
    posts = Post.objects.with_email_counts().order_by("-updated_at")[:50]
    return render(request, "staff/post_list.html", {"posts": posts})


def _post_form(request, post) -> StaffPostForm:
    return StaffPostForm(
        request.POST if request.method == "POST" else None,
        instance=post,
        user=request.user,
        preview_url=reverse("staff:preview_post"),
    )


def _editor(request, post, form, *, image_form=None, status=200):
    """The editor page, as typed so far, with the post's images and the preview."""
    context = {
        "form": form,
        "post": post,
        "image_form": image_form or PostImageForm(),
        "images": list(post.images.all()) if post.pk else [],
    }
    context |= _preview(form["body"].value() or "")
    return render(request, "staff/post_form.html", context, status=status)


def _as_typed(request, post) -> StaffPostForm:
    """The editor's fields as the author left them, without checking them:
    adding or removing an image saves nothing else, so it has nothing to say
    about the rest yet (Save does that)."""
    if "body" not in request.POST:
        # Not sent from the editor (nothing typed came with it): show the saved update.
        return StaffPostForm(instance=post, preview_url=reverse("staff:preview_post"))
    form = _post_form(request, post)
    form._errors = ErrorDict()
    return form


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_http_methods(["GET", "POST"])
def edit_post(request, pk=None):
    post = get_object_or_404(Post, pk=pk) if pk else Post()
    form = _post_form(request, post)
    context = {"form": form, "post": post}
    action = request.POST.get("action")
    if request.method == "POST" and action == "preview":
        # Without JavaScript the Preview button shows the same preview, nothing saved.
        return _editor(request, post, form)
    if request.method == "POST" and form.is_valid():
        if form.publishes and action != "confirm":
            findings = form.cleaned_data["findings"]
            context["subscribers"] = Subscriber.objects.for_findings(findings).count()
            context["already_emailed"] = post.emails_queued_at is not None
            return render(request, "staff/post_confirm.html", context)
        with transaction.atomic():
            # One transaction, so the emails (queued on commit) see the findings too.
            saved = services.save_post(
                post=form.save(commit=False),
                by=request.user,
                substantial_change=form.cleaned_data.get("substantial_change", False),
            )
            form.save_m2m()
        messages.success(request, f"“{saved.title}” was saved: {saved.get_status_display()}.")
        return redirect("staff:posts")
    return _editor(request, post, form, status=400 if form.errors else 200)


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_POST
def add_post_image(request, pk):
    """Upload a picture from the editor, keeping everything typed in it (nothing is saved
    but the picture), and show the editor again with the Markdown to paste."""
    post = get_object_or_404(Post, pk=pk)
    image_form = PostImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        try:
            image = services.add_post_image(
                post=post,
                upload=image_form.cleaned_data["file"],
                alt_text=image_form.cleaned_data["alt_text"],
                by=request.user,
            )
        except ValidationError as problem:
            # The form checked the same things; this is the service's own check.
            image_form.add_error(None if hasattr(problem, "error_dict") else "file", problem)
        else:
            messages.success(
                request,
                f"The image was added. To show it, copy {image.markdown} into the update "
                "where it should appear.",
            )
            return _editor(request, post, _as_typed(request, post))
    return _editor(request, post, _as_typed(request, post), image_form=image_form, status=400)


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_POST
def remove_post_image(request, pk, image_pk):
    """Remove a picture, unless the update (as typed, or as the public sees it) still shows it."""
    post = get_object_or_404(Post, pk=pk)
    image = get_object_or_404(PostImage, pk=image_pk, post=post)
    form = _as_typed(request, post)
    address = image.get_absolute_url()
    typed = form["body"].value() or ""
    if address in typed or (post.is_public and address in post.body):
        messages.error(
            request,
            f"The update still shows the image “{image.alt_text}”. Take {image.markdown} "
            "out of the update and save it, then remove the image.",
        )
        return _editor(request, post, form, status=400)
    services.remove_post_image(image=image, by=request.user)
    messages.success(request, f"The image “{image.alt_text}” was removed.")
    return _editor(request, post, form)


@login_required
@permission_required(StaffAction.WRITE_POST.permission, raise_exception=True)
@require_POST
def preview_post(request):
    """The live preview and writing advice beside the editor (htmx)."""
    return render(request, "staff/post_form.html#preview", _preview(request.POST.get("body", "")))
