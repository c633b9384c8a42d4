from django.urls import path

from . import downloads, views

app_name = "plan"

urlpatterns = [
    path("", views.home, name="home"),
    path("findings/<slug:slug>/", views.finding_detail, name="finding_detail"),
    path("areas/<slug:slug>/", views.area_redirect, name="area_redirect"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/all-measures.csv", downloads.all_csv, name="all_csv"),
    path("measures/all-measures.json", downloads.all_json, name="all_json"),
    path("measures/<slug:code>/", views.measure_detail, name="measure_detail"),
    path("measures/<slug:code>/figures.csv", downloads.measure_csv, name="measure_csv"),
    path("measures/<slug:code>/figures.json", downloads.measure_json, name="measure_json"),
    path("journey/", views.journey, name="journey"),
    path("documents/", views.documents, name="documents"),
    path("evidence/<int:pk>/download/", downloads.evidence_download, name="evidence_download"),
]
