from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("On the public site", {"fields": ("public_name", "job_title")}),
    )
    list_display = ("username", "get_full_name", "job_title", "is_staff", "is_active")
