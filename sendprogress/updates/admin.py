from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Post


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ("title", "status", "published_at", "author_name")
    list_filter = ("status", "areas")
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("areas", "kpis")
    ordering = ("-published_at",)
