from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "sendprogress staff"
admin.site.site_title = "sendprogress staff"

urlpatterns = [
    path("", include("sendprogress.plan.urls")),
    path("updates/", include("sendprogress.updates.urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("", include("sendprogress.pages.urls")),
    path("admin/", admin.site.urls),
]
