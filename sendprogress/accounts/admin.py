from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group

from sendprogress.core.fields import SafeChoicesAdminMixin

from .models import User


@admin.register(User)
class UserAdmin(SafeChoicesAdminMixin, BaseUserAdmin):
    list_display = ("username", "get_full_name", "is_staff", "is_active")


# Roles are groups; Django's own admin for them, with choices that cannot fail.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SafeChoicesAdminMixin, BaseGroupAdmin):
    pass
