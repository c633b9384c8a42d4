from django.urls import path

from . import views
from .downloads import evidence_download

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area_detail, name="area_detail"),
    path("measures/<slug:code>/", views.kpi_detail, name="kpi_detail"),
    path("evidence/<int:pk>/download/", evidence_download, name="evidence_download"),
]
