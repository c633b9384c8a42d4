"""The admin site, made one of the staff pages: signing in lands on the staff
home, and every admin page links back to it.

Installed as the default admin site (`StaffAdminConfig`), so every
`admin.site.register` in the apps uses it unchanged.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse


class StaffAdminSite(admin.AdminSite):
    site_header = "sendprogress staff"
    site_title = "sendprogress staff"

    def login(self, request, extra_context=None):
        # Without a page to go back to, or sent from the admin's own index (as
        # typing the admin address does), staff start their day on the staff home.
        wanted = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME))
        if wanted in (None, "", reverse("admin:index", current_app=self.name)):
            extra_context = {**(extra_context or {}), REDIRECT_FIELD_NAME: reverse("staff:home")}
            if request.method == "POST":
                request.POST = request.POST.copy()
                request.POST[REDIRECT_FIELD_NAME] = reverse("staff:home")
        return super().login(request, extra_context)

    def each_context(self, request):
        return super().each_context(request) | {"staff_home_url": reverse("staff:home")}


class StaffAdminConfig(AdminConfig):
    default_site = "sendprogress.staff.admin_site.StaffAdminSite"
