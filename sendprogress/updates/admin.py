from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from sendprogress.accounts.permissions import StaffAction
from sendprogress.core.admin_forms import UserFormAdminMixin
from sendprogress.core.fields import SafeChoicesAdminMixin
from sendprogress.history_admin import HistoryAdmin

from . import services
from .forms import PostAdminForm
from .markdown import image_problems, render_markdown
from .models import Delivery, Post, Subscriber


@admin.register(Post)
class PostAdmin(UserFormAdminMixin, SafeChoicesAdminMixin, HistoryAdmin):
    form = PostAdminForm
    change_form_template = "admin/updates/post/change_form.html"
    list_display = ("title", "state_label", "published_at", "author_name")
    list_filter = ("status", "findings")
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("findings", "measures")
    ordering = ("-published_at",)
    readonly_fields = ("staff_preview", "revised_at", "emails_queued_at")

    def view_on_site(self, post):
        # "View on site" for a post not yet public goes to the staff preview.
        return post.get_absolute_url() if post.is_public else post.get_preview_url()

    @admin.display(description="State")
    def state_label(self, post):
        return post.state_label

    @admin.display(description="Preview")
    def staff_preview(self, post):
        if not post.pk:
            return "Save the update first to get a preview address."
        return format_html(
            '<a href="{}">See this update as it will look</a> (staff only, never public)',
            post.get_preview_url(),
        )

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "published_at"]
        if obj is not None and obj.is_public:
            publishing.append("substantial_change")
        return [
            (None, {"fields": ["title", "slug", "summary", "body"]}),
            ("Author", {"fields": ["author_name", "author_role"]}),
            ("What it is about", {"fields": ["findings", "measures"]}),
            (
                "Publishing",
                {
                    "fields": publishing,
                    "description": StaffAction.PUBLISH_POST.refusal,
                },
            ),
            ("Record", {"fields": ["staff_preview", "revised_at", "emails_queued_at"]}),
        ]

    def save_model(self, request, obj, form, change):
        # The form already refused a save the user may not make; the service
        # checks again, so the rule does not depend on the form alone.
        services.save_post(
            post=obj,
            by=request.user,
            substantial_change=form.cleaned_data.get("substantial_change", False),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("add/preview/", preview, name="updates_post_add_preview"),
            path("<path:object_id>/change/preview/", preview, name="updates_post_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        """The rendered body, for the editor's live preview (htmx) or, without
        JavaScript, as a page of its own opened by the Preview button."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        body = request.POST.get("body", "")
        context = {
            **self.admin_site.each_context(request),
            "title": "Preview: " + (request.POST.get("title") or "untitled update"),
            "preview_title": request.POST.get("title", ""),
            "preview_summary": request.POST.get("summary", ""),
            "preview_html": render_markdown(body),
            "problems": image_problems(body),
            "opts": self.model._meta,
        }
        template = "admin/updates/post/preview.html"
        if request.htmx:
            template += "#preview"
        return TemplateResponse(request, template, context)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Read-only: people manage their own subscriptions by email links."""

    list_display = ("email", "created_at", "confirmed_at")
    list_filter = ("findings",)
    search_fields = ("email",)
    fields = ("email", "findings", "created_at", "confirmed_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """What was sent to whom, and anything that failed or was interrupted."""

    list_display = ("post", "subscriber", "status", "claimed_at", "sent_at")
    list_filter = ("status", "post")
    fields = ("post", "subscriber", "status", "claimed_at", "sent_at", "error")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
